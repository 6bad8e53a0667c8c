package data

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"time"
)

// Report figures for the province: what the summary sheet, the overview
// screen and the command line all count, from one function.

// The lines of a summary table for products the reference lists do not
// place, so that every table counts every product.
const (
	UnknownGroup   = "(chưa phân loại)"
	UnknownCommune = "(chưa rõ xã)"
	UnknownType    = "(chưa rõ loại hình)"
)

// StarCounts counts products by stars: index 1-5, [0] unused.
type StarCounts [6]int

// Total is the sum over stars.
func (c StarCounts) Total() int { return c[1] + c[2] + c[3] + c[4] + c[5] }

// NamedCount is one line of a summary table.
type NamedCount struct {
	Code  string // group code, commune id, producer type code
	Name  string
	Stars StarCounts
}

// ReportSummary holds the summary report's tables for a period. Products
// count with their latest decision taken by the end of the period and
// their status on that day.
type ReportSummary struct {
	Period      Period
	Products    int // on record
	Certified   int // with a decision by the end of the period
	Valid       int // certificate in force at the end of the period (expiring ones included)
	Expiring    int // in force but ending within the window
	Expired     int
	Uncertified int
	ByGroup     []NamedCount // every group (ngành), in classification order, then "(chưa phân loại)" when a product has no set
	ByCommune   []NamedCount // communes with products, Vietnamese order, "(chưa rõ xã)" among them
	ByType      []NamedCount // every producer type, then "(chưa rõ loại hình)" when a type is not in the list
	Stars       StarCounts   // all certified products
	New         StarCounts   // decisions taken within the period, by stars
	NewTotal    int
	ByYear      map[int]int // decisions taken per year, whole history up to the end of the period
}

// Summary works out the summary report for period p.
func (s *Store) Summary(ctx context.Context, p Period) (ReportSummary, error) {
	if err := p.Validate(); err != nil {
		return ReportSummary{Period: p}, err
	}
	// The decisions by day are read on a connection of their own while
	// the products are.
	if err := s.products.prefetchDecisions(ctx, s.db); err != nil {
		return ReportSummary{Period: p}, err
	}
	rows, err := s.ProductsAt(ctx, p.To)
	if err != nil {
		return ReportSummary{Period: p}, err
	}
	return s.SummaryOf(ctx, p, rows)
}

// SummaryOf is Summary over rows already read with ProductsAt(p.To), so
// that a workbook of several reports reads the products once.
func (s *Store) SummaryOf(ctx context.Context, p Period, rows []ProductRow) (ReportSummary, error) {
	sum, err := s.stockOf(ctx, p, rows)
	if err != nil {
		return sum, err
	}
	// Decisions by year and those within the period, from the whole history.
	days, err := s.products.decisions(ctx, s.db)
	if err != nil {
		return sum, err
	}
	for _, d := range days {
		if d.day.After(DateOf(p.To)) {
			break
		}
		sum.ByYear[d.day.Year()] += d.total
		if p.Contains(d.day) {
			for k := 1; k <= 5; k++ {
				sum.New[k] += d.stars[k]
			}
			sum.NewTotal += d.stars.Total()
		}
	}
	return sum, nil
}

// stockOf is SummaryOf without what comes from the history of decisions
// (ByYear, New, NewTotal): the products as they stand at the period's end.
func (s *Store) stockOf(ctx context.Context, p Period, rows []ProductRow) (ReportSummary, error) {
	sum := ReportSummary{Period: p, ByYear: map[int]int{}}
	classes, err := s.Classification(ctx)
	if err != nil {
		return sum, err
	}
	types, err := s.ProducerTypes(ctx)
	if err != nil {
		return sum, err
	}
	var groupIndex, typeIndex map[string]int
	sum.ByGroup, groupIndex = groupLines(classes)
	sum.ByType, typeIndex = typeLines(types)
	communes := map[string]*NamedCount{}
	// Products the reference lists do not place still count, on a line of their own.
	var noGroup, noType StarCounts
	sum.Products = len(rows)
	for _, r := range rows {
		switch r.Status {
		case StatusNone:
			sum.Uncertified++
			continue
		case StatusExpired:
			sum.Expired++
		case StatusExpiring:
			sum.Expiring++
			sum.Valid++
		default:
			sum.Valid++
		}
		sum.Certified++
		sum.Stars[r.Stars]++
		if i, ok := groupIndex[GroupOf(r.SetCode)]; ok {
			sum.ByGroup[i].Stars[r.Stars]++
		} else {
			noGroup[r.Stars]++
		}
		if i, ok := typeIndex[r.ProducerType]; ok {
			sum.ByType[i].Stars[r.Stars]++
		} else {
			noType[r.Stars]++
		}
		name := r.Commune
		if name == "" {
			name = UnknownCommune
		}
		c := communes[name]
		if c == nil {
			c = &NamedCount{Name: name}
			communes[name] = c
		}
		c.Stars[r.Stars]++
	}
	if noGroup.Total() > 0 {
		sum.ByGroup = append(sum.ByGroup, NamedCount{Name: UnknownGroup, Stars: noGroup})
	}
	if noType.Total() > 0 {
		sum.ByType = append(sum.ByType, NamedCount{Name: UnknownType, Stars: noType})
	}
	for _, c := range communes {
		sum.ByCommune = append(sum.ByCommune, *c)
	}
	sortByKeys(sum.ByCommune, func(c NamedCount) string { return c.Name })
	return sum, nil
}

// Years returns the years of ByYear in order.
func (r ReportSummary) Years() []int {
	var ys []int
	for y := range r.ByYear {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// ExpiringRow is a product of the expiring report, with its producer's contacts.
type ExpiringRow struct {
	ProductRow
	Representative string
	Phone          string
	Address        string
}

// ExpiringProducts lists, as of day, the certificates already expired or
// ending within days, soonest end first, with their producers' contacts.
func (s *Store) ExpiringProducts(ctx context.Context, day time.Time, days int) ([]ExpiringRow, error) {
	rows, err := s.ProductsAt(ctx, day)
	if err != nil {
		return nil, err
	}
	return s.ExpiringOf(ctx, rows, day, days)
}

// ExpiringOf is ExpiringProducts over rows already read with ProductsAt(day).
func (s *Store) ExpiringOf(ctx context.Context, rows []ProductRow, day time.Time, days int) ([]ExpiringRow, error) {
	limit := DateOf(day).AddDate(0, 0, days)
	var at []int32 // positions of the rows listed, sorted rather than the rows
	need := map[int64]bool{}
	for i, r := range rows {
		if r.Certified && !r.ValidUntil.After(limit) {
			at = append(at, int32(i))
			need[r.ProducerID] = true
		}
	}
	slices.SortFunc(at, func(a, b int32) int { return cmp.Or(rows[a].ValidUntil.Compare(rows[b].ValidUntil), cmp.Compare(a, b)) })
	// Only the contacts, of the producers listed: not Producers' counts.
	type contact struct{ representative, phone, address string }
	contacts := map[int64]contact{}
	q, err := s.db.QueryContext(ctx, "SELECT id, representative, phone, address FROM producers WHERE deleted_at IS NULL")
	if err != nil {
		return nil, err
	}
	defer q.Close()
	for q.Next() {
		var id int64
		var c contact
		if err := q.Scan(&id, &c.representative, &c.phone, &c.address); err != nil {
			return nil, err
		}
		if need[id] {
			contacts[id] = c
		}
	}
	if err := q.Err(); err != nil {
		return nil, err
	}
	out := make([]ExpiringRow, len(at))
	for i, j := range at {
		r := rows[j]
		c := contacts[r.ProducerID]
		out[i] = ExpiringRow{r, c.representative, c.phone, c.address}
	}
	return out, nil
}

// groupLines are the empty lines of a by-group table, in the order of the
// classification, with each group's position by code. Top-level entries
// are the groups; tourism (VI) is a set with no group above it.
func groupLines(classes []Class) ([]NamedCount, map[string]int) {
	var lines []NamedCount
	at := map[string]int{}
	for _, c := range classes {
		if c.Parent == "" {
			at[c.Code] = len(lines)
			lines = append(lines, NamedCount{Code: c.Code, Name: c.Name})
		}
	}
	return lines, at
}

// typeLines are the empty lines of a by-producer-type table, with each
// type's position by code.
func typeLines(types []ProducerType) ([]NamedCount, map[string]int) {
	var lines []NamedCount
	at := map[string]int{}
	for _, t := range types {
		at[t.Code] = len(lines)
		lines = append(lines, NamedCount{Code: t.Code, Name: t.Name})
	}
	return lines, at
}

// PeriodDossiers returns the dossiers of period p as a report counts them:
// those received by its last day and not closed (Đạt, Không đạt, Rút hồ
// sơ) before its first, that is the dossiers received in the period and
// those carried over into it. Each stands as it did on the last day: its
// status is that of its latest step dated by then, and its result is kept
// only when that step is the result. Deadlines are not worked out. Oldest
// receipt first.
func (s *Store) PeriodDossiers(ctx context.Context, p Period) ([]DossierRow, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	all, err := s.Dossiers(ctx, DossierQuery{AsOf: p.To})
	if err != nil {
		return nil, err
	}
	type step struct {
		status DossierStatus
		on     time.Time
	}
	// Each dossier's latest step by the end of the period; the steps are
	// dated in order (stepTx refuses one dated before the latest).
	at := map[int64]step{}
	rows, err := s.db.QueryContext(ctx, `SELECT dossier_id, status, on_date FROM dossier_events WHERE on_date <= ?
		ORDER BY dossier_id, on_date, id`, ISODate(p.To))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st step
		var on string
		if err := rows.Scan(&id, &st.status, &on); err != nil {
			return nil, err
		}
		st.on, _ = time.Parse(time.DateOnly, on)
		at[id] = st
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []DossierRow
	for _, r := range all {
		if DateOf(r.Received).After(DateOf(p.To)) {
			continue
		}
		st, ok := at[r.ID]
		if !ok {
			st = step{DossierReceived, r.Received}
		}
		if st.status.Closed() && st.on.Before(DateOf(p.From)) {
			continue
		}
		r.Status = st.status
		if st.status != DossierPassed && st.status != DossierFailed {
			r.Result = DossierResult{}
		}
		r.Deadline = Deadline{}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.Received.Equal(b.Received) {
			return a.Received.Before(b.Received)
		}
		return a.ID < b.ID
	})
	return out, nil
}

// StatusCounts counts dossiers by status.
type StatusCounts map[DossierStatus]int

// Total is the sum over statuses.
func (c StatusCounts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// DossierCounts counts a period's dossiers by kind and status (at the end
// of the period), those passed by the stars of their decision, and those
// received within the period: the dossier report's tables and, per
// office, Tổng hợp tỉnh's.
type DossierCounts struct {
	ByKind   map[DossierKind]StatusCounts
	Passed   map[DossierKind]StarCounts // Đạt, by stars
	Received map[DossierKind]int        // received within the period (the others were carried over)
}

// Add counts one dossier; stars are those of an Đạt. A kind or status this
// version does not know is not counted, so that every table adds up.
func (c *DossierCounts) Add(kind DossierKind, status DossierStatus, stars int, receivedInPeriod bool) {
	if !kind.valid() || !slices.Contains(DossierStatuses, status) {
		return
	}
	c.init(kind)
	c.ByKind[kind][status]++
	if status == DossierPassed && stars >= 1 && stars <= 5 {
		p := c.Passed[kind]
		p[stars]++
		c.Passed[kind] = p
	}
	if receivedInPeriod {
		c.Received[kind]++
	}
}

func (c *DossierCounts) init(kind DossierKind) {
	if c.ByKind == nil {
		c.ByKind, c.Passed, c.Received = map[DossierKind]StatusCounts{}, map[DossierKind]StarCounts{}, map[DossierKind]int{}
	}
	if c.ByKind[kind] == nil {
		c.ByKind[kind] = StatusCounts{}
	}
}

// Merge adds o's counts to c.
func (c *DossierCounts) Merge(o DossierCounts) {
	for k, byStatus := range o.ByKind {
		c.init(k)
		for s, n := range byStatus {
			c.ByKind[k][s] += n
		}
		p := c.Passed[k]
		for i, n := range o.Passed[k] {
			p[i] += n
		}
		c.Passed[k] = p
		c.Received[k] += o.Received[k]
	}
}

// Kind is the number of dossiers of kind k.
func (c DossierCounts) Kind(k DossierKind) int { return c.ByKind[k].Total() }

// Status is the number of dossiers in status s, of every kind.
func (c DossierCounts) Status(s DossierStatus) int {
	n := 0
	for _, byStatus := range c.ByKind {
		n += byStatus[s]
	}
	return n
}

// Total is the number of dossiers.
func (c DossierCounts) Total() int {
	n := 0
	for _, byStatus := range c.ByKind {
		n += byStatus.Total()
	}
	return n
}

// CountDossiers counts rows read with PeriodDossiers(p).
func CountDossiers(rows []DossierRow, p Period) DossierCounts {
	var c DossierCounts
	for _, r := range rows {
		c.Add(r.Kind, r.Status, r.Result.Stars, p.Contains(r.Received))
	}
	return c
}
