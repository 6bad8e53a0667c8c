package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Deadlines of dossiers: the commune's 15 working days, the province's
// rounds and their cut-offs, and the re-ranking window of a certificate.

// ParseRound reads a round typed as "2026-2" (also "2/2026").
func ParseRound(s string) (Round, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("đợt đánh giá %q không hợp lệ: ghi năm-đợt, ví dụ 2026-2", s)
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b, a, ok = strings.Cut(s, "/")
	}
	if !ok {
		return Round{}, bad
	}
	y, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || y < 2000 || y > 2200 || n < 1 || n > 9 {
		return Round{}, bad
	}
	return Round{Year: y, No: n}, nil
}

// roundOf returns round no of year with its dates (Rules.Round), or only
// its year and number for a round the procedure does not have.
func roundOf(rules Rules, year, no int) Round {
	if r := rules.Round(year, no); r.Year != 0 {
		return r
	}
	return Round{Year: year, No: no}
}

// NextRound returns the round a dossier received today would go to, with
// its cut-off: what Tổng quan shows as the next round.
func (s *Store) NextRound(ctx context.Context, today time.Time) (Round, error) {
	rules, err := readRules(ctx, s.db)
	if err != nil {
		return Round{}, err
	}
	return rules.RoundFor(today), nil
}

// DeadlineRule says from which day the commune's 15 working days count.
type DeadlineRule string

// The rules. Restart is the default: as usual for administrative
// procedures, once a "Cần bổ sung" request is met the count starts again
// from the day the dossier became complete. FromReceipt counts from the
// day the dossier was first received whatever happened since.
const (
	DeadlineRestart     DeadlineRule = "tu_ngay_du_ho_so"
	DeadlineFromReceipt DeadlineRule = "tu_ngay_tiep_nhan"
)

const deadlineRuleKey = "dossier_deadline_rule"

// DossierDeadlineRule returns the office's rule (DeadlineRestart unless set).
func (s *Store) DossierDeadlineRule(ctx context.Context) (DeadlineRule, error) {
	return readDeadlineRule(ctx, s.db)
}

func readDeadlineRule(ctx context.Context, ex execer) (DeadlineRule, error) {
	var v string
	err := ex.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", deadlineRuleKey).Scan(&v)
	if err == sql.ErrNoRows || DeadlineRule(v) != DeadlineFromReceipt {
		return DeadlineRestart, nil
	}
	return DeadlineRule(v), err
}

// SetDossierDeadlineRule stores the office's rule (a setting in Cài đặt).
func (s *Store) SetDossierDeadlineRule(ctx context.Context, r DeadlineRule) error {
	if r != DeadlineRestart && r != DeadlineFromReceipt {
		return &FieldError{"Tính 15 ngày làm việc", fmt.Sprintf("không có cách tính %q", r)}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			deadlineRuleKey, string(r))
		return err
	})
}

// Deadline is where a dossier stands against the commune's 15 working days
// on a given day.
type Deadline struct {
	Counting bool      // the days are running: received or supplemented, not yet assessed
	Waiting  bool      // paused while the producer completes the dossier (Cần bổ sung)
	From     time.Time // the days count after this day
	Due      time.Time // the last of the 15 working days
	Left     int       // working days left after the day asked about (0 on the due day)
	Overdue  int       // working days past Due
	Past     bool      // the day asked about is after Due (a weekend after it is past, not yet overdue)
}

// DaysLeft is the command line's working_days_left: the days left,
// negative when overdue, ok false when the days are not running.
func (d Deadline) DaysLeft() (n int, ok bool) {
	switch {
	case !d.Counting:
		return 0, false
	case d.Overdue > 0:
		return -d.Overdue, true
	}
	return d.Left, true
}

// Label says it as the list does: "còn 5 ngày làm việc", "quá hạn 3 ngày
// làm việc", "chờ bổ sung", or "" when the commune's part is done.
func (d Deadline) Label() string {
	switch {
	case d.Waiting:
		return "chờ bổ sung"
	case !d.Counting:
		return ""
	case d.Overdue > 0:
		return fmt.Sprintf("quá hạn %d ngày làm việc", d.Overdue)
	case d.Past:
		return "hết hạn ngày " + VNDate(d.Due)
	case d.Left == 0:
		return "hết hạn hôm nay"
	}
	return fmt.Sprintf("còn %d ngày làm việc", d.Left)
}

// dossierClock counts dossiers' deadlines: the working-day calendar, the
// rules (the commune's days of the procedure in force when received) and
// the office's DeadlineRule.
type dossierClock struct {
	cal   Calendar
	rules Rules
	rule  DeadlineRule
}

func (s *Store) dossierClock(ctx context.Context) (dossierClock, error) {
	var c dossierClock
	var err error
	if c.cal, err = s.WorkingDays(ctx); err != nil {
		return c, err
	}
	if c.rules, err = readRules(ctx, s.db); err != nil {
		return c, err
	}
	c.rule, err = readDeadlineRule(ctx, s.db)
	return c, err
}

// DossierDeadline works out dossier d's deadline on day today.
func (s *Store) DossierDeadline(ctx context.Context, d Dossier, today time.Time) (Deadline, error) {
	c, err := s.dossierClock(ctx)
	if err != nil {
		return Deadline{}, err
	}
	return c.deadline(d, today), nil
}

func (c dossierClock) deadline(d Dossier, today time.Time) Deadline {
	var dl Deadline
	switch d.Status {
	case DossierNeedsMore:
		dl.Waiting = true
		return dl
	case DossierReceived, DossierSupplemented:
	default:
		return dl
	}
	dl.Counting, dl.From = true, d.CompleteOn
	if c.rule == DeadlineFromReceipt || dl.From.IsZero() {
		dl.From = d.Received
	}
	days := c.rules.ProcedureOn(d.Received).CommuneWorkingDays
	if days == 0 {
		days = 15 // Điều 7.2, should the procedure table lack it
	}
	dl.Due = c.cal.AddWorkingDays(dl.From, days)
	today = DateOf(today)
	if today.After(dl.Due) {
		dl.Past, dl.Overdue = true, c.cal.WorkingDaysBetween(dl.Due, today)
	} else {
		dl.Left = c.cal.WorkingDaysBetween(today, dl.Due)
	}
	return dl
}

// DossierRow is a dossier as lists show it.
type DossierRow struct {
	Dossier
	Product    string
	SetCode    string
	ProducerID int64
	Producer   string
	Commune    string
	Deadline   Deadline
}

// DossierQuery selects dossiers for a list.
type DossierQuery struct {
	Status    DossierStatus // "" for every status
	Round     Round         // zero for every round
	ProductID int64         // 0 for every product
	AsOf      time.Time     // day deadlines are worked out for; zero means today
}

// Dossiers returns the dossiers matching q, newest receipt first, with
// their deadlines on q.AsOf. The GUI's list and "ocop list dossiers" both
// come from here.
func (s *Store) Dossiers(ctx context.Context, q DossierQuery) ([]DossierRow, error) {
	asOf := q.AsOf
	if asOf.IsZero() {
		asOf = time.Now()
	}
	clock, err := s.dossierClock(ctx)
	if err != nil {
		return nil, err
	}
	where := []string{"deleted_at IS NULL"}
	var args []any
	if q.Status != "" {
		where, args = append(where, "status = ?"), append(args, q.Status)
	}
	if q.Round.Year != 0 {
		where, args = append(where, "round_year = ? AND round_no = ?"), append(args, q.Round.Year, q.Round.No)
	}
	if q.ProductID != 0 {
		where, args = append(where, "product_id = ?"), append(args, q.ProductID)
	}
	// The dossier's own columns come from a subquery, so that names the
	// joined tables share (id, kind, province_code) stay the dossier's.
	rows, err := s.db.QueryContext(ctx, `SELECT d.*, p.name, COALESCE(p.set_code, ''), pr.id, pr.name, COALESCE(c.name, '')
		FROM (SELECT `+dossierColumns+` FROM dossiers WHERE `+strings.Join(where, " AND ")+`) d
		JOIN products p ON p.id = d.product_id JOIN producers pr ON pr.id = p.producer_id
		LEFT JOIN communes c ON c.id = d.commune_id
		ORDER BY d.received_on DESC, d.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DossierRow
	for rows.Next() {
		var r DossierRow
		d, err := scanDossier(rows, &r.Product, &r.SetCode, &r.ProducerID, &r.Producer, &r.Commune)
		if err != nil {
			return nil, err
		}
		d.Round = roundOf(clock.rules, d.Round.Year, d.Round.No)
		r.Dossier = d
		r.Deadline = clock.deadline(d, asOf)
		out = append(out, r)
	}
	return out, rows.Err()
}

// DossierSummary is what Tổng quan shows of the dossiers.
type DossierSummary struct {
	ByStatus    map[DossierStatus]int
	Open        int // not yet a result nor withdrawn
	Overdue     int // past the commune's 15 working days
	DueThisWeek int // due from today to Sunday, not overdue
	NextRound   Round
	NextCutoff  time.Time
}

// SummarizeDossiers counts rows for Tổng quan on day today; next is the
// round a dossier received today goes to.
func SummarizeDossiers(rows []DossierRow, today time.Time, next Round) DossierSummary {
	today = DateOf(today)
	sum := DossierSummary{ByStatus: map[DossierStatus]int{}, NextRound: next, NextCutoff: next.CutOff}
	sunday := today.AddDate(0, 0, (7-int(today.Weekday()))%7)
	for _, r := range rows {
		sum.ByStatus[r.Status]++
		if !r.Status.Closed() {
			sum.Open++
		}
		switch dl := r.Deadline; {
		case dl.Counting && dl.Overdue > 0:
			sum.Overdue++
		case dl.Counting && !dl.Due.After(sunday):
			sum.DueThisWeek++
		}
	}
	return sum
}

// DossierSummary returns the dossier counts for Tổng quan on today.
func (s *Store) DossierSummary(ctx context.Context, today time.Time) (DossierSummary, error) {
	rows, err := s.Dossiers(ctx, DossierQuery{AsOf: today})
	if err != nil {
		return DossierSummary{}, err
	}
	next, err := s.NextRound(ctx, today)
	if err != nil {
		return DossierSummary{}, err
	}
	return SummarizeDossiers(rows, today, next), nil
}

// RerankClosingDays is how many days before it closes a re-ranking window
// (Điều 7.6a: 180 to 120 days before expiry) is "about to close".
const RerankClosingDays = 14

// RerankState is where a certificate stands against its re-ranking window.
type RerankState string

// The states, with their codes.
const (
	RerankNotYet  RerankState = "chua_den" // the window has not opened
	RerankOpen    RerankState = "dang_mo"  // open
	RerankClosing RerankState = "sap_dong" // open, closing within RerankClosingDays
	RerankMissed  RerankState = "da_lo"    // closed with no dossier filed
	RerankFiled   RerankState = "da_nop"   // a dossier was filed for the product since the decision
)

// Label names the state in Vietnamese.
func (s RerankState) Label() string {
	switch s {
	case RerankNotYet:
		return "Chưa đến hạn nộp hồ sơ đánh giá lại"
	case RerankOpen:
		return "Đang trong thời gian nộp hồ sơ đánh giá lại"
	case RerankClosing:
		return "Sắp hết thời gian nộp hồ sơ đánh giá lại"
	case RerankMissed:
		return "Đã lỡ thời gian nộp hồ sơ đánh giá lại"
	case RerankFiled:
		return "Đã nộp hồ sơ đánh giá lại"
	}
	return string(s)
}

// RerankStateOn returns the state on today of a certificate whose
// re-ranking window runs from opens to closes (Rules.RerankWindow); filed
// says a dossier was filed for it.
func RerankStateOn(opens, closes, today time.Time, filed bool) RerankState {
	today = DateOf(today)
	switch {
	case filed:
		return RerankFiled
	case today.Before(opens):
		return RerankNotYet
	case today.After(closes):
		return RerankMissed
	case !today.AddDate(0, 0, RerankClosingDays).Before(closes):
		return RerankClosing
	}
	return RerankOpen
}

// RerankDue is one certificate against its re-ranking window.
type RerankDue struct {
	Product     ProductRow
	Opens       time.Time
	Closes      time.Time
	State       RerankState
	DaysToClose int   // calendar days from today to the last day of the window; negative once closed
	DossierID   int64 // the dossier filed, for RerankFiled
}

// ComingDue returns, for each product whose latest certificate is still
// valid on today, where it stands against its re-ranking window, the
// window closing soonest first.
func (s *Store) ComingDue(ctx context.Context, today time.Time) ([]RerankDue, error) {
	products, err := s.Products(ctx, ProductQuery{AsOf: DateOf(today)})
	if err != nil {
		return nil, err
	}
	return s.comingDueOf(ctx, today, products, nil)
}

// comingDueOf is ComingDue over products already read with Products(today),
// keeping only those keep accepts (every one when keep is nil): a caller
// that shows a few costs no copy and sort of every valid certificate.
func (s *Store) comingDueOf(ctx context.Context, today time.Time, products []ProductRow, keep func(*ProductRow, RerankState) bool) ([]RerankDue, error) {
	today = DateOf(today)
	rules, err := readRules(ctx, s.db)
	if err != nil {
		return nil, err
	}
	filed := map[int64]int64{}
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.product_id FROM dossiers d
		WHERE d.deleted_at IS NULL AND d.status <> 'rut_ho_so' AND d.received_on >= COALESCE((SELECT MAX(c.decision_date)
			FROM certifications c WHERE c.product_id = d.product_id AND c.deleted_at IS NULL), '')
		AND d.certification_id IS NULL`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, product int64
		if err := rows.Scan(&id, &product); err != nil {
			rows.Close()
			return nil, err
		}
		filed[product] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []RerankDue
	for i := range products {
		p := &products[i]
		if !p.Certified || p.ValidUntil.Before(today) {
			continue
		}
		dossier := filed[p.ID]
		opens, closes := rules.RerankWindow(p.ValidUntil)
		state := RerankStateOn(opens, closes, today, dossier != 0)
		if keep != nil && !keep(p, state) {
			continue
		}
		r := RerankDue{Product: *p, DossierID: dossier, Opens: opens, Closes: closes, State: state}
		r.DaysToClose = int(r.Closes.Sub(today).Hours() / 24)
		out = append(out, r)
	}
	sortByNumber(out, func(r *RerankDue) int64 { return r.Closes.Unix() })
	return out, nil
}
