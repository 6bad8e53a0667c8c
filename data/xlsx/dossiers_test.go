package xlsx

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// testDossier is a dossier of one of an office's products, with its steps.
type testDossier struct {
	product  string
	kind     data.DossierKind
	received string // ISO
	steps    []testStep
}

type testStep struct {
	to data.DossierStatus
	on string // ISO
}

func isoDay(iso string) time.Time { t, _ := time.Parse(time.DateOnly, iso); return t }

// officeDossiers are the dossiers of testOffices[0], for the year 2025.
var officeDossiers = []testDossier{
	// Received and passed in 2025.
	{"Bánh cuốn Thất Khê", data.KindFirst, "2025-03-03", []testStep{
		{data.DossierAssessed, "2025-03-20"}, {data.DossierSent, "2025-04-01"}, {data.DossierPassed, "2025-06-10"}}},
	// Carried over from 2024, failed in 2025.
	{"Vịt quay Thất Khê", data.KindUpgrade, "2024-10-01", []testStep{
		{data.DossierAssessed, "2024-10-15"}, {data.DossierSent, "2024-10-20"}, {data.DossierFailed, "2025-02-01"}}},
	// Closed in 2024: not in 2025's report.
	{"Khau nhục Thất Khê", data.KindUpgrade, "2024-03-01", []testStep{
		{data.DossierAssessed, "2024-03-10"}, {data.DossierSent, "2024-03-20"}, {data.DossierFailed, "2024-08-01"}}},
	// Received in December, assessed in January: "Đã tiếp nhận" at the end of 2025.
	{"Tương ớt Thất Khê", data.KindRerank, "2025-12-01", []testStep{{data.DossierAssessed, "2026-01-10"}}},
	// Received after the period: not in it.
	{"Mật ong rừng Đoàn Kết", data.KindRerank, "2026-01-05", nil},
	// Withdrawn in 2025.
	{"Thạch đen Đoàn Kết", data.KindUpgrade, "2025-07-01", []testStep{
		{data.DossierNeedsMore, "2025-07-10"}, {data.DossierWithdrawn, "2025-08-01"}}},
	// The same product again after its failed dossier, still open.
	{"Khau nhục Thất Khê", data.KindUpgrade, "2025-09-01", nil},
}

// addDossiers receives and steps dossiers of s's products.
func addDossiers(t *testing.T, s *data.Store, dossiers []testDossier) {
	t.Helper()
	ctx := context.Background()
	products, err := s.ProductsAt(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, p := range products {
		ids[p.Name] = p.ID
	}
	for _, td := range dossiers {
		d, err := s.NewDossier(ctx, ids[td.product], td.kind, isoDay(td.received))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReceiveDossier(ctx, &d, nil); err != nil {
			t.Fatalf("%s: %v", td.product, err)
		}
		for _, st := range td.steps {
			on := isoDay(st.on)
			switch st.to {
			case data.DossierNeedsMore:
				err = s.RequestSupplement(ctx, d.ID, "Phiếu kiểm nghiệm", on, on.AddDate(0, 0, 10))
			case data.DossierAssessed:
				err = s.CompleteAssessment(ctx, d.ID, data.Assessment{Materials: "Nguyên liệu của xã", Labour: "Lao động địa phương",
					Idea: "Truyền thống", Identity: "Tri thức bản địa", AssessedBy: "Nguyễn Văn A", AssessedOn: on})
			case data.DossierSent:
				err = s.SendToProvince(ctx, d.ID, "45/UBND-KT", on)
			case data.DossierPassed:
				err = s.RecordPassed(ctx, d.ID, data.DossierResult{Score: 7250, HasScore: true, Stars: 4, DecisionNo: "900/QĐ-UBND", DecisionDate: on})
			case data.DossierFailed:
				err = s.RecordFailed(ctx, d.ID, data.DossierResult{Score: 4500, HasScore: true, Reason: "Dưới 50 điểm", DecisionDate: on})
			case data.DossierWithdrawn:
				err = s.WithdrawDossier(ctx, d.ID, on, "Chủ thể xin rút")
			}
			if err != nil {
				t.Fatalf("%s → %s: %v", td.product, st.to, err)
			}
		}
	}
}

// dossierTable reads table I or II of the dossier sheet: line name -> the
// figures for Lần đầu, Nâng hạng, Đánh giá lại and Tổng số.
func dossierTable(t *testing.T, f *excelize.File, sheet, section string) map[string][]int {
	t.Helper()
	got := sheetTable(t, f, sheet, section)
	for k, v := range got {
		if len(v) > 4 {
			got[k] = v[:4]
		}
	}
	return got
}

// TestDossierSheet reads the dossier sheet back for periods of the same
// office: which dossiers count, their status at the end of the period,
// and totals that add up to the number of dossiers listed.
func TestDossierSheet(t *testing.T) {
	s := officeStore(t, testOffices[0])
	addDossiers(t, s, officeDossiers)
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		period  data.Period
		table1  map[string][]int // Lần đầu, Nâng hạng, Đánh giá lại, Tổng số
		table2  map[string][]int
		list    []string // the products, in list order
		statusN map[string]string
	}{
		{"year 2025", data.Year(2025),
			map[string][]int{"Đã tiếp nhận": {0, 1, 1, 2}, "Đạt": {1, 0, 0, 1}, "Không đạt": {0, 1, 0, 1}, "Rút hồ sơ": {0, 1, 0, 1},
				"Tổng cộng": {1, 3, 1, 5}},
			map[string][]int{"Đạt 4 sao": {1, 0, 0, 1}, "Không đạt": {0, 1, 0, 1}, "Tổng cộng": {1, 1, 0, 2}},
			[]string{"Vịt quay Thất Khê", "Bánh cuốn Thất Khê", "Thạch đen Đoàn Kết", "Khau nhục Thất Khê", "Tương ớt Thất Khê"},
			map[string]string{"Tương ớt Thất Khê": "Đã tiếp nhận", "Bánh cuốn Thất Khê": "Đạt"}},
		{"first half of 2025", data.Half(2025, 1),
			map[string][]int{"Đạt": {1, 0, 0, 1}, "Không đạt": {0, 1, 0, 1}, "Tổng cộng": {1, 1, 0, 2}},
			map[string][]int{"Đạt 4 sao": {1, 0, 0, 1}, "Không đạt": {0, 1, 0, 1}, "Tổng cộng": {1, 1, 0, 2}},
			[]string{"Vịt quay Thất Khê", "Bánh cuốn Thất Khê"}, nil},
		{"first quarter of 2025: sent and passed later", data.Quarter(2025, 1),
			map[string][]int{"Đã đánh giá cấp xã": {1, 0, 0, 1}, "Không đạt": {0, 1, 0, 1}, "Tổng cộng": {1, 1, 0, 2}},
			map[string][]int{"Không đạt": {0, 1, 0, 1}, "Tổng cộng": {0, 1, 0, 1}},
			[]string{"Vịt quay Thất Khê", "Bánh cuốn Thất Khê"}, map[string]string{"Bánh cuốn Thất Khê": "Đã đánh giá cấp xã"}},
		{"2023: none", data.Year(2023),
			map[string][]int{"Tổng cộng": {0, 0, 0, 0}}, map[string][]int{"Tổng cộng": {0, 0, 0, 0}}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".xlsx")
			counts, err := WriteReports(context.Background(), s, path, []string{ReportDossiers}, ReportOptions{Period: tc.period})
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := strings.Join(f.GetSheetList(), "|"); got != DossiersSheet+"|"+dataSheet {
				t.Fatalf("sheets %s", got)
			}
			for _, part := range []struct {
				section string
				want    map[string][]int
			}{{"I.", tc.table1}, {"II.", tc.table2}} {
				got := dossierTable(t, f, DossiersSheet, part.section)
				var sum [4]int
				for name, v := range got {
					if name == "Tổng cộng" {
						continue
					}
					if v[0]+v[1]+v[2] != v[3] {
						t.Errorf("%s %q: %v does not add up", part.section, name, v)
					}
					for i := range sum {
						sum[i] += v[i]
					}
					if w, ok := part.want[name]; ok != (v[3] != 0) || ok && !slices.Equal(v, w) {
						t.Errorf("%s %q: %v, want %v", part.section, name, v, w)
					}
				}
				if tot := got["Tổng cộng"]; !slices.Equal(tot, sum[:]) || !slices.Equal(tot, part.want["Tổng cộng"]) {
					t.Errorf("%s total %v, lines add up to %v, want %v", part.section, tot, sum, part.want["Tổng cộng"])
				}
			}
			rows, _ := f.GetRows(DossiersSheet)
			var listed []string
			status := map[string]string{}
			for _, r := range rows {
				if len(r) > 7 && strings.Contains(r[1], "/PĐK-") {
					if _, err := strconv.Atoi(r[0]); err == nil {
						listed = append(listed, r[2])
						status[r[2]] = r[7]
					}
				}
			}
			if !slices.Equal(listed, tc.list) || counts[ReportDossiers] != len(tc.list) {
				t.Errorf("list %v (count %d), want %v", listed, counts[ReportDossiers], tc.list)
			}
			if tot := dossierTable(t, f, DossiersSheet, "I.")["Tổng cộng"]; tot[3] != len(listed) {
				t.Errorf("table I totals %d dossiers, the list has %d", tot[3], len(listed))
			}
			for p, want := range tc.statusN {
				if status[p] != want {
					t.Errorf("%s: status %q, want %q", p, status[p], want)
				}
			}
			if len(tc.list) == 0 && !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "(Không có hồ sơ nào trong kỳ)" }) {
				t.Error("an empty period does not say it has no dossiers")
			}
		})
	}
}

// TestDossierResultCells checks a passed dossier's result cells: stars,
// score and decision.
func TestDossierResultCells(t *testing.T) {
	s := officeStore(t, testOffices[0])
	addDossiers(t, s, officeDossiers[:2])
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, err := WriteReports(context.Background(), s, path, []string{ReportDossiers}, ReportOptions{Period: data.Year(2025)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(DossiersSheet)
	got := map[string][]string{}
	for _, r := range rows {
		if len(r) > 2 && strings.Contains(r[1], "/PĐK-") {
			got[r[2]] = r[5:]
		}
	}
	for _, tc := range []struct {
		product string
		want    []string // Loại hồ sơ, Ngày tiếp nhận, Tình trạng, Đợt, Hạng sao, Điểm, Quyết định
	}{
		{"Bánh cuốn Thất Khê", []string{"Lần đầu", "03/03/2025", "Đạt", "", "4", "72.50", "900/QĐ-UBND ngày 10/06/2025"}},
		{"Vịt quay Thất Khê", []string{"Nâng hạng", "01/10/2024", "Không đạt", "", "", "45.00", "ngày 01/02/2025"}},
	} {
		g := got[tc.product]
		if len(g) < 7 {
			t.Fatalf("%s: row %v", tc.product, g)
		}
		g[3] = "" // the round depends on the rules in force
		if !slices.Equal(g[:7], tc.want) {
			t.Errorf("%s: %q, want %q", tc.product, g[:7], tc.want)
		}
	}
}

// TestDossiersInDataPart: the data part carries the period's dossiers
// whatever sheets were chosen, and the province counts them per office; an
// older report without dossiers still combines, its office's counts unknown.
func TestDossiersInDataPart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := officeStore(t, testOffices[0]), officeStore(t, testOffices[1])
	addDossiers(t, a, officeDossiers)
	addDossiers(t, b, []testDossier{
		{"Hồi khô Tân Tiến", data.KindRerank, "2025-05-05", []testStep{{data.DossierAssessed, "2025-05-20"}, {data.DossierSent, "2025-05-25"}}},
		{"Khăn thổ cẩm Tân Tiến", data.KindUpgrade, "2025-11-11", nil},
	})
	pa := exportOffice(t, a, dir, "a.xlsx", []string{ReportSummary}, testPeriod) // no dossier sheet chosen
	pb := exportOffice(t, b, dir, "b.xlsx", Reports, testPeriod)

	files := ReadOfficeReports(ctx, []string{pa, pb}, nil)
	for _, f := range files {
		if f.LeftOut() {
			t.Fatalf("%s: %v", f.Name(), f.Problems)
		}
	}
	ra := files[0].Report
	if !ra.HasDossiers() || len(ra.Dossiers) != 5 {
		t.Fatalf("a's data part: %d dossiers, want 5", len(ra.Dossiers))
	}
	var passed data.OfficeDossier
	for _, d := range ra.Dossiers {
		if d.Product == "Bánh cuốn Thất Khê" {
			passed = d
		}
	}
	if passed.Kind != data.KindFirst || passed.Status != data.DossierPassed || passed.Stars != 4 || passed.Score != "72.5" ||
		!passed.Received.Equal(isoDay("2025-03-03")) || passed.Round == "" || !strings.Contains(passed.Receipt, "/PĐK-") {
		t.Errorf("passed dossier read back as %+v", passed)
	}

	old := oldFormatWorkbook(t, dir)
	files = ReadOfficeReports(ctx, []string{pa, pb, old}, nil)
	if o := files[2]; o.Report == nil || o.LeftOut() || o.Report.HasDossiers() {
		t.Fatalf("older data part: %+v, problems %v", o.Report, o.Problems)
	}
	prov, err := CombineOfficeFiles(ctx, a, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(prov.Included) != 3 {
		t.Fatalf("combined %d files: %v", len(prov.Included), prov.Problems())
	}
	lines := map[string]data.OfficeDossierLine{}
	for _, l := range prov.Dossiers {
		lines[l.Office] = l
	}
	la, lb, lo := lines[officeLabel(testOffices[0])], lines[officeLabel(testOffices[1])], lines["UBND XÃ QUỐC KHÁNH - PHÒNG KINH TẾ"]
	if !la.Known || la.Total() != 5 || la.Kind(data.KindUpgrade) != 3 || la.Status(data.DossierPassed) != 1 || la.Passed[data.KindFirst][4] != 1 {
		t.Errorf("office a: %+v", la)
	}
	if !lb.Known || lb.Total() != 2 || lb.Status(data.DossierSent) != 1 || lb.Status(data.DossierReceived) != 1 {
		t.Errorf("office b: %+v", lb)
	}
	if lo.Known || lo.Total() != 0 || prov.NoDossiers != 1 || prov.DossierTotal.Total() != 7 {
		t.Errorf("older office %+v; %d without dossiers, %d dossiers in all", lo, prov.NoDossiers, prov.DossierTotal.Total())
	}

	out := filepath.Join(dir, "tinh.xlsx")
	if err := WriteProvince(ctx, a, out, prov, ProvinceOptions{}); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	got := sheetTable(t, wb, ProvinceDossiersSheet, "I.")
	// Số hồ sơ, the three kinds, then the statuses in path order.
	want := map[string][]int{
		officeLabel(testOffices[0]): {5, 1, 3, 1, 2, 0, 0, 0, 0, 1, 1, 1},
		officeLabel(testOffices[1]): {2, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0},
		"Tổng cộng":                 {7, 1, 4, 2, 3, 0, 0, 0, 1, 1, 1, 1},
	}
	for name, w := range want {
		if g := got[name]; len(g) < len(w) || !slices.Equal(g[:len(w)], w) {
			t.Errorf("province table I %q: %v, want %v", name, g, w)
		}
	}
	if _, ok := got["UBND XÃ QUỐC KHÁNH - PHÒNG KINH TẾ"]; ok {
		t.Error("the older office's dossiers are shown as figures")
	}
	rows, _ := wb.GetRows(ProvinceDossiersSheet)
	if !slices.ContainsFunc(rows, func(r []string) bool {
		return len(r) > 2 && r[1] == "UBND XÃ QUỐC KHÁNH - PHÒNG KINH TẾ" && strings.Contains(r[2], "phiên bản OCOP Desk cũ")
	}) {
		t.Errorf("the older office's line does not say its report has no dossiers: %q", rows)
	}
}

// TestDossierTotalEdited: a dossier total changed after export keeps the
// workbook out of Tổng hợp tỉnh, naming the sheet and the cell.
func TestDossierTotalEdited(t *testing.T) {
	s := officeStore(t, testOffices[0])
	addDossiers(t, s, officeDossiers)
	path := exportOffice(t, s, t.TempDir(), "a.xlsx", []string{ReportDossiers}, testPeriod)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(DossiersSheet)
	cell := ""
	for i, r := range rows {
		if len(r) > 5 && r[1] == "Tổng cộng" && cell == "" {
			cell = fmt.Sprintf("F%d", i+1)
		}
	}
	if v, _ := f.GetCellValue(DossiersSheet, cell); v != "5" {
		t.Fatalf("table I total in %s is %q, want 5", cell, v)
	}
	f.SetCellInt(DossiersSheet, cell, 6)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	of := ReadOfficeReport(path)
	if !of.LeftOut() || len(of.Problems) != 1 || of.Problems[0].Kind != data.ProblemEdited || of.Problems[0].Sheet != DossiersSheet ||
		of.Problems[0].Cell != cell || of.Problems[0].Expected != "5" {
		t.Errorf("edited dossier total: %+v", of.Problems)
	}
}
