package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// dossierStore is a store with a staff name and a producer of xã Thất Khê
// (code 06040, Lạng Sơn 20).
func dossierStore(t *testing.T) (*Store, *Producer) {
	t.Helper()
	s := openTemp(t)
	ctx := context.Background()
	st, _ := s.Settings(ctx)
	st.OfficeName, st.StaffName = "UBND XÃ THẤT KHÊ", "Lương Thị Hoa"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	var commune int64
	if err := s.db.QueryRow("SELECT id FROM communes WHERE code = '06040'").Scan(&commune); err != nil {
		t.Fatal(err)
	}
	pr := &Producer{Name: "HTX Thạch đen Tràng Định", Type: "htx", CommuneID: commune}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	return s, pr
}

// certifiedProduct adds a product of pr certified on decided.
func certifiedProduct(t *testing.T, s *Store, pr *Producer, name, set string, decided time.Time) *Product {
	t.Helper()
	p := &Product{Name: name, ProducerID: pr.ID, SetCode: set}
	c := &Certification{DecisionNo: "12/QĐ-UBND", DecisionDate: decided, Score: 7250, HasScore: true, Stars: 4}
	if err := s.AddProduct(context.Background(), p, c); err != nil {
		t.Fatal(err)
	}
	return p
}

// receive files a dossier of product p received on day.
func receive(t *testing.T, s *Store, p *Product, kind DossierKind, day time.Time) *Dossier {
	t.Helper()
	d, err := s.NewDossier(context.Background(), p.ID, kind, day)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReceiveDossier(context.Background(), &d, nil); err != nil {
		t.Fatal(err)
	}
	return &d
}

var wholeAssessment = Assessment{Materials: "Nguyên liệu của xã", Labour: "12 lao động địa phương", Idea: "Truyền thống",
	Identity: "Tri thức bản địa", AssessedBy: "Lương Thị Hoa"}

// takeStep takes step to with valid details, dated on.
func takeStep(s *Store, id int64, to DossierStatus, on time.Time) error {
	ctx := context.Background()
	switch to {
	case DossierNeedsMore:
		return s.RequestSupplement(ctx, id, "Phiếu kiểm nghiệm", on, on.AddDate(0, 0, 10))
	case DossierSupplemented:
		return s.CompleteSupplement(ctx, id, on, "")
	case DossierAssessed:
		a := wholeAssessment
		a.AssessedOn = on
		return s.CompleteAssessment(ctx, id, a)
	case DossierSent:
		return s.SendToProvince(ctx, id, "45/UBND-KT", on)
	case DossierPassed:
		return s.RecordPassed(ctx, id, DossierResult{Score: 7250, HasScore: true, Stars: 4, DecisionNo: "900/QĐ-UBND", DecisionDate: on})
	case DossierFailed:
		return s.RecordFailed(ctx, id, DossierResult{Score: 4500, HasScore: true, Reason: "Dưới 50 điểm", DecisionDate: on})
	case DossierWithdrawn:
		return s.WithdrawDossier(ctx, id, on, "Chủ thể xin rút")
	}
	return fmt.Errorf("no step %s", to)
}

// pathTo is the steps that bring a new dossier to each status.
var pathTo = map[DossierStatus][]DossierStatus{
	DossierReceived:     nil,
	DossierNeedsMore:    {DossierNeedsMore},
	DossierSupplemented: {DossierNeedsMore, DossierSupplemented},
	DossierAssessed:     {DossierAssessed},
	DossierSent:         {DossierAssessed, DossierSent},
	DossierPassed:       {DossierAssessed, DossierSent, DossierPassed},
	DossierFailed:       {DossierAssessed, DossierSent, DossierFailed},
	DossierWithdrawn:    {DossierWithdrawn},
}

func TestDossierStatusSteps(t *testing.T) {
	// Every step from every status: the allowed ones as the issue draws
	// the path, the refused ones with what the user reads.
	allowed := map[[2]DossierStatus]bool{
		{DossierReceived, DossierNeedsMore}: true, {DossierReceived, DossierAssessed}: true, {DossierReceived, DossierWithdrawn}: true,
		{DossierNeedsMore, DossierSupplemented}: true, {DossierNeedsMore, DossierWithdrawn}: true,
		{DossierSupplemented, DossierNeedsMore}: true, {DossierSupplemented, DossierAssessed}: true, {DossierSupplemented, DossierWithdrawn}: true,
		{DossierAssessed, DossierSent}: true, {DossierAssessed, DossierWithdrawn}: true,
		{DossierSent, DossierPassed}: true, {DossierSent, DossierFailed}: true, {DossierSent, DossierWithdrawn}: true,
	}
	refusals := map[[2]DossierStatus]string{
		{DossierReceived, DossierSent}:         "Chưa thể gửi tỉnh: hồ sơ chưa được đánh giá cấp xã",
		{DossierSupplemented, DossierSent}:     "Chưa thể gửi tỉnh: hồ sơ chưa được đánh giá cấp xã",
		{DossierNeedsMore, DossierSent}:        "Chưa thể gửi tỉnh: hồ sơ đang chờ chủ thể bổ sung và chưa được đánh giá cấp xã",
		{DossierNeedsMore, DossierAssessed}:    "Chưa thể ghi đánh giá cấp xã: hồ sơ đang chờ chủ thể bổ sung; hãy ghi nhận đã bổ sung trước",
		{DossierReceived, DossierPassed}:       "Chưa thể ghi kết quả: hồ sơ chưa được gửi tỉnh",
		{DossierAssessed, DossierFailed}:       "Chưa thể ghi kết quả: hồ sơ chưa được gửi tỉnh",
		{DossierReceived, DossierSupplemented}: "Chưa thể ghi nhận đã bổ sung: hồ sơ không có yêu cầu bổ sung nào đang chờ",
		{DossierSent, DossierNeedsMore}:        "Không thể yêu cầu bổ sung: hồ sơ đã được đánh giá cấp xã",
		{DossierSent, DossierSent}:             "Không thể gửi tỉnh: hồ sơ đã được gửi tỉnh",
		{DossierPassed, DossierWithdrawn}:      "Không thể rút hồ sơ: hồ sơ đã có kết quả (Đạt)",
		{DossierFailed, DossierSent}:           "Không thể gửi tỉnh: hồ sơ đã có kết quả (Không đạt)",
		{DossierWithdrawn, DossierAssessed}:    "Không thể ghi đánh giá cấp xã: hồ sơ đã được rút",
	}
	s, pr := dossierStore(t)
	ctx := context.Background()
	start := day("2026-06-01")
	n := 0
	for _, from := range DossierStatuses {
		for _, to := range DossierStatuses[1:] {
			n++
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				p := certifiedProduct(t, s, pr, fmt.Sprintf("Sản phẩm %d", n), "I.3.c", day("2024-12-06"))
				d := receive(t, s, p, KindRerank, start)
				on := start
				for _, st := range pathTo[from] {
					on = on.AddDate(0, 0, 1)
					if err := takeStep(s, d.ID, st, on); err != nil {
						t.Fatalf("reaching %s: %s: %v", from, st, err)
					}
				}
				before, _ := s.DossierEvents(ctx, d.ID)
				err := takeStep(s, d.ID, to, on.AddDate(0, 0, 1))
				got, _ := s.Dossier(ctx, d.ID)
				if allowed[[2]DossierStatus{from, to}] {
					if err != nil || got.Status != to {
						t.Fatalf("allowed step refused: %v (status %s)", err, got.Status)
					}
					return
				}
				var se *StepError
				if !errors.As(err, &se) {
					t.Fatalf("step out of order: err %v, status %s; want a refusal", err, got.Status)
				}
				if want, ok := refusals[[2]DossierStatus{from, to}]; ok && err.Error() != want {
					t.Errorf("refusal %q, want %q", err, want)
				}
				if !strings.HasPrefix(err.Error(), "Chưa thể ") && !strings.HasPrefix(err.Error(), "Không thể ") {
					t.Errorf("refusal %q does not say it cannot", err)
				}
				after, _ := s.DossierEvents(ctx, d.ID)
				if got.Status != from || len(after) != len(before) {
					t.Errorf("refused step changed the dossier: status %s, %d events (had %d)", got.Status, len(after), len(before))
				}
			})
		}
	}
	// Each step is in the change log, dated, with who took it.
	rows, _ := s.Dossiers(ctx, DossierQuery{Status: DossierPassed})
	if len(rows) == 0 {
		t.Fatal("no dossier Đạt")
	}
	log, _ := s.ChangeLog(ctx, EntityDossier, rows[0].ID)
	if len(log) != 4 || log[0].Staff != "Lương Thị Hoa" || !strings.HasPrefix(log[0].Details, "Đã gửi tỉnh → Đạt ngày 04/06/2026: Quyết định 900/QĐ-UBND") ||
		!strings.HasPrefix(log[2].Details, "Đã tiếp nhận → Đã đánh giá cấp xã ngày 02/06/2026") || !strings.HasPrefix(log[3].Details, "Tiếp nhận hồ sơ ") ||
		!strings.Contains(log[3].Details, "/PĐK-20-06040-2026") {
		t.Errorf("change log %+v", log)
	}
}

func TestDossierStepDatesAndFields(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	p := certifiedProduct(t, s, pr, "Thạch đen", "I.3.c", day("2024-12-06"))
	d := receive(t, s, p, KindRerank, day("2026-06-10"))
	cases := []struct {
		name string
		do   func() error
		want string
	}{
		{"assessment before receipt", func() error {
			a := wholeAssessment
			a.AssessedOn = day("2026-06-09")
			return s.CompleteAssessment(ctx, d.ID, a)
		}, "Ngày đánh giá: 09/06/2026 trước ngày 10/06/2026 của bước \"Đã tiếp nhận\"; các bước của hồ sơ phải theo thứ tự ngày"},
		{"assessment without content 2", func() error {
			a := wholeAssessment
			a.Labour, a.AssessedOn = "  ", day("2026-06-12")
			return s.CompleteAssessment(ctx, d.ID, a)
		}, "2. Về sử dụng lao động địa phương: chưa nhập"},
		{"supplement without what", func() error { return s.RequestSupplement(ctx, d.ID, "", day("2026-06-11"), time.Time{}) },
			"Nội dung cần bổ sung: chưa nhập"},
		{"letter without number", func() error { return s.SendToProvince(ctx, d.ID, " ", day("2026-06-20")) }, "Số công văn: chưa nhập"},
		{"withdrawal without date", func() error { return s.WithdrawDossier(ctx, d.ID, time.Time{}, "") }, "Ngày rút hồ sơ: chưa nhập"},
		{"no such dossier", func() error { return s.SendToProvince(ctx, 999, "1/UBND", day("2026-06-20")) }, ErrNotFound.Error()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.do(); err == nil || err.Error() != c.want {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	if got, _ := s.Dossier(ctx, d.ID); got.Status != DossierReceived {
		t.Errorf("status %s after refusals", got.Status)
	}
}

func TestReceiptNumbersAndProductCodes(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	var other int64
	s.db.QueryRow("SELECT id FROM communes WHERE name = 'Đoàn Kết' AND province_code = '20'").Scan(&other)
	pr2 := &Producer{Name: "HTX Đoàn Kết", Type: "htx", CommuneID: other}
	if err := s.AddProducer(ctx, pr2); err != nil {
		t.Fatal(err)
	}
	var code2 string
	s.db.QueryRow("SELECT code FROM communes WHERE id = ?", other).Scan(&code2)
	cases := []struct {
		producer     *Producer
		received     string
		receipt, pcd string
	}{
		{pr, "2026-06-01", "01/PĐK-20-06040-2026", "20-06040-01-2026"},
		{pr, "2026-07-15", "02/PĐK-20-06040-2026", "20-06040-02-2026"},
		{pr2, "2026-07-16", "01/PĐK-20-" + code2 + "-2026", "20-" + code2 + "-01-2026"},
		{pr, "2026-11-02", "03/PĐK-20-06040-2026", "20-06040-03-2027"}, // after 30/10: next year's round 1
		{pr, "2027-01-05", "01/PĐK-20-06040-2027", "20-06040-01-2027"},
	}
	for i, c := range cases {
		p := &Product{Name: fmt.Sprintf("Sản phẩm mới %d", i), ProducerID: c.producer.ID, SetCode: "I.3.c"}
		d, err := s.NewDossier(ctx, 0, KindFirst, day(c.received))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReceiveDossier(ctx, &d, p); err != nil {
			t.Fatalf("%s: %v", c.received, err)
		}
		got, _ := s.Dossier(ctx, d.ID)
		if got.Receipt.String() != c.receipt || got.ProductCode != c.pcd {
			t.Errorf("received %s: receipt %q, product code %q; want %q, %q", c.received, got.Receipt, got.ProductCode, c.receipt, c.pcd)
		}
		if i == 1 {
			// A dossier in the trash keeps its number.
			if err := s.DeleteDossier(ctx, d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The new products are in the list, not yet certified.
	rows, _ := s.Products(ctx, ProductQuery{Search: "san pham moi"})
	if len(rows) != 5 || rows[0].Status != StatusNone {
		t.Errorf("new products %+v", rows)
	}
	if (ReceiptNo{}).String() != "" || (ReceiptNo{12, "68", "24787", 2027}).String() != "12/PĐK-68-24787-2027" {
		t.Error("ReceiptNo.String")
	}
}

func TestReceiveRefusals(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	certified := certifiedProduct(t, s, pr, "Thạch đen", "I.3.c", day("2024-12-06"))
	uncertified := &Product{Name: "Bánh cuốn", ProducerID: pr.ID}
	if err := s.AddProduct(ctx, uncertified, nil); err != nil {
		t.Fatal(err)
	}
	open := receive(t, s, certified, KindRerank, day("2026-06-01"))
	var oldCommune int64
	s.db.QueryRow("INSERT INTO communes(name, province_code) VALUES ('Thị trấn Thất Khê (cũ)', '20') RETURNING id").Scan(&oldCommune)
	cases := []struct {
		name string
		d    Dossier
		p    *Product
		want string
	}{
		{"second open dossier", Dossier{ProductID: certified.ID, Kind: KindUpgrade, Received: day("2026-06-03")}, nil,
			"Sản phẩm: \"Thạch đen\" đang có hồ sơ số 01/PĐK-20-06040-2026 (Đã tiếp nhận) chưa có kết quả; hãy rút hồ sơ đó hoặc chờ kết quả"},
		{"re-ranking never certified", Dossier{ProductID: uncertified.ID, Kind: KindRerank, Received: day("2026-06-03")}, nil,
			"Lần đăng ký đánh giá: sản phẩm \"Bánh cuốn\" chưa được công nhận, nên chỉ có hồ sơ lần đầu"},
		{"upgrade of a new product", Dossier{Kind: KindUpgrade, Received: day("2026-06-03")}, &Product{Name: "Mới", ProducerID: pr.ID},
			"Lần đăng ký đánh giá: sản phẩm mới chỉ có hồ sơ lần đầu; hồ sơ nâng hạng là của sản phẩm đã được công nhận"},
		{"no kind", Dossier{ProductID: uncertified.ID, Received: day("2026-06-03")}, nil,
			"Lần đăng ký đánh giá: chưa chọn lần đầu, nâng hạng hay đánh giá lại"},
		{"no date", Dossier{ProductID: uncertified.ID, Kind: KindFirst}, nil, "Ngày tiếp nhận: chưa nhập"},
		{"commune without a code", Dossier{ProductID: uncertified.ID, Kind: KindFirst, Received: day("2026-06-03"), CommuneID: oldCommune}, nil,
			"Xã tiếp nhận: \"Thị trấn Thất Khê (cũ)\" là tên tự thêm, không có mã xã để ghi số phiếu; hãy chọn xã, phường hiện nay"},
		{"negative samples", Dossier{ProductID: uncertified.ID, Kind: KindFirst, Received: day("2026-06-03"), Samples: -1}, nil,
			"Sản phẩm mẫu: số mẫu -1 không hợp lệ (thường là 5; dịch vụ du lịch: 0)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.d
			if err := s.ReceiveDossier(ctx, &d, c.p); err == nil || err.Error() != c.want {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	if rows, _ := s.Dossiers(ctx, DossierQuery{}); len(rows) != 1 || rows[0].ID != open.ID {
		t.Errorf("refusals stored dossiers: %+v", rows)
	}
	if rows, _ := s.Products(ctx, ProductQuery{Search: "moi"}); len(rows) != 0 {
		t.Errorf("a refused dossier created its product: %+v", rows)
	}
}

func TestPassedCreatesCertificationUnderRuleOfItsDate(t *testing.T) {
	cases := []struct {
		name       string
		decided    string
		score      Score
		stars      int
		bands4     Score // the 4★ band of 26/2026 as the office keeps it (70 as issued)
		want       string
		validUntil string
	}{
		{"4 stars under 26/2026", "2026-06-15", 7250, 4, 7000, "", "15/06/2029"},
		{"stars from the band when not given", "2026-06-15", 6636, 0, 7000, "", "15/06/2029"},
		{"4 stars under 148", "2026-05-21", 7250, 4, 7000, "", "21/05/2029"},
		{"a band 26/2026 raised does not touch a decision before it", "2026-05-21", 7250, 4, 7500, "", "21/05/2029"},
		{"a band 26/2026 raised refuses 4 stars after it", "2026-06-15", 7250, 4, 7500,
			"Hạng sao: 72,5 điểm là 3 sao theo Quyết định 26/2026/QĐ-TTg (ngày quyết định 15/06/2026), không thể là 4 sao", ""},
		{"under 3 stars is Không đạt (26/2026)", "2026-06-15", 4500, 3, 7000,
			"Không ghi được Đạt: 45 điểm chỉ đạt 2 sao theo Quyết định 26/2026/QĐ-TTg, sản phẩm dưới 3 sao không được công nhận; hãy ghi Không đạt", ""},
		{"under 3 stars is Không đạt (148)", "2026-05-21", 4500, 3, 7000,
			"Không ghi được Đạt: 45 điểm chỉ đạt 2 sao theo Quyết định 148/QĐ-TTg, sản phẩm dưới 3 sao không được công nhận; hãy ghi Không đạt", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, pr := dossierStore(t)
			ctx := context.Background()
			if _, err := s.db.Exec("UPDATE star_bands SET min_score = ? WHERE effective_from = '2026-05-22' AND stars = 4", int(c.bands4)); err != nil {
				t.Fatal(err)
			}
			p := &Product{Name: "Miến dong", ProducerID: pr.ID, SetCode: "I.3.b"}
			d, _ := s.NewDossier(ctx, 0, KindFirst, day("2026-03-02"))
			if err := s.ReceiveDossier(ctx, &d, p); err != nil {
				t.Fatal(err)
			}
			for _, st := range []DossierStatus{DossierAssessed, DossierSent} {
				if err := takeStep(s, d.ID, st, day("2026-03-10")); err != nil {
					t.Fatal(err)
				}
			}
			err := s.RecordPassed(ctx, d.ID, DossierResult{Score: c.score, HasScore: true, Stars: c.stars,
				DecisionNo: "1203/QĐ-UBND", DecisionDate: day(c.decided)})
			rows, _ := s.Products(ctx, ProductQuery{AsOf: day("2026-07-01")})
			got, _ := s.Dossier(ctx, d.ID)
			if c.want != "" {
				if err == nil || err.Error() != c.want {
					t.Errorf("got %v, want %q", err, c.want)
				}
				if rows[0].Certified || got.Status != DossierSent {
					t.Errorf("a refused result left a certification or status %s", got.Status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			stars := c.stars
			if stars == 0 {
				stars = 3
			}
			r := rows[0]
			if !r.Certified || r.Stars != stars || r.DecisionNo != "1203/QĐ-UBND" || VNDate(r.ValidUntil) != c.validUntil ||
				r.Status != StatusValid || got.Status != DossierPassed || got.CertificationID == 0 {
				t.Errorf("product %+v, dossier %+v", r, got)
			}
			log, _ := s.ChangeLog(ctx, EntityProduct, p.ID)
			if len(log) != 2 || !strings.Contains(log[0].Details, "Quyết định 1203/QĐ-UBND ngày "+VNDate(day(c.decided))) ||
				!strings.Contains(log[0].Details, "(hồ sơ số 01/PĐK-20-06040-2026)") {
				t.Errorf("product log %+v", log)
			}
		})
	}
}

func TestDeadlines(t *testing.T) {
	s, _ := dossierStore(t)
	ctx := context.Background()
	counting := func(received string, status DossierStatus, complete string) Dossier {
		d := Dossier{Received: day(received), Status: status, CompleteOn: day(received)}
		if complete != "" {
			d.CompleteOn = day(complete)
		}
		return d
	}
	cases := []struct {
		name   string
		d      Dossier
		today  string
		due    string
		label  string
		left   int
		leftOK bool
	}{
		{"received Friday: the weekends do not count", counting("2026-06-05", DossierReceived, ""), "2026-06-05", "2026-06-26", "còn 15 ngày làm việc", 15, true},
		{"Friday before the due Friday", counting("2026-06-05", DossierReceived, ""), "2026-06-19", "2026-06-26", "còn 5 ngày làm việc", 5, true},
		{"Saturday: as many left as on Friday", counting("2026-06-05", DossierReceived, ""), "2026-06-20", "2026-06-26", "còn 5 ngày làm việc", 5, true},
		{"the due day", counting("2026-06-05", DossierReceived, ""), "2026-06-26", "2026-06-26", "hết hạn hôm nay", 0, true},
		{"the weekend after the due day is not overdue yet", counting("2026-06-05", DossierReceived, ""), "2026-06-28", "2026-06-26", "hết hạn ngày 26/06/2026", 0, true},
		{"Monday after: overdue one working day", counting("2026-06-05", DossierReceived, ""), "2026-06-29", "2026-06-26", "quá hạn 1 ngày làm việc", -1, true},
		{"received before Tết 2027: Tết is not counted", counting("2027-01-27", DossierReceived, ""), "2027-02-08", "2027-02-24", "còn 9 ngày làm việc", 9, true},
		{"restarted after Cần bổ sung", counting("2026-06-01", DossierSupplemented, "2026-06-10"), "2026-06-22", "2026-07-01", "còn 7 ngày làm việc", 7, true},
		{"waiting for the supplement", counting("2026-06-01", DossierNeedsMore, ""), "2026-06-22", "", "chờ bổ sung", 0, false},
		{"assessed: the commune's part is done", counting("2026-06-01", DossierAssessed, ""), "2026-08-22", "", "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dl, err := s.DossierDeadline(ctx, c.d, day(c.today))
			if err != nil {
				t.Fatal(err)
			}
			left, ok := dl.DaysLeft()
			if ISODate(dl.Due) != c.due || dl.Label() != c.label || left != c.left || ok != c.leftOK {
				t.Errorf("due %s, %q, left %d %v; want %s, %q, %d %v", ISODate(dl.Due), dl.Label(), left, ok, c.due, c.label, c.left, c.leftOK)
			}
		})
	}
}

func TestDeadlineRestartsAfterSupplement(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	p := certifiedProduct(t, s, pr, "Thạch đen", "I.3.c", day("2024-12-06"))
	d := receive(t, s, p, KindRerank, day("2026-06-01"))
	if err := s.RequestSupplement(ctx, d.ID, "Phiếu kiểm nghiệm", day("2026-06-05"), day("2026-06-12")); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteSupplement(ctx, d.ID, day("2026-06-10"), "đã nộp"); err != nil {
		t.Fatal(err)
	}
	reqs, _ := s.SupplementRequests(ctx, d.ID)
	if len(reqs) != 1 || ISODate(reqs[0].CompletedOn) != "2026-06-10" || reqs[0].What != "Phiếu kiểm nghiệm" {
		t.Errorf("requests %+v", reqs)
	}
	for _, c := range []struct {
		rule  DeadlineRule
		label string
	}{
		{"", "còn 5 ngày làm việc"},                      // the default: 15 working days from 10/6, due 1/7
		{DeadlineFromReceipt, "quá hạn 2 ngày làm việc"}, // from 1/6, due 22/6
		{DeadlineRestart, "còn 5 ngày làm việc"},
	} {
		if c.rule != "" {
			if err := s.SetDossierDeadlineRule(ctx, c.rule); err != nil {
				t.Fatal(err)
			}
		}
		rows, _ := s.Dossiers(ctx, DossierQuery{AsOf: day("2026-06-24")})
		if len(rows) != 1 || rows[0].Deadline.Label() != c.label {
			t.Errorf("rule %q: %q, want %q", c.rule, rows[0].Deadline.Label(), c.label)
		}
	}
	if err := s.SetDossierDeadlineRule(ctx, "tu_hom_qua"); err == nil || !strings.Contains(err.Error(), "không có cách tính") {
		t.Errorf("bad rule: %v", err)
	}
}

func TestRerankWindow(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	rules, _ := s.Rules(ctx)
	until := day("2027-06-30")
	opens, closes := rules.RerankWindow(until)
	if ISODate(opens) != "2027-01-01" || ISODate(closes) != "2027-03-02" {
		t.Fatalf("window %s..%s", ISODate(opens), ISODate(closes))
	}
	cases := []struct {
		today string
		filed bool
		want  RerankState
	}{
		{"2026-12-31", false, RerankNotYet},
		{"2027-01-01", false, RerankOpen},
		{"2027-02-15", false, RerankOpen},
		{"2027-02-16", false, RerankClosing},
		{"2027-03-02", false, RerankClosing},
		{"2027-03-03", false, RerankMissed},
		{"2027-03-03", true, RerankFiled},
	}
	for _, c := range cases {
		if got := RerankStateOn(opens, closes, day(c.today), c.filed); got != c.want {
			t.Errorf("%s filed %v: %s (%s), want %s", c.today, c.filed, got, got.Label(), c.want)
		}
	}
	// In the store: a certificate decided 30/6/2024 is valid to 30/6/2027;
	// filing the re-ranking dossier from the prefilled form marks it filed.
	p := certifiedProduct(t, s, pr, "Thạch đen", "VI", day("2024-06-30"))
	due, _ := s.ComingDue(ctx, day("2027-02-20"))
	if len(due) != 1 || due[0].State != RerankClosing || due[0].DaysToClose != 10 {
		t.Fatalf("coming due %+v", due)
	}
	d, err := s.NewRerankDossier(ctx, p.ID, day("2027-02-20"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindRerank || d.CommuneID != pr.CommuneID || d.Samples != 0 || d.Round.String() != "2027-1" || d.ReceivedBy != "Lương Thị Hoa" {
		t.Errorf("prefilled %+v", d)
	}
	if err := s.ReceiveDossier(ctx, &d, nil); err != nil {
		t.Fatal(err)
	}
	due, _ = s.ComingDue(ctx, day("2027-03-10"))
	if len(due) != 1 || due[0].State != RerankFiled || due[0].DossierID != d.ID {
		t.Errorf("after filing %+v", due)
	}
}

func TestDossierSummaryAndEvidence(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	today := day("2026-07-01")                                                                                        // a Wednesday
	late := receive(t, s, certifiedProduct(t, s, pr, "A", "I.3.c", day("2024-12-06")), KindRerank, day("2026-06-01")) // due 22/6
	receive(t, s, certifiedProduct(t, s, pr, "B", "I.3.c", day("2024-12-06")), KindRerank, day("2026-06-12"))         // due 3/7
	receive(t, s, certifiedProduct(t, s, pr, "C", "I.3.c", day("2024-12-06")), KindRerank, day("2026-06-30"))         // due 21/7
	sum, err := s.DossierSummary(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if sum.ByStatus[DossierReceived] != 3 || sum.Open != 3 || sum.Overdue != 1 || sum.DueThisWeek != 1 ||
		sum.NextRound.String() != "2026-2" || VNDate(sum.NextCutoff) != "30/10/2026" {
		t.Errorf("summary %+v", sum)
	}

	items, _ := s.EvidenceItems(ctx)
	if len(items) != 15 || items[0].Name != "Giấy đăng ký kinh doanh" || !items[11].Expires {
		t.Fatalf("%d evidence items: %+v", len(items), items)
	}
	lines := []Evidence{
		{Item: EvidenceItem{Code: "kiem_nghiem"}, State: EvidencePresent, ExpiresOn: day("2026-11-15")},
		{Item: EvidenceItem{Code: "lao_dong_dia_phuong"}, State: EvidenceMissing, Note: "chưa có xác nhận"},
		{Item: EvidenceItem{Code: "giai_thuong"}, State: EvidenceNA},
	}
	if err := s.SetEvidence(ctx, late.ID, lines); err != nil {
		t.Fatal(err)
	}
	got, _ := s.DossierEvidence(ctx, late.ID)
	round, _ := s.Dossier(ctx, late.ID)
	rules, _ := s.Rules(ctx)
	warn := EvidenceWarnings(got, roundOf(rules, round.Round.Year, round.Round.No))
	want := []string{"Thiếu: Sử dụng lao động địa phương",
		"Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, an toàn thực phẩm theo tiêu chuẩn công bố hết hạn ngày 15/11/2026, trước khi đợt 2 năm 2026 được đánh giá (trước 30/12/2026)"}
	if len(got) != 15 || strings.Join(warn, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings %q", warn)
	}
	err = s.SetEvidence(ctx, late.ID, []Evidence{{Item: EvidenceItem{Code: "so_do"}, State: EvidencePresent}})
	if err == nil || err.Error() != "Giấy tờ: không có mục \"so_do\" trong danh mục minh chứng của Mẫu 02" {
		t.Errorf("unknown item: %v", err)
	}
}

func TestParseRoundAndStatus(t *testing.T) {
	for _, c := range []struct {
		in, want, err string
	}{
		{"2026-2", "2026-2", ""}, {" 2/2027 ", "2027-2", ""}, {"2026", "", "đợt đánh giá \"2026\" không hợp lệ: ghi năm-đợt, ví dụ 2026-2"},
		{"2026-0", "", "đợt đánh giá \"2026-0\" không hợp lệ: ghi năm-đợt, ví dụ 2026-2"},
	} {
		r, err := ParseRound(c.in)
		if r.String() != c.want || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) {
			t.Errorf("ParseRound(%q) = %s, %v", c.in, r, err)
		}
	}
	if _, err := ParseDossierStatus("dang_cho"); err == nil || !strings.HasPrefix(err.Error(), "tình trạng hồ sơ \"dang_cho\" không có; dùng một trong: da_tiep_nhan, can_bo_sung") {
		t.Errorf("bad status: %v", err)
	}
}

func TestDemoDossiers(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	today := day("2026-11-28")
	sum, err := s.FillDemo(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Dossiers(ctx, DossierQuery{AsOf: today})
	if sum.Dossiers != 10 || len(rows) != 10 {
		t.Fatalf("%d dossiers (%d listed)", sum.Dossiers, len(rows))
	}
	seen := map[DossierStatus]int{}
	overdue, acrossTet := 0, 0
	for _, r := range rows {
		seen[r.Status]++
		if r.Deadline.Overdue > 0 {
			overdue++
		}
		if r.Received.Month() <= 2 && r.Received.Year() == 2026 {
			acrossTet++
			if ev, _ := s.DossierEvents(ctx, r.ID); ev[len(ev)-1].Status != DossierSent || ISODate(ev[len(ev)-1].On) != "2026-03-09" {
				t.Errorf("the dossier across Tết: %+v", ev)
			}
		}
	}
	for _, st := range DossierStatuses {
		if seen[st] == 0 {
			t.Errorf("no demo dossier %s", st.Label())
		}
	}
	if overdue != 1 || acrossTet != 1 {
		t.Errorf("%d overdue, %d across Tết", overdue, acrossTet)
	}
	// The demo products keep their certifications: Đạt is the dossier behind the latest one.
	products, _ := s.Products(ctx, ProductQuery{AsOf: today})
	if len(products) != 25 || sum.Certifications != 27 {
		t.Errorf("%d products, %d certifications", len(products), sum.Certifications)
	}
}
