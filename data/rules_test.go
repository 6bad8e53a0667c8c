package data

import (
	"testing"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in      string
		want    Score
		wantErr bool
	}{
		{"66.36", 6636, false},
		{"66,36", 6636, false},
		{" 70 ", 7000, false},
		{"70,5", 7050, false},
		{"0", 0, false},
		{"100", 10000, false},
		{"100.00", 10000, false},
		{"100.01", 0, true},
		{"101", 0, true},
		{"66.366", 0, true},
		{"-5", 0, true},
		{"66,3,6", 0, true},
		{"abc", 0, true},
		{"", 0, true},
		{"66.", 0, true},
		{".5", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseScore(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseScore(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestScoreFormat(t *testing.T) {
	tests := []struct {
		s     Score
		dot   string
		comma string
	}{
		{6636, "66.36", "66,36"},
		{7050, "70.5", "70,5"},
		{7000, "70", "70"},
		{5, "0.05", "0,05"},
	}
	for _, tt := range tests {
		if tt.s.String() != tt.dot || tt.s.VI() != tt.comma {
			t.Errorf("Score(%d) = %q / %q, want %q / %q", int(tt.s), tt.s.String(), tt.s.VI(), tt.dot, tt.comma)
		}
	}
}

func testRules() Rules {
	var bands []StarBand
	for _, from := range []string{"2019-08-21", "2023-02-24"} {
		for _, b := range []struct {
			min   Score
			stars int
		}{{9000, 5}, {7000, 4}, {5000, 3}, {3000, 2}, {0, 1}} {
			bands = append(bands, StarBand{EffectiveFrom: day(from), MinScore: b.min, Stars: b.stars})
		}
	}
	// A hypothetical 2026 set with a higher 3-star threshold, to prove the
	// effective date is honoured.
	for _, b := range []struct {
		min   Score
		stars int
	}{{9000, 5}, {7500, 4}, {5500, 3}, {3000, 2}, {0, 1}} {
		bands = append(bands, StarBand{EffectiveFrom: day("2026-07-01"), MinScore: b.min, Stars: b.stars})
	}
	return Rules{
		Bands: bands,
		Validity: []ValidityRule{
			{EffectiveFrom: day("2019-08-21"), Months: 36},
			{EffectiveFrom: day("2030-01-01"), Months: 48},
		},
	}
}

func TestStarsForScore(t *testing.T) {
	r := testRules()
	tests := []struct {
		score Score
		on    string
		want  int
	}{
		{6636, "2023-09-01", 3}, // Lộc Bình, 2023 round 2
		{5000, "2023-09-01", 3},
		{4999, "2023-09-01", 2},
		{7000, "2023-09-01", 4},
		{6999, "2023-09-01", 3},
		{8999, "2024-01-01", 4},
		{9000, "2024-01-01", 5},
		{10000, "2024-01-01", 5},
		{2999, "2024-01-01", 1},
		{0, "2024-01-01", 1},
		{5200, "2026-07-01", 2}, // under the later bands
		{5200, "2026-06-30", 3},
		{7200, "2018-01-01", 4}, // older than every band set: the oldest applies
	}
	for _, tt := range tests {
		if got := r.StarsForScore(tt.score, day(tt.on)); got != tt.want {
			t.Errorf("StarsForScore(%v on %s) = %d, want %d", tt.score, tt.on, got, tt.want)
		}
	}
	if got := (Rules{}).StarsForScore(8000, day("2024-01-01")); got != 0 {
		t.Errorf("no bands: got %d stars, want 0", got)
	}
}

func TestValidUntil(t *testing.T) {
	r := testRules()
	tests := []struct{ decision, want string }{
		{"2023-07-07", "2026-07-07"},
		{"2024-12-06", "2027-12-06"},
		{"2024-02-29", "2027-02-28"},
		{"2023-01-31", "2026-01-31"},
		{"2019-01-15", "2022-01-15"}, // before every rule: the oldest applies
		{"2030-03-31", "2034-03-31"}, // the 48-month rule
	}
	for _, tt := range tests {
		if got := ISODate(r.ValidUntil(day(tt.decision))); got != tt.want {
			t.Errorf("ValidUntil(%s) = %s, want %s", tt.decision, got, tt.want)
		}
	}
	if got := ISODate((Rules{}).ValidUntil(day("2023-07-07"))); got != "2026-07-07" {
		t.Errorf("without rules ValidUntil = %s, want 36 months", got)
	}
}

func TestStatusOn(t *testing.T) {
	until := day("2026-07-07")
	tests := []struct {
		on     string
		window int
		want   Status
	}{
		{"2026-01-01", 90, StatusValid},
		{"2026-04-07", 90, StatusValid},
		{"2026-04-08", 90, StatusExpiring}, // 90 days before
		{"2026-07-07", 90, StatusExpiring}, // last valid day
		{"2026-07-08", 90, StatusExpired},
		{"2026-06-01", 30, StatusValid},
		{"2026-06-08", 30, StatusExpiring},
	}
	for _, tt := range tests {
		if got := StatusOn(until, day(tt.on), tt.window); got != tt.want {
			t.Errorf("StatusOn(%s, window %d) = %s, want %s", tt.on, tt.window, got, tt.want)
		}
	}
	if got := StatusOn(time.Time{}, day("2026-01-01"), 90); got != StatusNone {
		t.Errorf("no certificate: %s, want %s", got, StatusNone)
	}
	// A time late in the day still counts as that day.
	if got := StatusOn(until, time.Date(2026, 7, 7, 23, 59, 0, 0, time.UTC), 0); got != StatusExpiring {
		t.Errorf("evening of the last day: %s", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"07/07/2023", "2023-07-07", false},
		{"7/7/2023", "2023-07-07", false},
		{"06-12-2024", "2024-12-06", false},
		{"2024-12-06", "2024-12-06", false},
		{"31/02/2024", "", true},
		{"12/2024", "", true},
		{"07/13/2023", "", true},
		{"hôm qua", "", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || ISODate(got) != tt.want {
			t.Errorf("ParseDate(%q) = %s, %v", tt.in, ISODate(got), err)
		}
	}
}

func TestPlaceDateLine(t *testing.T) {
	tests := []struct{ on, want string }{
		{"2026-02-05", "Lạng Sơn, ngày 05 tháng 02 năm 2026"},
		{"2026-03-15", "Lạng Sơn, ngày 15 tháng 3 năm 2026"},
		{"2026-01-09", "Lạng Sơn, ngày 09 tháng 01 năm 2026"},
		{"2026-12-31", "Lạng Sơn, ngày 31 tháng 12 năm 2026"},
	}
	for _, tt := range tests {
		if got := viet.PlaceDateLine("Lạng Sơn", day(tt.on)); got != tt.want {
			t.Errorf("PlaceDateLine(%s) = %q, want %q", tt.on, got, tt.want)
		}
	}
}
