package app

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listTable is the sortable, resizable table the list screens share: a
// header row of buttons that sort by their column, cells that may carry an
// icon and an importance (colour) beside their text, and a selected row.
type listTable struct {
	table    *widget.Table
	view     fyne.CanvasObject // what screens place in their layout
	columns  []tableColumn
	sortCol  int // -1: the list's own order
	sortDesc bool
	selected int // row index, -1 for none

	rows     func() int
	cell     func(row, col int) tableCell
	onSort   func(col int, desc bool)
	onSelect func(row int)
	rowTint  func(row int) color.Color // background of a row, nil for none
	onOpen   func(row int)             // Enter or double click
	onDelete func(row int)             // Delete key

	rowButtons []*widget.Button // act on the selected row: enabled only while there is one
}

// updateRowButtons enables the row buttons when a row is selected.
func (t *listTable) updateRowButtons() {
	on := t.selected >= 0 && t.selected < t.rows()
	for _, b := range t.rowButtons {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// clearSelection selects no row (the rows changed).
func (t *listTable) clearSelection() {
	t.selected = -1
	t.table.UnselectAll()
	t.updateRowButtons()
}

type tableColumn struct {
	title string
	width float32
}

// tableCell is what one cell shows.
type tableCell struct {
	text       string
	icon       fyne.Resource
	importance widget.Importance
	bold       bool
}

func newListTable(cols []tableColumn, rows func() int, cell func(row, col int) tableCell) *listTable {
	t := &listTable{columns: cols, sortCol: -1, selected: -1, rows: rows, cell: cell}
	kt := &keyTable{onKey: t.typedKey}
	kt.Length = func() (int, int) { return t.rows(), len(t.columns) }
	kt.CreateCell = func() fyne.CanvasObject {
		bg := canvas.NewRectangle(color.Transparent)
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		ic := widget.NewIcon(nil)
		ic.Hide()
		return newRowCell(t, container.NewStack(bg, container.NewBorder(nil, nil, ic, nil, label)))
	}
	kt.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		rc := o.(*rowCell)
		rc.row = id.Row
		stack := rc.content
		bg := stack.Objects[0].(*canvas.Rectangle)
		border := stack.Objects[1].(*fyne.Container)
		label := border.Objects[0].(*widget.Label)
		ic := border.Objects[1].(*widget.Icon)
		c := t.cell(id.Row, id.Col)
		label.Importance = c.importance
		label.TextStyle.Bold = c.bold
		label.SetText(c.text)
		if c.icon != nil {
			ic.SetResource(c.icon)
			ic.Show()
		} else {
			ic.Hide()
		}
		switch {
		case id.Row == t.selected:
			bg.FillColor = theme.Color(theme.ColorNameSelection)
		case t.rowTint != nil:
			bg.FillColor = t.rowTint(id.Row)
		default:
			bg.FillColor = color.Transparent
		}
		bg.Refresh()
	}
	kt.ExtendBaseWidget(kt)
	t.table, t.view = &kt.Table, kt
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		b.SetText(t.columns[id.Col].title)
		switch {
		case id.Col != t.sortCol:
			b.SetIcon(nil)
		case t.sortDesc:
			b.SetIcon(theme.MoveDownIcon())
		default:
			b.SetIcon(theme.MoveUpIcon())
		}
		col := id.Col
		b.OnTapped = func() { t.sortBy(col) }
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		t.updateRowButtons()
		t.table.Refresh()
		if t.onSelect != nil {
			t.onSelect(id.Row)
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	return t
}

// typedKey moves the selection with the arrow keys, opens the selected row
// with Enter and deletes it with Delete.
func (t *listTable) typedKey(k *fyne.KeyEvent) bool {
	n := t.rows()
	switch k.Name {
	case fyne.KeyDown, fyne.KeyUp, fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyHome, fyne.KeyEnd:
		if n == 0 {
			return true
		}
		row := t.selected
		switch k.Name {
		case fyne.KeyDown:
			row++
		case fyne.KeyUp:
			row--
		case fyne.KeyPageDown:
			row += 15
		case fyne.KeyPageUp:
			row -= 15
		case fyne.KeyHome:
			row = 0
		case fyne.KeyEnd:
			row = n - 1
		}
		row = max(0, min(n-1, row))
		t.selectRow(row)
		if t.onSelect != nil {
			t.onSelect(row)
		}
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.selected >= 0 && t.selected < n && t.onOpen != nil {
			t.onOpen(t.selected)
		}
		return true
	case fyne.KeyDelete:
		if t.selected >= 0 && t.selected < n && t.onDelete != nil {
			t.onDelete(t.selected)
		}
		return true
	}
	return false
}

// rowCell is one cell: a tap selects its row (and gives the table the
// keyboard), a double tap opens it.
type rowCell struct {
	widget.BaseWidget
	t       *listTable
	row     int
	content *fyne.Container
}

func newRowCell(t *listTable, content *fyne.Container) *rowCell {
	c := &rowCell{t: t, content: content}
	c.ExtendBaseWidget(c)
	return c
}

func (c *rowCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.content) }

func (c *rowCell) Tapped(*fyne.PointEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.t.view); cv != nil {
		cv.Focus(c.t.view.(fyne.Focusable))
	}
	c.t.selectRow(c.row)
	if c.t.onSelect != nil {
		c.t.onSelect(c.row)
	}
}

func (c *rowCell) DoubleTapped(*fyne.PointEvent) {
	c.Tapped(nil)
	if c.t.onOpen != nil {
		c.t.onOpen(c.row)
	}
}

// sortBy sorts by col, ascending first, descending on a second tap.
func (t *listTable) sortBy(col int) {
	if t.sortCol == col {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, false
	}
	t.clearSelection()
	if t.onSort != nil {
		t.onSort(t.sortCol, t.sortDesc)
	}
	t.table.Refresh()
}

// selectRow highlights row and scrolls to it.
func (t *listTable) selectRow(row int) {
	t.selected = row
	// Selecting through the table also moves its keyboard focus cell there.
	t.table.Select(widget.TableCellID{Row: row, Col: 0})
	t.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
	t.updateRowButtons()
	t.table.Refresh()
}

// sortBy sorts rows stably by key, descending when desc, computing each
// row's key once.
func sortBy[T any](rows []T, key func(T) string, desc bool) {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = key(r)
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if desc {
			return keys[idx[a]] > keys[idx[b]]
		}
		return keys[idx[a]] < keys[idx[b]]
	})
	sorted := make([]T, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}
