package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

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

// An office of Lâm Đồng imports a list with pre-2025 addresses: each row
// says the commune it belongs to now, and the one whose old commune was
// split asks, in its own tab, until the user chooses.
func TestImportOldAddressesAsksForASplitCommune(t *testing.T) {
	u := newTestUI(t, false)
	ctx := context.Background()
	st := u.settings
	st.OfficeName, st.ProvinceCode = "UBND XÃ THUẬN HẠNH", "68"
	if err := u.store.SetUpOffice(ctx, st, nil, true); err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		u.show(screenProducts)
		u.previewImportFile(filepath.Join("..", "data", "xlsx", "testdata", "lam-dong-dia-chi-cu.xlsx"))
	})
	var f *importForm
	eventually(t, "preview", func() bool { f, _ = u.lastForm.(*importForm); return f != nil && len(f.plan.Rows) == 24 })
	var split data.ImportRow
	onUI(func() {
		if got := f.communeText(f.plan.Rows[0].ImportRow); !strings.Contains(got, "nay thuộc xã Thuận Hạnh, tỉnh Lâm Đồng") {
			t.Errorf("first row's commune %q", got)
		}
		if len(f.splits) != 1 || f.splitTab.Text != "Chọn xã (1)" || !slices.Contains(f.tabs.Items, f.splitTab) || len(f.issues) != 1 {
			t.Fatalf("%d rows to choose for, tab %q, %d problems", len(f.splits), f.splitTab.Text, len(f.issues))
		}
		split = f.splits[0]
		var sel *widget.Select
		eachObject([]fyne.CanvasObject{f.splitBox}, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok {
				sel = s
			}
		})
		sel.SetSelectedIndex(1)
	})
	want := split.CommuneChoices[1]
	eventually(t, "chosen", func() bool { return f.splitTab.Text == "Chọn xã (0)" && len(f.issues) == 0 })
	press(u, fyne.KeyS)
	eventually(t, "imported", func() bool { return !u.modalOpen() })
	producers, _ := u.store.Producers(ctx)
	for _, p := range producers {
		if p.Name == split.Producer && p.CommuneID != want.ID {
			t.Errorf("%s: commune %d, chosen %d (%s)", p.Name, p.CommuneID, want.ID, want.Name)
		}
	}
}

// The annex of a decision: the preview's first line says which decision
// the rows without one take, from the title; the user corrects it there
// and the rows are planned, then imported, with the corrected one.
func TestImportAnnexDecisionInPreview(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() {
		u.show(screenProducts)
		u.previewImportFile(filepath.Join("..", "data", "xlsx", "testdata", "annex-s-quyet-dinh.xlsx"))
	})
	var f *importForm
	eventually(t, "preview", func() bool { f, _ = u.lastForm.(*importForm); return f != nil && len(f.plan.Rows) == 6 })
	for _, c := range []struct {
		name       string
		no, day    string
		line       string
		decisionOf string // the first row's decision
	}{
		{"from the title", "", "", "Áp dụng Quyết định số 2865/QĐ-UBND ngày 31/12/2025 (ghi ở tiêu đề) cho 6 dòng không ghi quyết định", "2865/QĐ-UBND 31/12/2025"},
		{"number corrected", "12/QĐ-UBND", "", "Áp dụng Quyết định số 12/QĐ-UBND ngày 31/12/2025 (nhập tay) cho 6 dòng không ghi quyết định", "12/QĐ-UBND 31/12/2025"},
		{"date half typed", "", "05/01/20", "Áp dụng Quyết định số 12/QĐ-UBND ngày 31/12/2025 (nhập tay) cho 6 dòng không ghi quyết định", "12/QĐ-UBND 31/12/2025"},
		{"date corrected", "", "05/01/2026", "Áp dụng Quyết định số 12/QĐ-UBND ngày 05/01/2026 (nhập tay) cho 6 dòng không ghi quyết định", "12/QĐ-UBND 05/01/2026"},
	} {
		onUI(func() {
			if c.no != "" {
				f.decisionNo.SetText(c.no)
			}
			if c.day != "" {
				f.decisionDate.entry.SetText(c.day)
			}
		})
		eventually(t, c.name, func() bool {
			cert := f.plan.Rows[0].Cert
			return f.decisionLine.Text == c.line && f.decisionLine.Visible() && cert != nil &&
				cert.DecisionNo+" "+data.VNDate(cert.DecisionDate) == c.decisionOf
		})
	}
	onUI(func() {
		if !strings.Contains(f.summary.Text, "6 dòng sản phẩm: 6 sản phẩm mới, 6 chủ thể mới") || actionText(f.plan.Rows[0]) != "Sản phẩm mới + chủ thể mới" {
			t.Errorf("summary %q, first row %q", f.summary.Text, actionText(f.plan.Rows[0]))
		}
	})
	snapshot(u, "nhap-phu-luc-quyet-dinh.png")
	press(u, fyne.KeyS)
	eventually(t, "imported", func() bool { return !u.modalOpen() && u.products.footer.Text == "6 / 6 sản phẩm" })
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{})
	for _, r := range rows {
		if r.DecisionNo != "12/QĐ-UBND" || data.VNDate(r.DecisionDate) != "05/01/2026" {
			t.Errorf("%s imported with %s of %s", r.Name, r.DecisionNo, data.VNDate(r.DecisionDate))
		}
	}
}
