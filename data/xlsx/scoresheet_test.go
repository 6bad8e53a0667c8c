package xlsx

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// gingerSheet is a sheet of set I.3.c with the best option everywhere but
// 1 point on the raw materials (criterion 1.1), whose evidence it gives.
func gingerSheet(t *testing.T, evidence string) (*data.CriteriaSet, *data.Sheet, data.SheetResult, time.Time) {
	t.Helper()
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	set, err := data.CriteriaSetFor("I.3.c", day)
	if err != nil {
		t.Fatal(err)
	}
	sheet := data.NewSheet(set)
	for _, c := range set.Criteria {
		sheet.Choose(c.No, len(c.Options)) // the best option everywhere…
	}
	sheet.Choose("1.1", 1) // …but 1 point on the raw materials
	sheet.Evidence[set.Criterion("1.1").Index] = evidence
	rules, err := data.ReferenceRules()
	if err != nil {
		t.Fatal(err)
	}
	return set, sheet, rules.ScoreSheet(sheet, day), day
}

// sheetRows reads the rows of sheet name in the workbook at path.
func sheetRows(t *testing.T, path, name string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The printed phiếu đánh giá carries the sheet's total in its TỔNG ĐIỂM
// row, the parts' subtotals, the chosen options ticked and the ground ticked.
func TestWriteScoreSheet(t *testing.T) {
	set, sheet, res, day := gingerSheet(t, "Hợp đồng mua gừng")
	path := filepath.Join(t.TempDir(), "phieu.xlsx")
	st := data.Settings{OfficeName: "Phòng Kinh tế", ParentBody: "UBND xã Thất Khê", PlaceName: "Thất Khê", SignerTitle: "Trưởng phòng", SignerName: "Nguyễn Văn A"}
	if err := WriteScoreSheet(st, set, sheet, res, "Mứt gừng Thất Khê", path, day); err != nil {
		t.Fatal(err)
	}
	rows := sheetRows(t, path, ScoreSheetName)
	var total, partA, result, ticked string
	for _, r := range rows {
		for len(r) < 5 {
			r = append(r, "")
		}
		switch {
		case r[1] == "TỔNG ĐIỂM":
			total = r[3]
		case strings.HasPrefix(r[1], "PHẦN A"):
			partA = r[3]
		case strings.HasPrefix(r[1], "Kết quả:"):
			result = r[1]
		case strings.HasPrefix(r[1], "☒ Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng"):
			ticked = r[3]
		}
	}
	if want := fmt.Sprintf("%.2f", res.Total.Float()); total != want {
		t.Errorf("total cell %q, sheet's total %s", total, want)
	}
	if want := fmt.Sprintf("%.2f", res.Parts[0].Points.Float()); partA != want {
		t.Errorf("part A %q, want %s", partA, want)
	}
	if result != "Kết quả: "+res.Summary() {
		t.Errorf("result line %q, want %q", result, res.Summary())
	}
	if ticked != "x" {
		t.Errorf("option 1 of 1.1 not ticked: %q", ticked)
	}
	if !strings.Contains(strings.Join(rows[5], " "), "Mứt gừng Thất Khê") {
		t.Errorf("subtitle %q", rows[5])
	}
	pdfPage(t, path)
}

// pdfPage converts path to PDF with LibreOffice and its first page to PNG
// into OCOP_SHOT_DIR, when both are there, to look at.
func pdfPage(t *testing.T, path string) {
	dir := os.Getenv("OCOP_SHOT_DIR")
	if dir == "" {
		return
	}
	if _, err := exec.LookPath("libreoffice"); err != nil {
		t.Skip("no libreoffice")
	}
	out := t.TempDir()
	if b, err := exec.Command("libreoffice", "--headless", "--convert-to", "pdf", "--outdir", out, path).CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), ".xlsx")+".pdf")
	if b, err := exec.Command("pdftoppm", "-png", "-r", "60", pdf, filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx"))).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
}

// The producer's Phần III is headed and signed by the producer, gives each
// criterion the points chosen with the option and the evidence beside it,
// and ends with the total and the stars it can reach.
func TestWritePartIII(t *testing.T) {
	set, sheet, res, day := gingerSheet(t, "Hợp đồng mua gừng của 12 hộ")
	path := filepath.Join(t.TempDir(), "phan3.xlsx")
	st := data.Settings{OfficeName: "UBND xã Thất Khê", ParentBody: "Tỉnh Lạng Sơn", PlaceName: "Thất Khê", SignerTitle: "Chủ tịch", SignerName: "Nguyễn Văn A"}
	who := PartIII{Product: "Mứt gừng Thất Khê", Producer: "HTX Nông sản Thất Khê", Representative: "Hoàng Văn Tâm"}
	if err := WritePartIII(st, who, set, sheet, res, path, day); err != nil {
		t.Fatal(err)
	}
	rows := sheetRows(t, path, PartIIISheetName)
	var total, crit11, result string
	var all []string
	for _, r := range rows {
		for len(r) < 5 {
			r = append(r, "")
		}
		all = append(all, strings.Join(r, " | "))
		switch {
		case r[1] == "TỔNG ĐIỂM TỰ ĐÁNH GIÁ":
			total = r[3]
		case r[0] == "1.1":
			crit11 = r[3] + " | " + r[4]
		case strings.HasPrefix(r[1], "Chủ thể tự đánh giá:"):
			result = r[1]
		}
	}
	text := strings.Join(all, "\n")
	if want := fmt.Sprintf("%.2f", res.Total.Float()); total != want {
		t.Errorf("total %q, want %s", total, want)
	}
	if want := "1.00 | Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50%\nMinh chứng: Hợp đồng mua gừng của 12 hộ"; crit11 != want {
		t.Errorf("criterion 1.1: %q, want %q", crit11, want)
	}
	if result != "Chủ thể tự đánh giá: "+res.Summary() {
		t.Errorf("result %q", result)
	}
	for _, w := range []string{"HTX NÔNG SẢN THẤT KHÊ", "PHẦN III. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
		"Sản phẩm: Mứt gừng Thất Khê", "ĐẠI DIỆN CHỦ THỂ", "Hoàng Văn Tâm"} {
		if !strings.Contains(text, w) {
			t.Errorf("no %q in:\n%s", w, text)
		}
	}
	// The office's own header and signer are not the producer's.
	for _, w := range []string{"UBND XÃ THẤT KHÊ", "TỈNH LẠNG SƠN", "Nguyễn Văn A"} {
		if strings.Contains(text, w) {
			t.Errorf("%q on the producer's page", w)
		}
	}
	pdfPage(t, path)
}
