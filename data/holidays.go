package data

// Working days (ngày làm việc): Monday to Friday, except the public
// holidays and the days the government moves, which are data (the
// holidays table, seeded from assets/ref/holidays.csv and edited in Cài
// đặt). A term of n working days counts from the working day after the
// day it starts (the receipt day is not counted, as usual for
// administrative procedures): a dossier received on Tuesday 10/2/2026 has
// its 15 working days end on 10/3/2026, Tết 14-22/2 not counted.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// HolidayKind says what a row of the holidays table does to its day.
type HolidayKind string

const (
	// HolidayOff is a day off: a holiday, a compensatory day (nghỉ bù) or
	// a day swapped by the government.
	HolidayOff HolidayKind = "nghi"
	// HolidayWorked is a Saturday or Sunday worked in exchange for a day
	// off (làm bù).
	HolidayWorked HolidayKind = "lam_bu"
)

// Label returns the kind as Cài đặt shows it.
func (k HolidayKind) Label() string {
	if k == HolidayWorked {
		return "Làm bù"
	}
	return "Nghỉ"
}

// Holiday is a day that is not as its weekday says.
type Holiday struct {
	ID   int64
	Day  time.Time
	Name string
	Kind HolidayKind
	Note string
}

// Holidays returns the rows of year in date order.
func (s *Store) Holidays(ctx context.Context, year int) ([]Holiday, error) {
	return readHolidays(ctx, s.db, "WHERE day >= ? AND day < ?", fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1))
}

func readHolidays(ctx context.Context, ex execer, where string, args ...any) ([]Holiday, error) {
	rows, err := ex.QueryContext(ctx, "SELECT id, day, name, kind, note FROM holidays "+where+" ORDER BY day", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Holiday
	for rows.Next() {
		var h Holiday
		var d string
		if err := rows.Scan(&h.ID, &d, &h.Name, &h.Kind, &h.Note); err != nil {
			return nil, err
		}
		if h.Day, err = time.Parse(time.DateOnly, d); err != nil {
			return nil, fmt.Errorf("bảng ngày nghỉ: ngày %q: %w", d, err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AddHoliday adds a day off, or with HolidayWorked a weekend day worked,
// and sets h.ID. A day already listed is refused with a message naming
// what it holds.
func (s *Store) AddHoliday(ctx context.Context, h *Holiday) error {
	h.Name, h.Note = viet.Clean(h.Name), strings.TrimSpace(h.Note)
	if h.Kind == "" {
		h.Kind = HolidayOff
	}
	switch {
	case h.Day.IsZero():
		return &FieldError{"Ngày", "chưa nhập"}
	case h.Name == "":
		return &FieldError{"Tên ngày nghỉ", "chưa nhập"}
	case h.Kind != HolidayOff && h.Kind != HolidayWorked:
		return fmt.Errorf("loại ngày %q không hợp lệ", h.Kind)
	case h.Kind == HolidayWorked && !weekendDay(h.Day):
		return &FieldError{"Ngày", fmt.Sprintf("%s là ngày thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật", VNDate(h.Day))}
	}
	h.Day = DateOf(h.Day)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, "SELECT name FROM holidays WHERE day = ?", ISODate(h.Day)).Scan(&name)
		if err == nil {
			return &FieldError{"Ngày", fmt.Sprintf("ngày %s đã có trong danh sách (%s)", VNDate(h.Day), name)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO holidays(day, name, kind, note) VALUES (?, ?, ?, ?)",
			ISODate(h.Day), h.Name, string(h.Kind), h.Note)
		if err != nil {
			return err
		}
		h.ID, err = res.LastInsertId()
		return err
	})
}

// DeleteHoliday removes a row: its day counts by its weekday again.
func (s *Store) DeleteHoliday(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM holidays WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// Calendar says which days are working days. Build it with
// Store.WorkingDays or NewCalendar; the zero Calendar knows weekends only.
type Calendar struct {
	days  map[time.Time]Holiday
	years map[int]bool
}

// NewCalendar returns the calendar of weekends and the given holidays.
func NewCalendar(holidays []Holiday) Calendar {
	c := Calendar{days: map[time.Time]Holiday{}, years: map[int]bool{}}
	for _, h := range holidays {
		c.days[DateOf(h.Day)] = h
		c.years[h.Day.Year()] = true
	}
	return c
}

// WorkingDays returns the calendar of the holidays stored now.
func (s *Store) WorkingDays(ctx context.Context) (Calendar, error) {
	hs, err := readHolidays(ctx, s.db, "")
	if err != nil {
		return Calendar{}, err
	}
	return NewCalendar(hs), nil
}

func weekendDay(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// IsWorkingDay reports whether d is a working day.
func (c Calendar) IsWorkingDay(d time.Time) bool {
	d = DateOf(d)
	if h, ok := c.days[d]; ok {
		return h.Kind == HolidayWorked
	}
	return !weekendDay(d)
}

// Holiday returns the row for d, if the table has one.
func (c Calendar) Holiday(d time.Time) (Holiday, bool) {
	h, ok := c.days[DateOf(d)]
	return h, ok
}

// KnowsYear reports whether any holiday of year is stored; a year without
// one counts weekends only, which a screen should say.
func (c Calendar) KnowsYear(year int) bool { return c.years[year] }

// AddWorkingDays returns the n-th working day after start: the last day of
// a term of n working days that starts the day after start (the day of
// receipt does not count, even when it is a working day). n = 0 gives
// start; a negative n counts back.
func (c Calendar) AddWorkingDays(start time.Time, n int) time.Time {
	d, step := DateOf(start), 1
	if n < 0 {
		n, step = -n, -1
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after a up to and including
// b, so that WorkingDaysBetween(a, AddWorkingDays(a, n)) == n; negative
// when b is before a (the count from b to a, negated). With a = today and
// b = a deadline it is the working days left; with the two swapped, how
// many working days a dossier is late.
func (c Calendar) WorkingDaysBetween(a, b time.Time) int {
	a, b = DateOf(a), DateOf(b)
	if b.Before(a) {
		return -c.WorkingDaysBetween(b, a)
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}
