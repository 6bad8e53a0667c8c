package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is the span a report covers, both days included.
type Period struct {
	From, To time.Time
	name     string // "Quý 1 năm 2026"; empty for a plain from-to span
	code     string // "2026_Q1" for file names
}

// Year is the whole of year y.
func Year(y int) Period {
	return Period{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC),
		fmt.Sprintf("Năm %d", y), strconv.Itoa(y)}
}

// Quarter is quarter q (1-4) of year y.
func Quarter(y, q int) Period {
	from := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	return Period{from, from.AddDate(0, 3, -1), fmt.Sprintf("Quý %s năm %d", romanQuarter[q], y), fmt.Sprintf("%d_Q%d", y, q)}
}

var romanQuarter = map[int]string{1: "I", 2: "II", 3: "III", 4: "IV"}

// Half is the first (h=1) or last (h=2) six months of year y.
func Half(y, h int) Period {
	from := time.Date(y, time.Month(6*h-5), 1, 0, 0, 0, 0, time.UTC)
	name := fmt.Sprintf("6 tháng đầu năm %d", y)
	if h == 2 {
		name = fmt.Sprintf("6 tháng cuối năm %d", y)
	}
	return Period{from, from.AddDate(0, 6, -1), name, fmt.Sprintf("%d_6T%d", y, h)}
}

// Span is any from-to span.
func Span(from, to time.Time) Period { return Period{From: DateOf(from), To: DateOf(to)} }

// Label is the period as a report's title says it: "Quý I năm 2026" or
// "Từ ngày 01/01/2026 đến ngày 15/03/2026".
func (p Period) Label() string {
	if p.name != "" {
		return p.name
	}
	return fmt.Sprintf("Từ ngày %s đến ngày %s", VNDate(p.From), VNDate(p.To))
}

// Code names the period in file names: "2026", "2026_Q1", "2026_6T1" or
// "2026-01-01_2026-03-15".
func (p Period) Code() string {
	if p.code != "" {
		return p.code
	}
	return ISODate(p.From) + "_" + ISODate(p.To)
}

// Contains reports whether day falls in the period.
func (p Period) Contains(day time.Time) bool {
	d := DateOf(day)
	return !d.Before(p.From) && !d.After(p.To)
}

// Validate checks the period is a real span.
func (p Period) Validate() error {
	if p.From.IsZero() || p.To.IsZero() {
		return fmt.Errorf("kỳ báo cáo: thiếu ngày bắt đầu hoặc ngày kết thúc")
	}
	if p.To.Before(p.From) {
		return fmt.Errorf("kỳ báo cáo: ngày kết thúc %s trước ngày bắt đầu %s", VNDate(p.To), VNDate(p.From))
	}
	return nil
}

// ParsePeriod reads a period as the command line takes it: "2026",
// "2026-Q1" (or "Q1-2026"), "2026-H1", or from and to dates.
func ParsePeriod(name, from, to string) (Period, error) {
	if name != "" {
		n := strings.ToUpper(strings.TrimSpace(name))
		var y, k int
		switch {
		case len(n) == 4:
			if y, err := strconv.Atoi(n); err == nil && y >= 2000 && y <= 2200 {
				return Year(y), nil
			}
		case scan(n, "%d-Q%d", &y, &k) || scan(n, "Q%d-%d", &k, &y):
			if k >= 1 && k <= 4 && y >= 2000 && y <= 2200 {
				return Quarter(y, k), nil
			}
		case scan(n, "%d-H%d", &y, &k):
			if k >= 1 && k <= 2 && y >= 2000 && y <= 2200 {
				return Half(y, k), nil
			}
		}
		return Period{}, fmt.Errorf("kỳ báo cáo %q không hợp lệ: dùng 2026, 2026-Q1 đến 2026-Q4, 2026-H1, 2026-H2, hoặc --from và --to", name)
	}
	f, err := ParseDate(from)
	if err != nil {
		return Period{}, fmt.Errorf("--from: %w", err)
	}
	t, err := ParseDate(to)
	if err != nil {
		return Period{}, fmt.Errorf("--to: %w", err)
	}
	p := Span(f, t)
	return p, p.Validate()
}

func scan(s, format string, a, b *int) bool {
	n, err := fmt.Sscanf(s, format, a, b)
	return err == nil && n == 2
}
