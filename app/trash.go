package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// showTrash lists deleted records (Thùng rác) and restores the chosen one.
func (u *ui) showTrash() {
	if u.modalOpen() {
		return
	}
	background(u, u.store.Trash, func(items []data.TrashItem) {
		picked := -1
		kinds := map[string]string{
			data.EntityProducer: lang.L("Chủ thể"),
			data.EntityProduct:  lang.L("Sản phẩm"),
			data.EntityCourse:   lang.L("Lớp tập huấn"),
			"certification":     lang.L("Quyết định"),
		}
		list := widget.NewList(func() int { return len(items) },
			func() fyne.CanvasObject { return widget.NewLabel("") },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				it := items[i]
				o.(*widget.Label).SetText(it.DeletedAt.Local().Format("02/01/2006 15:04") + " · " + kinds[it.Kind] + " · " + it.Name)
			})
		restore := widget.NewButtonWithIcon(lang.L("Khôi phục"), theme.ContentUndoIcon(), nil)
		restore.Importance = widget.HighImportance
		restore.Disable()
		list.OnSelected = func(i widget.ListItemID) { picked = i; restore.Enable(); u.keepEsc() }
		var f *formDialog
		restore.OnTapped = func() {
			if picked < 0 {
				return
			}
			it := items[picked]
			background(u, func(ctx context.Context) ([]data.TrashItem, error) {
				if err := u.store.Restore(ctx, it); err != nil {
					return nil, err
				}
				return u.store.Trash(ctx)
			},
				func(left []data.TrashItem) {
					f.close()
					u.forgetRestored(left)
					u.say(lang.L("Đã khôi phục: {{.Name}}", map[string]any{"Name": it.Name}))
					u.dataChanged()
				})
		}
		help := widget.NewLabel(lang.L("Bản ghi đã xóa nằm ở đây và có thể khôi phục bất cứ lúc nào. Khôi phục một sản phẩm cũng khôi phục chủ thể của nó nếu chủ thể đã bị xóa."))
		help.Wrapping = fyne.TextWrapWord
		content := fyne.CanvasObject(list)
		if len(items) == 0 {
			content = widget.NewLabel(lang.L("Thùng rác trống."))
		}
		f = u.newFormDialog(lang.L("Thùng rác"), container.NewBorder(help, nil, nil, nil, content), fyne.NewSize(760, 500),
			nil, nil, restore)
		f.show()
	})
}
