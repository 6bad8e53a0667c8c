package data

// The rules of each decision beyond bands and validity, as dated data read
// from the store: the classification names of its Phụ lục I, which level
// certifies which stars, and the procedure's numbers (rounds, days allowed).
// Each applies from its effective date; a record keeps the rule of its own
// date, so a 2024 certificate keeps 148's names while a 2026 dossier gets
// 26/2026's deadlines.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ClassName is the name a decision gives a classification code from its
// effective date on.
type ClassName struct {
	Code          string
	EffectiveFrom time.Time
	Name          string
	Source        string
}

// CertifyingLevel says that from EffectiveFrom on, Level (xa, huyen, tinh,
// trung_uong, as in Certification.IssuingLevel) evaluates and certifies
// products of Stars stars.
type CertifyingLevel struct {
	EffectiveFrom time.Time
	Stars         int
	Level         string
	Source        string
}

// MonthDay is a day of every year, such as 30/4.
type MonthDay struct {
	Month time.Month
	Day   int
}

// In returns the day in year y.
func (md MonthDay) In(y int) time.Time { return time.Date(y, md.Month, md.Day, 0, 0, 0, 0, time.UTC) }

// RoundRule is one of the province's yearly evaluation rounds (đợt): it
// takes the dossiers the commune proposed before CutOff and evaluates them
// before Deadline (Điều 5.1: round 1 before 30/6 for proposals before 30/4,
// round 2 before 30/12 for proposals before 30/10).
type RoundRule struct {
	Number           int
	CutOff, Deadline MonthDay
}

// Procedure is the numbers of the evaluation procedure in force from
// EffectiveFrom, with the decision they come from.
type Procedure struct {
	EffectiveFrom time.Time
	Source        string // "Quyết định 26/2026/QĐ-TTg"

	// CommuneWorkingDays is the commune's term, in working days, to check
	// a dossier, assess it and send it on (Điều 7.2: 15).
	CommuneWorkingDays int
	// Rounds are the province's rounds in the order of the year.
	Rounds []RoundRule
	// RerankEarliestDays and RerankLatestDays bound when a re-ranking
	// dossier is filed: no earlier than 180 and no later than 120 days
	// before the certificate expires (Điều 7.6.a).
	RerankEarliestDays, RerankLatestDays int
	// RerankProvinceDays is the province's term for a re-ranking, from a
	// complete dossier (Điều 7.6.g: 45 days).
	RerankProvinceDays int
	// TransitionFirstDays and TransitionRerankDays are the terms, from the
	// effective date, to finish dossiers filed under the earlier rules:
	// first or upgrade 60 days, re-ranking 30 days (Điều 12.2).
	TransitionFirstDays, TransitionRerankDays int
	// RerankGraceDays is how long past its expiry a certificate whose
	// re-ranking dossier missed the window stays valid at most, until the
	// result (Điều 12.3: 180 days).
	RerankGraceDays int
}

// The keys of procedure_rules (assets/ref/procedure.csv); roundN_cutoff
// and roundN_deadline (mm-dd) give round N.
var procedureKeys = map[string]func(p *Procedure) *int{
	"commune_working_days":   func(p *Procedure) *int { return &p.CommuneWorkingDays },
	"rerank_earliest_days":   func(p *Procedure) *int { return &p.RerankEarliestDays },
	"rerank_latest_days":     func(p *Procedure) *int { return &p.RerankLatestDays },
	"rerank_province_days":   func(p *Procedure) *int { return &p.RerankProvinceDays },
	"transition_first_days":  func(p *Procedure) *int { return &p.TransitionFirstDays },
	"transition_rerank_days": func(p *Procedure) *int { return &p.TransitionRerankDays },
	"rerank_grace_days":      func(p *Procedure) *int { return &p.RerankGraceDays },
}

// setProcedureValue puts one stored row into p.
func setProcedureValue(p *Procedure, key, value string) error {
	if field, ok := procedureKeys[key]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 0 {
			return fmt.Errorf("%s = %q: cần một số ngày", key, value)
		}
		*field(p) = n
		return nil
	}
	var num int
	var what string
	if _, err := fmt.Sscanf(key, "round%d_%s", &num, &what); err != nil || num < 1 || (what != "cutoff" && what != "deadline") {
		return fmt.Errorf("khóa %q không có trong quy trình", key)
	}
	var md MonthDay
	var m int
	if _, err := fmt.Sscanf(strings.TrimSpace(value), "%d-%d", &m, &md.Day); err != nil || m < 1 || m > 12 ||
		md.Day < 1 || md.Day > (MonthDay{time.Month(m), 1}).In(2001).AddDate(0, 1, -1).Day() {
		return fmt.Errorf("%s = %q: cần tháng-ngày, ví dụ 04-30", key, value)
	}
	md.Month = time.Month(m)
	i := sort.Search(len(p.Rounds), func(i int) bool { return p.Rounds[i].Number >= num })
	if i == len(p.Rounds) || p.Rounds[i].Number != num {
		p.Rounds = append(p.Rounds, RoundRule{})
		copy(p.Rounds[i+1:], p.Rounds[i:])
		p.Rounds[i] = RoundRule{Number: num}
	}
	if what == "cutoff" {
		p.Rounds[i].CutOff = md
	} else {
		p.Rounds[i].Deadline = md
	}
	return nil
}

// inForce returns, of the effective dates dates, the latest not after day,
// or the earliest when day is older than all of them; false when dates is
// empty.
func inForce(dates []time.Time, day time.Time) (time.Time, bool) {
	var best, first time.Time
	found, some := false, false
	for _, d := range dates {
		if !d.After(day) && (!found || d.After(best)) {
			best, found = d, true
		}
		if !some || d.Before(first) {
			first, some = d, true
		}
	}
	if found {
		return best, true
	}
	return first, some
}

// ProcedureOn returns the procedure in force on day. Before the first
// stored procedure (26/2026 is the first this program stores) it returns
// that one: its EffectiveFrom, after day, says so.
func (r Rules) ProcedureOn(day time.Time) Procedure {
	dates := make([]time.Time, len(r.Procedures))
	for i, p := range r.Procedures {
		dates[i] = p.EffectiveFrom
	}
	from, ok := inForce(dates, DateOf(day))
	if !ok {
		return Procedure{}
	}
	for _, p := range r.Procedures {
		if p.EffectiveFrom.Equal(from) {
			return p
		}
	}
	return Procedure{}
}

// Round is one of the province's evaluation rounds of one year, with its
// dates under the procedure in force; its String is "2026-2", as the
// command line and lists show it. A dossier stores only Year and No.
type Round struct {
	Year int
	No   int // 1 or 2 (more when a province holds more)
	// CutOff is the day the commune's proposal must come before ("trước
	// ngày 30 tháng 4"): one dated on CutOff goes to the next round.
	CutOff time.Time
	// Deadline is the day the province evaluates before (30/6, 30/12).
	Deadline time.Time
	Source   string
}

// String returns the round's id, "2026-2", or "" for the zero Round.
func (r Round) String() string {
	if r.Year == 0 {
		return ""
	}
	return fmt.Sprintf("%d-%d", r.Year, r.No)
}

// Label returns the round as a sentence names it: "Đợt 2 năm 2026".
func (r Round) Label() string {
	if r.Year == 0 {
		return ""
	}
	return fmt.Sprintf("Đợt %d năm %d", r.No, r.Year)
}

// sortedRounds returns p's rounds in the order of their cut-offs in a year.
func (p Procedure) sortedRounds() []RoundRule {
	rounds := append([]RoundRule(nil), p.Rounds...)
	sort.Slice(rounds, func(i, j int) bool { return rounds[i].CutOff.In(2001).Before(rounds[j].CutOff.In(2001)) })
	return rounds
}

// Round returns round no of year with its dates, under the procedure in
// force at the end of that year (the zero Round for a round it
// does not have, such as an extra round a province adds).
func (r Rules) Round(year, no int) Round {
	p := r.ProcedureOn(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	rounds := p.sortedRounds()
	if no < 1 || no > len(rounds) {
		return Round{}
	}
	rr := rounds[no-1]
	return Round{Year: year, No: no, CutOff: rr.CutOff.In(year), Deadline: rr.Deadline.In(year), Source: p.Source}
}

// RoundFor returns the round a dossier goes to when the commune proposes
// it on day: the first round of the year whose cut-off is after day, or
// the first round of the next year. For a dossier still at the commune,
// pass the day it is expected to be sent (the last of its 15 working
// days), or the receipt day for a first guess. The zero Round when
// no procedure is stored.
func (r Rules) RoundFor(day time.Time) Round {
	day = DateOf(day)
	p := r.ProcedureOn(day)
	rounds := p.sortedRounds()
	if len(rounds) == 0 {
		return Round{}
	}
	for y := day.Year(); ; y++ {
		for i, rr := range rounds {
			if cut := rr.CutOff.In(y); day.Before(cut) {
				return Round{Year: y, No: i + 1, CutOff: cut, Deadline: rr.Deadline.In(y), Source: p.Source}
			}
		}
	}
}

// RerankWindow returns the first and the last day on which a re-ranking
// dossier for a certificate valid until validUntil may be filed, both
// included: 180 and 120 days before it expires under 26/2026.
func (r Rules) RerankWindow(validUntil time.Time) (opens, closes time.Time) {
	validUntil = DateOf(validUntil)
	p := r.ProcedureOn(validUntil)
	return validUntil.AddDate(0, 0, -p.RerankEarliestDays), validUntil.AddDate(0, 0, -p.RerankLatestDays)
}

// RuleName returns the decision whose criteria are in force on day, as a
// screen or document names it: "Quyết định 148/QĐ-TTg" up to 21/5/2026,
// "Quyết định 26/2026/QĐ-TTg" from 22/5/2026 (the source of the star
// bands in force).
func (r Rules) RuleName(day time.Time) string {
	if bands := r.bandsOn(DateOf(day)); len(bands) > 0 {
		return bands[0].Source
	}
	return ""
}

// CertifyingLevel returns the level that certifies a product of stars
// stars on day (tinh for 3★ and 4★, trung_uong for 5★ under 26/2026;
// huyen for 3★ under 148 as issued) and the decision that says so; ""
// for stars no level certifies (1★, 2★).
func (r Rules) CertifyingLevel(stars int, day time.Time) (level, source string) {
	dates := make([]time.Time, len(r.Levels))
	for i, l := range r.Levels {
		dates[i] = l.EffectiveFrom
	}
	from, ok := inForce(dates, DateOf(day))
	if !ok {
		return "", ""
	}
	for _, l := range r.Levels {
		if l.EffectiveFrom.Equal(from) && l.Stars == stars {
			return l.Level, l.Source
		}
	}
	return "", ""
}

// ClassName returns the name of a classification code (a product set,
// group or sub-group) as the decision in force on day words it: a
// certificate of 2024 keeps 148's "Chế biến từ thịt, trứng, sữa, thủy sản,
// mật ong", a dossier of 2026 gets 26/2026's longer name. A code with no
// dated name keeps the classification's own name; "" for an unknown code.
func (r Rules) ClassName(code string, day time.Time) string {
	day = DateOf(day)
	name, best, found := r.classBase[code], time.Time{}, false
	for _, n := range r.ClassNames {
		if n.Code == code && !n.EffectiveFrom.After(day) && (!found || n.EffectiveFrom.After(best)) {
			name, best, found = n.Name, n.EffectiveFrom, true
		}
	}
	return name
}

// ClassificationOn returns the product classification in its order, with
// the names in force on day.
func (s *Store) ClassificationOn(ctx context.Context, day time.Time) ([]Class, error) {
	classes, err := s.Classification(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return nil, err
	}
	for i := range classes {
		classes[i].Name = rules.ClassName(classes[i].Code, day)
	}
	return classes, nil
}

// readDatedRules reads the tables of schema 7 into r.
func readDatedRules(ctx context.Context, ex execer, r *Rules) error {
	parse := func(table, s string) (time.Time, error) {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return t, fmt.Errorf("bảng %s: ngày hiệu lực %q: %w", table, s, err)
		}
		return t, nil
	}
	r.classBase = map[string]string{}
	err := queryRows(ctx, ex, "SELECT code, name FROM classification", func(scan func(...any) error) error {
		var code, name string
		if err := scan(&code, &name); err != nil {
			return err
		}
		r.classBase[code] = name
		return nil
	})
	if err != nil {
		return err
	}
	err = queryRows(ctx, ex, "SELECT code, effective_from, name, source FROM classification_names", func(scan func(...any) error) error {
		var n ClassName
		var from string
		if err := scan(&n.Code, &from, &n.Name, &n.Source); err != nil {
			return err
		}
		n.EffectiveFrom, err = parse("tên phân loại", from)
		r.ClassNames = append(r.ClassNames, n)
		return err
	})
	if err != nil {
		return err
	}
	err = queryRows(ctx, ex, "SELECT effective_from, stars, level, source FROM certifying_levels", func(scan func(...any) error) error {
		var l CertifyingLevel
		var from string
		if err := scan(&from, &l.Stars, &l.Level, &l.Source); err != nil {
			return err
		}
		l.EffectiveFrom, err = parse("cấp công nhận", from)
		r.Levels = append(r.Levels, l)
		return err
	})
	if err != nil {
		return err
	}
	byDate := map[time.Time]*Procedure{}
	err = queryRows(ctx, ex, "SELECT effective_from, key, value, source FROM procedure_rules ORDER BY effective_from, key",
		func(scan func(...any) error) error {
			var from, key, value, source string
			if err := scan(&from, &key, &value, &source); err != nil {
				return err
			}
			day, err := parse("quy trình", from)
			if err != nil {
				return err
			}
			p := byDate[day]
			if p == nil {
				p = &Procedure{EffectiveFrom: day, Source: source}
				byDate[day] = p
			}
			if err := setProcedureValue(p, key, value); err != nil {
				return fmt.Errorf("bảng quy trình, ngày hiệu lực %s: %w", from, err)
			}
			return nil
		})
	if err != nil {
		return err
	}
	for _, p := range byDate {
		r.Procedures = append(r.Procedures, *p)
	}
	sort.Slice(r.Procedures, func(i, j int) bool { return r.Procedures[i].EffectiveFrom.Before(r.Procedures[j].EffectiveFrom) })
	return nil
}

// queryRows runs query and calls each for every row with its Scan.
func queryRows(ctx context.Context, ex execer, query string, each func(scan func(...any) error) error) error {
	rows, err := ex.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
