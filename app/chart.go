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
// the bundled one lacks.
type barChart struct {
	view  *fyne.Container
	width float32 // of the longest bar
}

func newBarChart(width float32) *barChart {
	return &barChart{view: container.NewVBox(), width: width}
}

// set replaces the bars; the longest value takes the full width.
func (c *barChart) set(items []barItem) {
	top := 1
	for _, it := range items {
		top = max(top, it.value)
	}
	c.view.RemoveAll()
	for _, it := range items {
		label := widget.NewLabel(it.label)
		label.Truncation = fyne.TextTruncateEllipsis
		bar := canvas.NewRectangle(it.fill)
		bar.CornerRadius = 2
		w := c.width * float32(it.value) / float32(top)
		bar.SetMinSize(fyne.NewSize(max(w, 1), 16))
		value := widget.NewLabelWithStyle(strconv.Itoa(it.value), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row := container.New(layout.NewCustomPaddedHBoxLayout(4),
			sized(label, 136),
			container.NewCenter(bar), value)
		c.view.Add(row)
	}
	c.view.Refresh()
}
