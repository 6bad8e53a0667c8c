package lunar

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Days whose lunar date offices and calendars print: Tết, Giỗ Tổ Hùng
// Vương, Trung thu, leap months, and years where Vietnam's calendar
// (UTC+7) and China's (UTC+8) disagree.
func TestKnownDates(t *testing.T) {
	tests := []struct {
		solar string
		lunar Date
	}{
		{"2025-01-29", Date{2025, 1, 1, false}}, // Tết Ất Tỵ
		{"2026-02-17", Date{2026, 1, 1, false}}, // Tết Bính Ngọ
		{"2027-02-06", Date{2027, 1, 1, false}}, // Tết Đinh Mùi
		{"2028-01-26", Date{2028, 1, 1, false}}, // Tết Mậu Thân
		{"2029-02-13", Date{2029, 1, 1, false}}, // Tết Kỷ Dậu
		// Tết Canh Tuất: the new moon is at 23:07 on 2/2/2030 in Vietnam,
		// 00:07 on 3/2 in China, so Vietnam's Tết is a day before China's.
		{"2030-02-02", Date{2030, 1, 1, false}},
		{"2024-02-10", Date{2024, 1, 1, false}},   // Tết Giáp Thìn
		{"2023-01-22", Date{2023, 1, 1, false}},   // Tết Quý Mão
		{"2025-04-07", Date{2025, 3, 10, false}},  // Giỗ Tổ 2025
		{"2026-04-26", Date{2026, 3, 10, false}},  // Giỗ Tổ 2026
		{"2024-09-17", Date{2024, 8, 15, false}},  // Trung thu 2024
		{"2023-03-22", Date{2023, 2, 1, true}},    // tháng 2 nhuận 2023
		{"2025-07-25", Date{2025, 6, 1, true}},    // tháng 6 nhuận 2025
		{"2025-06-25", Date{2025, 6, 1, false}},   // the month before it
		{"2020-05-23", Date{2020, 4, 1, true}},    // tháng 4 nhuận 2020
		{"1985-01-21", Date{1985, 1, 1, false}},   // China: 20/2/1985
		{"2007-02-17", Date{2007, 1, 1, false}},   // China: 18/2/2007
		{"2026-02-16", Date{2025, 12, 29, false}}, // giao thừa: tháng Chạp Ất Tỵ has 29 days
		{"2025-12-31", Date{2025, 11, 12, false}},
	}
	for _, tt := range tests {
		if got := FromSolar(day(tt.solar)); got != tt.lunar {
			t.Errorf("FromSolar(%s) = %+v, want %+v", tt.solar, got, tt.lunar)
		}
		if got, ok := ToSolar(tt.lunar); !ok || !got.Equal(day(tt.solar)) {
			t.Errorf("ToSolar(%+v) = %s, %v; want %s", tt.lunar, got.Format(time.DateOnly), ok, tt.solar)
		}
	}
}

func TestNewYear(t *testing.T) {
	want := map[int]string{2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26",
		2029: "2029-02-13", 2030: "2030-02-02"}
	for y, w := range want {
		if got := NewYear(y); !got.Equal(day(w)) {
			t.Errorf("NewYear(%d) = %s, want %s", y, got.Format(time.DateOnly), w)
		}
	}
}

// Every day from 2000 to 2040 goes to the lunar calendar and back, and
// lunar days follow one another: day 1 after day 29 or 30, months in order.
func TestRoundTrip(t *testing.T) {
	prev := FromSolar(day("1999-12-31"))
	for d := day("2000-01-01"); d.Year() < 2041; d = d.AddDate(0, 0, 1) {
		l := FromSolar(d)
		back, ok := ToSolar(l)
		if !ok || !back.Equal(d) {
			t.Fatalf("%s → %+v → %s, %v", d.Format(time.DateOnly), l, back.Format(time.DateOnly), ok)
		}
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Leap == prev.Leap:
		case l.Day == 1 && (prev.Day == 29 || prev.Day == 30):
		default:
			t.Fatalf("%s: %+v follows %+v", d.Format(time.DateOnly), l, prev)
		}
		prev = l
	}
}

func TestToSolarRefuses(t *testing.T) {
	for _, d := range []Date{
		{2026, 3, 1, true},    // 2026 has no leap month
		{2025, 5, 1, true},    // 2025's leap month is the 6th
		{2025, 12, 30, false}, // tháng Chạp Ất Tỵ has 29 days
		{2026, 13, 1, false},
	} {
		if got, ok := ToSolar(d); ok {
			t.Errorf("ToSolar(%+v) = %s, want refused", d, got.Format(time.DateOnly))
		}
	}
}
