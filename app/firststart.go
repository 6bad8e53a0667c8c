package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// firstStart is the first-start dialog's parts, for tests.
type firstStart struct {
	form     *officeForm
	communes *communePicker
}

// showFirstStart asks a new office for its details and communes before
// anything else; a trial user can fill the database with sample data instead.
func (u *ui) showFirstStart() {
	form := newOfficeForm(u)
	form.set(u.settings)
	communes := newCommunePicker(u)
	form.onProvince = communes.load
	communes.load(u.settings.ProvinceCode)
	u.lastForm = &firstStart{form, communes}
	intro := widget.NewLabel(lang.L("Chào mừng đến với OCOP Desk. Hãy chọn tỉnh, thành phố, nhập thông tin đơn vị (in trên mọi báo cáo) và chọn các xã, phường thuộc địa bàn phụ trách. Có thể sửa lại bất cứ lúc nào trong Cài đặt."))
	intro.Wrapping = fyne.TextWrapWord
	communeBox := container.NewBorder(widget.NewLabelWithStyle(lang.L("Địa bàn phụ trách"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, communes.view)
	// The communes take a fixed column, the form the rest: halves cut the
	// form's fields off at 1024 pixels.
	body := container.NewBorder(intro, nil, nil, wide(communeBox, 330), container.NewVScroll(form.form))
	var d *dialog.CustomDialog
	save := widget.NewButton(lang.L("Lưu và bắt đầu"), func() {
		st, err := form.get()
		if err != nil {
			u.showError(err)
			return
		}
		ids := communes.ids()
		background(u, func(ctx context.Context) (data.Settings, error) {
			return st, u.store.SaveOffice(ctx, st, ids)
		}, func(st data.Settings) {
			d.Hide()
			u.settingsChanged(st)
			u.show(u.current)
		})
	})
	save.Importance = widget.HighImportance
	demo := widget.NewButton(lang.L("Dùng dữ liệu mẫu để dùng thử"), func() {
		background(u, func(ctx context.Context) (data.Settings, error) {
			if _, err := u.store.FillDemo(ctx, u.now()); err != nil {
				return data.Settings{}, err
			}
			return u.store.Settings(ctx)
		}, func(st data.Settings) {
			d.Hide()
			u.settingsChanged(st)
			u.show(u.current)
		})
	})
	d = dialog.NewCustomWithoutButtons(lang.L("Thông tin đơn vị"), body, u.win)
	d.SetButtons([]fyne.CanvasObject{demo, save})
	d.Resize(fyne.NewSize(960, 580))
	d.Show()
}
