package xlsx

import (
	"strings"
	"testing"
	"time"

	"github.com/ocopdesk/ocop/data"
)

// The annex of a recognition decision, made by LibreOffice Calc from
// testdata/annex-s-quyet-dinh.csv: the decision stands once in the title,
// producer and address share one column written six ways, stars are
// written six ways, and one row's stars cannot be read.
func TestReadDecisionAnnex(t *testing.T) {
	s := emptyStore(t)
	ref := refOf(t, s)
	rows, problems, maps, err := ReadProducts("testdata/annex-s-quyet-dinh.xlsx", ref)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		product, producer, address, commune, no, decided string
		stars                                            int
		score                                            string
		list                                             bool
	}
	wants := []want{
		{"Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết", "thôn Nà Cạn, xã Đoàn Kết, tỉnh Lạng Sơn", "Đoàn Kết", "2865/QĐ-UBND", "31/12/2025", 4, "72,5", true},
		{"Rượu men lá Quốc Việt", "Hộ kinh doanh Nông Thị Liên", "thôn Bản Cầu, xã Quốc Việt, tỉnh Lạng Sơn", "Quốc Việt", "2865/QĐ-UBND", "31/12/2025", 3, "61,7", true},
		{"Chè Shan tuyết Kháng Chiến", "Công ty TNHH Chè Xứ Lạng", "khối 3, xã Thất Khê, tỉnh Lạng Sơn", "Thất Khê", "2865/QĐ-UBND", "31/12/2025", 4, "81", true},
		{"Hạt dẻ rang", "HTX Nông sản Quốc Khánh", "xã Quốc Khánh, tỉnh Lạng Sơn", "Quốc Khánh", "2865/QĐ-UBND", "31/12/2025", 3, "65", true},
		{"Khau nhục Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng", "xã Thất Khê, tỉnh Lạng Sơn", "Thất Khê", "2865/QĐ-UBND", "31/12/2025", 3, "55", true},
		{"Miến dong Bình Gia", "HTX Miến dong Bình Gia", "xã Bình Gia, tỉnh Lạng Sơn", "Bình Gia", "2865/QĐ-UBND", "31/12/2025", 3, "58,25", true},
	}
	communes := map[int64]string{}
	for _, c := range ref.Communes {
		communes[c.ID] = c.Name
	}
	if len(rows) != len(wants) {
		for _, r := range rows {
			t.Logf("row %d: %+v %+v", r.Row, r, r.Cert)
		}
		t.Fatalf("%d rows read, want %d; problems %v", len(rows), len(wants), problems)
	}
	for i, w := range wants {
		r := rows[i]
		got := want{r.Product, r.Producer, r.Address, communes[r.CommuneID], "", "", 0, "", r.ListDecision}
		if r.Cert != nil {
			got.no, got.decided, got.stars = r.Cert.DecisionNo, data.VNDate(r.Cert.DecisionDate), r.Cert.Stars
			if r.Cert.HasScore {
				got.score = r.Cert.Score.VI()
			}
		}
		if got != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", r.Row, got, w)
		}
	}
	if len(problems) != 1 || problems[0].String() != `Trang "annex-s-quyet-dinh", dòng 12, cột "Hạng sao", giá trị "tốt": hạng sao "tốt" không hiểu được: ghi 3, "3 sao", "3*" hoặc ★★★` {
		t.Errorf("problems %v", problems)
	}
	lines := DecisionLines(maps, rows)
	if len(lines) != 1 || lines[0] != "Áp dụng Quyết định số 2865/QĐ-UBND ngày 31/12/2025 (ghi ở tiêu đề) cho 6 dòng không ghi quyết định" {
		t.Errorf("decision lines %q", lines)
	}
}

// The decision given for a list goes to the rows that name none, never
// over a row's own; a decision given by the user replaces the title's.
func TestListDecisionOnlyForRowsWithout(t *testing.T) {
	s := emptyStore(t)
	ref := refOf(t, s)
	table := Table{Sheet: "PL", Rows: [][]string{
		{"DANH SÁCH SẢN PHẨM OCOP NĂM 2025"},
		{"Kèm theo Quyết định số 2865/QĐ-UBND ngày 31/12/2025 của UBND tỉnh"},
		{"STT", "Tên sản phẩm", "Chủ thể, địa chỉ", "Hạng sao", "Quyết định"},
		{"1", "Thạch đen", "HTX Đoàn Kết; xã Đoàn Kết", "4 sao", ""},
		{"2", "Bột thạch đen", "HTX Đoàn Kết; xã Đoàn Kết", "3 sao", "1203/QĐ-UBND ngày 07/7/2023"},
		{"3", "Chè", "HTX Chè, xã Thất Khê", "", ""},
	}}
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		given   *Decision
		want    []string // decision of each row read, "" for none
		problem string
	}{
		{"from the title", nil, []string{"2865/QĐ-UBND 31/12/2025", "1203/QĐ-UBND 07/07/2023"}, `cột "Hạng sao": chưa có hạng sao`},
		{"given", &Decision{No: "12/QĐ-UBND", Date: day, Source: "nhập tay"}, []string{"12/QĐ-UBND 05/01/2026", "1203/QĐ-UBND 07/07/2023"}, `chưa có hạng sao`},
		// Without one, a row with stars and no decision says so, as any list.
		{"cleared", &Decision{}, []string{"1203/QĐ-UBND 07/07/2023", ""}, `dòng 4: có quyết định hoặc hạng sao nhưng thiếu ngày quyết định`},
	} {
		m, ok := DetectProductMapping(table)
		if !ok {
			t.Fatal("no heading")
		}
		if c.given != nil {
			m.Decision = *c.given
		}
		rows, problems := ProductRows(table, m, ref)
		var got []string
		for _, r := range rows {
			if r.Cert == nil {
				got = append(got, "")
			} else {
				got = append(got, r.Cert.DecisionNo+" "+data.VNDate(r.Cert.DecisionDate))
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: decisions %q, want %q", c.name, got, c.want)
		}
		joined := ""
		for _, p := range problems {
			joined += p.String() + "\n"
		}
		if (c.problem == "") != (joined == "") || !strings.Contains(joined, c.problem) {
			t.Errorf("%s: problems %q, want %q", c.name, joined, c.problem)
		}
	}
}
