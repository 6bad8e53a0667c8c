package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	native "github.com/sqweek/dialog"
)

// The system's dialogs (comdlg32 through github.com/sqweek/dialog, ISC
// licence) run on their own thread, as they block until closed; the
// window shows a note meanwhile, which also keeps the user from working
// under a dialog that has no owner window.

func openFile(win fyne.Window, exts []string, picked func(path string)) {
	b := native.File().Title(lang.L("Mở tệp"))
	for _, ext := range exts {
		b = b.Filter(filterName(ext)+" (*"+ext+")", strings.TrimPrefix(ext, "."))
	}
	b = b.Filter(lang.L("Mọi tệp"), "*")
	nativeDialog(win, b.Load, func(path string) { picked(path) })
}

func saveFile(win fyne.Window, name, ext string, picked func(path string)) {
	b := native.File().Title(lang.L("Lưu tệp")).SetStartFile(name)
	if ext != "" {
		b = b.Filter(filterName(ext)+" (*"+ext+")", strings.TrimPrefix(ext, "."))
	}
	nativeDialog(win, b.Save, func(path string) { picked(withExt(path, ext)) })
}

func chooseFolder(win fyne.Window, picked func(dir string)) {
	nativeDialog(win, native.Directory().Title(lang.L("Chọn thư mục")).Browse, picked)
}

// nativeDialog runs show off the UI thread and hands its path to picked
// on it.
func nativeDialog(win fyne.Window, show func() (string, error), picked func(string)) {
	note := dialog.NewCustomWithoutButtons(lang.L("Đang chọn tệp"),
		widget.NewLabel(lang.L("Hộp thoại chọn tệp của Windows đang mở.")), win)
	note.Show()
	go func() {
		path, err := show()
		fyne.Do(func() {
			note.Hide()
			switch {
			case errors.Is(err, native.ErrCancelled):
			case err != nil:
				dialog.ShowError(err, win)
			default:
				picked(path)
			}
		})
	}()
}
