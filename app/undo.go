package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// undoStep reverses one change (a delete, an edit) made in this session.
type undoStep struct {
	label string // what was done, e.g. "Xóa sản phẩm «Thạch đen»"
	run   func(context.Context) error
}

// pushUndo records how to reverse a change just made and says so in the
// status bar.
func (u *ui) pushUndo(label string, run func(context.Context) error) {
	u.undo = append(u.undo, undoStep{label, run})
	u.refreshUndo()
	u.say(lang.L("{{.What}}. Bấm Hoàn tác (Ctrl+Z) để lấy lại.", map[string]any{"What": label}))
}

func (u *ui) refreshUndo() {
	if u.undoBtn == nil {
		return
	}
	if len(u.undo) == 0 {
		u.undoBtn.Disable()
		u.undoBtn.SetText(lang.L("Hoàn tác"))
		return
	}
	u.undoBtn.Enable()
	u.undoBtn.SetText(lang.L("Hoàn tác (Ctrl+Z)"))
}

// undoLast reverses the latest change still on the stack.
func (u *ui) undoLast() {
	if len(u.undo) == 0 || u.modalOpen() {
		return
	}
	step := u.undo[len(u.undo)-1]
	u.undo = u.undo[:len(u.undo)-1]
	u.refreshUndo()
	background(u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, step.run(ctx)
	}, func(struct{}) {
		u.say(lang.L("Đã hoàn tác: {{.What}}", map[string]any{"What": step.label}))
		u.dataChanged()
	})
}

// confirmDelete asks before deleting what, then runs del off the UI
// thread and offers undo.
func (u *ui) confirmDelete(what, label string, del, undo func(context.Context) error) {
	msg := lang.L("Xóa {{.What}}?\n\nBản ghi được chuyển vào Thùng rác; có thể hoàn tác ngay (Ctrl+Z) hoặc khôi phục sau.", map[string]any{"What": what})
	d := dialog.NewConfirm(lang.L("Xác nhận xóa"), msg, func(ok bool) {
		if !ok {
			return
		}
		background(u, func(ctx context.Context) (struct{}, error) { return struct{}{}, del(ctx) }, func(struct{}) {
			u.pushUndo(label, undo)
			u.dataChanged()
		})
	}, u.win)
	d.SetConfirmText(lang.L("Xóa"))
	d.SetDismissText(lang.L("Không xóa"))
	d.Show()
}

// errShown is returned by work that already told the user what went wrong.
var errShown = errors.New("đã báo")
