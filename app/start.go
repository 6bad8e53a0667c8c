package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// Start is how the command line opens the GUI on the database at path. It
// takes the database's lock first: when another copy of the program has
// it, the window says so and offers to bring that copy forward or to view
// read-only. A database that cannot be opened is not written to: the window
// says why and offers the newest good backup. Start returns when the window
// is closed, with the error the user was left with (nil when the program
// was used normally). When the window cannot be created (no OpenGL 2.1),
// the program says so and what to do, writes the details to ErrorLogPath
// and ends with exit code 3.
func Start(path string, opt Options) error {
	setLanguage("vi") // for a window failure's message
	gl := watchGL(path, opt.Version)
	defer func() {
		if r := recover(); r != nil {
			gl.recovered(r, path, opt.Version)
		}
	}()
	a, w := newAppWindow("vi")
	s := &starter{app: a, win: w, path: path, opt: opt}
	s.begin()
	w.Resize(windowSize(fyne.Size{}))
	w.CenterOnScreen()
	w.SetMaster()
	a.Lifecycle().SetOnStarted(func() {
		fixUnicodeBackspace(w)
		// Never larger than the screen: a 1024×768 screen had the window
		// open off its edges.
		if area := workArea(w); !area.IsZero() && windowSize(area) != windowSize(fyne.Size{}) {
			w.Resize(windowSize(area))
			w.CenterOnScreen()
		}
	})
	w.ShowAndRun()
	s.close()
	return s.err
}

// windowSize is the size the window opens at: 1200×700, or as much of a
// smaller work area as leaves room for the window's title bar and frame.
func windowSize(workArea fyne.Size) fyne.Size {
	size := fyne.NewSize(1200, 700)
	if workArea.IsZero() {
		return size
	}
	const frameW, frameH = 16, 48
	return fyne.NewSize(min(size.Width, workArea.Width-frameW), min(size.Height, workArea.Height-frameH))
}

// starter opens the database for the window and shows, in it, either the
// program or why it cannot (yet) be used.
type starter struct {
	app   fyne.App
	win   fyne.Window
	path  string
	opt   Options
	lock  *data.Lock  // held while this copy edits the database
	store *data.Store // open once the program is shown
	ui    *ui
	err   error // what stopped the program, shown to the user
	stop  chan struct{}
}

// begin takes the lock and opens the database, or explains why not.
func (s *starter) begin() {
	lock, err := data.LockDatabase(s.path)
	var elsewhere *data.OpenElsewhereError
	switch {
	case errors.As(err, &elsewhere):
		s.showOpenElsewhere(elsewhere)
		return
	case err != nil:
		s.showCannotOpen(err, false)
		return
	}
	s.lock = lock
	s.watchRaise()
	s.open()
}

// watchRaise brings the window forward when a second copy started on the
// same database asks for it.
func (s *starter) watchRaise() {
	s.stop = make(chan struct{})
	go func() {
		tick := time.NewTicker(700 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-tick.C:
				if s.lock.RaiseRequested() {
					doUI(func() {
						s.win.Show()
						s.win.RequestFocus()
						if s.ui != nil {
							s.ui.say(lang.L("Một cửa sổ OCOP Desk khác vừa được mở trên cùng dữ liệu; hãy làm việc ở cửa sổ này."))
						}
					})
				}
			}
		}
	}()
}

// open opens the database for editing and shows the program.
func (s *starter) open() {
	store, err := data.Open(s.path)
	if err != nil {
		var oe *data.OpenError
		restorable := errors.As(err, &oe) && !errors.Is(err, data.ErrNewerVersion)
		s.showCannotOpen(err, restorable)
		return
	}
	if err := s.run(store); err != nil {
		store.Close()
		s.showCannotOpen(err, false)
	}
}

// run shows the program on store.
func (s *starter) run(store *data.Store) error {
	st, err := store.Settings(context.Background())
	if err != nil {
		return err
	}
	s.err, s.store = nil, store
	if st.Language != "vi" {
		setLanguage(st.Language)
	}
	u := newUI(s.app, s.win, store, s.opt, st)
	s.ui = u
	s.win.SetContent(u.build())
	switch {
	case store.ReadOnly():
		s.win.SetTitle(lang.L("OCOP Desk — chỉ xem"))
		u.say(lang.L("Chỉ xem: một cửa sổ OCOP Desk khác đang sửa dữ liệu này. Những gì cửa sổ đó lưu sẽ hiện ở đây."))
	case !st.Configured():
		u.showFirstStart()
	default:
		u.alertAtStart()
	}
	if store.ReadOnly() {
		return nil
	}
	s.win.SetCloseIntercept(func() { u.closeWithBackup() })
	// A copy of the database once a day, at start, off the UI thread.
	goBackground(func() {
		if path, err := store.DailyBackup(context.Background(), time.Now()); err != nil {
			doUI(func() {
				u.say(lang.L("Chưa sao lưu được hôm nay: {{.Err}}", map[string]any{"Err": err.Error()}))
			})
		} else if path != "" {
			doUI(func() {
				if u.message.Text == "" { // never over what the user was just told (a restore)
					u.say(lang.L("Đã sao lưu dữ liệu hôm nay vào {{.Path}}", map[string]any{"Path": path}))
				}
			})
		}
		// Time to copy a backup off this PC?
		if items, err := store.BackupFiles(); err == nil {
			doUI(func() {
				if _, due := u.settings.CopyOutDue(u.now(), firstBackup(items)); due {
					u.say(u.copyOutNote(items))
				}
			})
		}
	})
	return nil
}

// close ends what Start began: the database and its lock.
func (s *starter) close() {
	if s.stop != nil {
		close(s.stop)
	}
	if s.store != nil {
		s.store.Close()
	}
	s.lock.Release()
}

// problemPage is the window's content when the program cannot be shown:
// an icon and title, the explanation, and the actions on the right.
func problemPage(title, detail string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(detail)
	msg.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(layout.NewSpacer())
	for _, a := range actions {
		buttons.Add(a)
	}
	body := container.NewBorder(container.NewHBox(widget.NewIcon(theme.WarningIcon()), head), buttons, nil, nil,
		container.NewVScroll(msg))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(760, 380), container.NewPadded(body)))
}

// showOpenElsewhere says that another copy has the database and offers to
// bring it forward or to view read-only.
func (s *starter) showOpenElsewhere(e *data.OpenElsewhereError) {
	s.err = e
	who := ""
	if !e.Holder.Since.IsZero() {
		who = lang.L(" (mở lúc {{.At}} trên máy {{.Host}})", map[string]any{"At": e.Holder.Since.Format("15:04 ngày 02/01/2006"), "Host": e.Holder.Host})
	}
	detail := lang.L("Tệp dữ liệu {{.Path}} đang được một cửa sổ OCOP Desk khác sử dụng{{.Who}}.\n\nHai cửa sổ cùng sửa một tệp có thể ghi đè sửa đổi của nhau, nên mỗi lúc chỉ một cửa sổ được sửa. Hãy chuyển sang cửa sổ đang mở, hoặc mở cửa sổ này chỉ để xem (xem, tìm kiếm, xuất báo cáo; không sửa được).",
		map[string]any{"Path": e.Path, "Who": who})
	raise := widget.NewButtonWithIcon(lang.L("Chuyển đến cửa sổ đang mở"), theme.ViewRestoreIcon(), func() {
		if err := data.RequestRaise(s.path); err != nil {
			s.err = err
		} else {
			s.err = nil
		}
		s.app.Quit()
	})
	raise.Importance = widget.HighImportance
	view := widget.NewButtonWithIcon(lang.L("Mở chỉ để xem"), theme.VisibilityIcon(), func() {
		store, err := data.OpenReadOnly(s.path)
		if err == nil {
			err = s.run(store)
			if err != nil {
				store.Close()
			}
		}
		if err != nil {
			s.showCannotOpen(err, false)
		}
	})
	quit := widget.NewButton(lang.L("Thoát"), s.app.Quit)
	s.win.SetContent(problemPage(lang.L("Dữ liệu đang được mở ở cửa sổ khác"), detail, raise, view, quit))
}

// showCannotOpen says why the database cannot be opened; when restorable,
// it offers the newest good backup and any other backup file.
func (s *starter) showCannotOpen(err error, restorable bool) {
	s.err = err
	detail := viet.UpperFirst(err.Error()) + "\n\n" + lang.L("Tệp dữ liệu không bị thay đổi.")
	var actions []fyne.CanvasObject
	if restorable {
		if best, ok := data.NewestGoodBackup(s.path); ok {
			detail += "\n\n" + lang.L("Bản sao lưu tốt gần nhất: {{.Line}}. Khôi phục sẽ đặt bản này vào chỗ tệp hỏng; tệp hỏng được giữ lại bên cạnh với tên mới.",
				map[string]any{"Line": backupLine(best)})
			restore := widget.NewButtonWithIcon(lang.L("Khôi phục bản sao lưu gần nhất"), theme.HistoryIcon(), func() { s.restore(best.Path) })
			restore.Importance = widget.HighImportance
			actions = append(actions, restore)
		} else {
			detail += "\n\n" + lang.L("Không tìm thấy bản sao lưu nào trong {{.Dir}}. Nếu có bản sao lưu ở nơi khác (USB, thư mục khác), hãy chọn tệp đó.",
				map[string]any{"Dir": data.BackupDir(s.path)})
		}
		actions = append(actions, widget.NewButtonWithIcon(lang.L("Chọn tệp sao lưu khác…"), theme.FolderOpenIcon(), s.restoreFromFile))
	} else {
		detail += "\n\n" + lang.L("Hãy chọn đúng tệp dữ liệu bằng tùy chọn --db, hoặc liên hệ người quản trị.")
	}
	actions = append(actions, widget.NewButton(lang.L("Đóng"), s.app.Quit))
	s.win.SetContent(problemPage(lang.L("Không mở được cơ sở dữ liệu"), detail, actions...))
}

// restore puts the backup at src in place of the database that could not
// be opened, keeping that file aside, and opens the program.
func (s *starter) restore(src string) {
	kept, err := data.ReplaceDamaged(s.path, src)
	if err != nil {
		dialog.ShowError(err, s.win)
		return
	}
	s.open()
	if s.ui != nil {
		s.ui.say(lang.L("Đã khôi phục từ {{.File}}; tệp hỏng được giữ ở {{.Kept}}", map[string]any{"File": filepath.Base(src), "Kept": kept}))
	}
}

// restoreFromFile asks for a backup file anywhere and restores it after
// saying what it holds.
func (s *starter) restoreFromFile() {
	chooseFileIn(s.win, []string{".db"}, func(path string) {
		info := data.InspectBackup(path)
		if info.Problem != "" {
			dialog.ShowError(fmt.Errorf("%s", lang.L("Không khôi phục được từ {{.File}}: {{.Why}}", map[string]any{"File": filepath.Base(path), "Why": info.Problem})), s.win)
			return
		}
		dialog.ShowConfirm(lang.L("Khôi phục dữ liệu"), lang.L("Khôi phục từ {{.File}}?\n\n{{.Line}}", map[string]any{"File": filepath.Base(path), "Line": backupLine(info)}),
			func(ok bool) {
				if ok {
					s.restore(path)
				}
			}, s.win)
	})
}
