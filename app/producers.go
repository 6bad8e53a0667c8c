package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// producersScreen (Chủ thể) lists the producers with their products count.
type producersScreen struct {
	u      *ui
	view   fyne.CanvasObject
	search *textEntry
	footer *widget.Label
	list   *listTable
	all    []data.ProducerRow
	rows   []data.ProducerRow
}

func newProducersScreen(u *ui) *producersScreen {
	p := &producersScreen{u: u}
	p.search = newTextEntry(u)
	p.search.SetPlaceHolder(lang.L("Tìm theo tên chủ thể, người đại diện, xã, điện thoại… (Ctrl+F)"))
	p.search.OnChanged = func(string) { p.applyFilter() }
	p.footer = widget.NewLabel("")
	p.list = newListTable([]tableColumn{
		// The address, often long, comes last: what is cut off at the window's edge is the least needed.
		{lang.L("Tên chủ thể"), 270}, {lang.L("Loại hình"), 150}, {lang.L("Xã, phường"), 115},
		{lang.L("Người đại diện"), 165}, {lang.L("Điện thoại"), 125}, {lang.L("Số SP"), 60}, {lang.L("Địa chỉ"), 320},
	}, func() int { return len(p.rows) }, func(row, col int) tableCell {
		r := p.rows[row]
		return tableCell{text: []string{r.Name, r.TypeName, r.Commune, r.Representative, r.Phone,
			strconv.Itoa(r.Products), r.Address}[col], bold: col == 0}
	})
	p.list.onSort = func(col int, desc bool) {
		key := func(r data.ProducerRow) string {
			if col == 5 {
				return strconv.Itoa(100000 + r.Products)
			}
			return string(viet.SortKey([]string{r.Name, r.TypeName, r.Commune, r.Representative, r.Phone, "", r.Address}[col]))
		}
		sortBy(p.all, key, desc)
		p.applyFilter()
	}
	p.list.onOpen = p.open
	p.list.onDelete = func(row int) {
		if row >= 0 && row < len(p.rows) && !u.modalOpen() {
			u.deleteProducer(p.rows[row].ID, p.rows[row].Name)
		}
	}
	add := widget.NewButtonWithIcon(lang.L("Thêm (Ctrl+N)"), theme.ContentAddIcon(), p.add)
	add.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("Mở (Enter)"), theme.DocumentCreateIcon(), func() { p.open(p.list.selected) })
	del := widget.NewButtonWithIcon(lang.L("Xóa (Delete)"), theme.DeleteIcon(), func() { p.list.onDelete(p.list.selected) })
	trash := widget.NewButtonWithIcon(lang.L("Thùng rác"), theme.ContentRemoveIcon(), u.showTrash)
	u.editOnly(add, del)
	p.list.rowButtons = []*widget.Button{open, del}
	p.list.updateRowButtons()
	actions := container.NewHBox(add, open, del, trash)
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Chủ thể OCOP")), actions), p.search)
	p.view = container.NewBorder(top, p.footer, nil, nil, p.list.view)
	return p
}

// add opens the form for a new producer.
func (p *producersScreen) add() {
	if !p.u.modalOpen() {
		p.u.openProducerForm(0, nil)
	}
}

func (p *producersScreen) open(row int) {
	if row >= 0 && row < len(p.rows) && !p.u.modalOpen() {
		p.u.openProducerForm(p.rows[row].ID, nil)
	}
}

// deleteProducer asks and moves the producer to the trash. One that still
// has products is not offered for deletion: the user is told why, with a
// way to see them.
func (u *ui) deleteProducer(id int64, name string) {
	background(u, func(ctx context.Context) ([]string, error) {
		rows, err := u.store.Products(ctx, data.ProductQuery{AsOf: u.now()})
		var names []string
		for _, r := range rows {
			if r.ProducerID == id {
				names = append(names, r.Name)
			}
		}
		return names, err
	}, func(products []string) {
		if len(products) > 0 {
			u.explainInUse(id, &data.InUseError{Producer: name, Products: products})
			return
		}
		u.confirmDelete(trashRef{data.EntityProducer, id}, lang.L("chủ thể «{{.Name}}»", map[string]any{"Name": name}),
			tr("Đã xóa chủ thể «{{.Name}}»", map[string]any{"Name": name}),
			func(ctx context.Context) error {
				// A product may have been added meanwhile (another window): the store refuses then.
				err := u.store.DeleteProducer(ctx, id)
				var inUse *data.InUseError
				if errors.As(err, &inUse) {
					doUI(func() { u.explainInUse(id, inUse) })
					return errShown
				}
				return err
			},
			func(ctx context.Context) error { return u.store.RestoreProducer(ctx, id) })
	})
}

// explainInUse says why a producer cannot be deleted and offers its products.
func (u *ui) explainInUse(id int64, e *data.InUseError) {
	msg := lang.L("Không thể xóa chủ thể «{{.Name}}» vì còn {{.N}} sản phẩm: {{.List}}.\n\nHãy xóa các sản phẩm này, hoặc chuyển chúng sang chủ thể khác, rồi xóa chủ thể.",
		map[string]any{"Name": e.Producer, "N": len(e.Products), "List": joinShort(e.Products, 5)})
	d := dialog.NewConfirm(lang.L("Chủ thể còn sản phẩm"), msg, func(show bool) {
		if show {
			u.openProducerForm(id, nil)
		}
	}, u.win)
	d.SetConfirmText(lang.L("Xem các sản phẩm"))
	d.SetDismissText(lang.L("Đóng"))
	u.showConfirm(d)
}

// joinShort lists up to n names, then "và N sản phẩm khác".
func joinShort(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + lang.L(" và {{.N}} sản phẩm khác", map[string]any{"N": len(names) - n})
}

func (p *producersScreen) refresh() {
	background(p.u, p.u.store.Producers, func(rows []data.ProducerRow) {
		p.all = rows
		p.applyFilter()
	})
}

func (p *producersScreen) applyFilter() {
	q := viet.Fold(p.search.Text)
	p.rows = p.rows[:0]
	for _, r := range p.all {
		if viet.MatchesAll(viet.Fold(r.Name+" "+r.Representative+" "+r.Commune+" "+r.Phone+" "+r.Address), q) {
			p.rows = append(p.rows, r)
		}
	}
	p.footer.SetText(lang.L("{{.N}} / {{.M}} chủ thể", map[string]any{"N": len(p.rows), "M": len(p.all)}))
	p.list.clearSelection()
	p.list.table.Refresh()
}
