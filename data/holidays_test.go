package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Deadlines of n working days on the seeded calendar, counted from the day
// after receipt.
func TestAddWorkingDays(t *testing.T) {
	s := openTemp(t)
	cal, err := s.WorkingDays(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		what     string
		received string
		n        int
		due      string
	}{
		{"Friday, one day: the weekend does not count", "2026-03-06", 1, "2026-03-09"},
		{"Friday, five days", "2026-03-06", 5, "2026-03-13"},
		{"received on a Saturday", "2026-03-07", 1, "2026-03-09"},
		{"the receipt day itself is not counted", "2026-03-09", 15, "2026-03-30"},
		{"across Tết 14-22/2/2026 (weekdays only would give 03/3)", "2026-02-10", 15, "2026-03-10"},
		{"across Tết 2027 and its compensatory days", "2027-02-01", 5, "2027-02-15"},
		{"Giỗ Tổ on Sunday 26/4/2026, compensatory Monday, then 30/4 and 1/5", "2026-04-23", 5, "2026-05-05"},
		{"Saturday 26/4/2025 worked in exchange for 2/5", "2025-04-25", 1, "2025-04-26"},
		{"across 30/4 - 2/5/2025", "2025-04-29", 2, "2025-05-06"},
		{"Quốc khánh 2025: 1/9 and 2/9", "2025-08-29", 1, "2025-09-03"},
		{"no days", "2026-02-16", 0, "2026-02-16"},
		{"counting back", "2026-02-23", -1, "2026-02-13"},
	}
	for _, tt := range tests {
		got := cal.AddWorkingDays(day(tt.received), tt.n)
		if !got.Equal(day(tt.due)) {
			t.Errorf("%s: %d working days from %s end on %s, want %s", tt.what, tt.n, tt.received, ISODate(got), tt.due)
		}
		if back := cal.WorkingDaysBetween(day(tt.received), got); back != tt.n {
			t.Errorf("%s: WorkingDaysBetween(%s, %s) = %d, want %d", tt.what, tt.received, ISODate(got), back, tt.n)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := NewCalendar([]Holiday{{Day: day("2026-04-30"), Name: "30/4", Kind: HolidayOff}, {Day: day("2026-05-01"), Name: "1/5", Kind: HolidayOff}})
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-04-27", "2026-04-27", 0},
		{"2026-04-27", "2026-04-29", 2},
		{"2026-04-27", "2026-05-04", 3}, // 28, 29, 4/5
		{"2026-05-04", "2026-04-27", -3},
		{"2026-04-29", "2026-05-03", 0}, // a dossier due on 29/4 is not late until 4/5
		{"2026-04-29", "2026-05-04", 1},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(day(tt.a), day(tt.b)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	s := openTemp(t)
	cal, err := s.WorkingDays(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]bool{
		"2026-02-13": true, "2026-02-16": false, "2026-02-17": false, "2026-02-20": false, "2026-02-23": true,
		"2026-04-27": false, "2026-09-02": false, "2026-03-07": false, "2025-04-26": true, "2025-05-02": false,
		"2027-04-16": false, // Giỗ Tổ 2027, from the lunar calendar
	} {
		if got := cal.IsWorkingDay(day(d)); got != want {
			h, _ := cal.Holiday(day(d))
			t.Errorf("IsWorkingDay(%s %s) = %v, want %v (%+v)", d, day(d).Weekday(), got, want, h)
		}
	}
	for y := 2025; y <= 2030; y++ {
		if !cal.KnowsYear(y) {
			t.Errorf("no holidays seeded for %d", y)
		}
	}
	if cal.KnowsYear(2031) {
		t.Error("holidays of 2031 seeded")
	}
}

// The government moves a holiday (the extra day of Quốc khánh 2026 is 1/9,
// not the 3/9 the seed guessed): the office edits the table and the
// deadline moves with it.
func TestHolidayMovedByGovernment(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	due := func() string {
		t.Helper()
		cal, err := s.WorkingDays(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ISODate(cal.AddWorkingDays(day("2026-08-11"), 15))
	}
	if got := due(); got != "2026-09-01" {
		t.Fatalf("15 working days from 11/8/2026 with the seeded holidays end on %s, want 2026-09-01", got)
	}
	hs, err := s.Holidays(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if ISODate(h.Day) == "2026-09-03" {
			if err := s.DeleteHoliday(ctx, h.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	moved := &Holiday{Day: day("2026-09-01"), Name: "Quốc khánh (ngày nghỉ thêm)", Note: "Thông báo của Chính phủ"}
	if err := s.AddHoliday(ctx, moved); err != nil {
		t.Fatal(err)
	}
	if got := due(); got != "2026-09-03" {
		t.Errorf("after moving the extra day to 1/9 the deadline is %s, want 2026-09-03", got)
	}
}

func TestEditHolidays(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	hs, err := s.Holidays(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) == 0 || ISODate(hs[0].Day) != "2026-01-01" || hs[0].Name != "Tết Dương lịch" || ISODate(hs[len(hs)-1].Day) != "2026-09-03" {
		t.Fatalf("holidays of 2026: %+v", hs)
	}
	for _, h := range hs {
		if h.Day.Year() != 2026 {
			t.Errorf("Holidays(2026) lists %s", ISODate(h.Day))
		}
	}
	tests := []struct {
		h    Holiday
		want string // in the error; "" when accepted
	}{
		{Holiday{Day: day("2026-02-17"), Name: "Mùng 1 Tết"}, "ngày 17/02/2026 đã có trong danh sách (Tết Nguyên Đán)"},
		{Holiday{Day: day("2026-11-24"), Name: "  "}, "Tên ngày nghỉ: chưa nhập"},
		{Holiday{Name: "Nghỉ"}, "Ngày: chưa nhập"},
		{Holiday{Day: day("2026-11-25"), Name: "Làm bù", Kind: HolidayWorked}, "25/11/2026 là ngày thường"},
		{Holiday{Day: day("2026-11-24"), Name: "Ngày Văn hóa Việt Nam"}, ""},
		{Holiday{Day: day("2026-11-28"), Name: "Làm bù cho 24/11", Kind: HolidayWorked}, ""},
	}
	for _, tt := range tests {
		h := tt.h
		err := s.AddHoliday(ctx, &h)
		if tt.want == "" && (err != nil || h.ID == 0) {
			t.Errorf("AddHoliday(%+v) = %v", tt.h, err)
		}
		if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("AddHoliday(%+v) = %v, want %q", tt.h, err, tt.want)
		}
	}
	cal, _ := s.WorkingDays(ctx)
	if cal.IsWorkingDay(day("2026-11-24")) || !cal.IsWorkingDay(day("2026-11-28")) {
		t.Errorf("24/11 working %v, Saturday 28/11 working %v", cal.IsWorkingDay(day("2026-11-24")), cal.IsWorkingDay(day("2026-11-28")))
	}
	if err := s.DeleteHoliday(ctx, 99999); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting a missing holiday: %v", err)
	}
	after, _ := s.Holidays(ctx, 2026)
	if len(after) != len(hs)+2 {
		t.Errorf("%d holidays after adding two to %d", len(after), len(hs))
	}
	// The deleted day counts by its weekday again.
	for _, h := range after {
		if ISODate(h.Day) == "2026-04-27" {
			if err := s.DeleteHoliday(ctx, h.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	cal, _ = s.WorkingDays(ctx)
	if !cal.IsWorkingDay(day("2026-04-27")) || cal.AddWorkingDays(day("2026-04-24"), 1) != day("2026-04-27") {
		t.Error("Monday 27/4/2026 still a day off after deleting its row")
	}
}
