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
	columns  []tableColumn
	sortCol  int // -1: the list's own order
	sortDesc bool
	selected int // row index, -1 for none

	rows     func() int
	cell     func(row, col int) tableCell
	onSort   func(col int, desc bool)
	onSelect func(row int)
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
	t.table = widget.NewTable(
		func() (int, int) { return t.rows(), len(t.columns) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(color.Transparent)
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			ic := widget.NewIcon(nil)
			ic.Hide()
			return container.NewStack(bg, container.NewBorder(nil, nil, ic, nil, label))
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			stack := o.(*fyne.Container)
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
			if id.Row == t.selected {
				bg.FillColor = theme.Color(theme.ColorNameSelection)
			} else {
				bg.FillColor = color.Transparent
			}
			bg.Refresh()
		})
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

// sortBy sorts by col, ascending first, descending on a second tap.
func (t *listTable) sortBy(col int) {
	if t.sortCol == col {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, false
	}
	t.selected = -1
	t.table.UnselectAll()
	if t.onSort != nil {
		t.onSort(t.sortCol, t.sortDesc)
	}
	t.table.Refresh()
}

// selectRow highlights row and scrolls to it.
func (t *listTable) selectRow(row int) {
	t.selected = row
	t.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
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
