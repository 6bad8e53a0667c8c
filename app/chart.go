package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// barItem is one bar of a barChart: a label, a value and its colour.
type barItem struct {
	label string
	value int
	fill  color.Color
}

// barChart draws horizontal bars with their labels and values: simple
// enough to read at a glance, drawn with the theme so it needs no font
// the bundled one lacks. A long chart (one bar per commune) is a list
// that makes only the rows in sight.
type barChart struct {
	view  fyne.CanvasObject
	box   *fyne.Container // the bars of a short chart
	list  *widget.List    // the rows in sight of a long one
	items []barItem
	top   int     // the largest value, which takes the full width
	width float32 // of the longest bar
}

// newBarChart is a chart of a few bars, each one on screen.
func newBarChart(width float32) *barChart {
	c := &barChart{box: container.NewVBox(), width: width}
	c.view = c.box
	return c
}

// newBarList is a chart of many bars in a scrolled list.
func newBarList(width float32) *barChart {
	c := &barChart{width: width}
	c.list = widget.NewList(func() int { return len(c.items) }, c.newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { c.fill(o.(*fyne.Container), c.items[i]) })
	c.list.HideSeparators = true                                         // bars, as in the short chart
	c.list.OnSelected = func(widget.ListItemID) { c.list.UnselectAll() } // nothing to pick
	c.view = c.list
	return c
}

// set replaces the bars; the longest value takes the full width.
func (c *barChart) set(items []barItem) {
	c.items, c.top = items, 1
	for _, it := range items {
		c.top = max(c.top, it.value)
	}
	if c.list != nil {
		c.list.Refresh()
		return
	}
	// The rows are laid out once, not once per row added.
	objs := make([]fyne.CanvasObject, 0, len(items))
	for _, it := range items {
		row := c.newRow().(*fyne.Container)
		c.fill(row, it)
		objs = append(objs, row)
	}
	c.box.Objects = objs
	c.box.Refresh()
}

// newRow is a bar's row: its label, the bar, its value.
func (c *barChart) newRow() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	bar := canvas.NewRectangle(color.Transparent)
	bar.CornerRadius = 2
	value := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.New(layout.NewCustomPaddedHBoxLayout(4), sized(label, 136), container.NewCenter(bar), value)
}

// fill shows it in a row of newRow.
func (c *barChart) fill(row *fyne.Container, it barItem) {
	label := row.Objects[0].(*fyne.Container).Objects[0].(*widget.Label)
	bar := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	value := row.Objects[2].(*widget.Label)
	label.SetText(it.label)
	bar.FillColor = it.fill
	w := c.width * float32(it.value) / float32(c.top)
	bar.SetMinSize(fyne.NewSize(max(w, 1), 16))
	bar.Refresh()
	row.Objects[1].(*fyne.Container).Refresh()
	value.SetText(strconv.Itoa(it.value))
}
