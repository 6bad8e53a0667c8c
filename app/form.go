package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formDialog is a form shown over the window: Ctrl+S or the Lưu button
// saves, Esc or Hủy closes, asking first when something was changed.
type formDialog struct {
	u       *ui
	d       *dialog.CustomDialog
	save    func()      // validates and saves; closes the form itself when done
	changed func() bool // whether closing would lose typing
	saveBtn *widget.Button
	onClose func()
	asking  *dialog.ConfirmDialog // the "discard changes?" question, while shown
}

// newFormDialog builds a form around content. extra buttons go left of Hủy.
func (u *ui) newFormDialog(title string, content fyne.CanvasObject, size fyne.Size, save func(), changed func() bool, extra ...fyne.CanvasObject) *formDialog {
	viewOnly := save != nil && u.store.ReadOnly()
	if viewOnly {
		// Another window edits this data: the form shows, nothing saves.
		save, changed = nil, func() bool { return false }
	}
	f := &formDialog{u: u, save: save, changed: changed}
	cancel := widget.NewButtonWithIcon(lang.L("Hủy (Esc)"), theme.CancelIcon(), f.cancel)
	buttons := append(append([]fyne.CanvasObject{}, extra...), layout.NewSpacer(), cancel)
	if viewOnly {
		note := widget.NewLabelWithStyle(lang.L("Chỉ xem: sửa ở cửa sổ OCOP Desk đang mở dữ liệu này"), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		buttons = append(buttons[:len(buttons)-1], note, cancel)
	}
	switch {
	case save != nil:
		f.saveBtn = widget.NewButtonWithIcon(lang.L("Lưu (Ctrl+S)"), theme.DocumentSaveIcon(), save)
		f.saveBtn.Importance = widget.HighImportance
		buttons = append(buttons, f.saveBtn)
	case viewOnly:
		// The form's code may still label or enable its save button: one
		// is made, and never shown.
		f.saveBtn = widget.NewButton("", func() {})
		f.saveBtn.Hide()
		fallthrough
	default:
		cancel.SetText(lang.L("Đóng (Esc)"))
	}
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHBox(buttons...)), nil, nil, content)
	f.d = dialog.NewCustomWithoutButtons(title, body, u.win)
	f.d.Resize(fitWindow(u.win, size))
	return f
}

// fitWindow shrinks a dialog's size to fit inside the window (a small
// screen), instead of the window growing past the screen's edge.
func fitWindow(w fyne.Window, size fyne.Size) fyne.Size {
	win := w.Canvas().Size()
	if win.Width <= 0 || win.Height <= 0 {
		return size
	}
	return fyne.NewSize(min(size.Width, win.Width-24), min(size.Height, win.Height-24))
}

func (f *formDialog) show() {
	f.u.modals = append(f.u.modals, f)
	f.d.Show()
}

// close hides the form without asking.
func (f *formDialog) close() {
	for i, m := range f.u.modals {
		if m == f {
			f.u.modals = append(f.u.modals[:i], f.u.modals[i+1:]...)
			break
		}
	}
	f.d.Hide()
	f.u.refocus()
	if f.onClose != nil {
		f.onClose()
	}
}

// cancel closes the form, asking first when there are unsaved changes.
func (f *formDialog) cancel() {
	if f.asking != nil {
		// Esc again while asking means "go back to the form".
		f.asking.Hide()
		f.asking = nil
		return
	}
	f.closeThen(nil)
}

// closeThen closes the form, asking first when something was changed, and
// then runs next (when not nil), for a form that opens another in its place.
func (f *formDialog) closeThen(next func()) {
	if f.changed == nil || !f.changed() {
		f.close()
		if next != nil {
			next()
		}
		return
	}
	var d *dialog.ConfirmDialog
	d = dialog.NewConfirm(lang.L("Bỏ thay đổi?"), lang.L("Các thay đổi chưa được lưu. Đóng và bỏ các thay đổi này?"), func(ok bool) {
		if f.asking == d {
			f.asking = nil
		}
		if ok {
			f.close()
			if next != nil {
				next()
			}
		}
	}, f.u.win)
	f.asking = d
	d.SetConfirmText(lang.L("Bỏ thay đổi"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(lang.L("Quay lại"))
	f.u.showConfirm(d)
}

func (u *ui) topModal() *formDialog {
	if len(u.modals) == 0 {
		return nil
	}
	return u.modals[len(u.modals)-1]
}

func (u *ui) modalOpen() bool { return len(u.modals) > 0 }

// refocus gives the keyboard back to the current screen's list after a
// form closed, so that arrows, Enter and Delete work again at once.
func (u *ui) refocus() {
	if len(u.modals) > 0 {
		return
	}
	var list *listTable
	switch u.current {
	case screenProducts:
		list = u.products.list
	case screenProducers:
		list = u.producers.list
	case screenTraining:
		list = u.training.list
	}
	if list == nil {
		u.win.Canvas().Unfocus()
		return
	}
	u.win.Canvas().Focus(list.view.(fyne.Focusable))
}
