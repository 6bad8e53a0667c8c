package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// producersScreen (Chủ thể) lists the producers with their products count.
type producersScreen struct {
	u      *ui
	view   fyne.CanvasObject
	search *widget.Entry
	footer *widget.Label
	list   *listTable
	all    []data.ProducerRow
	rows   []data.ProducerRow
}

func newProducersScreen(u *ui) *producersScreen {
	p := &producersScreen{u: u}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.L("Tìm theo tên chủ thể, người đại diện, xã, điện thoại…"))
	p.search.OnChanged = func(string) { p.applyFilter() }
	p.footer = widget.NewLabel("")
	p.list = newListTable([]tableColumn{
		{lang.L("Tên chủ thể"), 280}, {lang.L("Loại hình"), 170}, {lang.L("Xã, phường"), 120},
		{lang.L("Địa chỉ"), 300}, {lang.L("Người đại diện"), 170}, {lang.L("Điện thoại"), 120}, {lang.L("Số SP"), 70},
	}, func() int { return len(p.rows) }, func(row, col int) tableCell {
		r := p.rows[row]
		return tableCell{text: []string{r.Name, r.TypeName, r.Commune, r.Address, r.Representative, r.Phone,
			strconv.Itoa(r.Products)}[col], bold: col == 0}
	})
	p.list.onSort = func(col int, desc bool) {
		key := func(r data.ProducerRow) string {
			if col == 6 {
				return strconv.Itoa(100000 + r.Products)
			}
			return string(data.SortKeyVI([]string{r.Name, r.TypeName, r.Commune, r.Address, r.Representative, r.Phone}[col]))
		}
		sortBy(p.all, key, desc)
		p.applyFilter()
	}
	top := container.NewVBox(heading(lang.L("Chủ thể OCOP")), p.search)
	p.view = container.NewBorder(top, p.footer, nil, nil, p.list.table)
	return p
}

func (p *producersScreen) refresh() {
	background(p.u, p.u.store.Producers, func(rows []data.ProducerRow) {
		p.all = rows
		p.applyFilter()
	})
}

func (p *producersScreen) applyFilter() {
	q := data.Fold(p.search.Text)
	p.rows = p.rows[:0]
	for _, r := range p.all {
		if data.MatchesAll(data.Fold(r.Name+" "+r.Representative+" "+r.Commune+" "+r.Phone+" "+r.Address), q) {
			p.rows = append(p.rows, r)
		}
	}
	p.footer.SetText(lang.L("{{.N}} / {{.M}} chủ thể", map[string]any{"N": len(p.rows), "M": len(p.all)}))
	p.list.table.Refresh()
}
