package xlsx

import (
	"context"
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

// The annex imported onto an empty database, onto one that keeps two of
// its products, and onto one where the office sent one of them to the
// province for re-evaluation: re-evaluations add the decision to the
// product kept (never a second product), the dossier sent is closed as
// Đạt with the decision, and undoing the import opens it again.
func TestImportDecisionAnnex(t *testing.T) {
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	type kept struct{ product, producer string }
	both := []kept{{"Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết"}, {"Chè Shan tuyết Kháng Chiến", "Công ty TNHH Chè Xứ Lạng"}}
	for _, c := range []struct {
		name        string
		kept        []kept
		sent        bool // the first product kept has a re-evaluation dossier sent to the province
		summary     string
		products    int
		firstAction string
	}{
		{"empty", nil, false, "6 sản phẩm mới, 6 chủ thể mới", 6, "Sản phẩm mới"},
		{"two kept", both, false, "4 sản phẩm mới, 4 chủ thể mới, 2 đánh giá lại (thêm chứng nhận)", 6, "Đánh giá lại (thêm chứng nhận)"},
		{"one sent", both, true, "4 sản phẩm mới, 4 chủ thể mới, 1 đánh giá lại (thêm chứng nhận), 1 đánh giá lại, đóng hồ sơ", 6,
			"Đánh giá lại, đóng hồ sơ số 01/PĐK-20-06040-2025"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := emptyStore(t)
			st, _ := s.Settings(ctx)
			st.OfficeName, st.StaffName = "UBND XÃ THẤT KHÊ", "Lương Thị Hoa"
			if err := s.SaveSettings(ctx, st); err != nil {
				t.Fatal(err)
			}
			var thatKhe int64
			for _, co := range refOf(t, s).Communes {
				if co.Code == "06040" {
					thatKhe = co.ID
				}
			}
			var ids []int64
			for _, k := range c.kept {
				pr := &data.Producer{Name: k.producer, Type: "htx", CommuneID: thatKhe}
				if err := s.AddProducer(ctx, pr); err != nil {
					t.Fatal(err)
				}
				p := &data.Product{Name: k.product, ProducerID: pr.ID}
				if err := s.AddProduct(ctx, p, &data.Certification{DecisionNo: "12/QĐ-UBND", DecisionDate: day("2022-12-20"),
					Score: 7000, HasScore: true, Stars: 4}); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			var dossier data.Dossier
			if c.sent {
				var err error
				if dossier, err = s.NewDossier(ctx, ids[0], data.KindRerank, day("2025-07-01")); err != nil {
					t.Fatal(err)
				}
				if err := s.ReceiveDossier(ctx, &dossier, nil); err != nil {
					t.Fatal(err)
				}
				a := data.Assessment{Materials: "Nguyên liệu của xã", Labour: "12 lao động", Idea: "Truyền thống", Identity: "Bản địa",
					AssessedBy: "Lương Thị Hoa", AssessedOn: day("2025-07-10")}
				if err := s.CompleteAssessment(ctx, dossier.ID, a); err != nil {
					t.Fatal(err)
				}
				if err := s.SendToProvince(ctx, dossier.ID, "45/UBND-KT", day("2025-07-15")); err != nil {
					t.Fatal(err)
				}
			}
			rows, _, _, err := ReadProducts("testdata/annex-s-quyet-dinh.xlsx", refOf(t, s))
			if err != nil {
				t.Fatal(err)
			}
			plan, err := s.PreviewImport(ctx, rows, true)
			if err != nil {
				t.Fatal(err)
			}
			if plan.SummaryLine() != c.summary || plan.Rows[0].What() != c.firstAction {
				t.Fatalf("preview %q, first row %q\nwant %q, %q", plan.SummaryLine(), plan.Rows[0].What(), c.summary, c.firstAction)
			}
			res, err := s.CommitImport(ctx, "annex-s-quyet-dinh.xlsx", plan)
			if err != nil {
				t.Fatal(err)
			}
			list, _ := s.Products(ctx, data.ProductQuery{})
			if len(list) != c.products || res.Decisions != 6 {
				t.Fatalf("%d products, %+v", len(list), res)
			}
			for _, p := range list {
				if p.DecisionNo != "2865/QĐ-UBND" || data.VNDate(p.DecisionDate) != "31/12/2025" {
					t.Errorf("%s: latest decision %s of %s", p.Name, p.DecisionNo, data.VNDate(p.DecisionDate))
				}
			}
			for _, id := range ids {
				if certs, _ := s.Certifications(ctx, id); len(certs) != 2 {
					t.Errorf("product %d kept has %d decisions, want the old one and the annex's", id, len(certs))
				}
			}
			// The same annex again: every row is on record.
			if again, _ := s.PreviewImport(ctx, rows, true); again.SummaryLine() != "0 sản phẩm mới, 6 đã có, bỏ qua" {
				t.Errorf("second preview: %s", again.SummaryLine())
			}
			if !c.sent {
				return
			}
			d, _ := s.Dossier(ctx, dossier.ID)
			if d.Status != data.DossierPassed || d.Result.DecisionNo != "2865/QĐ-UBND" || data.VNDate(d.Result.DecisionDate) != "31/12/2025" ||
				d.Result.Stars != 4 || res.Closed != 1 {
				t.Errorf("dossier after the import: %s, %+v; result %+v", d.Status.Label(), d.Result, res)
			}
			if err := s.UndoImport(ctx, res.ImportID); err != nil {
				t.Fatal(err)
			}
			d, _ = s.Dossier(ctx, dossier.ID)
			events, _ := s.DossierEvents(ctx, dossier.ID)
			if d.Status != data.DossierSent || d.Result.DecisionNo != "" || d.CertificationID != 0 || events[len(events)-1].Status != data.DossierSent {
				t.Errorf("dossier after undoing the import: %s, %+v, last step %+v", d.Status.Label(), d.Result, events[len(events)-1])
			}
			if list, _ := s.Products(ctx, data.ProductQuery{}); len(list) != 2 || list[0].DecisionNo != "12/QĐ-UBND" {
				t.Errorf("after undo: %+v", list)
			}
			// The dossier can take its result again.
			if err := s.RecordPassed(ctx, dossier.ID, data.DossierResult{Score: 7250, HasScore: true, Stars: 4, DecisionNo: "2865/QĐ-UBND",
				DecisionDate: day("2025-12-31")}); err != nil {
				t.Errorf("recording Đạt after undo: %v", err)
			}
		})
	}
}

// The same decision annex as the province sends it, as Word (.docx), as
// LibreOffice (.ods) and as Excel (.xlsx), all made by LibreOffice: a
// two-row heading ("Kết quả" merged over "Phân nhóm" and "Hạng sao"), the
// decision in the title, producer and address in one column. Each gives
// the six products field by field, and nothing is a problem.
func TestDecisionAnnexFromWordAndSheets(t *testing.T) {
	s := emptyStore(t)
	ref := refOf(t, s)
	type want struct {
		product, producer, address, commune, no, decided string
		stars                                            int
	}
	wants := []want{
		{"Miến dong Bình Gia", "HTX Nông nghiệp Bình Gia", "xã Bình Gia, tỉnh Lạng Sơn", "Bình Gia", "2865/QĐ-UBND", "31/12/2025", 3},
		{"Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết", "thôn Nà Pàn, xã Đoàn Kết, tỉnh Lạng Sơn", "Đoàn Kết", "2865/QĐ-UBND", "31/12/2025", 4},
		{"Chè Shan tuyết Kháng Chiến", "Công ty TNHH Chè Xứ Lạng", "khối 5, xã Thất Khê, tỉnh Lạng Sơn", "Thất Khê", "2865/QĐ-UBND", "31/12/2025", 3},
		{"Hồi Lạng Sơn sấy khô", "Hộ kinh doanh Hoàng Văn Hồi", "thôn Bản Châu, xã Văn Quan, tỉnh Lạng Sơn", "Văn Quan", "2865/QĐ-UBND", "31/12/2025", 4},
		{"Rượu men lá Quốc Việt", "Hộ kinh doanh Nông Thị Liên", "xã Quốc Việt, tỉnh Lạng Sơn", "Quốc Việt", "2865/QĐ-UBND", "31/12/2025", 3},
		{"Khau nhục Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng", "khối 3, xã Thất Khê, tỉnh Lạng Sơn", "Thất Khê", "2865/QĐ-UBND", "31/12/2025", 5},
	}
	communes := map[int64]string{}
	for _, c := range ref.Communes {
		communes[c.ID] = c.Name
	}
	for _, file := range []string{"annex-2865.docx", "annex-2865.ods", "annex-2865.xlsx"} {
		rows, problems, maps, err := ReadProducts("testdata/"+file, ref)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(problems) > 0 || len(rows) != len(wants) {
			t.Fatalf("%s: %d rows, problems %v", file, len(rows), problems)
		}
		for i, w := range wants {
			r := rows[i]
			got := want{r.Product, r.Producer, r.Address, communes[r.CommuneID], "", "", 0}
			if r.Cert != nil {
				got.no, got.decided, got.stars = r.Cert.DecisionNo, data.VNDate(r.Cert.DecisionDate), r.Cert.Stars
			}
			if got != w {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", file, r.Row, got, w)
			}
		}
		if lines := DecisionLines(maps, rows); len(lines) != 1 || !strings.HasPrefix(lines[0], "Áp dụng Quyết định số 2865/QĐ-UBND ngày 31/12/2025 (ghi ở tiêu đề) cho 6 dòng") {
			t.Errorf("%s: decision lines %q", file, lines)
		}
	}
}
