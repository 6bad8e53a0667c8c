package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// showChangeLog shows what was changed in one record, when and by whom.
func (u *ui) showChangeLog(entity string, id int64, name string) {
	background(u, func(ctx context.Context) ([]data.Change, error) { return u.store.ChangeLog(ctx, entity, id) },
		func(log []data.Change) {
			lines := widget.NewList(func() int { return len(log) },
				func() fyne.CanvasObject {
					l := widget.NewLabel("")
					l.Wrapping = fyne.TextWrapWord
					return l
				},
				func(i widget.ListItemID, o fyne.CanvasObject) {
					c := log[i]
					staff := c.Staff
					if staff == "" {
						staff = lang.L("(chưa ghi tên cán bộ)")
					}
					at := c.At.Local().Format("02/01/2006 15:04")
					o.(*widget.Label).SetText(at + " · " + staff + " · " + lang.L(data.ActionLabel(c.Action)) + "\n" + c.Details)
				})
			var f *formDialog
			content := fyne.CanvasObject(lines)
			if len(log) == 0 {
				content = widget.NewLabel(lang.L("Chưa có thay đổi nào được ghi."))
			}
			f = u.newFormDialog(lang.L("Nhật ký thay đổi: {{.Name}}", map[string]any{"Name": name}), content,
				fyne.NewSize(720, 480), nil, nil)
			f.show()
			for i, c := range log {
				lines.SetItemHeight(i, float32(1+countLines(c.Details))*22+16)
			}
		})
}

func countLines(s string) int {
	n := 1
	for _, r := range s {
		if r == '\n' {
			n++
		}
	}
	return n
}
