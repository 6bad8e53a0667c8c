package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// undoStep reverses one change (a delete, an edit) made in this session.
type undoStep struct {
	label   func() string // what was done, e.g. "Xóa sản phẩm «Thạch đen»", in the language shown
	run     func(context.Context) error
	deleted *trashRef // for a delete: the record it put in the trash
}

// trashRef names a record a delete moved to the trash, as data.TrashItem does.
type trashRef struct {
	kind string
	id   int64
}

// pushUndo records how to reverse a change just made and says so in the
// status bar.
func (u *ui) pushUndo(label func() string, run func(context.Context) error) {
	u.pushStep(undoStep{label: label, run: run})
}

func (u *ui) pushStep(step undoStep) {
	u.undo = append(u.undo, step)
	u.refreshUndo()
	u.say(lang.L("{{.What}}. Bấm Hoàn tác (Ctrl+Z) để lấy lại.", map[string]any{"What": step.label()}))
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
	// Not while a form with typing in it is open: its own entries undo typing.
	if m := u.topModal(); len(u.undo) == 0 || (m != nil && m.save != nil) {
		return
	}
	step := u.undo[len(u.undo)-1]
	u.undo = u.undo[:len(u.undo)-1]
	u.refreshUndo()
	background(u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, step.run(ctx)
	}, func(struct{}) {
		u.say(lang.L("Đã hoàn tác: {{.What}}", map[string]any{"What": step.label()}))
		u.dataChanged()
	})
}

// confirmDelete asks before moving the record ref to the trash (what names
// it), then runs del off the UI thread and offers undo.
func (u *ui) confirmDelete(ref trashRef, what string, label func() string, del, undo func(context.Context) error) {
	msg := lang.L("Xóa {{.What}}?\n\nBản ghi được chuyển vào Thùng rác; có thể hoàn tác ngay (Ctrl+Z) hoặc khôi phục sau.", map[string]any{"What": what})
	u.confirmChange(lang.L("Xác nhận xóa"), msg, lang.L("Xóa"), lang.L("Không xóa"), undoStep{label: label, run: undo, deleted: &ref}, del)
}

// forgetRestored drops the undo steps of deletes whose record is no longer
// in the trash (restored from it, perhaps with its producer), so Hoàn tác
// never offers to undo what was already undone.
func (u *ui) forgetRestored(trash []data.TrashItem) {
	in := map[trashRef]bool{}
	for _, it := range trash {
		in[trashRef{it.Kind, it.ID}] = true
	}
	kept := u.undo[:0]
	for _, s := range u.undo {
		if s.deleted == nil || in[*s.deleted] {
			kept = append(kept, s)
		}
	}
	clear(u.undo[len(kept):])
	u.undo = kept
	u.refreshUndo()
}

// confirmRemove asks before taking what off a list (nothing goes to the
// trash), then runs remove off the UI thread and offers undo.
func (u *ui) confirmRemove(what string, label func() string, remove, undo func(context.Context) error) {
	msg := lang.L("Bỏ {{.What}}?\n\nCó thể hoàn tác ngay (Ctrl+Z) sau khi đóng cửa sổ này.", map[string]any{"What": what})
	u.confirmChange(lang.L("Xác nhận"), msg, lang.L("Bỏ"), lang.L("Không"), undoStep{label: label, run: undo}, remove)
}

func (u *ui) confirmChange(title, msg, yes, no string, step undoStep, change func(context.Context) error) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if !ok {
			return
		}
		background(u, func(ctx context.Context) (struct{}, error) { return struct{}{}, change(ctx) }, func(struct{}) {
			u.pushStep(step)
			u.dataChanged()
		})
	}, u.win)
	d.SetConfirmText(yes)
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(no)
	u.showConfirm(d)
}

// question is the dialog shown that answers the keyboard: Enter runs yes
// (its main button), Esc runs no.
type question struct{ yes, no func() }

// showConfirm shows a question that answers the keyboard as dialogs do
// elsewhere: Enter says yes (its confirm button), Esc says no.
func (u *ui) showConfirm(d *dialog.ConfirmDialog) { u.showQuestion(d, d.Confirm, d.Dismiss) }

// showQuestion shows d with yes and no as its answers to Enter and Esc.
func (u *ui) showQuestion(d dialog.Dialog, yes, no func()) {
	q := &question{yes, no}
	u.asking = q
	d.SetOnClosed(func() {
		if u.asking == q {
			u.asking = nil
		}
	})
	u.win.Canvas().Unfocus() // the keys come to the window, not a field under the dialog
	d.Show()
}

// answer answers the open question, if any: yes (Enter) or no (Esc).
func (u *ui) answer(yes bool) bool {
	q := u.asking
	if q == nil {
		return false
	}
	u.asking = nil
	if yes {
		q.yes()
	} else {
		q.no()
	}
	return true
}

// tr is lang.L put off until shown: an undo step's label is shown after
// the language may have changed.
func tr(key string, data map[string]any) func() string {
	return func() string { return lang.L(key, data) }
}

// errShown is returned by work that already told the user what went wrong.
var errShown = errors.New("đã báo")
