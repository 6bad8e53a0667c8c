package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// officeWorkbook exports the demo data of an office named body into dir.
func officeWorkbook(t *testing.T, dir, body string) string {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(dir, body+".db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.FillDemo(ctx, testToday); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	st.ParentBody = body
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "BaoCao_"+body+".xlsx")
	if _, err := xlsx.WriteReports(ctx, s, out, xlsx.Reports, xlsx.ReportOptions{Period: data.Year(2026)}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Báo cáo → Tổng hợp tỉnh: workbooks are added, each is shown with its
// office and period or why it is left out, and the summary counts what is
// combined.
func TestProvinceView(t *testing.T) {
	u := newTestUI(t, false)
	dir := t.TempDir()
	a := officeWorkbook(t, dir, "UBND XÃ THẤT KHÊ")
	b := officeWorkbook(t, dir, "UBND XÃ TRÀNG ĐỊNH")
	foreign := filepath.Join(dir, "bang-tinh-khac.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Danh sách tự làm")
	f.SaveAs(foreign)

	var p *provinceView
	onUI(func() {
		u.show(screenReports)
		p = u.reports.province
		u.reports.tabs.SelectIndex(1)
		if !strings.HasPrefix(p.summary.Text, "Chưa chọn tệp nào") || !strings.Contains(p.problems.Text, "sẽ hiện ở đây") || !p.clearBtn.Disabled() {
			t.Errorf("with no file: %q, %q, Bỏ hết enabled %v", p.summary.Text, p.problems.Text, !p.clearBtn.Disabled())
		}
		p.add([]string{a, b, foreign})
	})
	eventually(t, "the files read", func() bool { return len(p.prov.Files) == 3 })
	var lines []string
	onUI(func() {
		for _, f := range p.prov.Files {
			lines = append(lines, fileLine(f))
		}
	})
	if !strings.Contains(lines[0], "UBND XÃ THẤT KHÊ") || !strings.Contains(lines[0], "Năm 2026") || !strings.Contains(lines[0], "25 sản phẩm") {
		t.Errorf("first file: %q", lines[0])
	}
	if !strings.Contains(lines[2], "KHÔNG GỘP") || !strings.Contains(lines[2], "không phải báo cáo của OCOP Desk") {
		t.Errorf("foreign file: %q", lines[2])
	}
	var summary, problems string
	var canSave bool
	onUI(func() { summary, problems, canSave = p.summary.Text, p.problems.Text, !p.saveBtn.Disabled() })
	// The two offices list the same demo products: each is counted once.
	if !strings.Contains(summary, "gộp 2/3 tệp, 25 sản phẩm") || !strings.Contains(summary, "có trong báo cáo của hơn một đơn vị, chỉ tính một lần") || !canSave {
		t.Errorf("summary %q (save enabled %v)", summary, canSave)
	}
	// The dossiers of both offices are counted (each office's demo has its own).
	one, err := data.Open(filepath.Join(dir, "UBND XÃ THẤT KHÊ.db"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := one.PeriodDossiers(context.Background(), data.Year(2026))
	n := data.CountDossiers(rows, data.Year(2026)).Total()
	one.Close()
	if n == 0 || !strings.Contains(summary, fmt.Sprintf("Hồ sơ OCOP: %d (", 2*n)) {
		t.Errorf("summary %q does not count %d dossiers", summary, 2*n)
	}
	if !strings.Contains(problems, "✗ bang-tinh-khac.xlsx: không phải báo cáo của OCOP Desk") {
		t.Errorf("problems:\n%s", problems)
	}
	snapshot(u, "tong-hop-tinh.png")
	// Removing the foreign file leaves no problem that keeps a file out.
	onUI(func() {
		p.list.Select(2)
		p.removePicked()
	})
	eventually(t, "recombined", func() bool { return len(p.prov.Files) == 2 && p.prov.LeftOut() == 0 })
	// A folder dragged onto the window adds its workbooks (the databases beside them are not).
	onUI(func() {
		p.paths = nil
		p.dropped([]fyne.URI{storage.NewFileURI(dir)})
	})
	eventually(t, "the folder's workbooks", func() bool { return len(p.prov.Files) == 3 })
	onUI(func() {
		for i, f := range p.prov.Files {
			if f.Name() == "bang-tinh-khac.xlsx" {
				p.list.Select(i)
			}
		}
		p.removePicked()
	})
	eventually(t, "recombined", func() bool { return len(p.prov.Files) == 2 && p.prov.LeftOut() == 0 })
	// The provincial workbook is written from what is shown.
	out := filepath.Join(dir, "TongHop.xlsx")
	if err := xlsx.WriteProvince(context.Background(), u.store, out, p.prov, xlsx.ProvinceOptions{}); err != nil {
		t.Fatal(err)
	}
}
