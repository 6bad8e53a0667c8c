package data

import (
	"context"
	"testing"
)

// reportStore holds five products whose figures are worked out by hand in
// the tests below (expiry window 90 days):
//
//	P1 HTX, Thất Khê,  I.3.c:  2024-03-01 4★ (until 2027-03-01)
//	P2 HTX, Thất Khê,  II.1.a: 2022-01-10 3★ (until 2025-01-10)
//	P3 DN,  Đoàn Kết,  I.1.a:  2023-08-01 3★ (until 2026-08-01), re-evaluated 2026-09-01 5★
//	P4 Hộ,  no commune, VI:    never recognised
//	P5 DN,  Đoàn Kết,  I.3.c:  2026-04-15 3★
func reportStore(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	id := map[string]int64{}
	for _, c := range communes {
		id[c.Name] = c.ID
	}
	a := &Producer{Name: "HTX A", Type: "htx", CommuneID: id["Thất Khê"], Representative: "Ông A", Phone: "0911"}
	b := &Producer{Name: "Công ty B", Type: "doanh_nghiep", CommuneID: id["Đoàn Kết"], Representative: "Bà B", Phone: "0922"}
	c := &Producer{Name: "Hộ C", Type: "ho_kinh_doanh"}
	for _, p := range []*Producer{a, b, c} {
		if err := s.AddProducer(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	add := func(name string, producer *Producer, set string, certs ...Certification) {
		p := &Product{Name: name, ProducerID: producer.ID, SetCode: set}
		var first *Certification
		if len(certs) > 0 {
			first = &certs[0]
		}
		if err := s.AddProduct(ctx, p, first); err != nil {
			t.Fatal(err)
		}
		for _, c := range certs[min(1, len(certs)):] {
			c.ProductID = p.ID
			if err := s.AddCertification(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	cert := func(d string, stars int) Certification { return Certification{DecisionDate: day(d), Stars: stars} }
	add("P1", a, "I.3.c", cert("2024-03-01", 4))
	add("P2", a, "II.1.a", cert("2022-01-10", 3))
	add("P3", b, "I.1.a", cert("2023-08-01", 3), cert("2026-09-01", 5))
	add("P4", c, "VI")
	add("P5", b, "I.3.c", cert("2026-04-15", 3))
	return s
}

func TestSummaryOfAQuarter(t *testing.T) {
	s := reportStore(t)
	sum, err := s.Summary(context.Background(), Quarter(2026, 2))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Period.Label() != "Quý II năm 2026" || sum.Period.Code() != "2026_Q2" {
		t.Errorf("period %q %q", sum.Period.Label(), sum.Period.Code())
	}
	if sum.Products != 5 || sum.Certified != 4 || sum.Uncertified != 1 || sum.Valid != 3 || sum.Expiring != 1 || sum.Expired != 1 {
		t.Errorf("counts %+v", sum)
	}
	if sum.Stars != (StarCounts{0, 0, 0, 3, 1, 0}) {
		t.Errorf("stars %v", sum.Stars)
	}
	groups := map[string]StarCounts{}
	for _, g := range sum.ByGroup {
		groups[g.Code] = g.Stars
	}
	if groups["I"] != (StarCounts{0, 0, 0, 2, 1, 0}) || groups["II"] != (StarCounts{0, 0, 0, 1, 0, 0}) || groups["VI"].Total() != 0 {
		t.Errorf("by group %v", groups)
	}
	if len(sum.ByCommune) != 2 || sum.ByCommune[0].Name != "Đoàn Kết" || sum.ByCommune[0].Stars.Total() != 2 ||
		sum.ByCommune[1].Name != "Thất Khê" || sum.ByCommune[1].Stars[4] != 1 {
		t.Errorf("by commune %+v", sum.ByCommune)
	}
	types := map[string]int{}
	total := 0
	for _, ty := range sum.ByType {
		types[ty.Code] = ty.Stars.Total()
		total += ty.Stars.Total()
	}
	if types["htx"] != 2 || types["doanh_nghiep"] != 2 || types["ho_kinh_doanh"] != 0 || total != sum.Certified {
		t.Errorf("by type %v", types)
	}
	if sum.NewTotal != 1 || sum.New[3] != 1 {
		t.Errorf("new in the quarter %v (%d)", sum.New, sum.NewTotal)
	}
	if sum.ByYear[2022] != 1 || sum.ByYear[2023] != 1 || sum.ByYear[2024] != 1 || sum.ByYear[2026] != 1 || len(sum.ByYear) != 4 {
		t.Errorf("by year %v", sum.ByYear)
	}
}

func TestSummaryOfAYearSeesTheReEvaluation(t *testing.T) {
	s := reportStore(t)
	sum, _ := s.Summary(context.Background(), Year(2026))
	// By 31/12/2026 P3 holds its 5-star re-evaluation; P1 (until 01/03/2027) is expiring.
	if sum.Stars != (StarCounts{0, 0, 0, 2, 1, 1}) || sum.NewTotal != 2 || sum.New[5] != 1 || sum.Expiring != 1 || sum.Expired != 1 {
		t.Errorf("year 2026: stars %v, new %v, expiring %d, expired %d", sum.Stars, sum.New, sum.Expiring, sum.Expired)
	}
}

func TestExpiringReport(t *testing.T) {
	s := reportStore(t)
	rows, err := s.ExpiringProducts(context.Background(), day("2026-06-30"), 90)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "P2" || rows[1].Name != "P3" || rows[1].Representative != "Bà B" || rows[1].Phone != "0922" {
		t.Errorf("expiring %+v", rows)
	}
}

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct{ name, from, to, label string }{
		{"2026", "", "", "Năm 2026"},
		{"2026-q1", "", "", "Quý I năm 2026"},
		{"Q4-2025", "", "", "Quý IV năm 2025"},
		{"2026-H2", "", "", "6 tháng cuối năm 2026"},
		{"", "01/01/2026", "15/3/2026", "Từ ngày 01/01/2026 đến ngày 15/03/2026"},
	} {
		p, err := ParsePeriod(c.name, c.from, c.to)
		if err != nil || p.Label() != c.label {
			t.Errorf("%q %q %q: %q, %v", c.name, c.from, c.to, p.Label(), err)
		}
	}
	if p, _ := ParsePeriod("2026-Q1", "", ""); VNDate(p.From) != "01/01/2026" || VNDate(p.To) != "31/03/2026" {
		t.Errorf("Q1 is %s-%s", VNDate(p.From), VNDate(p.To))
	}
	for _, bad := range [][3]string{{"2026-Q5", "", ""}, {"năm nay", "", ""}, {"", "31/03/2026", "01/01/2026"}, {"", "", ""}} {
		if _, err := ParsePeriod(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestEverySummaryTableCountsEveryProduct: a product the reference lists
// do not place (no product set, no commune, a producer type the list does
// not have, no score) still counts in every table, on a line of its own,
// so each table's total is the number of certified products; and the
// overview's figures (Summarize) are the summary's.
func TestEverySummaryTableCountsEveryProduct(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	communes, _ := s.Communes(ctx)
	var thatKhe int64
	for _, c := range communes {
		if c.Name == "Thất Khê" {
			thatKhe = c.ID
		}
	}
	placed := &Producer{Name: "HTX A", Type: "htx", CommuneID: thatKhe}
	nowhere := &Producer{Name: "Hộ B", Type: "ho_kinh_doanh"} // no commune
	for _, p := range []*Producer{placed, nowhere} {
		if err := s.AddProducer(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []struct {
		name     string
		producer *Producer
		set      string
		stars    int
		score    bool
	}{
		{"Có đủ", placed, "I.3.c", 4, true},
		{"Không có bộ sản phẩm", placed, "", 3, true},
		{"Không rõ xã", nowhere, "II.1.a", 3, true},
		{"Không có điểm", placed, "I.3.c", 5, false},
		{"Loại hình lạ", placed, "I.3.c", 3, true}, // its type is changed below
		{"Chưa công nhận", nowhere, "", 0, false},
	} {
		var cert *Certification
		if p.stars > 0 {
			cert = &Certification{DecisionDate: day("2025-03-01"), Stars: p.stars, Score: Score(1000 * p.stars * 2), HasScore: p.score}
		}
		if err := s.AddProduct(ctx, &Product{Name: p.name, ProducerID: p.producer.ID, SetCode: p.set}, cert); err != nil {
			t.Fatal(err)
		}
	}
	period := Year(2025)
	rows, err := s.ProductsAt(ctx, period.To)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if rows[i].Name == "Loại hình lạ" {
			rows[i].ProducerType = "hop_tac_xa_cu" // as from an office whose list differs
		}
	}
	sum, err := s.SummaryOf(ctx, period, rows)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Certified != 5 || sum.Products != 6 {
		t.Fatalf("%d certified of %d, want 5 of 6", sum.Certified, sum.Products)
	}
	line := func(lines []NamedCount, name string) int {
		for _, l := range lines {
			if l.Name == name {
				return l.Stars.Total()
			}
		}
		return 0
	}
	for _, tc := range []struct {
		table   string
		lines   []NamedCount
		unknown string
	}{
		{"I. theo ngành", sum.ByGroup, UnknownGroup},
		{"II. theo xã", sum.ByCommune, UnknownCommune},
		{"III. theo loại hình", sum.ByType, UnknownType},
	} {
		total := 0
		for _, l := range tc.lines {
			total += l.Stars.Total()
		}
		if total != sum.Certified || line(tc.lines, tc.unknown) != 1 {
			t.Errorf("%s: total %d, want %d; line %q %d, want 1", tc.table, total, sum.Certified, tc.unknown, line(tc.lines, tc.unknown))
		}
	}
	if sum.Valid+sum.Expired+sum.Uncertified != sum.Products {
		t.Errorf("status: %d valid + %d expired + %d uncertified, want %d", sum.Valid, sum.Expired, sum.Uncertified, sum.Products)
	}
	// The overview counts the same products.
	ov := Summarize(rows)
	if ov.Certified != sum.Certified || ov.Products != sum.Products || ov.ByStatus[StatusExpired] != sum.Expired ||
		ov.ByStatus[StatusValid]+ov.ByStatus[StatusExpiring] != sum.Valid || ov.ByStatus[StatusNone] != sum.Uncertified {
		t.Errorf("overview %+v, summary %+v", ov, sum)
	}
	stars := 0
	for k, n := range ov.ByStars {
		stars += n
		if sum.Stars[k] != n {
			t.Errorf("overview %d stars: %d, summary %d", k, n, sum.Stars[k])
		}
	}
	if stars != sum.Stars.Total() {
		t.Errorf("overview stars total %d, summary %d", stars, sum.Stars.Total())
	}
}
