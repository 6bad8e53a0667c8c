package data

import (
	"context"
	"strings"
	"testing"
)

// The rules of the date shown: the decision, the stars of a score, the
// validity and who certifies, from the reference data a new database gets.
func TestRulesOfTheDay(t *testing.T) {
	s := openTemp(t)
	rules, err := s.Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day          string
		rule         string
		level3, src3 string
		level5       string
	}{
		{"2020-06-15", "Quyết định 1048/QĐ-TTg", "huyen", "Quyết định 1048/QĐ-TTg", "trung_uong"},
		{"2024-12-06", "Quyết định 148/QĐ-TTg", "huyen", "Quyết định 148/QĐ-TTg", "trung_uong"},
		{"2025-08-01", "Quyết định 148/QĐ-TTg", "tinh", "Quyết định 1489/QĐ-TTg", "trung_uong"},
		{"2026-05-21", "Quyết định 148/QĐ-TTg", "tinh", "Quyết định 1489/QĐ-TTg", "trung_uong"},
		{"2026-05-22", "Quyết định 26/2026/QĐ-TTg", "tinh", "Quyết định 26/2026/QĐ-TTg", "trung_uong"},
		{"2030-01-01", "Quyết định 26/2026/QĐ-TTg", "tinh", "Quyết định 26/2026/QĐ-TTg", "trung_uong"},
	}
	for _, tt := range tests {
		d := day(tt.day)
		if got := rules.RuleName(d); got != tt.rule {
			t.Errorf("RuleName(%s) = %q, want %q", tt.day, got, tt.rule)
		}
		if got := rules.StarsForScore(6636, d); got != 3 {
			t.Errorf("%s: 66,36 points give %d stars, want 3", tt.day, got)
		}
		if got := rules.ValidityMonths(d); got != 36 {
			t.Errorf("%s: valid %d months, want 36", tt.day, got)
		}
		if level, src := rules.CertifyingLevel(3, d); level != tt.level3 || src != tt.src3 {
			t.Errorf("%s: 3 stars certified by %q (%s), want %q (%s)", tt.day, level, src, tt.level3, tt.src3)
		}
		if level, _ := rules.CertifyingLevel(5, d); level != tt.level5 {
			t.Errorf("%s: 5 stars certified by %q, want %q", tt.day, level, tt.level5)
		}
		if level, _ := rules.CertifyingLevel(2, d); level != "" {
			t.Errorf("%s: 2 stars certified by %q, want nobody", tt.day, level)
		}
	}
}

// A result's stars come from the bands of its date: 26/2026's from
// 22/5/2026, 148's before. The seeded numbers are the same, so the office
// corrects 26/2026's 3-star band (as it could if a later text changed it)
// and a score of 52 gives 3 stars on 21/5/2026 and 2 stars a day later.
func TestStarsFollowTheRuleOfTheDate(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, "UPDATE star_bands SET min_score = 5500 WHERE effective_from = '2026-05-22' AND stars = 3"); err != nil {
		t.Fatal(err)
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day   string
		score Score
		stars int
	}{
		{"2024-12-06", 5200, 3},
		{"2026-05-21", 5200, 3},
		{"2026-05-22", 5200, 2},
		{"2026-11-30", 5200, 2},
		{"2026-11-30", 5500, 3},
		{"2026-11-30", 9000, 5},
	}
	for _, tt := range tests {
		if got := rules.StarsForScore(tt.score, day(tt.day)); got != tt.stars {
			t.Errorf("%s points on %s: %d stars, want %d", tt.score.VI(), tt.day, got, tt.stars)
		}
	}
}

func TestClassNameByDate(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code, day, want string
	}{
		{"I.3.d", "2024-12-06", "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong"},
		{"I.3.d", "2026-05-21", "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong"},
		{"I.3.d", "2026-05-22", "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác và nông sản thực phẩm khác"},
		{"I.4.a", "2023-06-01", "Tương, nước mắm, gia vị lỏng khác"},
		{"I.4.a", "2026-06-01", "Tương, nước mắm, gia vị dạng lỏng khác"},
		{"II.2.b", "2026-06-01", "Đồ uống không cồn"},
		{"IV.1", "2022-01-20", "Đồ gia dụng, trang trí"},
		{"IV.1", "2026-06-01", "Thủ công mỹ nghệ gia dụng, trang trí"},
		{"I.1.a", "2026-06-01", "Rau, củ, quả, hạt tươi"},
		{"IX.9", "2026-06-01", ""},
	}
	for _, tt := range tests {
		if got := rules.ClassName(tt.code, day(tt.day)); got != tt.want {
			t.Errorf("ClassName(%s, %s) = %q, want %q", tt.code, tt.day, got, tt.want)
		}
	}
	classes, err := s.ClassificationOn(ctx, day("2026-06-01"))
	if err != nil || len(classes) != 38 {
		t.Fatalf("ClassificationOn: %d classes, %v", len(classes), err)
	}
	for _, c := range classes {
		if c.Code == "IV.1" && c.Name != "Thủ công mỹ nghệ gia dụng, trang trí" {
			t.Errorf("IV.1 listed as %q on 1/6/2026", c.Name)
		}
	}
}

func TestProcedureOn(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := rules.ProcedureOn(day("2026-06-01"))
	if p.Source != "Quyết định 26/2026/QĐ-TTg" || !p.EffectiveFrom.Equal(day("2026-05-22")) || p.CommuneWorkingDays != 15 ||
		p.RerankEarliestDays != 180 || p.RerankLatestDays != 120 || p.RerankProvinceDays != 45 ||
		p.TransitionFirstDays != 60 || p.TransitionRerankDays != 30 || p.RerankGraceDays != 180 || len(p.Rounds) != 2 {
		t.Errorf("ProcedureOn(1/6/2026) = %+v", p)
	}
	// Before 26/2026 no procedure is stored: its own is given, dated after the day.
	if old := rules.ProcedureOn(day("2025-01-01")); old.CommuneWorkingDays != 15 || !old.EffectiveFrom.After(day("2025-01-01")) {
		t.Errorf("ProcedureOn(1/1/2025) = %+v", old)
	}

	// The numbers are data: an office's correction is what counts.
	if _, err := s.db.ExecContext(ctx, "UPDATE procedure_rules SET value = '20' WHERE key = 'commune_working_days'"); err != nil {
		t.Fatal(err)
	}
	if rules, _ := s.Rules(ctx); rules.ProcedureOn(day("2026-06-01")).CommuneWorkingDays != 20 {
		t.Errorf("the commune's days after setting 20: %d", rules.ProcedureOn(day("2026-06-01")).CommuneWorkingDays)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE procedure_rules SET value = '31-04' WHERE key = 'round1_cutoff'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rules(ctx); err == nil || !strings.Contains(err.Error(), "round1_cutoff") {
		t.Errorf("a cut-off of 31-04 read with %v, want an error naming round1_cutoff", err)
	}
}

func TestRoundFor(t *testing.T) {
	s := openTemp(t)
	rules, err := s.Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		proposed, id, cutOff, deadline string
	}{
		{"2026-01-05", "2026-1", "2026-04-30", "2026-06-30"},
		{"2026-04-29", "2026-1", "2026-04-30", "2026-06-30"},
		{"2026-04-30", "2026-2", "2026-10-30", "2026-12-30"}, // "trước ngày 30/4": 30/4 itself is late
		{"2026-06-10", "2026-2", "2026-10-30", "2026-12-30"},
		{"2026-10-29", "2026-2", "2026-10-30", "2026-12-30"},
		{"2026-10-30", "2027-1", "2027-04-30", "2027-06-30"},
		{"2026-12-31", "2027-1", "2027-04-30", "2027-06-30"},
	}
	for _, tt := range tests {
		r := rules.RoundFor(day(tt.proposed))
		if r.String() != tt.id || !r.CutOff.Equal(day(tt.cutOff)) || !r.Deadline.Equal(day(tt.deadline)) ||
			r.Source != "Quyết định 26/2026/QĐ-TTg" {
			t.Errorf("RoundFor(%s) = %s, cut-off %s, deadline %s (%s); want %s, %s, %s", tt.proposed, r, ISODate(r.CutOff),
				ISODate(r.Deadline), r.Source, tt.id, tt.cutOff, tt.deadline)
		}
		if again := rules.Round(r.Year, r.No); again != r {
			t.Errorf("Round(%d, %d) = %+v, want %+v", r.Year, r.No, again, r)
		}
	}
	if r := rules.RoundFor(day("2026-06-10")); r.Label() != "Đợt 2 năm 2026" {
		t.Errorf("label %q", r.Label())
	}
	if r := rules.Round(2026, 3); r.Year != 0 {
		t.Errorf("Round(2026, 3) = %+v, want none", r)
	}
}

func TestRulesRerankWindow(t *testing.T) {
	s := openTemp(t)
	rules, err := s.Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ validUntil, opens, closes string }{
		{"2027-03-05", "2026-09-06", "2026-11-05"},
		{"2026-11-30", "2026-06-03", "2026-08-02"},
		{"2028-02-29", "2027-09-02", "2027-11-01"},
	}
	for _, tt := range tests {
		opens, closes := rules.RerankWindow(day(tt.validUntil))
		if !opens.Equal(day(tt.opens)) || !closes.Equal(day(tt.closes)) {
			t.Errorf("RerankWindow(%s) = %s – %s, want %s – %s", tt.validUntil, ISODate(opens), ISODate(closes), tt.opens, tt.closes)
		}
	}
}
