package app

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data/xlsx"
)

// reportsScreen (Báo cáo) writes the Excel files sent to the province.
type reportsScreen struct {
	view fyne.CanvasObject
}

func newReportsScreen(u *ui) *reportsScreen {
	desc := widget.NewLabel(lang.L("Danh sách các sản phẩm OCOP với quyết định công nhận mới nhất, hạng sao, ngày hết hạn và tình trạng, theo thể thức văn bản hành chính (khổ A4 ngang, phông Times New Roman, có chỗ ký)."))
	desc.Wrapping = fyne.TextWrapWord
	card := widget.NewCard(lang.L("Danh sách sản phẩm OCOP"), "", container.NewVBox(desc,
		container.NewHBox(widget.NewButtonWithIcon(lang.L("Xuất Excel…"), theme.DocumentSaveIcon(), u.exportProducts))))
	more := widget.NewLabel(lang.L("Báo cáo tổng hợp, báo cáo sắp hết hạn và báo cáo tập huấn theo kỳ sẽ có trong bản cập nhật tới."))
	more.Wrapping = fyne.TextWrapWord
	return &reportsScreen{view: container.NewVBox(heading(lang.L("Báo cáo")), card, more)}
}

// exportProducts asks where to save the product list and writes it.
func (u *ui) exportProducts() {
	u.saveExcel(fmt.Sprintf("DanhSach_SanPham_OCOP_%s.xlsx", u.now().Format("2006-01-02")),
		func(ctx context.Context, path string) (int, error) {
			return xlsx.ExportProducts(ctx, u.store, path, u.now())
		},
		func(n int) string { return lang.L("Đã xuất {{.N}} sản phẩm ra tệp:", map[string]any{"N": n}) })
}

// saveExcel asks where to save a workbook and writes it with write, with a
// progress bar while it works and a way to open the folder afterwards;
// done says what was written.
func (u *ui) saveExcel(name string, write func(ctx context.Context, path string) (int, error), done func(n int) string) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		// The dialog created the file; the export replaces it through a
		// temporary file so a failure never leaves half a workbook.
		w.Close()
		progress := dialog.NewCustomWithoutButtons(lang.L("Đang xuất Excel…"), widget.NewProgressBarInfinite(), u.win)
		progress.Show()
		goBackground(func() {
			n, err := write(context.Background(), path)
			doUI(func() {
				progress.Hide()
				if err != nil {
					u.showError(err)
					return
				}
				u.exported(path, done(n))
			})
		})
	}, u.win)
	save.SetFileName(name)
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	save.Resize(fyne.NewSize(900, 600))
	save.Show()
}

func (u *ui) exported(path, what string) {
	msg := widget.NewLabel(what)
	file := widget.NewLabel(path)
	file.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom(lang.L("Xuất Excel xong"), lang.L("Đóng"), container.NewVBox(msg, file), u.win)
	open := widget.NewButtonWithIcon(lang.L("Mở thư mục"), theme.FolderOpenIcon(), func() {
		dir := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(path))}
		if err := u.app.OpenURL(dir); err != nil {
			u.showError(err)
		}
		d.Hide()
	})
	d.SetButtons([]fyne.CanvasObject{open, widget.NewButton(lang.L("Đóng"), d.Hide)})
	d.Show()
}
