package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// productsScreen is the product list (Sản phẩm): every product with its
// latest certification, searched as you type, filtered and sorted.
type productsScreen struct {
	u      *ui
	view   fyne.CanvasObject
	search *widget.Entry
	status *widget.Select
	footer *widget.Label
	list   *listTable

	all  []data.ProductRow // every product, in the current sort order
	rows []data.ProductRow // what the table shows
	gen  int               // drops results of superseded searches
	want int64             // product to select once loaded (from the overview)
}

const (
	colName = iota
	colProducer
	colCommune
	colSet
	colStars
	colScore
	colStatus
	colValidUntil
	colDecision
	colDecided
)

func newProductsScreen(u *ui) *productsScreen {
	p := &productsScreen{u: u}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.L("Tìm theo tên sản phẩm, chủ thể, xã, số quyết định… (Ctrl+F)"))
	p.search.OnChanged = func(string) { p.applyFilter() }
	statusNames := []string{lang.L("Mọi tình trạng")}
	for _, s := range data.Statuses {
		statusNames = append(statusNames, lang.L(s.Label()))
	}
	p.status = widget.NewSelect(statusNames, nil)
	p.status.SetSelectedIndex(0)
	p.status.OnChanged = func(string) { p.applyFilter() }
	p.footer = widget.NewLabel("")
	p.list = newListTable([]tableColumn{
		{lang.L("Tên sản phẩm"), 215}, {lang.L("Chủ thể"), 205}, {lang.L("Xã, phường"), 105}, {lang.L("Bộ"), 55},
		{lang.L("Hạng"), 64}, {lang.L("Điểm"), 62}, {lang.L("Tình trạng"), 156}, {lang.L("Hết hạn"), 96},
		{lang.L("Số quyết định"), 122}, {lang.L("Ngày QĐ"), 96},
	}, func() int { return len(p.rows) }, p.cell)
	p.list.onSort = func(int, bool) { p.resort() }
	export := widget.NewButtonWithIcon(lang.L("Xuất Excel…"), theme.DocumentSaveIcon(), u.exportProducts)
	// A fixed width keeps the filter's longest choice readable.
	statusBox := container.NewGridWrap(fyne.NewSize(180, p.status.MinSize().Height), p.status)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(statusBox, export), p.search)
	top := container.NewVBox(heading(lang.L("Sản phẩm OCOP")), bar)
	p.view = container.NewBorder(top, p.footer, nil, nil, p.list.table)
	return p
}

func (p *productsScreen) cell(row, col int) tableCell {
	r := p.rows[row]
	switch col {
	case colName:
		return tableCell{text: r.Name, bold: true}
	case colProducer:
		return tableCell{text: r.Producer}
	case colCommune:
		return tableCell{text: r.Commune}
	case colSet:
		return tableCell{text: r.SetCode}
	case colStars:
		return tableCell{text: starsText(r.Stars)}
	case colScore:
		if r.HasScore {
			return tableCell{text: r.Score.VI()}
		}
	case colDecision:
		return tableCell{text: r.DecisionNo}
	case colDecided:
		return tableCell{text: data.VNDate(r.DecisionDate)}
	case colValidUntil:
		return tableCell{text: data.VNDate(r.ValidUntil), importance: statusImportance(r.Status)}
	case colStatus:
		return tableCell{text: lang.L(r.Status.Label()), icon: statusIcon(r.Status), importance: statusImportance(r.Status)}
	}
	return tableCell{}
}

// statusIcon and statusImportance make expiring and expired rows stand out
// by an icon and a word as well as a colour.
func statusIcon(s data.Status) fyne.Resource {
	switch s {
	case data.StatusValid:
		return theme.ConfirmIcon()
	case data.StatusExpiring:
		return theme.WarningIcon()
	case data.StatusExpired:
		return theme.ErrorIcon()
	}
	return theme.QuestionIcon()
}

func statusImportance(s data.Status) widget.Importance {
	switch s {
	case data.StatusExpiring:
		return widget.WarningImportance
	case data.StatusExpired:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// refresh reloads every product from the store, off the UI thread.
func (p *productsScreen) refresh() {
	background(p.u, func(ctx context.Context) ([]data.ProductRow, error) {
		rows, err := p.u.store.Products(ctx, data.ProductQuery{AsOf: p.u.now()})
		if err == nil {
			sortProductRows(rows, p.list.sortCol, p.list.sortDesc)
		}
		return rows, err
	}, func(rows []data.ProductRow) {
		p.all = rows
		p.applyFilter()
	})
}

// resort sorts every product by the chosen column, then filters again.
func (p *productsScreen) resort() {
	all, col, desc := p.all, p.list.sortCol, p.list.sortDesc
	background(p.u, func(context.Context) ([]data.ProductRow, error) {
		sorted := append([]data.ProductRow(nil), all...)
		sortProductRows(sorted, col, desc)
		return sorted, nil
	}, func(rows []data.ProductRow) {
		p.all = rows
		p.applyFilter()
	})
}

func (p *productsScreen) filter() data.ProductFilter {
	f := data.ProductFilter{Search: p.search.Text}
	if i := p.status.SelectedIndex(); i > 0 {
		f.Status = data.Statuses[i-1]
	}
	return f
}

// applyFilter shows the products matching the search box and filters. It
// runs off the UI thread; a newer keystroke supersedes an older search.
func (p *productsScreen) applyFilter() {
	p.gen++
	gen, all, f := p.gen, p.all, p.filter()
	goBackground(func() {
		rows := data.FilterProducts(all, f)
		doUI(func() {
			if gen != p.gen {
				return
			}
			p.rows = rows
			p.list.selected = -1
			p.list.table.UnselectAll()
			p.footer.SetText(lang.L("{{.N}} / {{.M}} sản phẩm", map[string]any{"N": len(rows), "M": len(all)}))
			p.list.table.Refresh()
			if p.want != 0 {
				p.selectProduct(p.want)
			}
		})
	})
}

// openProduct shows the product list with product id selected.
func (p *productsScreen) openProduct(id int64) {
	p.want = id
	p.search.SetText("")
	p.status.SetSelectedIndex(0)
	p.u.show(screenProducts)
}

func (p *productsScreen) selectProduct(id int64) {
	for i, r := range p.rows {
		if r.ID == id {
			p.want = 0
			p.list.selectRow(i)
			return
		}
	}
}

// sortProductRows orders rows by column col (Vietnamese order for text),
// or leaves the store's order when col is negative.
func sortProductRows(rows []data.ProductRow, col int, desc bool) {
	if col < 0 {
		return
	}
	key := func(r data.ProductRow) string {
		switch col {
		case colName:
			return string(data.SortKeyVI(r.Name))
		case colProducer:
			return string(data.SortKeyVI(r.Producer))
		case colCommune:
			return string(data.SortKeyVI(r.Commune))
		case colSet:
			return r.SetCode
		case colStars:
			return strconv.Itoa(r.Stars)
		case colScore:
			return strconv.Itoa(10000 + int(r.Score))
		case colDecision:
			return string(data.SortKeyVI(r.DecisionNo))
		case colDecided:
			return data.ISODate(r.DecisionDate)
		case colValidUntil:
			return data.ISODate(r.ValidUntil)
		default:
			return strconv.Itoa(statusRank(r.Status))
		}
	}
	sortBy(rows, key, desc)
}

func statusRank(s data.Status) int {
	for i, x := range data.Statuses {
		if x == s {
			return i
		}
	}
	return len(data.Statuses)
}
