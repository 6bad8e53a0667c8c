// Command genholidays writes assets/ref/holidays.csv, the public holidays
// seeded into a new database, from the Labour Code's list (Bộ luật Lao
// động 2019, Điều 112), the Vietnamese lunar calendar and the schedules the
// government announced. Run it by hand from the repository's root when a
// year is added or an announcement is known, and check the output in:
//
//	go run ./data/internal/genholidays -from 2025 -to 2030 > assets/ref/holidays.csv
//
// Offices edit the seeded days in Cài đặt; this only gives the start.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/ocopdesk/ocop/data/lunar"
)

// Day is one row of holidays.csv.
type Day struct {
	Date time.Time
	Name string
	Kind string // "nghi": a day off; "lam_bu": a weekend day worked in exchange
	Note string
}

const (
	kindOff  = "nghi"
	kindWork = "lam_bu"

	noteLunar     = "theo lịch âm, cần đối chiếu thông báo của Chính phủ"
	noteExtraDay  = "ngày nghỉ thêm chọn theo lệ thường, cần đối chiếu thông báo của Chính phủ"
	noteAnnounced = "theo thông báo của Chính phủ"
)

// announcedTet are the Tết breaks the government announced for public
// servants, first and last day off, weekends inside included.
var announcedTet = map[int][2]string{
	2025: {"2025-01-25", "2025-02-02"},
	2026: {"2026-02-14", "2026-02-22"},
}

// announcedSeptember is the extra day of Quốc khánh the government chose.
var announcedSeptember = map[int]string{
	2025: "2025-09-01",
}

// swaps are working days the government moved: a weekday off in exchange
// for a Saturday worked.
var swaps = []struct{ off, work, name string }{
	{"2025-05-02", "2025-04-26", "dịp 30/4 - 1/5"},
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func weekend(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// Year returns the holidays of year y in date order.
func Year(y int) []Day {
	taken := map[time.Time]bool{}
	var out []Day
	add := func(d Day) {
		if !taken[d.Date] {
			taken[d.Date] = true
			out = append(out, d)
		}
	}
	// occasion adds the days of one holiday and, for each falling on a
	// weekend, a compensatory day (nghỉ bù) on the next working day after
	// the last (Điều 111 khoản 3).
	occasion := func(name string, days []Day) {
		owed := 0
		for _, d := range days {
			add(d)
			if weekend(d.Date) {
				owed++
			}
		}
		next := days[len(days)-1].Date
		for owed > 0 {
			next = next.AddDate(0, 0, 1)
			if weekend(next) || taken[next] {
				continue
			}
			add(Day{next, "Nghỉ bù " + name, kindOff, days[len(days)-1].Note})
			owed--
		}
	}

	occasion("Tết Dương lịch", []Day{{date(y, 1, 1), "Tết Dương lịch", kindOff, ""}})

	if span, ok := announcedTet[y]; ok {
		var days []Day
		for d := mustDate(span[0]); !d.After(mustDate(span[1])); d = d.AddDate(0, 0, 1) {
			days = append(days, Day{d, "Tết Nguyên Đán", kindOff, noteAnnounced})
		}
		for _, d := range days {
			add(d)
		}
	} else {
		// The last day of the old year and the first four of the new.
		first := lunar.NewYear(y)
		var days []Day
		for i := -1; i < 4; i++ {
			days = append(days, Day{first.AddDate(0, 0, i), "Tết Nguyên Đán", kindOff, noteLunar})
		}
		occasion("Tết Nguyên Đán", days)
	}

	hung, _ := lunar.ToSolar(lunar.Date{Year: y, Month: 3, Day: 10})
	occasion("Giỗ Tổ Hùng Vương", []Day{{hung, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", kindOff, ""}})

	occasion("30/4 - 1/5", []Day{{date(y, 4, 30), "Ngày Chiến thắng (30/4)", kindOff, ""}, {date(y, 5, 1), "Ngày Quốc tế Lao động (1/5)", kindOff, ""}})

	national := date(y, 9, 2)
	extra, note := septemberExtra(y), noteExtraDay
	if s, ok := announcedSeptember[y]; ok {
		extra, note = mustDate(s), noteAnnounced
	}
	sept := []Day{{national, "Quốc khánh (2/9)", kindOff, ""}}
	extraDay := Day{extra, "Quốc khánh (ngày nghỉ thêm)", kindOff, note}
	if extra.Before(national) {
		sept = append([]Day{extraDay}, sept...)
	} else {
		sept = append(sept, extraDay)
	}
	occasion("Quốc khánh", sept)

	for _, s := range swaps {
		if off := mustDate(s.off); off.Year() == y {
			add(Day{off, "Nghỉ hoán đổi " + s.name, kindOff, noteAnnounced})
			add(Day{mustDate(s.work), "Làm bù cho ngày " + off.Format("02/01") + " (" + s.name + ")", kindWork, noteAnnounced})
		}
	}
	slices.SortFunc(out, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return out
}

// septemberExtra is the day next to 2/9 that the government usually adds,
// the one that joins the holiday to a weekend: 1/9 when 2/9 is a Tuesday,
// Friday or a weekend day, 3/9 otherwise.
func septemberExtra(y int) time.Time {
	switch date(y, 9, 2).Weekday() {
	case time.Tuesday, time.Friday, time.Saturday, time.Sunday:
		return date(y, 9, 1)
	default:
		return date(y, 9, 3)
	}
}

// Write writes the holidays of the years from..to as CSV.
func Write(w io.Writer, from, to int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "name", "kind", "note"})
	for y := from; y <= to; y++ {
		for _, d := range Year(y) {
			cw.Write([]string{d.Date.Format(time.DateOnly), d.Name, d.Kind, d.Note})
		}
	}
	cw.Flush()
	return cw.Error()
}

func main() {
	from := flag.Int("from", 2025, "first year")
	to := flag.Int("to", 2030, "last year")
	flag.Parse()
	if err := Write(os.Stdout, *from, *to); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
