package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// overlayText is the text of the labels in the top dialog.
func overlayText(u *ui) string {
	var b strings.Builder
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	eachObject([]fyne.CanvasObject{top}, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		}
	})
	return b.String()
}

// A Word annex opens in the preview, its rows named by the table
// ("Bảng 1"); a PDF and a damaged .xls get a message saying what to do
// (the error dialog capitalises its first letter).
func TestImportPreviewOfWordPDFAndXLS(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() { u.show(screenProducts) })
	onUI(func() { u.previewImportFile(filepath.Join("..", "data", "xlsx", "testdata", "annex-2865.docx")) })
	var f *importForm
	eventually(t, "preview", func() bool { f, _ = u.lastForm.(*importForm); return f != nil && len(f.plan.Rows)+len(f.issues) > 0 })
	onUI(func() {
		found := false
		for _, p := range f.issues {
			found = found || strings.Contains(p.String(), `Trang "Bảng 1"`)
		}
		for _, r := range f.plan.Rows {
			found = found || r.Sheet == "Bảng 1"
		}
		if !found || f.maps[0].Sheet != "Bảng 1" {
			t.Errorf("the preview does not come from the Word table: maps %+v, issues %v", f.maps, f.issues)
		}
	})
	snapshot(u, "nhap-word.png")
	onUI(func() { f.f.close() })

	dir := t.TempDir()
	pdf := filepath.Join(dir, "QD-2865.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7\n"), 0o644)
	xls, _ := os.ReadFile(filepath.Join("..", "data", "xlsx", "testdata", "products-97.xls"))
	broken := filepath.Join(dir, "DanhSach.xls")
	os.WriteFile(broken, xls[:5000], 0o644)
	for _, c := range []struct{ path, want, shot string }{
		{pdf, "Tệp QD-2865.pdf là PDF: chương trình không đọc được bảng trong PDF. Hãy xin cơ quan gửi tệp Word (.docx) hoặc Excel (.xlsx) gốc", "nhap-pdf.png"},
		{broken, "Tệp DanhSach.xls là Excel 97-2003 (.xls) và không đọc được: tệp đã hỏng. Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx", "nhap-xls-hong.png"},
	} {
		onUI(func() { u.previewImportFile(c.path) })
		eventually(t, "message for "+filepath.Base(c.path), func() bool {
			return strings.Contains(strings.Join(strings.Fields(overlayText(u)), " "), c.want)
		})
		snapshot(u, c.shot)
		onUI(func() {
			top := u.win.Canvas().Overlays().Top()
			top.Hide()
			u.win.Canvas().Overlays().Remove(top)
		})
	}
}
