package app

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/app/typing"
	"github.com/ocopdesk/ocop/data"
)

// textEntry is the entry every form uses. Fyne gives a focused entry every
// shortcut and key, so the window's own (Ctrl+S, Ctrl+N, Ctrl+1…) and Esc
// would be lost while typing; textEntry hands them on to the window.
type textEntry struct {
	widget.Entry
	u    *ui
	word typing.Word // the word being typed, for the built-in typing

	// filled is true while the text is one the program filled in for the
	// user (an end date following the start): typing replaces it instead
	// of adding to it, as "08/12/202609/12/2026" would.
	filled bool
}

// fill sets a text the user is likely to keep but may retype.
func (e *textEntry) fill(text string) {
	e.SetText(text)
	e.filled = true
}

// FocusGained selects a filled text, so the first key replaces it.
func (e *textEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.filled {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
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

// TypedRune types through the built-in Vietnamese typing when it is on.
func (e *textEntry) TypedRune(r rune) {
	if e.filled {
		e.filled = false
		if e.SelectedText() == "" {
			e.SetText("")
		}
	}
	if e.u == nil || !vnType(&e.Entry, &e.word, e.u, r) {
		e.Entry.TypedRune(r)
	}
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
	e.filled = false // editing keeps the text
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
	objs = append(objs, widget.NewSeparator())
	if content != nil { // nil: the caller lays the content out itself
		objs = append(objs, content)
	}
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
		cal := newCalendar(start, u.now(), func(t time.Time) {
			d.set(t)
			pop.Hide()
		})
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		pop = widget.NewPopUp(container.NewStack(bg, container.NewPadded(cal)), u.win.Canvas())
		// Below the button, its right edge under the button's, inside the window.
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(pick)
		x := max(0, pos.X+pick.Size().Width-pop.MinSize().Width)
		y := pos.Y + pick.Size().Height
		if win := u.win.Canvas().Size(); y+pop.MinSize().Height > win.Height {
			y = max(0, pos.Y-pop.MinSize().Height)
		}
		pop.ShowAtPosition(fyne.NewPos(x, y))
		u.popup = pop // Esc closes the calendar, not the form under it
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

func (d *dateField) set(t time.Time) { d.entry.SetText(data.VNDate(t)); d.entry.filled = false }

// fill sets a day for the user (an end following the start): typing in
// the field replaces it.
func (d *dateField) fill(t time.Time) { d.entry.fill(data.VNDate(t)) }

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
	u    *ui
	word typing.Word // the word being typed, for the built-in typing
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

// TypedRune types through the built-in Vietnamese typing when it is on.
func (e *choiceEntry) TypedRune(r rune) {
	if !vnType(&e.Entry, &e.word, e.u, r) {
		e.Entry.TypedRune(r)
	}
}

// TypedKey passes Esc to the window, and opens the list of choices on
// Down, as a combo box does: type a few letters, Down, arrows, Enter.
func (e *choiceEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.u.escape()
		return
	case fyne.KeyDown:
		if b, ok := e.ActionItem.(*widget.Button); ok && b.OnTapped != nil && !e.Disabled() {
			b.OnTapped()
			return
		}
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

// newCalendar is a month of days to pick from, titled in the user's
// language ("Tháng 7 năm 2023"; Fyne's own calendar writes the month in
// English), with buttons for the previous and next month and year.
func newCalendar(start, today time.Time, picked func(time.Time)) fyne.CanvasObject {
	month := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	title := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	grid := container.NewGridWithColumns(7)
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	var render func()
	render = func() {
		title.SetText(lang.L("Tháng {{.Month}} năm {{.Year}}", map[string]any{"Month": int(month.Month()), "Year": month.Year()}))
		var objs []fyne.CanvasObject
		for _, d := range days {
			objs = append(objs, widget.NewLabelWithStyle(lang.X(d+".short", d[:3]), fyne.TextAlignCenter, fyne.TextStyle{}))
		}
		for range (int(month.Weekday()) + 6) % 7 { // weeks start on Monday
			objs = append(objs, widget.NewLabel(""))
		}
		for day := month; day.Month() == month.Month(); day = day.AddDate(0, 0, 1) {
			b := widget.NewButton(strconv.Itoa(day.Day()), func() { picked(day) })
			b.Importance = widget.LowImportance
			if day.Equal(time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)) {
				b.Importance = widget.HighImportance
			} else if day.Equal(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
				b.Importance = widget.MediumImportance
			}
			objs = append(objs, b)
		}
		grid.Objects = objs
		grid.Refresh()
	}
	step := func(years, months int) func() {
		return func() { month = month.AddDate(years, months, 0); render() }
	}
	nav := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewButtonWithIcon("", theme.MediaFastRewindIcon(), step(-1, 0)),
			widget.NewButtonWithIcon("", theme.NavigateBackIcon(), step(0, -1))),
		container.NewHBox(widget.NewButtonWithIcon("", theme.NavigateNextIcon(), step(0, 1)),
			widget.NewButtonWithIcon("", theme.MediaFastForwardIcon(), step(1, 0))),
		title)
	render()
	return container.NewVBox(nav, grid)
}

// vnType types r into entry through the built-in Vietnamese typing (Telex
// or VNI, from the settings): the word before the cursor is replaced by
// what the key makes of it; word remembers the keys typed for it, so that
// a word that is not Vietnamese reads as typed. It reports false when the
// typing is off or the key leaves the word as it was plus the key, so the
// entry types it itself.
func vnType(entry *widget.Entry, word *typing.Word, u *ui, r rune) bool {
	m := u.typingMethod()
	if m == typing.Off || entry.SelectedText() != "" {
		return false
	}
	lines := strings.Split(entry.Text, "\n")
	if entry.CursorRow >= len(lines) {
		return false
	}
	line := []rune(lines[entry.CursorRow])
	if entry.CursorColumn > len(line) {
		return false
	}
	before := string(line[:entry.CursorColumn])
	last := before[typing.WordStart(before):]
	style := typing.NewStyle
	if u.settings.OldToneStyle {
		style = typing.OldStyle
	}
	typed := word.Type(m, style, last, r)
	if typed == last+string(r) {
		return false
	}
	for range []rune(last) {
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	for _, c := range typed {
		entry.TypedRune(c) // the plain entry's: no typing again
	}
	return true
}

// sized gives o a fixed width (a select's longest choice, a short number)
// at its own height.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// wide gives o at least width and all the height its place has (sized
// fixes the height too, for one-line widgets).
func wide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(room, o)
}

// truncatedLabel is a one-line label ending in "…" when the text does not
// fit: the template of list rows and table cells.
func truncatedLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// newSelect is the choice every screen uses: Fyne's own says "(Select
// one)" in English while nothing is chosen.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("(Chọn)")
	return s
}
