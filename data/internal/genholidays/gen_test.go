package main

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// The seeded file is what the generator writes: edit the generator, not
// the file, and run it again.
func TestCheckedInFileIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, 2025, 2030); err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../../assets/ref/holidays.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("assets/ref/holidays.csv differs from the generator's output; run\n" +
			"go run ./data/internal/genholidays -from 2025 -to 2030 > assets/ref/holidays.csv")
	}
}

func TestYear(t *testing.T) {
	tests := []struct {
		year int
		date string
		name string // "" when the day must not be listed
		kind string
	}{
		{2025, "2025-01-29", "Tết Nguyên Đán", kindOff},
		{2025, "2025-02-03", "", ""}, // the announced break ends on Sunday 2/2
		{2025, "2025-04-07", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kindOff},
		{2025, "2025-05-02", "Nghỉ hoán đổi dịp 30/4 - 1/5", kindOff},
		{2025, "2025-04-26", "Làm bù cho ngày 02/05 (dịp 30/4 - 1/5)", kindWork},
		{2025, "2025-09-01", "Quốc khánh (ngày nghỉ thêm)", kindOff},
		{2026, "2026-02-20", "Tết Nguyên Đán", kindOff},
		{2026, "2026-02-23", "", ""},
		{2026, "2026-04-26", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kindOff}, // a Sunday
		{2026, "2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương", kindOff},
		{2027, "2027-02-05", "Tết Nguyên Đán", kindOff}, // giao thừa, the day before 6/2
		{2027, "2027-02-09", "Tết Nguyên Đán", kindOff}, // mùng 4
		{2027, "2027-02-10", "Nghỉ bù Tết Nguyên Đán", kindOff},
		{2027, "2027-02-11", "Nghỉ bù Tết Nguyên Đán", kindOff}, // Tết's Saturday and Sunday
		{2027, "2027-02-12", "", ""},
		{2027, "2027-05-03", "Nghỉ bù 30/4 - 1/5", kindOff}, // 1/5/2027 is a Saturday
		{2028, "2028-01-03", "Nghỉ bù Tết Dương lịch", kindOff},
		{2028, "2028-09-04", "Nghỉ bù Quốc khánh", kindOff}, // 2/9/2028 is a Saturday
		{2030, "2030-02-01", "Tết Nguyên Đán", kindOff},     // Tết 2/2/2030
	}
	for _, tt := range tests {
		var got *Day
		for _, d := range Year(tt.year) {
			if d.Date.Format(time.DateOnly) == tt.date {
				got = &d
			}
		}
		switch {
		case tt.name == "" && got != nil:
			t.Errorf("%s listed as %+v, want no holiday", tt.date, *got)
		case tt.name != "" && (got == nil || got.Name != tt.name || got.Kind != tt.kind):
			t.Errorf("%s = %+v, want %s (%s)", tt.date, got, tt.name, tt.kind)
		}
	}
}

// Every year has the Labour Code's eleven days off, at least: Tết Dương
// lịch 1, Tết 5, Giỗ Tổ 1, 30/4 and 1/5, Quốc khánh 2.
func TestEveryYearHasTheLawsDays(t *testing.T) {
	for y := 2025; y <= 2030; y++ {
		off := 0
		for _, d := range Year(y) {
			if d.Kind == kindOff {
				off++
			}
		}
		if off < 11 {
			t.Errorf("%d: %d days off, want at least 11", y, off)
		}
	}
}
