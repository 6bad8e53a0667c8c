package app

import (
	"context"
	"image/color"

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
	search *textEntry
	status *widget.Select
	footer *widget.Label
	list   *listTable

	commune, group, stars, kind *widget.Select
	communeIDs                  []int64  // parallel to commune's options after the first
	groupCodes, kindCodes       []string // likewise
	editBtn, deleteBtn          *widget.Button
	filtersReady                bool

	all     []data.ProductRow   // every product, in the current sort order
	finder  *data.ProductSearch // searches all as the user types
	rows    data.ProductView    // what the table shows
	gen     int                 // drops results of superseded searches
	loadGen int                 // drops results of superseded loads and sorts
	want    int64               // product to select once loaded (from the overview)
}

// The list's columns are data's sort columns, in the same order.
const (
	colName       = int(data.SortName)
	colProducer   = int(data.SortProducer)
	colCommune    = int(data.SortCommune)
	colSet        = int(data.SortSet)
	colStars      = int(data.SortStars)
	colScore      = int(data.SortScore)
	colStatus     = int(data.SortStatus)
	colValidUntil = int(data.SortValidUntil)
	colDecision   = int(data.SortDecision)
	colDecided    = int(data.SortDecided)
)

func newProductsScreen(u *ui) *productsScreen {
	p := &productsScreen{u: u}
	p.search = newTextEntry(u)
	p.search.SetPlaceHolder(lang.L("Tìm theo tên sản phẩm, chủ thể, xã, số quyết định… (Ctrl+F)"))
	p.search.OnChanged = func(string) { p.applyFilter() }
	statusNames := []string{lang.L("Mọi tình trạng")}
	for _, s := range data.Statuses {
		statusNames = append(statusNames, lang.L(s.Label()))
	}
	p.status = newSelect(statusNames, nil)
	p.status.SetSelectedIndex(0)
	p.status.OnChanged = func(string) { p.applyFilter() }
	starNames := []string{lang.L("Mọi hạng sao")}
	for i := 1; i <= 5; i++ {
		starNames = append(starNames, starsText(i))
	}
	p.stars = newSelect(starNames, func(string) { p.applyFilter() })
	p.stars.SetSelectedIndex(0)
	p.commune = newSelect([]string{lang.L("Mọi xã, phường")}, func(string) { p.applyFilter() })
	p.commune.SetSelectedIndex(0)
	p.group = newSelect([]string{lang.L("Mọi ngành")}, func(string) { p.applyFilter() })
	p.group.SetSelectedIndex(0)
	p.kind = newSelect([]string{lang.L("Mọi loại hình")}, func(string) { p.applyFilter() })
	p.kind.SetSelectedIndex(0)
	clear := widget.NewButtonWithIcon(lang.L("Bỏ lọc"), theme.ContentClearIcon(), p.clearFilters)
	p.footer = widget.NewLabel("")
	p.list = newListTable([]tableColumn{
		{lang.L("Tên sản phẩm"), 215}, {lang.L("Chủ thể"), 205}, {lang.L("Xã, phường"), 105}, {lang.L("Bộ"), 55},
		{lang.L("Hạng"), 64}, {lang.L("Điểm"), 62}, {lang.L("Tình trạng"), 156}, {lang.L("Hết hạn"), 96},
		{lang.L("Số quyết định"), 122}, {lang.L("Ngày QĐ"), 96},
	}, func() int { return p.rows.Len() }, p.cell)
	p.list.onSort = func(int, bool) { p.resort() }
	p.list.rowTint = func(row int) color.Color { return statusTint(p.rows.At(row).Status) }
	p.list.onOpen = p.open
	p.list.onDelete = p.deleteRow
	add := widget.NewButtonWithIcon(lang.L("Thêm (Ctrl+N)"), theme.ContentAddIcon(), p.add)
	add.Importance = widget.HighImportance
	p.editBtn = widget.NewButtonWithIcon(lang.L("Mở (Enter)"), theme.DocumentCreateIcon(), func() { p.open(p.list.selected) })
	p.deleteBtn = widget.NewButtonWithIcon(lang.L("Xóa (Delete)"), theme.DeleteIcon(), func() { p.deleteRow(p.list.selected) })
	trash := widget.NewButtonWithIcon(lang.L("Thùng rác"), theme.ContentRemoveIcon(), u.showTrash)
	export := widget.NewButtonWithIcon(lang.L("Xuất Excel…"), theme.DocumentSaveIcon(), u.exportProducts)
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập…"), theme.UploadIcon(), u.importProducts)
	p.list.rowButtons = []*widget.Button{p.editBtn, p.deleteBtn}
	p.list.updateRowButtons()
	// The filters share the width, so a narrow window shortens their text
	// rather than hiding the last ones off its edge.
	filters := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Lọc:")), clear,
		container.NewGridWithColumns(5, p.commune, p.group, p.stars, p.status, p.kind))
	u.editOnly(add, p.deleteBtn, importBtn)
	// The buttons have a row of their own under the title and search: on
	// a 1024-pixel screen they did not fit beside the title.
	actions := container.NewHBox(add, p.editBtn, p.deleteBtn, trash, importBtn, export)
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Sản phẩm OCOP")), nil, p.search),
		actions, filters)
	p.view = container.NewBorder(top, p.footer, nil, nil, p.list.view)
	return p
}

// add opens the form for a new product.
func (p *productsScreen) add() { p.u.openProductForm(0, 0) }

// open opens the product of row in its form.
func (p *productsScreen) open(row int) {
	if row >= 0 && row < p.rows.Len() {
		p.u.openProductForm(p.rows.At(row).ID, 0)
	}
}

func (p *productsScreen) deleteRow(row int) {
	if row >= 0 && row < p.rows.Len() && !p.u.modalOpen() {
		r := p.rows.At(row)
		p.u.deleteProduct(r.ID, r.Name)
	}
}

// deleteProduct asks, moves the product to the trash and offers undo.
func (u *ui) deleteProduct(id int64, name string) {
	u.confirmDelete(trashRef{data.EntityProduct, id}, lang.L("sản phẩm «{{.Name}}» cùng lịch sử công nhận của nó", map[string]any{"Name": name}),
		tr("Đã xóa sản phẩm «{{.Name}}»", map[string]any{"Name": name}),
		func(ctx context.Context) error { return u.store.DeleteProduct(ctx, id) },
		func(ctx context.Context) error { return u.store.RestoreProduct(ctx, id) })
}

func (p *productsScreen) clearFilters() {
	for _, s := range []*widget.Select{p.commune, p.group, p.stars, p.status, p.kind} {
		s.SetSelectedIndex(0)
	}
	p.search.SetText("")
}

// filterChoices are the options of the list's filters.
type filterChoices struct {
	communes []data.Commune
	classes  []data.Class
	types    []data.ProducerType
}

// setChoices fills the filters' options, keeping what was chosen.
func (p *productsScreen) setChoices(c filterChoices) {
	keep := func(s *widget.Select, names []string) {
		was := s.Selected
		s.Options = names
		s.SetSelectedIndex(0)
		for i, n := range names {
			if n == was {
				s.SetSelectedIndex(i)
			}
		}
	}
	names := []string{lang.L("Mọi xã, phường")}
	p.communeIDs = nil
	for _, cm := range coveredFirst(c.communes) {
		names = append(names, cm.Name)
		p.communeIDs = append(p.communeIDs, cm.ID)
	}
	keep(p.commune, names)
	names = []string{lang.L("Mọi ngành")}
	p.groupCodes = nil
	for _, cl := range c.classes {
		if cl.Parent == "" { // groups, and tourism (VI), a set with no group above it
			names = append(names, cl.Code+". "+cl.Name)
			p.groupCodes = append(p.groupCodes, cl.Code)
		}
	}
	keep(p.group, names)
	names = []string{lang.L("Mọi loại hình")}
	p.kindCodes = nil
	for _, t := range c.types {
		names = append(names, t.Name)
		p.kindCodes = append(p.kindCodes, t.Code)
	}
	keep(p.kind, names)
	p.filtersReady = true
}

func (p *productsScreen) cell(row, col int) tableCell {
	r := p.rows.At(row)
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

// statusTint is the faint background of expiring and expired rows.
func statusTint(s data.Status) color.Color {
	switch s {
	case data.StatusExpiring:
		return expiringTint
	case data.StatusExpired:
		return expiredTint
	}
	return color.Transparent
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
	type loaded struct {
		rows    []data.ProductRow
		choices filterChoices
	}
	col, desc, needChoices := p.list.sortCol, p.list.sortDesc, !p.filtersReady
	p.loadGen++
	gen := p.loadGen
	background(p.u, func(ctx context.Context) (loaded, error) {
		var l loaded
		var err error
		if needChoices {
			if l.choices.communes, err = p.u.store.Communes(ctx); err != nil {
				return l, err
			}
			if l.choices.classes, err = p.u.store.Classification(ctx); err != nil {
				return l, err
			}
			if l.choices.types, err = p.u.store.ProducerTypes(ctx); err != nil {
				return l, err
			}
		}
		l.rows, err = p.u.store.Products(ctx, data.ProductQuery{AsOf: p.u.now()})
		if err == nil {
			sortProductRows(l.rows, col, desc)
		}
		return l, err
	}, func(l loaded) {
		if needChoices {
			p.setChoices(l.choices)
		}
		if gen != p.loadGen {
			return // a newer reload or sort is on its way
		}
		p.setAll(l.rows)
		p.applyFilter()
	})
}

// setAll keeps every product in the order shown and starts searching them.
func (p *productsScreen) setAll(rows []data.ProductRow) {
	p.all = rows
	p.finder = data.NewProductSearch(rows)
}

// resort sorts every product by the chosen column, then filters again.
// It reloads (from the store's cache, so quickly) rather than sorting the
// rows in hand, so that a sort and a reload can never overtake each other.
func (p *productsScreen) resort() { p.refresh() }

func (p *productsScreen) filter() data.ProductFilter {
	f := data.ProductFilter{Search: p.search.Text}
	if i := p.status.SelectedIndex(); i > 0 {
		f.Status = data.Statuses[i-1]
	}
	if i := p.commune.SelectedIndex(); i > 0 && i <= len(p.communeIDs) {
		f.CommuneID = p.communeIDs[i-1]
	}
	if i := p.group.SelectedIndex(); i > 0 && i <= len(p.groupCodes) {
		f.Group = p.groupCodes[i-1]
	}
	if i := p.kind.SelectedIndex(); i > 0 && i <= len(p.kindCodes) {
		f.ProducerType = p.kindCodes[i-1]
	}
	f.Stars = max(0, p.stars.SelectedIndex())
	return f
}

// applyFilter shows the products matching the search box and filters. It
// runs off the UI thread; a newer keystroke supersedes an older search.
func (p *productsScreen) applyFilter() {
	if p.view == nil || p.finder == nil {
		return // still being built or loaded
	}
	p.gen++
	gen, all, finder, f := p.gen, p.all, p.finder, p.filter()
	goBackground(func() {
		rows := finder.Filter(f)
		doUI(func() {
			if gen != p.gen {
				return
			}
			keep := int64(0)
			if p.list.selected >= 0 && p.list.selected < p.rows.Len() {
				keep = p.rows.At(p.list.selected).ID
			}
			p.rows = rows
			p.list.clearSelection()
			if p.want == 0 && keep != 0 {
				p.want = keep // the selected product stays selected while it matches
			}
			p.footer.SetText(lang.L("{{.N}} / {{.M}} sản phẩm", map[string]any{"N": rows.Len(), "M": len(all)}))
			p.list.table.Refresh()
			if p.want != 0 {
				p.selectProduct(p.want)
				p.want = 0
			}
		})
	})
}

// openProduct shows the product list with product id selected.
func (p *productsScreen) openProduct(id int64) {
	p.want = id
	if p.u.current != screenProducts {
		p.u.show(screenProducts)
	} else {
		p.refresh()
	}
}

func (p *productsScreen) selectProduct(id int64) {
	for i := range p.rows.Len() {
		if p.rows.At(i).ID == id {
			p.list.selectRow(i)
			return
		}
	}
}

// sortProductRows orders rows by column col (Vietnamese order for text),
// or leaves the store's order when col is negative.
func sortProductRows(rows []data.ProductRow, col int, desc bool) {
	if col >= 0 {
		data.SortProductsBy(rows, data.ProductColumn(col), desc)
	}
}
