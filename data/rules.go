package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Score is an evaluation score in hundredths of a point: 66.36 points is
// Score(6636). Whole hundredths keep band comparisons exact.
type Score int

// MaxScore is 100 points.
const MaxScore Score = 10000

// ParseScore reads a score typed as "66.36", "66,36" or "70", from 0 to 100
// with at most two decimals.
func ParseScore(s string) (Score, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("chưa nhập điểm")
	}
	s = strings.Replace(s, ",", ".", 1)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && frac == "") || len(frac) > 2 || strings.ContainsAny(whole+frac, "+-.") {
		return 0, badScore(s)
	}
	w, err := strconv.Atoi(whole)
	if err != nil {
		return 0, badScore(s)
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil {
			return 0, badScore(s)
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	if w > 100 {
		return 0, fmt.Errorf("điểm %q vượt quá 100", s)
	}
	sc := Score(w*100 + f)
	if sc > MaxScore {
		return 0, fmt.Errorf("điểm %q vượt quá 100", s)
	}
	return sc, nil
}

func badScore(s string) error {
	return fmt.Errorf("điểm %q không hợp lệ: nhập số từ 0 đến 100, tối đa hai chữ số thập phân (ví dụ 66,36)", s)
}

// String formats the score with '.' and no trailing zeros: 66.36, 70.5, 70.
func (s Score) String() string {
	out := fmt.Sprintf("%d.%02d", s/100, s%100)
	out = strings.TrimRight(out, "0")
	return strings.TrimSuffix(out, ".")
}

// VI formats the score the Vietnamese way, with a decimal comma: 66,36.
func (s Score) VI() string { return strings.Replace(s.String(), ".", ",", 1) }

// Float returns the score in points.
func (s Score) Float() float64 { return float64(s) / 100 }

// StarBand says that from EffectiveFrom on, a score of at least MinScore
// falls in the band of Stars.
type StarBand struct {
	EffectiveFrom time.Time
	MinScore      Score
	Stars         int
	Source        string
}

// ValidityRule says that from EffectiveFrom on, a certificate is valid for
// Months months from the date of its recognition decision.
type ValidityRule struct {
	EffectiveFrom time.Time
	Months        int
	Source        string
}

// Rules are the rules officials set, as read from the store, each with the
// date it is in force from (procedure.go has the rest of their methods).
type Rules struct {
	Bands      []StarBand
	Validity   []ValidityRule
	ClassNames []ClassName
	Levels     []CertifyingLevel
	Procedures []Procedure

	classBase map[string]string // classification.name by code, for codes without a dated name
}

// bandsOn returns the bands in force on day: those with the latest
// effective date not after day, or the earliest set for older days.
func (r Rules) bandsOn(day time.Time) []StarBand {
	var from time.Time
	found := false
	for _, b := range r.Bands {
		if !b.EffectiveFrom.After(day) && (!found || b.EffectiveFrom.After(from)) {
			from, found = b.EffectiveFrom, true
		}
	}
	if !found {
		for _, b := range r.Bands {
			if !found || b.EffectiveFrom.Before(from) {
				from, found = b.EffectiveFrom, true
			}
		}
	}
	var out []StarBand
	for _, b := range r.Bands {
		if b.EffectiveFrom.Equal(from) {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].MinScore > out[j].MinScore })
	return out
}

// StarsForScore returns the stars of the band that score falls in under the
// rules in force on day, or 0 when no band covers it. The stars on the
// decision are what count; this band is a check against typing errors.
func (r Rules) StarsForScore(score Score, day time.Time) int {
	for _, b := range r.bandsOn(day) {
		if score >= b.MinScore {
			return b.Stars
		}
	}
	return 0
}

// ValidityMonths returns how many months a certificate decided on day is
// valid, under the rule in force on that day (36 when no rule is stored).
func (r Rules) ValidityMonths(day time.Time) int {
	months, best := 36, time.Time{}
	first := true
	for _, v := range r.Validity {
		if !v.EffectiveFrom.After(day) && (first || v.EffectiveFrom.After(best)) {
			months, best, first = v.Months, v.EffectiveFrom, false
		}
	}
	if first && len(r.Validity) > 0 {
		// A decision older than every rule: use the oldest rule.
		oldest := r.Validity[0]
		for _, v := range r.Validity[1:] {
			if v.EffectiveFrom.Before(oldest.EffectiveFrom) {
				oldest = v
			}
		}
		months = oldest.Months
	}
	return months
}

// ValidUntil returns the last day a certificate decided on decision is
// valid: the decision date plus the validity months, kept inside the
// month (29/02/2024 + 36 months = 28/02/2027).
func (r Rules) ValidUntil(decision time.Time) time.Time {
	return AddMonths(decision, r.ValidityMonths(decision))
}

// AddMonths adds n months to day, clamping to the last day of the month
// instead of spilling into the next one.
func AddMonths(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
}

// Status is where a product stands on a given day.
type Status string

// The statuses, with the codes the command line prints.
const (
	StatusValid    Status = "con_han"        // còn hạn
	StatusExpiring Status = "sap_het_han"    // sắp hết hạn
	StatusExpired  Status = "het_han"        // hết hạn
	StatusNone     Status = "chua_cong_nhan" // chưa công nhận
)

// Statuses lists every status in the order users see them.
var Statuses = []Status{StatusValid, StatusExpiring, StatusExpired, StatusNone}

// Label returns the Vietnamese name of the status.
func (s Status) Label() string {
	switch s {
	case StatusValid:
		return "Còn hạn"
	case StatusExpiring:
		return "Sắp hết hạn"
	case StatusExpired:
		return "Hết hạn"
	default:
		return "Chưa công nhận"
	}
}

// DefaultExpiryWindowDays is how many days before its end a certificate
// counts as "sắp hết hạn" unless the office sets another window.
const DefaultExpiryWindowDays = 90

// StatusOn returns the status on day of a certificate valid until
// validUntil (inclusive); windowDays before that it is expiring.
func StatusOn(validUntil, day time.Time, windowDays int) Status {
	if validUntil.IsZero() {
		return StatusNone
	}
	day = DateOf(day)
	switch {
	case day.After(validUntil):
		return StatusExpired
	case !day.AddDate(0, 0, windowDays).Before(validUntil):
		return StatusExpiring
	default:
		return StatusValid
	}
}

// DateOf returns the calendar day of t (in t's own location) as midnight UTC,
// the form every date in the store takes.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ISODate formats a day as stored: yyyy-mm-dd, or "" for the zero time.
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// VNDate formats a day as Vietnamese tables show it: dd/mm/yyyy.
func VNDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// ParseDate reads a day typed as dd/mm/yyyy (also d/m/yyyy, with '-' or
// '.') or stored as yyyy-mm-dd.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) == 3 && len(parts[2]) == 4 {
		d, err1 := strconv.Atoi(parts[0])
		m, err2 := strconv.Atoi(parts[1])
		y, err3 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && err3 == nil && m >= 1 && m <= 12 && d >= 1 && y >= 1900 && y <= 2200 {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("ngày %q không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 07/07/2023", s)
}
