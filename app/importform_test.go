package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// TestImportFlow goes through importing a messy product list: preview,
// correct a column's meaning, commit, undo.
func TestImportFlow(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() { u.show(screenProducts) })
	onUI(func() {
		u.previewImportFile(filepath.Join("..", "data", "xlsx", "testdata", "danh-sach-san-pham.xlsx"))
	})
	var f *importForm
	eventually(t, "preview", func() bool { f, _ = u.lastForm.(*importForm); return f != nil && len(f.plan.Rows) > 0 })
	onUI(func() {
		if !strings.Contains(f.summary.Text, "7 dòng sản phẩm: 6 sản phẩm mới, 5 chủ thể mới") || len(f.issues) != 2 {
			t.Errorf("summary %q, %d problems", f.summary.Text, len(f.issues))
		}
	})
	snapshot(u, "nhap-xem-truoc.png")
	// The user says the address column is not one: communes are no longer found from it.
	onUI(func() {
		delete(f.maps[0].Columns, xlsx.FieldAddress)
		f.recompute()
	})
	eventually(t, "remapped", func() bool {
		for _, r := range f.plan.Rows {
			if r.Sheet == "Danh sách 2024" && r.Address != "" {
				return false
			}
		}
		return len(f.plan.Rows) == 7
	})
	onUI(func() {
		delete(f.maps[0].Columns, xlsx.FieldAddress)
		f.maps[0].Columns[xlsx.FieldAddress] = 3 // back to column D
		f.recompute()
	})
	eventually(t, "mapped back", func() bool { return len(f.plan.Rows) == 7 && f.plan.Rows[0].Address != "" })
	press(u, fyne.KeyS)
	eventually(t, "imported", func() bool { return !u.modalOpen() && u.products.footer.Text == "6 / 6 sản phẩm" })
	onUI(func() {
		if !strings.Contains(u.message.Text, "6 sản phẩm mới, 5 chủ thể mới") || u.undoBtn.Disabled() {
			t.Errorf("status %q", u.message.Text)
		}
	})
	// Undo takes the whole import back.
	onUI(u.undoLast)
	eventually(t, "undone", func() bool { return u.products.footer.Text == "0 / 0 sản phẩm" })
	trash, _ := u.store.Trash(context.Background())
	if len(trash) < 6 {
		t.Errorf("%d records in the trash after undoing the import", len(trash))
	}
	if rows, _ := u.store.Products(context.Background(), data.ProductQuery{}); len(rows) != 0 {
		t.Errorf("%d products after undo", len(rows))
	}
}
