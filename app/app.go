// Package app is OCOP Desk's Fyne GUI: one file per screen, each an
// unexported struct holding its widgets, built by a newXxx function. It
// calls package data for everything it shows and never writes SQL.
package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/app/typing"
	"github.com/ocopdesk/ocop/assets"
	"github.com/ocopdesk/ocop/data"
)

// AppID identifies OCOP Desk to the operating system (also in FyneApp.toml).
const AppID = "vn.ocopdesk.desk"

// Options are what the command line passes to the GUI.
type Options struct {
	Version string
}

var icon = fyne.NewStaticResource("icon.png", assets.Icon)

// newAppWindow starts Fyne in language code with OCOP Desk's icon and
// theme, and opens its window.
func newAppWindow(code string) (fyne.App, fyne.Window) {
	setLanguage(code)
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(icon)
	a.Settings().SetTheme(ocopTheme{})
	return a, a.NewWindow("OCOP Desk")
}

// ui is the main window: a navigation bar on the left and the current
// screen on the right.
type ui struct {
	app      fyne.App
	win      fyne.Window
	store    *data.Store
	opt      Options
	settings data.Settings
	now      func() time.Time

	nav       *widget.List
	stack     *fyne.Container
	screens   []screen
	current   int
	office    *widget.Label
	status    *widget.Label
	overview  *overviewScreen
	products  *productsScreen
	dossiers  *dossiersScreen
	producers *producersScreen
	training  *trainingScreen
	reports   *reportsScreen

	message *widget.Label  // the latest thing done, left of the status bar
	said    int            // how many messages were said, so only the latest is cleared
	undo    []undoStep     // changes of this session that Ctrl+Z reverses
	undoBtn *widget.Button // in the status bar
	modals  []*formDialog  // open forms, innermost last

	formRefresh   func()           // reloads what an open form shows after a change
	popup         *widget.PopUp    // a small pop-up over a form (the calendar), closed first by Esc
	lastTyping    string           // the typing method before Ctrl+Shift+V turned it off
	typingChoices []*widget.Select // the forms' typing choices, kept showing the typing in force
	typingSave    latestSave       // saves the typing chosen last, however fast it changes
	lastForm      any              // the form opened last, for tests
	asking        *question        // the question shown, answered by Enter or Esc
	lastStep      dialog.Dialog    // a dossier step's form, for tests
}

// screen is one entry of the navigation bar.
type screen struct {
	title string
	icon  fyne.Resource
	view  fyne.CanvasObject
	shown func() // called each time the screen is shown, to refresh it
}

func newUI(a fyne.App, w fyne.Window, store *data.Store, opt Options, st data.Settings) *ui {
	u := &ui{app: a, win: w, store: store, opt: opt, settings: st, now: time.Now}
	u.typingSave.save, u.typingSave.err = store.SaveTyping, u.showError
	return u
}

// Screen indexes, in navigation order.
const (
	screenOverview = iota
	screenProducts
	screenDossiers
	screenProducers
	screenTraining
	screenReports
	screenSettings
)

// build makes the main window's content and shows Tổng quan.
func (u *ui) build() fyne.CanvasObject {
	content := u.layout()
	u.nav.Select(screenOverview)
	return content
}

// layout makes every screen and the window around them, showing none:
// building runs no query, each screen reads its data when shown.
func (u *ui) layout() fyne.CanvasObject {
	u.typingChoices = nil
	u.overview = newOverviewScreen(u)
	u.products = newProductsScreen(u)
	u.dossiers = newDossiersScreen(u)
	u.producers = newProducersScreen(u)
	u.training = newTrainingScreen(u)
	producers := u.producers
	u.reports = newReportsScreen(u)
	reports := u.reports
	settings := newSettingsScreen(u)
	u.screens = []screen{
		{lang.L("Tổng quan"), theme.HomeIcon(), u.overview.view, u.overview.refresh},
		{lang.L("Sản phẩm"), theme.ListIcon(), u.products.view, u.products.refresh},
		{lang.L("Hồ sơ OCOP"), theme.FolderOpenIcon(), u.dossiers.view, u.dossiers.refresh},
		{lang.L("Chủ thể"), theme.AccountIcon(), producers.view, producers.refresh},
		{lang.L("Tập huấn"), theme.CalendarIcon(), u.training.view, u.training.refresh},
		{lang.L("Báo cáo"), theme.DocumentIcon(), reports.view, reports.refresh},
		{lang.L("Cài đặt"), theme.SettingsIcon(), settings.view, settings.refresh},
	}
	u.stack = container.NewStack()
	for _, s := range u.screens {
		s.view.Hide()
		u.stack.Add(s.view)
	}
	u.nav = widget.NewList(
		func() int { return len(u.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Tập huấn"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(u.screens[id].icon)
			box.Objects[1].(*widget.Label).SetText(u.screens[id].title)
		})
	u.nav.OnSelected = func(id widget.ListItemID) { u.show(int(id)) }

	logo := canvas.NewImageFromResource(icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(40, 40))
	name := widget.NewLabelWithStyle("OCOP Desk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.office = widget.NewLabel("")
	u.office.Wrapping = fyne.TextWrapWord
	u.office.SizeName = theme.SizeNameCaptionText
	head := container.NewVBox(container.NewHBox(logo, name), u.office, widget.NewSeparator())
	bg := canvas.NewRectangle(sidebarBg)
	sidebar := container.NewStack(bg, container.NewBorder(head, nil, nil, nil, u.nav))

	u.status = widget.NewLabel("")
	u.status.SizeName = theme.SizeNameCaptionText
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.message = widget.NewLabel("")
	u.message.SizeName = theme.SizeNameCaptionText
	u.message.Truncation = fyne.TextTruncateEllipsis
	u.undoBtn = widget.NewButtonWithIcon(lang.L("Hoàn tác"), theme.ContentUndoIcon(), u.undoLast)
	u.undoBtn.Importance = widget.LowImportance
	u.refreshUndo()
	statusBar := container.NewBorder(widget.NewSeparator(), nil, nil, u.undoBtn,
		container.NewGridWithColumns(2, u.message, u.status))

	split := container.NewHSplit(sidebar, container.NewBorder(nil, statusBar, nil, nil, container.NewPadded(u.stack)))
	split.Offset = 0.15
	u.refreshChrome()
	u.addShortcuts()
	return split
}

// show switches to screen i.
func (u *ui) show(i int) {
	for j, s := range u.screens {
		if j == i {
			s.view.Show()
		} else {
			s.view.Hide()
		}
	}
	u.current = i
	if f := u.screens[i].shown; f != nil {
		f()
	}
	if u.nav != nil {
		u.nav.Select(widget.ListItemID(i))
	}
}

// refreshChrome updates what the sidebar and status bar say about the office.
func (u *ui) refreshChrome() {
	office := u.settings.OfficeName
	if u.settings.ParentBody != "" {
		office = u.settings.ParentBody + "\n" + office
	}
	if !u.settings.Configured() {
		office = lang.L("Chưa nhập thông tin đơn vị")
	}
	u.office.SetText(office)
	status := lang.L("Dữ liệu: {{.Path}}  ·  Phiên bản {{.Version}}", map[string]any{"Path": u.store.Path(), "Version": u.opt.Version})
	if u.store.ReadOnly() {
		status = lang.L("CHỈ XEM") + "  ·  " + status
	}
	u.status.SetText(status)
}

var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}

// addShortcuts binds the window's keys: Ctrl+1..6 the screens, Ctrl+F
// search, Ctrl+N new, Ctrl+S save (in a form), Ctrl+Z undo, Esc close.
func (u *ui) addShortcuts() {
	c := u.win.Canvas()
	keys := append([]fyne.KeyName{fyne.KeyF, fyne.KeyN, fyne.KeyS}, screenKeys...)
	for _, k := range keys {
		sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(fyne.Shortcut) { u.shortcut(sc) })
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undoLast() })
	toggle := &desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	c.AddShortcut(toggle, func(fyne.Shortcut) { u.toggleTyping() })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			u.escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			u.answer(true)
		}
	})
}

// keepEsc takes the keyboard focus back from a list or grid just tapped in
// a form: Fyne gives such a widget every key, Esc included, and Esc must
// still close the form.
func (u *ui) keepEsc() { u.win.Canvas().Unfocus() }

// shortcut runs the window's action for a Ctrl shortcut, wherever the
// focus is; it reports whether there was one. An open form takes only its own.
func (u *ui) shortcut(sc *desktop.CustomShortcut) bool {
	if sc.KeyName == fyne.KeyV && sc.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		u.toggleTyping()
		return true
	}
	if sc.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	if m := u.topModal(); m != nil {
		if sc.KeyName == fyne.KeyS && m.save != nil {
			m.save()
			return true
		}
		return false
	}
	for i, k := range screenKeys {
		if sc.KeyName == k {
			u.show(i)
			return true
		}
	}
	switch sc.KeyName {
	case fyne.KeyF:
		switch u.current {
		case screenProducers:
			u.win.Canvas().Focus(u.producers.search)
			return true
		case screenTraining:
			u.win.Canvas().Focus(u.training.search)
			return true
		case screenDossiers:
			u.win.Canvas().Focus(u.dossiers.search)
			return true
		}
		u.show(screenProducts)
		u.win.Canvas().Focus(u.products.search)
		return true
	case fyne.KeyN:
		switch u.current {
		case screenProducers:
			u.producers.add()
		case screenTraining:
			u.training.add()
		case screenDossiers:
			u.dossiers.add()
		default:
			u.show(screenProducts)
			u.products.add()
		}
		return true
	}
	return false
}

// escape closes the innermost form, asking first if it has unsaved changes.
func (u *ui) escape() {
	if u.answer(false) {
		return
	}
	if u.popup != nil && u.popup.Visible() {
		u.popup.Hide()
		u.popup = nil
		return
	}
	if m := u.topModal(); m != nil {
		m.cancel()
	}
}

// typingMethod is the built-in Vietnamese typing chosen in the settings.
func (u *ui) typingMethod() typing.Method {
	switch u.settings.Typing {
	case "telex":
		return typing.Telex
	case "vni":
		return typing.VNI
	}
	return typing.Off
}

// toggleTyping turns the built-in typing off, or back on (Telex unless VNI
// was chosen before).
func (u *ui) toggleTyping() {
	switch {
	case u.settings.Typing != "":
		u.lastTyping = u.settings.Typing
		u.setTyping("")
	case u.lastTyping != "":
		u.setTyping(u.lastTyping)
	default:
		u.setTyping("telex")
	}
}

// setTyping makes method ("", "telex" or "vni") the built-in typing: the
// one state that Ctrl+Shift+V, Cài đặt and the first-start form all show
// and change. It is saved at once (before the first start's form is
// filled, it is saved with that form).
func (u *ui) setTyping(method string) {
	if method == u.settings.Typing {
		return
	}
	u.settings.Typing = method
	for _, sel := range u.typingChoices {
		showTyping(sel, method)
	}
	msg := lang.L("Bộ gõ tiếng Việt: tắt")
	if method != "" {
		msg = lang.L("Bộ gõ tiếng Việt: {{.Method}}", map[string]any{"Method": u.typingMethod().String()})
	}
	u.say(msg)
	if u.settings.Configured() && !u.store.ReadOnly() {
		u.typingSave.want(method)
	}
}

// latestSave saves a setting off the UI thread, one save at a time, each
// writing the value wanted last: two quick changes can never be stored in
// the wrong order.
type latestSave struct {
	mu    sync.Mutex
	value string
	run   sync.Mutex
	save  func(ctx context.Context, value string) error
	err   func(error)
}

func (l *latestSave) want(v string) {
	l.mu.Lock()
	l.value = v
	l.mu.Unlock()
	goBackground(func() {
		l.run.Lock()
		defer l.run.Unlock()
		l.mu.Lock()
		v := l.value
		l.mu.Unlock()
		if err := l.save(context.Background(), v); err != nil {
			doUI(func() { l.err(err) })
		}
	})
}

// typingMethods are the built-in typing's settings values, in the order
// of the choice that shows them.
var typingMethods = []string{"", "telex", "vni"}

// showTyping shows method in a typing choice without acting on it.
func showTyping(sel *widget.Select, method string) {
	changed := sel.OnChanged
	sel.OnChanged = nil
	sel.SetSelectedIndex(max(0, slices.Index(typingMethods, method)))
	sel.OnChanged = changed
}

// messageLife is how long the status bar keeps saying what was done.
var messageLife = 20 * time.Second

// say shows what was just done in the status bar, for a while: a message
// left there for hours would read as news.
func (u *ui) say(msg string) {
	u.message.SetText(msg)
	u.said++
	said := u.said
	time.AfterFunc(messageLife, func() {
		doUI(func() {
			if u.said == said {
				u.message.SetText("")
			}
		})
	})
}

// dataChanged refreshes the screen on show after records changed.
func (u *ui) dataChanged() {
	if f := u.screens[u.current].shown; f != nil {
		f()
	}
	if u.formRefresh != nil {
		u.formRefresh()
	}
}

// doUI runs f on the UI thread. Tests replace it: Fyne's test driver runs
// f at once on the calling goroutine, so they serialise it themselves.
var doUI = fyne.Do

// pending counts work running off the UI thread, so tests can wait for it.
var pending sync.WaitGroup

// goBackground runs f on a new goroutine counted in pending.
func goBackground(f func()) {
	pending.Add(1)
	go func() {
		defer pending.Done()
		f()
	}()
}

// background runs work off the UI thread and hands its result to done on
// the UI thread; an error is shown instead.
func background[T any](u *ui, work func(context.Context) (T, error), done func(T)) {
	goBackground(func() {
		v, err := work(context.Background())
		doUI(func() {
			if err != nil {
				u.showError(err)
				return
			}
			done(v)
		})
	})
}

// chooseFile asks for a file with one of exts and hands its path to
// picked; cancelling does nothing and an error is shown.
func (u *ui) chooseFile(exts []string, picked func(path string)) { chooseFileIn(u.win, exts, picked) }

// chooseFileIn is chooseFile for any window, the start window's included.
func chooseFileIn(win fyne.Window, exts []string, picked func(path string)) {
	openFile(win, exts, picked)
}

// editOnly hides buttons that change data while the window only views
// (another copy of the program edits the database).
func (u *ui) editOnly(objs ...fyne.CanvasObject) {
	if !u.store.ReadOnly() {
		return
	}
	for _, o := range objs {
		o.Hide()
	}
}

// showError shows err in a dialog, in the user's words.
func (u *ui) showError(err error) {
	if errors.Is(err, errShown) {
		return
	}
	dialog.ShowError(err, u.win)
}

// settingsChanged is called after the settings were saved.
func (u *ui) settingsChanged(st data.Settings) {
	langChanged := st.Language != u.settings.Language
	u.settings = st
	u.refreshChrome()
	if langChanged {
		setLanguage(st.Language)
		cur := u.current
		u.win.SetContent(u.build())
		u.show(cur)
	}
}

// heading returns a screen's title line.
func heading(text string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	return t
}

// starsText shows stars as words: the ★ character is missing from the
// bundled font and shows as boxes on Windows.
func starsText(stars int) string {
	if stars == 0 {
		return ""
	}
	return fmt.Sprintf(lang.L("%d sao"), stars)
}
