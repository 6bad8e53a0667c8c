package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newTrainingScreen (Tập huấn) will hold courses, participants and
// attendance. Until that is built it says so plainly instead of showing
// empty controls that do nothing.
func newTrainingScreen(*ui) fyne.CanvasObject {
	text := widget.NewLabel(lang.L("Quản lý lớp tập huấn, học viên, điểm danh theo buổi và in danh sách ký tên sẽ có trong bản cập nhật tới. Dữ liệu sản phẩm và chủ thể đã dùng được ngay."))
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(heading(lang.L("Tập huấn")),
		container.NewHBox(widget.NewIcon(theme.InfoIcon()), widget.NewLabelWithStyle(lang.L("Chức năng đang được xây dựng"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		text), nil, nil, nil)
}
