package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// textEntry is the entry every form uses. Fyne gives a focused entry every
// shortcut and key, so the window's own (Ctrl+S, Ctrl+N, Ctrl+1…) and Esc
// would be lost while typing; textEntry hands them on to the window.
type textEntry struct {
	widget.Entry
	u *ui
}

func newTextEntry(u *ui) *textEntry {
	e := &textEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut keeps the entry's own editing shortcuts (copy, paste,
// undo, word moves) and passes the others to the window.
func (e *textEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.u != nil && windowKey(cs.KeyName) && e.u.shortcut(cs) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab is false even for multi-line entries, so Tab always moves
// to the next field as in any form.
func (e *textEntry) AcceptsTab() bool { return false }

// TypedKey passes Esc to the window (closing the form), and Down from a
// single-line entry to whoever wants it (the search box moves to the list).
func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.u != nil {
		e.u.escape()
		return
	}
	e.Entry.TypedKey(k)
}

// field is one labelled input of a form with its error line under it.
type field struct {
	label  string
	widget fyne.CanvasObject
	hint   *widget.RichText // grey help text, or the error in red
	help   string
	err    string
}

func newField(label string, w fyne.CanvasObject, help string) *field {
	f := &field{label: label, widget: w, help: help}
	f.hint = widget.NewRichText()
	f.hint.Wrapping = fyne.TextWrapWord
	f.setError("")
	return f
}

// setError shows msg under the field in red, or the help text when msg is empty.
func (f *field) setError(msg string) {
	f.err = msg
	text, colour := f.help, theme.ColorNamePlaceHolder
	if msg != "" {
		text, colour = msg, theme.ColorNameError
	}
	if text == "" {
		f.hint.Hide()
		return
	}
	f.hint.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: colour, SizeName: theme.SizeNameCaptionText, Inline: true,
			TextStyle: fyne.TextStyle{Bold: msg != ""}}}}
	f.hint.Refresh()
	f.hint.Show()
}

func (f *field) errorText() string { return f.err }

// section is a titled part of a form.
func section(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs := []fyne.CanvasObject{head}
	if subtitle != "" {
		sub := widget.NewLabel(subtitle)
		sub.Wrapping = fyne.TextWrapWord
		sub.SizeName = theme.SizeNameCaptionText
		objs = append(objs, sub)
	}
	objs = append(objs, widget.NewSeparator(), content)
	return container.NewVBox(objs...)
}

// formGrid lays fields out as label | input-with-hint rows.
func formGrid(fields ...*field) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		l := widget.NewLabelWithStyle(f.label, fyne.TextAlignTrailing, fyne.TextStyle{})
		objs = append(objs, container.NewVBox(l), container.NewVBox(f.widget, f.hint))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// dateField is a date typed as dd/mm/yyyy, or picked from a calendar.
type dateField struct {
	entry    *textEntry
	view     fyne.CanvasObject
	onChange func()
}

func newDateField(u *ui) *dateField {
	d := &dateField{entry: newTextEntry(u)}
	d.entry.SetPlaceHolder("dd/mm/yyyy")
	d.entry.OnChanged = func(string) {
		if d.onChange != nil {
			d.onChange()
		}
	}
	var pop *widget.PopUp
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
	pick.OnTapped = func() {
		start := time.Now()
		if t, err := d.get(); err == nil && !t.IsZero() {
			start = t
		}
		cal := widget.NewCalendar(start, func(t time.Time) {
			d.set(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
			pop.Hide()
		})
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		pop = widget.NewPopUp(container.NewStack(bg, container.NewPadded(cal)), u.win.Canvas())
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(pick)
		pop.ShowAtPosition(pos.Add(fyne.NewPos(0, pick.Size().Height)))
	}
	d.view = container.NewBorder(nil, nil, nil, pick, d.entry)
	return d
}

// get returns the day typed; zero and no error when empty.
func (d *dateField) get() (time.Time, error) {
	if d.entry.Text == "" {
		return time.Time{}, nil
	}
	return data.ParseDate(d.entry.Text)
}

func (d *dateField) set(t time.Time) { d.entry.SetText(data.VNDate(t)) }

// keyTable is a table that also answers Enter (open), Delete and the
// arrow keys moving the selected row.
type keyTable struct {
	widget.Table
	onKey func(k *fyne.KeyEvent) bool // true when handled
}

func (t *keyTable) TypedKey(k *fyne.KeyEvent) {
	if t.onKey != nil && t.onKey(k) {
		return
	}
	t.Table.TypedKey(k)
}

// choiceEntry is a select entry (type to filter, or pick from the list)
// that, like textEntry, hands the window's shortcuts and Esc on.
type choiceEntry struct {
	widget.SelectEntry
	u *ui
}

func newChoiceEntry(u *ui) *choiceEntry {
	e := &choiceEntry{u: u}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

func (e *choiceEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && windowKey(cs.KeyName) && e.u.shortcut(cs) {
		return
	}
	e.SelectEntry.TypedShortcut(s)
}

func (e *choiceEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.u.escape()
		return
	}
	e.SelectEntry.TypedKey(k)
}

// windowKey reports whether a Ctrl shortcut with key k belongs to the
// window rather than to text editing.
func windowKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyHome, fyne.KeyEnd, fyne.KeyUp, fyne.KeyDown:
		return false
	}
	return true
}
