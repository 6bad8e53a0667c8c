package xlsx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// The known data of three offices. Communes Thất Khê and Đoàn Kết are
// shared between offices; "Mật ong rừng Đoàn Kết" is listed by two offices
// (the producer's name typed differently) and must count once.

type testProduct struct {
	name, producer, typ, commune, set string
	stars                             int
	decided                           string // ISO; "" for none
}

type testPerson struct {
	name, gender, ethnicity, role, commune string
}

type testOffice struct {
	office, parent string
	products       []testProduct
	people         []testPerson
	// courses in 2025: each lists indexes into people, all present at every session
	courses [][]int
}

var testOffices = []testOffice{
	{"PHÒNG KINH TẾ", "UBND XÃ THẤT KHÊ", []testProduct{
		{"Vịt quay Thất Khê", "Hộ kinh doanh Lương Văn Tiến", "ho_kinh_doanh", "Thất Khê", "I.3.d", 4, "2024-05-10"},
		{"Khau nhục Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng", "doanh_nghiep", "Thất Khê", "I.3.d", 3, "2023-08-01"},
		{"Tương ớt Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng", "doanh_nghiep", "Thất Khê", "I.4.a", 3, "2021-03-15"}, // expired by 2025's end
		{"Mật ong rừng Đoàn Kết", "HTX Ong mật Đoàn Kết", "htx", "Đoàn Kết", "I.2.b", 4, "2024-11-20"},
		{"Thạch đen Đoàn Kết", "HTX Thạch đen Đoàn Kết", "htx", "Đoàn Kết", "I.3.c", 5, "2025-06-02"},
		{"Bánh cuốn Thất Khê", "Hộ kinh doanh Nông Thị Hoa", "ho_kinh_doanh", "Thất Khê", "I.3.b", 0, ""},
		{"Miến dong Thất Khê", "Hộ kinh doanh Nông Thị Hoa", "ho_kinh_doanh", "Thất Khê", "I.3.c", 3, "2026-03-01"}, // after the period
	}, []testPerson{
		{"Hoàng Văn Thắng", data.GenderMale, "Tày", "chu_the", "Thất Khê"},
		{"Nông Thị Hằng", data.GenderFemale, "Nùng", "chu_the", "Thất Khê"},
		{"Nguyễn Thị Thu", data.GenderFemale, "Kinh", "can_bo_quan_ly", "Đoàn Kết"},
	}, [][]int{{0, 1, 2}, {2}}},
	{"PHÒNG KINH TẾ", "UBND XÃ ĐOÀN KẾT", []testProduct{
		{"Mật ong rừng Đoàn Kết", "HTX ong mật Đoàn Kết", "htx", "Đoàn Kết", "I.2.b", 4, "2024-11-20"},
		{"Hồi khô Tân Tiến", "HTX Hồi Quế Tân Tiến", "htx", "Tân Tiến", "I.4.b", 3, "2022-12-01"},
		{"Tinh dầu hồi Tân Tiến", "HTX Hồi Quế Tân Tiến", "htx", "Tân Tiến", "III.3", 4, "2025-02-14"},
		{"Khăn thổ cẩm Tân Tiến", "Tổ hợp tác Dệt Tân Tiến", "tht", "Tân Tiến", "IV.2", 2, "2024-01-09"},
		{"Du lịch cộng đồng Nà Pàn", "HTX Du lịch Nà Pàn", "htx", "Đoàn Kết", "VI", 3, "2025-09-30"},
	}, []testPerson{
		{"Lộc Văn Sơn", data.GenderMale, "Nùng", "chu_the", "Tân Tiến"},
		{"Triệu Thị Mây", data.GenderFemale, "Dao", "thanh_vien_hoi_dong", "Đoàn Kết"},
	}, [][]int{{0, 1}}},
	{"PHÒNG KINH TẾ", "UBND PHƯỜNG ĐÔNG KINH", []testProduct{
		{"Rượu men lá Đông Kinh", "Công ty CP Rượu Xứ Lạng", "doanh_nghiep", "Đông Kinh", "II.1.a", 3, "2023-06-06"},
		{"Cao xương khớp Lạng Sơn", "Công ty CP Dược liệu Lạng Sơn", "doanh_nghiep", "Đông Kinh", "III.1", 5, "2025-12-01"},
		{"Bánh khảo Thất Khê", "Hộ kinh doanh Bế Thị Lan", "ho_kinh_doanh", "Thất Khê", "I.3.b", 3, "2025-04-04"},
	}, nil, nil},
}

var testPeriod = data.Year(2025)

// officeStore makes an office's database from its known data.
func officeStore(t *testing.T, o testOffice) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ParentBody, st.Province = o.office, o.parent, "Lạng Sơn"
	st.SignerTitle, st.SignerName = "TRƯỞNG PHÒNG", "Nguyễn Văn A"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	communes, _ := s.Communes(ctx)
	commune := map[string]int64{}
	for _, c := range communes {
		commune[c.Name] = c.ID
	}
	producers := map[string]int64{}
	for i, p := range o.products {
		if _, ok := producers[p.producer]; !ok {
			pr := &data.Producer{Name: p.producer, Type: p.typ, CommuneID: commune[p.commune]}
			if err := s.AddProducer(ctx, pr); err != nil {
				t.Fatal(err)
			}
			producers[p.producer] = pr.ID
		}
		var cert *data.Certification
		if p.stars > 0 {
			d, _ := time.Parse(time.DateOnly, p.decided)
			cert = &data.Certification{DecisionNo: fmt.Sprintf("%d/QĐ-UBND", 100+i), DecisionDate: d, Stars: p.stars,
				Score: data.Score(2000 * p.stars), HasScore: true}
		}
		if err := s.AddProduct(ctx, &data.Product{ProducerID: producers[p.producer], Name: p.name, SetCode: p.set}, cert); err != nil {
			t.Fatal(err)
		}
	}
	ids := make([]int64, len(o.people))
	for i, p := range o.people {
		pp := &data.Participant{FullName: p.name, Gender: p.gender, BirthYear: 1980 + i, Ethnicity: p.ethnicity, Role: p.role, CommuneID: commune[p.commune]}
		if err := s.AddParticipant(ctx, pp); err != nil {
			t.Fatal(err)
		}
		ids[i] = pp.ID
	}
	addCourse := func(title string, start time.Time, days int, who []int) {
		c := &data.Course{Title: title, Start: start, End: start.AddDate(0, 0, days-1), Location: "Hội trường " + o.parent}
		if err := s.AddCourse(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		for _, w := range who {
			if err := s.Enroll(ctx, c.ID, ids[w]); err != nil {
				t.Fatal(err)
			}
		}
		r, _ := s.Roster(ctx, c.ID)
		for _, ss := range r.Sessions {
			if err := s.MarkSession(ctx, ss.ID, data.Present); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, who := range o.courses {
		addCourse(fmt.Sprintf("Tập huấn OCOP số %d", i+1), time.Date(2025, time.Month(3+3*i), 10, 0, 0, 0, 0, time.UTC), 2, who)
	}
	if len(o.people) > 0 { // a course of 2024: outside the period
		addCourse("Tập huấn năm trước", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), 1, []int{0})
	}
	return s
}

func exportOffice(t *testing.T, s *data.Store, dir, name string, names []string, p data.Period) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if _, err := WriteReports(context.Background(), s, path, names, ReportOptions{Period: p}); err != nil {
		t.Fatal(err)
	}
	return path
}

func officeLabel(o testOffice) string { return o.parent + " - " + o.office }

// expected works out the provincial tables from the known data.
type expected struct {
	byOffice, byCommune, byGroup, byType map[string][5]int // dưới 3, 3, 4, 5, tổng
	byStars                              map[string][3]int // certified, valid, expired
	products                             int
	training                             map[string][]int // office -> courses, times, people, roles..., nam, nữ
	ethnicity, communes                  map[string]int
}

func expect(offices []testOffice, order []int) expected {
	e := expected{byOffice: map[string][5]int{}, byCommune: map[string][5]int{}, byGroup: map[string][5]int{}, byType: map[string][5]int{},
		byStars: map[string][3]int{}, training: map[string][]int{}, ethnicity: map[string]int{}, communes: map[string]int{}}
	groupName := map[string]string{"I": "Thực phẩm", "II": "Đồ uống", "III": "Dược liệu và sản phẩm từ dược liệu",
		"IV": "Hàng thủ công mỹ nghệ", "VI": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"}
	typeName := map[string]string{"doanh_nghiep": "Doanh nghiệp", "htx": "Hợp tác xã", "tht": "Tổ hợp tác", "ho_kinh_doanh": "Hộ sản xuất / hộ kinh doanh"}
	seen := map[string]bool{}
	add := func(m map[string][5]int, k string, stars int) {
		v := m[k]
		col := max(0, stars-2) // 1-2 -> 0, 3 -> 1, 4 -> 2, 5 -> 3
		v[col]++
		v[4]++
		m[k] = v
	}
	for _, i := range order {
		o := offices[i]
		for _, p := range o.products {
			key := strings.ToLower(p.name + "|" + p.producer)
			if seen[key] {
				continue
			}
			seen[key] = true
			e.products++
			d, _ := time.Parse(time.DateOnly, p.decided)
			if p.stars == 0 || d.After(testPeriod.To) {
				continue
			}
			add(e.byOffice, officeLabel(o), p.stars)
			add(e.byCommune, p.commune, p.stars)
			add(e.byGroup, groupName[data.GroupOf(p.set)], p.stars)
			add(e.byType, typeName[p.typ], p.stars)
			line := "Dưới 3 sao"
			if p.stars >= 3 {
				line = fmt.Sprintf("%d sao", p.stars)
			}
			v := e.byStars[line]
			v[0]++
			if d.AddDate(0, 36, 0).Before(testPeriod.To) {
				v[2]++
			} else {
				v[1]++
			}
			e.byStars[line] = v
		}
		if len(o.people) == 0 {
			e.training[officeLabel(o)] = make([]int, 3+len(data.Roles)+2)
			continue
		}
		times := 0
		present := map[int]bool{}
		for _, c := range o.courses {
			times += len(c)
			for _, w := range c {
				present[w] = true
			}
		}
		line := []int{len(o.courses), times, len(present)}
		for _, r := range data.Roles {
			n := 0
			for w := range present {
				if o.people[w].role == r.Code {
					n++
				}
			}
			line = append(line, n)
		}
		for _, g := range []string{data.GenderMale, data.GenderFemale} {
			n := 0
			for w := range present {
				if o.people[w].gender == g {
					n++
				}
			}
			line = append(line, n)
		}
		for w := range present {
			e.ethnicity[o.people[w].ethnicity]++
			e.communes[o.people[w].commune]++
		}
		e.training[officeLabel(o)] = line
	}
	return e
}

// sheetTable reads the table under the section whose title starts with
// section: name (column B) -> the numbers from column C on, up to and
// including the "Tổng cộng" row.
func sheetTable(t *testing.T, f *excelize.File, sheet, section string) map[string][]int {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]int{}
	in := false
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		if strings.HasPrefix(r[0], section) {
			in = true
			continue
		}
		if !in || len(r) < 3 {
			continue
		}
		if _, err := strconv.Atoi(r[2]); err != nil && r[1] != "Tổng cộng" {
			continue // the heading row
		}
		var nums []int
		for _, c := range r[2:] {
			n, _ := strconv.Atoi(c)
			nums = append(nums, n)
		}
		out[r[1]] = nums
		if r[1] == "Tổng cộng" {
			return out
		}
	}
	t.Fatalf("%s: no table %q with a totals row", sheet, section)
	return nil
}

func checkStars(t *testing.T, what string, got map[string][]int, want map[string][5]int) {
	t.Helper()
	var total [5]int
	for k, w := range want {
		for i := range w {
			total[i] += w[i]
		}
		if g := got[k]; len(g) < 5 || !slices.Equal(g[:5], w[:]) {
			t.Errorf("%s %q: %v, want %v", what, k, g, w)
		}
	}
	if g := got["Tổng cộng"]; len(g) < 5 || !slices.Equal(g[:5], total[:]) {
		t.Errorf("%s total: %v, want %v", what, g, total)
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && k != "Tổng cộng" && g[4] != 0 {
			t.Errorf("%s: unexpected line %q %v", what, k, g)
		}
	}
}

func TestProvinceCombinesThreeOffices(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var paths []string
	stores := make([]*data.Store, len(testOffices))
	for i, o := range testOffices {
		stores[i] = officeStore(t, o)
		// Each office chooses other visible sheets: the data is complete whatever they chose.
		names := [][]string{Reports, {ReportSummary}, {ReportProducts}}[i]
		paths = append(paths, exportOffice(t, stores[i], dir, fmt.Sprintf("office%d.xlsx", i+1), names, testPeriod))
	}
	var progress []string
	files := ReadOfficeReports(ctx, paths, func(done, total int, path string) {
		progress = append(progress, fmt.Sprintf("%d/%d %s", done, total, filepath.Base(path)))
	})
	if strings.Join(progress, ",") != "1/3 office1.xlsx,2/3 office2.xlsx,3/3 office3.xlsx" {
		t.Errorf("progress %v", progress)
	}
	for i, f := range files {
		if f.Report == nil || f.LeftOut() {
			t.Fatalf("%s: %v", f.Path, f.Problems)
		}
		r := f.Report
		if r.Format != data.OfficeReportFormat || r.Office.ParentBody != testOffices[i].parent || r.Office.Province != "Lạng Sơn" ||
			r.Period().Label() != "Năm 2025" || len(r.Products) != len(testOffices[i].products) {
			t.Errorf("%s: format %d, office %+v, period %q, %d products", f.Path, r.Format, r.Office, r.Period().Label(), len(r.Products))
		}
	}
	// The first office's workbook records its visible totals; the third (products only) none.
	if len(files[0].Report.Totals) < 10 || len(files[2].Report.Totals) != 0 {
		t.Errorf("visible totals: %d and %d", len(files[0].Report.Totals), len(files[2].Report.Totals))
	}

	prov, err := CombineOfficeFiles(ctx, stores[0], files)
	if err != nil {
		t.Fatal(err)
	}
	// Offices in Vietnamese order: Đông Kinh (phường), Đoàn Kết, Thất Khê.
	order := []int{2, 1, 0}
	if prov.LeftOut() != 0 || len(prov.Included) != 3 {
		t.Fatalf("left out %d: %v", prov.LeftOut(), prov.Problems())
	}
	// The shared product: flagged on the later office's file, counted once.
	probs := prov.Problems()
	if len(probs) != 1 || probs[0].Kind != data.ProblemSharedProduct || probs[0].LeftOut || probs[0].File != "office1.xlsx" ||
		!strings.Contains(probs[0].Message, "Mật ong rừng Đoàn Kết") || !strings.Contains(probs[0].Message, "chỉ tính một lần") {
		t.Errorf("problems %v", probs)
	}
	want := expect(testOffices, order)
	if len(prov.Products) != want.products || want.products != 14 {
		t.Errorf("%d products, want %d (15 listed, one twice)", len(prov.Products), want.products)
	}

	out := filepath.Join(dir, "TongHop_Tinh_2025.xlsx")
	provStore := officeStore(t, testOffice{office: "CHI CỤC PHÁT TRIỂN NÔNG THÔN", parent: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"})
	if err := WriteProvince(ctx, provStore, out, prov, ProvinceOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Danh sách sản phẩm|Tổng hợp|Tập huấn|Hồ sơ OCOP|Nguồn số liệu" {
		t.Fatalf("sheets %s", got)
	}
	for _, sh := range f.GetSheetList() {
		a1, _ := f.GetCellValue(sh, "A1")
		a2, _ := f.GetCellValue(sh, "A2")
		a6, _ := f.GetCellValue(sh, "A6")
		if a1 != "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" || a2 != "CHI CỤC PHÁT TRIỂN NÔNG THÔN" || !strings.Contains(a6, "năm 2025") ||
			!strings.Contains(a6, "3 đơn vị") {
			t.Errorf("%s: header %q %q %q", sh, a1, a2, a6)
		}
	}

	// The product list: one row per product, office in column B, offices in order.
	rows, _ := f.GetRows("Danh sách sản phẩm")
	var listed []string
	perOffice := map[string]int{}
	for _, r := range rows[8:] {
		if len(r) > 2 && r[0] != "" {
			if _, err := strconv.Atoi(r[0]); err == nil {
				listed = append(listed, r[2])
				perOffice[r[1]]++
				if r[2] == "Mật ong rừng Đoàn Kết" && (r[1] != officeLabel(testOffices[1]) || !strings.Contains(r[13], officeLabel(testOffices[0]))) {
					t.Errorf("shared product row %v", r)
				}
			}
		}
	}
	if len(listed) != want.products || !slices.Contains(listed, "Cao xương khớp Lạng Sơn") {
		t.Errorf("listed %d: %v", len(listed), listed)
	}
	if perOffice[officeLabel(testOffices[0])] != 6 || perOffice[officeLabel(testOffices[1])] != 5 || perOffice[officeLabel(testOffices[2])] != 3 {
		t.Errorf("products per office %v", perOffice)
	}

	// The summary tables, each against sums worked out from the known data.
	checkStars(t, "by office", sheetTable(t, f, "Tổng hợp", "I. "), want.byOffice)
	checkStars(t, "by group", sheetTable(t, f, "Tổng hợp", "III. "), want.byGroup)
	checkStars(t, "by commune", sheetTable(t, f, "Tổng hợp", "IV. "), want.byCommune)
	checkStars(t, "by type", sheetTable(t, f, "Tổng hợp", "V. "), want.byType)
	stars := sheetTable(t, f, "Tổng hợp", "II. ")
	var starTotal [3]int
	for k, w := range want.byStars {
		for i := range w {
			starTotal[i] += w[i]
		}
		if g := stars[k]; len(g) < 3 || !slices.Equal(g[:3], w[:]) {
			t.Errorf("by stars %q: %v, want %v", k, g, w)
		}
	}
	if g := stars["Tổng cộng"]; !slices.Equal(g[:3], starTotal[:]) || g[0] != sumTotals(want.byOffice) {
		t.Errorf("by stars total %v, want %v", g, starTotal)
	}
	// Grand total: 12 certified by the end of 2025 (of 15 listed: one uncertified, one decided in 2026, one counted twice).
	if sumTotals(want.byOffice) != 12 {
		t.Errorf("grand total worked out %d, want 12", sumTotals(want.byOffice))
	}

	// Training by office, with totals adding up across offices.
	tr := sheetTable(t, f, "Tập huấn", "I. ")
	total := make([]int, 3+len(data.Roles)+2)
	for office, w := range want.training {
		for i := range w {
			total[i] += w[i]
		}
		if g := tr[office]; len(g) < len(w) || !slices.Equal(g[:len(w)], w) {
			t.Errorf("training %s: %v, want %v", office, g, w)
		}
	}
	if g := tr["Tổng cộng"]; !slices.Equal(g[:len(total)], total) || total[0] != 3 || total[1] != 6 || total[2] != 5 {
		t.Errorf("training total %v, want %v (3 courses, 6 participant-times, 5 people)", g, total)
	}
	for section, w := range map[string]map[string]int{"II. ": want.ethnicity, "III. ": want.communes} {
		g := sheetTable(t, f, "Tập huấn", section)
		sum := 0
		for k, n := range w {
			sum += n
			if len(g[k]) == 0 || g[k][0] != n {
				t.Errorf("training %s%s: %v, want %d", section, k, g[k], n)
			}
		}
		if g["Tổng cộng"][0] != sum || sum != 5 {
			t.Errorf("training %s total %v, want %d", section, g["Tổng cộng"], sum)
		}
	}
	// Sources: every file, combined.
	src, _ := f.GetRows("Nguồn số liệu")
	if len(src) < 12 || src[9][1] != "office1.xlsx" || !strings.HasPrefix(src[9][7], "Đã gộp") ||
		!strings.Contains(src[9][7], "1 sản phẩm cũng có trong báo cáo của đơn vị khác") {
		t.Errorf("sources %v", src[9:])
	}
}

func sumTotals(m map[string][5]int) int {
	n := 0
	for _, v := range m {
		n += v[4]
	}
	return n
}

func TestProvinceProblems(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b, c := officeStore(t, testOffices[0]), officeStore(t, testOffices[1]), officeStore(t, testOffices[2])
	good := exportOffice(t, a, dir, "thatkhe.xlsx", Reports, testPeriod)
	otherPeriod := exportOffice(t, b, dir, "doanket_2024.xlsx", []string{ReportSummary}, data.Year(2024))
	c1 := exportOffice(t, c, dir, "dongkinh.xlsx", []string{ReportSummary, ReportTraining}, testPeriod)
	time.Sleep(1100 * time.Millisecond) // a later export of the same office
	c2 := exportOffice(t, c, dir, "dongkinh_gui_lai.xlsx", []string{ReportProducts}, testPeriod)

	// An edited workbook: the summary's grand total changed by hand after export.
	edited := exportOffice(t, b, dir, "doanket_sua.xlsx", Reports, testPeriod)
	f, err := excelize.OpenFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tổng hợp")
	cell := ""
	for i, r := range rows {
		if len(r) > 6 && r[1] == "Tổng cộng" {
			cell = fmt.Sprintf("G%d", i+1)
			break
		}
	}
	old, _ := f.GetCellValue("Tổng hợp", cell)
	n, _ := strconv.Atoi(old)
	f.SetCellInt("Tổng hợp", cell, int64(n+2))
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A workbook from another program.
	foreign := filepath.Join(dir, "bang_tinh_khac.xlsx")
	g := excelize.NewFile()
	g.SetCellStr("Sheet1", "A1", "Tổng cộng")
	g.SetCellInt("Sheet1", "B1", 12)
	if err := g.SaveAs(foreign); err != nil {
		t.Fatal(err)
	}
	// And a file that is not a workbook at all.
	broken := filepath.Join(dir, "hong.xlsx")
	os.WriteFile(broken, []byte("không phải tệp Excel"), 0o644)

	files := ReadOfficeReports(ctx, []string{good, otherPeriod, c1, c2, edited, foreign, broken}, nil)
	prov, err := CombineOfficeFiles(ctx, a, files)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]data.ReportProblem{}
	for _, p := range prov.Problems() {
		byFile[p.File] = append(byFile[p.File], p)
	}
	one := func(file string, kind data.ProblemKind, leftOut bool, words ...string) {
		t.Helper()
		ps := byFile[file]
		if len(ps) != 1 || ps[0].Kind != kind || ps[0].LeftOut != leftOut {
			t.Errorf("%s: %v, want one %s", file, ps, kind)
			return
		}
		for _, w := range words {
			if !strings.Contains(ps[0].String(), w) {
				t.Errorf("%s: %q lacks %q", file, ps[0].String(), w)
			}
		}
	}
	one("doanket_2024.xlsx", data.ProblemOtherPeriod, true, "năm 2024", "khác kỳ năm 2025", "không gộp")
	one("dongkinh.xlsx", data.ProblemSameOffice, true, "UBND PHƯỜNG ĐÔNG KINH", "chỉ gộp tệp dongkinh_gui_lai.xlsx")
	one("doanket_sua.xlsx", data.ProblemEdited, true, "đã bị sửa sau khi xuất", "«Tổng hợp»", "ô "+cell, fmt.Sprintf("ghi %d", n+2),
		fmt.Sprintf("khi xuất là %d", n), "không gộp")
	one("bang_tinh_khac.xlsx", data.ProblemForeign, true, "không phải báo cáo của OCOP Desk", "không gộp")
	one("hong.xlsx", data.ProblemUnreadable, true, "không đọc được tệp")
	if len(byFile["thatkhe.xlsx"]) != 0 || len(byFile["dongkinh_gui_lai.xlsx"]) != 0 {
		t.Errorf("problems on good files: %v", prov.Problems())
	}
	if e := byFile["doanket_sua.xlsx"][0]; e.Sheet != "Tổng hợp" || e.Cell != cell || e.Found != strconv.Itoa(n+2) || e.Expected != old {
		t.Errorf("edited detail %+v", e)
	}
	// Only the two good files are combined: nothing of Đoàn Kết's (edited or other period) is counted.
	if len(prov.Included) != 2 || prov.LeftOut() != 5 {
		t.Fatalf("included %d, left out %d", len(prov.Included), prov.LeftOut())
	}
	for _, p := range prov.Products {
		if p.Office == officeLabel(testOffices[1]) {
			t.Errorf("product of a left-out file counted: %+v", p)
		}
	}
	if len(prov.Products) != len(testOffices[0].products)+len(testOffices[2].products) {
		t.Errorf("%d products", len(prov.Products))
	}
	out := filepath.Join(dir, "tinh.xlsx")
	if err := WriteProvince(ctx, a, out, prov, ProvinceOptions{}); err != nil {
		t.Fatal(err)
	}
	wb, _ := excelize.OpenFile(out)
	defer wb.Close()
	src, _ := wb.GetRows("Nguồn số liệu")
	results := map[string]string{}
	for _, r := range src[8:] {
		if len(r) > 7 {
			results[r[1]] = r[7]
		}
	}
	if !strings.HasPrefix(results["doanket_sua.xlsx"], "KHÔNG GỘP\n- Đã bị sửa sau khi xuất") || !strings.HasPrefix(results["thatkhe.xlsx"], "Đã gộp") ||
		!strings.Contains(results["bang_tinh_khac.xlsx"], "Không phải báo cáo của OCOP Desk") {
		t.Errorf("sources sheet %q", results)
	}

	// Nothing usable: nothing written.
	bad := data.CombineOfficeReports(ReadOfficeReports(ctx, []string{foreign, broken}, nil), nil, nil)
	if err := WriteProvince(ctx, a, filepath.Join(dir, "none.xlsx"), bad, ProvinceOptions{}); err == nil {
		t.Error("a province of no usable file was written")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.xlsx")); err == nil {
		t.Error("none.xlsx exists")
	}
}

// The data sheet survives a large report: pieces under Excel's cell limit
// join back, and a damaged piece is told apart from an edit.
func TestOfficeDataLargeAndDamaged(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "big.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Settings(ctx)
	st.OfficeName = "PHÒNG KINH TẾ"
	s.SaveSettings(ctx, st)
	if err := s.FillLarge(ctx, 3000, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if _, err := WriteReports(ctx, s, path, []string{ReportSummary}, ReportOptions{Period: testPeriod}); err != nil {
		t.Fatal(err)
	}
	of := ReadOfficeReport(path)
	if of.LeftOut() || len(of.Report.Products) != 3000 {
		t.Fatalf("%v, %d products", of.Problems, len(of.Report.Products))
	}
	f, _ := excelize.OpenFile(path)
	pieces, _ := f.GetCellValue(dataSheet, "A2")
	if n, _ := strconv.Atoi(pieces); n < 2 {
		t.Errorf("%s pieces; want the JSON cut in several", pieces)
	}
	if v, _ := f.GetSheetVisible(dataSheet); v {
		t.Error("data sheet visible")
	}
	// A newer format: told apart, and left out.
	f.SetCellInt(dataSheet, "B1", data.OfficeReportFormat+1)
	f.Save()
	if of := ReadOfficeReport(path); of.Report != nil || len(of.Problems) != 1 || of.Problems[0].Kind != data.ProblemNewerFormat ||
		!strings.Contains(of.Problems[0].Message, "phiên bản OCOP Desk mới hơn") {
		t.Errorf("newer format: %v", of.Problems)
	}
	f.SetCellInt(dataSheet, "B1", data.OfficeReportFormat)
	piece, _ := f.GetCellValue(dataSheet, "A3")
	mid := len(piece) / 2 // one character of the packed data changed
	changed := "A"
	if piece[mid] == 'A' {
		changed = "B"
	}
	f.SetCellStr(dataSheet, "A3", piece[:mid]+changed+piece[mid+1:])
	f.Save()
	f.Close()
	if of := ReadOfficeReport(path); of.Report != nil || len(of.Problems) != 1 || of.Problems[0].Kind != data.ProblemDamaged {
		t.Errorf("damaged: %v", of.Problems)
	}
}

// Two communes that kept the same office name are two offices at the
// province: each report carries its office's id and communes, and both are
// combined. A report written before office ids still reads, by name.
func TestProvinceOfficesWithTheSameName(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := officeStore(t, testOffices[0]), officeStore(t, testOffices[1])
	// b typed a's name (the example text) but covers other communes.
	st, _ := b.Settings(ctx)
	st.OfficeName, st.ParentBody, st.PlaceName = testOffices[0].office, testOffices[0].parent, "Đoàn Kết"
	if err := b.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	communes, _ := b.Communes(ctx)
	var doanKet []int64
	for _, c := range communes {
		if c.Name == "Đoàn Kết" {
			doanKet = append(doanKet, c.ID)
		}
	}
	if err := b.SetCoveredCommunes(ctx, doanKet); err != nil {
		t.Fatal(err)
	}
	pa := exportOffice(t, a, dir, "thatkhe.xlsx", []string{ReportSummary}, testPeriod)
	pb := exportOffice(t, b, dir, "doanket.xlsx", []string{ReportSummary}, testPeriod)

	files := ReadOfficeReports(ctx, []string{pa, pb}, nil)
	sa, _ := a.Settings(ctx)
	if o := files[0].Report.Office; o.ID == "" || o.ID != sa.OfficeID {
		t.Errorf("report of office a carries id %q, its database has %q", o.ID, sa.OfficeID)
	}
	if o := files[1].Report.Office; o.ID == files[0].Report.Office.ID || !slices.Equal(o.Communes, []string{codeOf(communes, "Đoàn Kết")}) ||
		o.PlaceName != "Đoàn Kết" {
		t.Errorf("report of office b: id %q (a's %q), communes %v, place %q", o.ID, files[0].Report.Office.ID, o.Communes, o.PlaceName)
	}
	prov, err := CombineOfficeFiles(ctx, a, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(prov.Included) != 2 || len(prov.Products) != len(testOffices[0].products)+len(testOffices[1].products)-1 { // one product shared
		t.Fatalf("combined %d files, %d products", len(prov.Included), len(prov.Products))
	}
	for _, f := range prov.Files {
		notes := 0
		for _, p := range f.Problems {
			if p.Kind == data.ProblemSameName && !p.LeftOut && strings.Contains(p.Message, "hai đơn vị cùng tên") {
				notes++
			}
		}
		if notes != 1 {
			t.Errorf("%s: problems %v, want one note on the name", f.Name(), f.Problems)
		}
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
	src, _ := wb.GetRows(ProvinceSourcesSheet)
	offices := map[string]string{}
	for _, r := range src[8:] {
		if len(r) > 7 {
			offices[r[1]] = r[2]
		}
	}
	label := officeLabel(testOffices[0])
	if offices["doanket.xlsx"] != label+" (Đoàn Kết)" || !strings.HasPrefix(offices["thatkhe.xlsx"], label+" (") ||
		offices["thatkhe.xlsx"] == offices["doanket.xlsx"] {
		t.Errorf("sources sheet names the offices %q", offices)
	}

	// A data part written before office ids: no id, no communes, still combined by name.
	old := oldFormatWorkbook(t, dir)
	files = ReadOfficeReports(ctx, []string{pa, old}, nil)
	if o := files[1]; o.Report == nil || len(o.Problems) > 0 || o.Report.Office.ID != "" || o.Report.Office.Label() != "UBND XÃ QUỐC KHÁNH - PHÒNG KINH TẾ" {
		t.Fatalf("older data part read as %+v, problems %v", o.Report, o.Problems)
	}
	prov, _ = CombineOfficeFiles(ctx, a, files)
	if len(prov.Included) != 2 || len(prov.Problems()) != 0 {
		t.Errorf("with an older report: combined %d, problems %v", len(prov.Included), prov.Problems())
	}
}

func codeOf(communes []data.Commune, name string) string {
	for _, c := range communes {
		if c.Name == name {
			return c.Code
		}
	}
	return ""
}

// oldFormatWorkbook writes, in dir, a report workbook whose data part is as
// the first format wrote it: no office id, no communes, no dossiers.
func oldFormatWorkbook(t *testing.T, dir string) string {
	t.Helper()
	old := filepath.Join(dir, "cu.xlsx")
	f := excelize.NewFile()
	raw := fmt.Sprintf(`{"format":1,"program":"OCOP Desk","exported":"2026-01-05T08:00:00Z","office":{"office_name":"PHÒNG KINH TẾ",`+
		`"parent_body":"UBND XÃ QUỐC KHÁNH","province":"Lạng Sơn"},"period_from":%q,"period_to":%q,"period_label":"Năm 2025",`+
		`"products":[{"name":"Na Quốc Khánh","producer":"HTX Na","certified":true,"stars":3,"status":"con_han"}],"training":{}}`,
		testPeriod.From.Format(time.RFC3339), testPeriod.To.Format(time.RFC3339))
	if err := writeDataSheet(f, []byte(raw)); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(old); err != nil {
		t.Fatal(err)
	}
	return old
}
