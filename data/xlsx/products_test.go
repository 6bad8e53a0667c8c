package xlsx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

func demoStore(t *testing.T) (*data.Store, time.Time) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	today := time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)
	if _, err := s.FillDemo(context.Background(), today); err != nil {
		t.Fatal(err)
	}
	return s, today
}

func TestExportProducts(t *testing.T) {
	s, today := demoStore(t)
	ctx := context.Background()
	// Text that looks like a formula must arrive as text.
	p := &data.Product{ProducerID: 1, Name: "=HYPERLINK(\"http://x\")", SetCode: "I.3.c"}
	if err := s.AddProduct(ctx, p, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "DanhSach.xlsx")
	n, err := ExportProducts(ctx, s, out, today)
	if err != nil {
		t.Fatal(err)
	}
	if n != 26 {
		t.Errorf("%d products exported, want 26", n)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := "Danh sách sản phẩm"
	get := func(cell string) string { v, _ := f.GetCellValue(sh, cell); return v }
	checks := map[string]string{
		"A1": "UBND XÃ THẤT KHÊ",
		"A2": "PHÒNG KINH TẾ",
		"H1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"H2": "Độc lập - Tự do - Hạnh phúc",
		"H3": "Thất Khê, ngày 05 tháng 02 năm 2026",
		"A5": "DANH SÁCH SẢN PHẨM OCOP",
		"A6": "(Tính đến ngày 05/02/2026)",
		"A9": "STT", "B9": "Tên sản phẩm", "L9": "Tình trạng",
		"A10": "1",
	}
	for cell, want := range checks {
		if got := get(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	rows, _ := f.GetRows(sh)
	found := false
	for i, r := range rows {
		if len(r) > 1 && r[1] == "Bột thạch đen Đoàn Kết" {
			found = true
			n := i + 1
			// Score and stars are numbers, dates are real dates shown dd/mm/yyyy.
			if typ, _ := f.GetCellType(sh, cellName(7, n)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("score cell type %v", typ)
			}
			raw, _ := f.GetCellValue(sh, cellName(7, n), excelize.Options{RawCellValue: true})
			if raw != "66.36" {
				t.Errorf("score raw = %q", raw)
			}
			shown := get(cellName(10, n))
			if _, err := time.Parse("02/01/2006", shown); err != nil {
				t.Errorf("decision date shows %q, want dd/mm/yyyy", shown)
			}
			rawDate, _ := f.GetCellValue(sh, cellName(10, n), excelize.Options{RawCellValue: true})
			if strings.Contains(rawDate, "/") {
				t.Errorf("decision date stored as text %q", rawDate)
			}
		}
		if len(r) > 1 && strings.HasPrefix(r[1], "=HYPERLINK") {
			if formula, _ := f.GetCellFormula(sh, cellName(2, i+1)); formula != "" {
				t.Errorf("product name became a formula: %q", formula)
			}
		}
	}
	if !found {
		t.Error("demo product missing from the export")
	}
	if !strings.Contains(strings.Join(rows[len(rows)-5], "|"), "TRƯỞNG PHÒNG") {
		t.Errorf("no signature block near the end: %v", rows[len(rows)-6:])
	}
	names := f.GetDefinedName()
	if len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("print titles: %+v", names)
	}
	// A fixed scale, not "fit to width" (Excel would ignore the page breaks),
	// small enough for the twelve columns to fit the width of the page.
	props, _ := f.GetSheetProps(sh)
	lo, _ := f.GetPageLayout(sh)
	if (props.FitToPage != nil && *props.FitToPage) || lo.AdjustTo == nil || *lo.AdjustTo > 70 || *lo.AdjustTo < 50 {
		t.Errorf("scale %v, fit to page %v", lo.AdjustTo, props.FitToPage)
	}
	if lo.Orientation == nil || *lo.Orientation != "landscape" || lo.Size == nil || *lo.Size != 9 {
		t.Errorf("page layout = %+v", lo)
	}
}

func cellName(col, row int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }

func TestExportProductsUnwritable(t *testing.T) {
	s, today := demoStore(t)
	dir := t.TempDir()
	tests := []struct{ path, words string }{
		{filepath.Join(dir, "missing", "x.xlsx"), "không ghi được vào thư mục"},
		{filepath.Join(dir, "x.csv"), "phải kết thúc bằng .xlsx"},
	}
	for _, tt := range tests {
		if _, err := ExportProducts(context.Background(), s, tt.path, today); err == nil || !strings.Contains(err.Error(), tt.words) {
			t.Errorf("%s: %v, want %q", tt.path, err, tt.words)
		}
	}
	// A target that is a folder cannot be replaced; the old content stays and no temporary file is left.
	target := filepath.Join(dir, "busy.xlsx")
	os.Mkdir(target, 0o755)
	os.WriteFile(filepath.Join(target, "keep"), []byte("x"), 0o644)
	if _, err := ExportProducts(context.Background(), s, target, today); err == nil || !strings.Contains(err.Error(), "không thay được tệp") {
		t.Errorf("target is a folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
