package xlsx

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

func TestWriteAllReports(t *testing.T) {
	s, _ := demoStore(t) // demo dated 05/02/2026
	ctx := context.Background()
	period := data.Year(2025)
	out := filepath.Join(t.TempDir(), "BaoCao_OCOP_2025.xlsx")
	counts, err := WriteReports(ctx, s, out, Reports, ReportOptions{Period: period})
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := s.Summary(ctx, period)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Danh sách sản phẩm|Tổng hợp|Sắp hết hạn|Tập huấn|Hồ sơ OCOP|"+dataSheet {
		t.Fatalf("sheets %s", got)
	}
	if counts[ReportSummary] != sum.Certified || counts[ReportProducts] != sum.Products {
		t.Errorf("counts %v, summary %+v", counts, sum)
	}
	for _, sh := range f.GetSheetList()[:5] {
		get := func(cell string) string { v, _ := f.GetCellValue(sh, cell); return v }
		if get("A1") != "UBND XÃ THẤT KHÊ" || get("A2") != "PHÒNG KINH TẾ" || !strings.HasPrefix(get("A3"), "") {
			t.Errorf("%s: header %q %q", sh, get("A1"), get("A2"))
		}
		merged, _ := f.GetMergeCells(sh)
		if len(merged) < 6 {
			t.Errorf("%s: %d merged cells, want the header's", sh, len(merged))
		}
		if sh != "Sắp hết hạn" && !strings.Contains(get("A6"), "năm 2025") {
			t.Errorf("%s: period line %q", sh, get("A6"))
		}
	}

	// Summary: each table's totals row, read back, adds up to the same figures.
	rows, _ := f.GetRows("Tổng hợp")
	var totals [][]string
	for _, r := range rows {
		if len(r) > 1 && (r[1] == "Tổng cộng" || r[1] == "Tổng số sản phẩm") {
			totals = append(totals, r)
		}
	}
	if len(totals) != 5 {
		t.Fatalf("%d totals rows, want 5", len(totals))
	}
	want := strconv.Itoa(sum.Certified)
	for i := 0; i < 3; i++ {
		if totals[i][6] != want {
			t.Errorf("table %d total %s, want %s certified products", i+1, totals[i][6], want)
		}
	}
	if totals[3][2] != strconv.Itoa(sum.Products) {
		t.Errorf("status table total %s, want %d", totals[3][2], sum.Products)
	}
	if totals[4][6] != strconv.Itoa(sum.NewTotal) {
		t.Errorf("new decisions total %s, want %d", totals[4][6], sum.NewTotal)
	}
	// Figures are numbers, not text.
	if typ, _ := f.GetCellType("Tổng hợp", "G10"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("counts written as text")
	}
	// Two native charts on the summary sheet.
	if n := countCharts(t, out); n != 2 {
		t.Errorf("%d charts, want 2", n)
	}
	// Training: the courses that started in 2025 and the statistics, as the store works them out.
	stats, _ := s.Training(ctx, period.From, period.To)
	trRows, _ := f.GetRows("Tập huấn")
	figures := map[string]string{}
	for _, r := range trRows {
		if len(r) > 2 {
			figures[strings.TrimSpace(r[1])] = r[2]
		}
	}
	if counts[ReportTraining] != 2 || figures["Số lớp tập huấn"] != "2" ||
		figures["Số lượt người tham gia (có mặt ít nhất một buổi)"] != strconv.Itoa(stats.ParticipantTimes) ||
		figures["Số người được tập huấn"] != strconv.Itoa(stats.People) || figures["Tày"] != strconv.Itoa(stats.ByEthnicity["Tày"]) {
		t.Errorf("training sheet %v, stats %+v", figures, stats)
	}
	if stats.ParticipantTimes != 16 || stats.People != 14 {
		t.Errorf("demo training in 2025: %d participant-times, %d people; want 16 and 14", stats.ParticipantTimes, stats.People)
	}
	// Expiring: ordered by end date, with contacts.
	exp, _ := s.ExpiringProducts(ctx, period.To, 90)
	expRows, _ := f.GetRows("Sắp hết hạn")
	if counts[ReportExpiring] != len(exp) || len(exp) == 0 || expRows[9][1] != exp[0].Name || expRows[9][4] != exp[0].Phone {
		t.Errorf("expiring sheet row %v, want %s", expRows[9], exp[0].Name)
	}
}

func countCharts(t *testing.T, path string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	f.Pkg.Range(func(k, _ any) bool {
		if name := k.(string); strings.HasPrefix(name, "xl/charts/chart") {
			n++
		}
		return true
	})
	return n
}

func TestParseReports(t *testing.T) {
	got, err := ParseReports("summary, Expiring")
	if err != nil || strings.Join(got, ",") != "summary,expiring" {
		t.Errorf("%v %v", got, err)
	}
	if _, err := ParseReports("summary,tong-hop"); err == nil || !strings.Contains(err.Error(), "tong-hop") {
		t.Errorf("unknown report: %v", err)
	}
}
