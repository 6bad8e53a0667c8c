package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// Producer is a producer (chủ thể OCOP): an enterprise, cooperative,
// cooperative group or household business.
type Producer struct {
	ID             int64
	Name           string
	Type           string // a ProducerType code
	CommuneID      int64  // 0 when unknown
	Address        string // kept as written, old district names included
	Representative string
	Phone          string
	RegistrationNo string
}

// Product is an OCOP product of a producer.
type Product struct {
	ID         int64
	ProducerID int64
	Name       string
	SetCode    string // product set (bộ) code, e.g. "I.3.c"; empty when not yet classified
	Note       string
}

// Certification is one recognition decision (quyết định công nhận) for a
// product. A product keeps every one; the latest is current.
type Certification struct {
	ID           int64
	ProductID    int64
	DecisionNo   string
	DecisionDate time.Time
	IssuingLevel string // xa, huyen, tinh, trung_uong
	Score        Score
	HasScore     bool
	Stars        int
	ValidUntil   time.Time // decision date + validity months unless entered
	Note         string
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// execer is what both *sql.DB and *sql.Tx offer, so that one write can run
// alone or inside a larger transaction (demo data, imports).
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queryIDs runs query, whose rows are one id each, and returns the ids, all
// read before the caller writes (a transaction's statements run one at a time).
func queryIDs(ctx context.Context, ex execer, query string, args ...any) ([]int64, error) {
	rows, err := ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func addProducer(ctx context.Context, ex execer, p *Producer) error {
	p.Name = viet.Clean(p.Name)
	if p.Name == "" {
		return fmt.Errorf("Tên chủ thể: chưa nhập")
	}
	res, err := ex.ExecContext(ctx, `INSERT INTO producers(name, type, commune_id, address, representative, phone, registration_no)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.Name, p.Type, nullID(p.CommuneID), viet.Clean(p.Address),
		viet.Clean(p.Representative), viet.Clean(p.Phone), viet.Clean(p.RegistrationNo))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("chủ thể %q: loại hình %q hoặc xã không có trong danh mục", p.Name, p.Type)
		}
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

func addProduct(ctx context.Context, ex execer, p *Product) error {
	p.Name = viet.Clean(p.Name)
	if p.Name == "" {
		return fmt.Errorf("Tên sản phẩm: chưa nhập")
	}
	res, err := ex.ExecContext(ctx, "INSERT INTO products(name, producer_id, set_code, note) VALUES (?, ?, ?, ?)",
		p.Name, p.ProducerID, nullText(p.SetCode), strings.TrimSpace(p.Note))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("sản phẩm %q: chủ thể hoặc bộ sản phẩm %q không tồn tại", p.Name, p.SetCode)
		}
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

func addCertification(ctx context.Context, ex execer, c *Certification) error {
	if c.DecisionDate.IsZero() {
		return fmt.Errorf("Ngày quyết định: chưa nhập")
	}
	if c.Stars < 1 || c.Stars > 5 {
		return fmt.Errorf("Hạng sao: phải từ 1 đến 5")
	}
	if c.IssuingLevel == "" {
		c.IssuingLevel = "tinh"
	}
	if c.ValidUntil.IsZero() {
		rules, err := readRules(ctx, ex)
		if err != nil {
			return err
		}
		c.ValidUntil = rules.ValidUntil(c.DecisionDate)
	}
	var score any
	if c.HasScore {
		score = int(c.Score)
	}
	res, err := ex.ExecContext(ctx, `INSERT INTO certifications(product_id, decision_no, decision_date, issuing_level, score, stars, valid_until, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ProductID, viet.Clean(c.DecisionNo), ISODate(c.DecisionDate), c.IssuingLevel,
		score, c.Stars, ISODate(c.ValidUntil), strings.TrimSpace(c.Note))
	if err != nil {
		return err
	}
	c.ID, err = res.LastInsertId()
	return err
}

// ProductRow is a product as lists show it: with its producer, commune and
// latest certification.
type ProductRow struct {
	ID           int64
	Name         string
	ProducerID   int64
	Producer     string
	ProducerType string // code
	CommuneID    int64
	Commune      string
	SetCode      string
	Certified    bool
	Stars        int
	Score        Score
	HasScore     bool
	DecisionNo   string
	DecisionDate time.Time
	ValidUntil   time.Time
	Status       Status

	folded string // what search matches against
}

// ProductQuery selects and orders products for a list.
type ProductQuery struct {
	Search string    // words matched, folded, against name, producer, commune and decision number
	AsOf   time.Time // day the status is worked out for; zero means today
}

// Products returns the products matching q with their latest certification,
// in Vietnamese order of name. The GUI's list and the command line's
// "list products" both come from here.
func (s *Store) Products(ctx context.Context, q ProductQuery) ([]ProductRow, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	asOf := q.AsOf
	if asOf.IsZero() {
		asOf = time.Now()
	}
	out, err := s.products.get(ctx, s.db, s.loadProducts, s.patchProducts)
	if err != nil {
		return nil, err
	}
	status := newStatusDay(asOf, st.ExpiryWindowDays)
	for i := range out {
		out[i].Status = status.of(out[i].ValidUntil)
	}
	if strings.TrimSpace(q.Search) == "" {
		return out, nil
	}
	return FilterProducts(out, ProductFilter{Search: q.Search}), nil
}

// viewProducts runs f over the product list as Products(AsOf: day) gives
// it, without copying it: the rows are the cache's own, to be read only,
// and only while f runs. f must not ask for products itself.
func (s *Store) viewProducts(ctx context.Context, day time.Time, f func([]ProductRow) error) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	status := newStatusDay(day, st.ExpiryWindowDays)
	return s.products.view(ctx, s.db, s.loadProducts, s.patchProducts, func(rows []ProductRow) error {
		for i := range rows {
			rows[i].Status = status.of(rows[i].ValidUntil) // the cache's own Status means nothing: every copy sets its own
		}
		return f(rows)
	})
}

// statusDay is StatusOn for one day and window, worked out once for a
// whole list.
type statusDay struct{ day, windowEnd time.Time }

func newStatusDay(day time.Time, windowDays int) statusDay {
	day = DateOf(day)
	return statusDay{day: day, windowEnd: day.AddDate(0, 0, windowDays)}
}

// of is StatusOn(validUntil, day, windowDays).
func (d statusDay) of(validUntil time.Time) Status {
	switch {
	case validUntil.IsZero():
		return StatusNone
	case d.day.After(validUntil):
		return StatusExpired
	case !d.windowEnd.Before(validUntil):
		return StatusExpiring
	}
	return StatusValid
}

// loadProducts reads every product with its latest certification, in
// Vietnamese order of name, with its search text; status is left unset.
// The text columns come joined in one, as reading each column through the
// driver costs more than splitting them in Go.
func (s *Store) loadProducts(ctx context.Context) ([]ProductRow, error) {
	return s.loadProductsAt(ctx, "9999-12-31", s.products.lastLen) // the cache's lock is held
}

// ProductsAt returns the products as they stood on day, for reports on a
// past period: each with its latest decision taken on or before day, and
// its status on day. Products are listed even when first recognised later.
// A day on or after the latest decision is served from the product list in
// memory; an earlier one is read once per change of the data.
func (s *Store) ProductsAt(ctx context.Context, day time.Time) ([]ProductRow, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.products.at(ctx, s.db, ISODate(day), s.loadProducts, s.patchProducts, s.loadProductsAt, s.latestDecision)
	if err != nil {
		return nil, err
	}
	status := newStatusDay(day, st.ExpiryWindowDays)
	for i := range rows {
		rows[i].Status = status.of(rows[i].ValidUntil)
	}
	return rows, nil
}

// latestDecision is the day (yyyy-mm-dd) of the latest live decision, "" when none.
func (s *Store) latestDecision(ctx context.Context) (string, error) {
	var day sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT max(decision_date) FROM certifications WHERE deleted_at IS NULL").Scan(&day)
	return day.String, err
}

// loadProductsAt is loadProducts with decisions taken up to cutoff
// (yyyy-mm-dd); sizeHint is how many rows to expect.
func (s *Store) loadProductsAt(ctx context.Context, cutoff string, sizeHint int) ([]ProductRow, error) {
	s.products.lists.Add(1)
	// The rows are read in slices of product ids, one per core, each on
	// its own connection: SQLite's work per row (the latest decision)
	// dominates, and the connections run side by side.
	var lo, hi int64
	if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(min(id), 0), COALESCE(max(id), 0) FROM products").Scan(&lo, &hi); err != nil {
		return nil, err
	}
	parts := min(runtime.GOMAXPROCS(0), 4)
	if hi-lo < splitProductsAbove {
		parts = 1
	}
	step := (hi - lo + int64(parts)) / int64(parts)
	slices := make([][]ProductRow, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := lo + int64(i)*step
			slices[i], errs[i] = s.readProductRows(ctx, cutoff, from, from+step-1, sizeHint/parts+16)
		}()
	}
	wg.Wait()
	out := make([]ProductRow, 0, sizeHint)
	for i := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, slices[i]...)
	}
	// Search texts and sort keys are worked out on every core.
	keys := make([]string, len(out))
	parallel(len(out), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i].folded = foldProduct(out[i])
			keys[i] = string(viet.SortKey(out[i].Name + "\x00" + out[i].Producer))
		}
	})
	sortWithKeys(out, keys, 1)
	return out, nil
}

// splitProductsAbove is the span of product ids above which the list is
// read in slices side by side (tests lower it).
var splitProductsAbove int64 = 20000

// readProductRows reads the live products with ids from..to and their
// latest decision on or before cutoff.
func (s *Store) readProductRows(ctx context.Context, cutoff string, from, to int64, sizeHint int) ([]ProductRow, error) {
	return s.readProductRowsWhere(ctx, cutoff, "p.id BETWEEN ? AND ?", sizeHint, from, to)
}

// readProductRowsWhere reads the live products meeting cond (on p, the
// product, and pr, its producer) with their latest decision on or before cutoff.
func (s *Store) readProductRowsWhere(ctx context.Context, cutoff, cond string, sizeHint int, args ...any) ([]ProductRow, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT p.id, pr.id, COALESCE(pr.commune_id, 0), cert.stars, cert.score,
		       p.name || char(31) || pr.name || char(31) || pr.type || char(31) || COALESCE(c.name, '') || char(31) ||
		       COALESCE(p.set_code, '') || char(31) || COALESCE(cert.decision_no, '') || char(31) ||
		       COALESCE(cert.decision_date, '') || char(31) || COALESCE(cert.valid_until, '')
		FROM products p
		JOIN producers pr ON pr.id = p.producer_id
		LEFT JOIN communes c ON c.id = pr.commune_id
		LEFT JOIN certifications cert ON cert.id = (
			SELECT id FROM certifications WHERE product_id = p.id AND deleted_at IS NULL AND decision_date <= ?
			ORDER BY decision_date DESC, id DESC LIMIT 1)
		WHERE p.deleted_at IS NULL AND pr.deleted_at IS NULL AND `+cond, append([]any{cutoff}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]ProductRow, 0, sizeHint)
	for rows.Next() {
		var r ProductRow
		var stars, score sql.NullInt64
		var text string
		if err := rows.Scan(&r.ID, &r.ProducerID, &r.CommuneID, &stars, &score, &text); err != nil {
			return nil, err
		}
		var f [8]string
		for i := range 7 {
			f[i], text, _ = strings.Cut(text, "\x1f")
		}
		f[7] = text
		r.Name, r.Producer, r.ProducerType, r.Commune, r.SetCode, r.DecisionNo = f[0], f[1], f[2], f[3], f[4], f[5]
		r.Certified = stars.Valid
		r.Stars = int(stars.Int64)
		r.Score, r.HasScore = Score(score.Int64), score.Valid
		r.DecisionDate, _ = time.Parse(time.DateOnly, f[6])
		r.ValidUntil, _ = time.Parse(time.DateOnly, f[7])
		out = append(out, r)
	}
	return out, rows.Err()
}

// parallel runs work over [0, n) in one slice per core.
func parallel(n int, work func(lo, hi int)) {
	parts := runtime.GOMAXPROCS(0)
	if n < 5000 {
		parts = 1
	}
	size := (n + parts - 1) / parts
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := min(i*size, n), min((i+1)*size, n)
		wg.Go(func() { work(lo, hi) })
	}
	wg.Wait()
}

// productCache keeps the loaded product list until the database changes,
// with what the summaries read beside it (the decisions by day, the lists
// of past days). A connection set aside for it asks SQLite's data_version,
// which changes whenever another connection (of this program or another)
// commits: the office's own edits included.
type productCache struct {
	mu      sync.Mutex
	watch   *sql.Conn
	version int64
	rows    []ProductRow
	loaded  bool
	lastLen int // rows last loaded, to size the next load

	latest       string                  // day of the latest decision, once asked
	latestKnown  bool                    // latest is of this version
	past         map[string][]ProductRow // ProductsAt of days before latest, by day
	history      []decisionDay           // every live decision, counted by day and stars
	historyKnown bool
	flight       *historyFlight // the read of history under way, if any
	flights      sync.WaitGroup // reads of history not yet finished

	// The products this store's own commits, or another program's logged
	// writes, touched since rows were read, read again alone at the next
	// get: an edit costs no full reload.
	dirty touches
	mark  logMark // where the change log stood when rows were read

	// The file the list is kept in between runs (listcache.go), the tag of
	// the state it holds as far as this store knows, and the write of it
	// waiting to run after a full read.
	file    string
	fileTag []byte
	rowsTag []byte // the list tag the rows are of, at least
	// the decisions tag history and latest are of, at least; nil when
	// neither is known
	decisionsTag []byte
	keepTimer    *time.Timer

	lists, histories, files atomic.Int64 // full reads and lists read from the file, for LoadCounts
}

// check makes sure what the cache holds is of the database's current
// version, dropping it otherwise, and returns that version. c.mu is held.
func (c *productCache) check(ctx context.Context, db *sql.DB) (int64, error) {
	if c.watch == nil {
		conn, err := db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		c.watch = conn
	}
	var version int64
	if err := c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
		return 0, err
	}
	if version == c.version {
		return version, nil
	}
	c.version = version
	mark, markErr := readMark(ctx, c.watch)
	tags := readListTags(ctx, c.watch)
	c.dropDecisionsUnless(tags)
	if markErr == nil && c.listStands(tags) {
		// A write that left everything the list shows as it was (a
		// setting, a course, attendance): the rows and what is read
		// beside them stand, and the log is read from here on.
		c.mark = mark
		return version, nil
	}
	c.past = nil
	if !c.loaded {
		c.dirty, c.mark = touches{}, logMark{}
	} else if t, mark, ok := c.sinceMark(ctx, mark); ok {
		c.dirty.add(t)
		c.mark = mark
	} else {
		c.loaded, c.dirty, c.mark = false, touches{}, logMark{}
	}
	return version, nil
}

// currentVersion is the database's data_version, as the cache sees it:
// two equal answers mean nothing was committed in between.
func (c *productCache) currentVersion(ctx context.Context, db *sql.DB) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.check(ctx, db)
}

// get returns a copy of the cached rows, loading them when the database
// changed since. After an edit the change log names, patch reads again
// what the edit touched. The cache's own rows never leave its lock: a
// patch may change them in place.
func (c *productCache) get(ctx context.Context, db *sql.DB, load loadFunc, patch patchFunc) ([]ProductRow, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows, err := c.getLocked(ctx, db, load, patch)
	return slices.Clone(rows), err
}

// view runs f over the cache's own rows, brought up to date, under its
// lock: for a caller that only reads them (Status aside), at no copy of
// 100,000 rows. f must not ask the cache again.
func (c *productCache) view(ctx context.Context, db *sql.DB, load loadFunc, patch patchFunc, f func([]ProductRow) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows, err := c.getLocked(ctx, db, load, patch)
	if err != nil {
		return err
	}
	return f(rows)
}

type (
	loadFunc func(context.Context) ([]ProductRow, error)
	// patchFunc returns rows with what t names read again, and false when
	// the result cannot be trusted (it is then read in full).
	patchFunc func(ctx context.Context, rows []ProductRow, t touches) ([]ProductRow, bool)
)

func (c *productCache) getLocked(ctx context.Context, db *sql.DB, load loadFunc, patch patchFunc) ([]ProductRow, error) {
	if _, err := c.check(ctx, db); err != nil {
		return nil, err
	}
	if c.loaded && !c.dirty.any() {
		return c.rows, nil
	}
	// The mark and the list tag are read before the rows: a write in
	// between is read again at the next get.
	tag := readListTag(ctx, c.watch)
	if c.loaded {
		if rows, ok := patch(ctx, c.rows, c.dirty); ok {
			c.rows, c.dirty, c.lastLen, c.rowsTag = rows, touches{}, len(rows), tag
			c.keepSoon() // a power cut before the close keeps the edit's list too
			return rows, nil
		}
	}
	mark, _ := readMark(ctx, c.watch)
	if rows, ok := c.fromFile(ctx, tag); ok {
		c.rows, c.loaded, c.lastLen, c.dirty, c.mark, c.rowsTag = rows, true, len(rows), touches{}, mark, tag
		return rows, nil
	}
	rows, err := load(ctx)
	if err != nil {
		c.loaded, c.mark, c.rowsTag = false, logMark{}, nil
		return nil, err
	}
	c.rows, c.loaded, c.lastLen, c.dirty, c.mark, c.rowsTag = rows, true, len(rows), touches{}, mark, tag
	c.keepSoon()
	return rows, nil
}

// at returns a copy of the rows as of cutoff (status unset): the current
// list when no decision is dated after cutoff, else a list read for that
// day, kept until the data changes.
func (c *productCache) at(ctx context.Context, db *sql.DB, cutoff string, load loadFunc, patch patchFunc,
	loadAt func(context.Context, string, int) ([]ProductRow, error), latest func(context.Context) (string, error)) ([]ProductRow, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows, err := c.atLocked(ctx, db, cutoff, load, patch, loadAt, latest)
	return slices.Clone(rows), err
}

func (c *productCache) atLocked(ctx context.Context, db *sql.DB, cutoff string, load loadFunc, patch patchFunc,
	loadAt func(context.Context, string, int) ([]ProductRow, error), latest func(context.Context) (string, error)) ([]ProductRow, error) {
	last, err := c.latestLocked(ctx, db, latest)
	if err != nil {
		return nil, err
	}
	if cutoff >= last {
		return c.getLocked(ctx, db, load, patch)
	}
	if rows, ok := c.past[cutoff]; ok {
		return rows, nil
	}
	rows, err := loadAt(ctx, cutoff, c.lastLen)
	if err != nil {
		return nil, err
	}
	if c.past == nil || len(c.past) >= 4 { // a few periods at a time, not every day ever asked
		c.past = map[string][]ProductRow{}
	}
	c.past[cutoff] = rows
	return rows, nil
}

// latestDecision returns the day of the latest decision (yyyy-mm-dd), asked
// once per change of the data.
func (c *productCache) latestDecision(ctx context.Context, db *sql.DB, latest func(context.Context) (string, error)) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latestLocked(ctx, db, latest)
}

func (c *productCache) latestLocked(ctx context.Context, db *sql.DB, latest func(context.Context) (string, error)) (string, error) {
	if _, err := c.check(ctx, db); err != nil {
		return "", err
	}
	if !c.latestKnown {
		tag := readListTags(ctx, c.watch).decisions // before the read: a write in between is read again
		day, err := latest(ctx)
		if err != nil {
			return "", err
		}
		c.latest, c.latestKnown = day, true
		c.keepDecisionsTag(tag)
	}
	return c.latest, nil
}

// decisionDay counts the live decisions taken on one day, by stars.
type decisionDay struct {
	day   time.Time
	total int        // every decision of the day
	stars StarCounts // those with 1-5 stars
}

// decisions returns every live decision counted by day, oldest first,
// read once per change of the data (not to be modified). The read runs
// without the cache's lock, so that it can go side by side with the
// product list's (see prefetchDecisions); a caller arriving meanwhile
// waits for that read instead of starting its own.
func (c *productCache) decisions(ctx context.Context, db *sql.DB) ([]decisionDay, error) {
	c.mu.Lock()
	version, err := c.check(ctx, db)
	if err != nil {
		c.mu.Unlock()
		return nil, err
	}
	if c.historyKnown {
		c.mu.Unlock()
		return c.history, nil
	}
	f := c.historyFlightLocked(ctx, db, version)
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.days, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// prefetchDecisions starts reading the decisions by day, unless they are
// known or being read, and returns at once.
func (c *productCache) prefetchDecisions(ctx context.Context, db *sql.DB) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	version, err := c.check(ctx, db)
	if err != nil || c.historyKnown {
		return err
	}
	c.historyFlightLocked(ctx, db, version)
	return nil
}

// historyFlight is one read of the decisions by day, tagged with the
// data_version seen before it started: the read's snapshot is that
// version's or a later one, and it is kept only while the cache is still
// at that version (a later one drops it at the next check).
type historyFlight struct {
	version int64
	done    chan struct{} // closed once days and err are set
	days    []decisionDay
	err     error
	tag     []byte // the decisions tag before the read
}

// listStands tells whether the rows are still what the database holds
// when its tags are tags: nothing the list shows was written since they
// were read. c.mu is held.
func (c *productCache) listStands(tags listTags) bool {
	return c.loaded && !c.dirty.any() && c.rowsTag != nil && bytes.Equal(tags.list, c.rowsTag)
}

// dropDecisionsUnless forgets the decisions by day and the latest one
// unless what they count is still as it was when they were read (a
// product renamed, a setting: they stand). c.mu is held.
func (c *productCache) dropDecisionsUnless(tags listTags) {
	if c.decisionsTag == nil || !bytes.Equal(tags.decisions, c.decisionsTag) {
		c.latestKnown, c.historyKnown, c.decisionsTag = false, false, nil
	}
}

// keepDecisionsTag notes that what was just read of the decisions is of
// tag; history and latest, read at different times, are kept only while
// they are of the same one. c.mu is held.
func (c *productCache) keepDecisionsTag(tag []byte) {
	switch {
	case tag == nil:
		c.latestKnown, c.historyKnown, c.decisionsTag = false, false, nil
	case c.decisionsTag == nil || bytes.Equal(tag, c.decisionsTag):
		c.decisionsTag = tag
	default:
		// One read saw a later state than the other: the other is read again.
		c.decisionsTag = tag
		if c.latestKnown && c.historyKnown {
			c.latestKnown, c.historyKnown = false, false
		}
	}
}

// historyFlightLocked returns the read of version's decisions, starting it
// when none is under way. c.mu is held.
func (c *productCache) historyFlightLocked(ctx context.Context, db *sql.DB, version int64) *historyFlight {
	if f := c.flight; f != nil && f.version == version {
		return f
	}
	f := &historyFlight{version: version, done: make(chan struct{}), tag: readListTags(ctx, c.watch).decisions}
	c.flight = f
	c.flights.Add(1)
	c.histories.Add(1)
	go func() {
		defer c.flights.Done()
		// Not cancelled with the caller who started it: others may wait for it.
		f.days, f.err = readDecisionDays(context.WithoutCancel(ctx), db)
		close(f.done)
		if afterHistoryRead != nil {
			afterHistoryRead()
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if f.err == nil && !c.historyKnown && (c.version == version || f.tag != nil && bytes.Equal(f.tag, c.decisionsTag)) {
			c.history, c.historyKnown = f.days, true
			c.keepDecisionsTag(f.tag)
		}
		if c.flight == f {
			c.flight = nil
		}
	}()
	return f
}

// afterHistoryRead, when set (tests), runs between a read of the decisions
// by day and its keeping.
var afterHistoryRead func()

// readDecisionDays reads every live decision counted by day and stars.
func readDecisionDays(ctx context.Context, db *sql.DB) ([]decisionDay, error) {
	// The products in the trash are few: leaving them out costs a lookup
	// in a small set, not two joins per decision. The set is found from
	// the trashed producers (CROSS JOIN: through products' producer
	// index, not a lookup per product), and the decisions are read
	// straight from the table, not through the partial index, which lacks
	// the stars and would cost a table lookup per decision.
	rows, err := db.QueryContext(ctx, `SELECT c.decision_date, c.stars, count(*) FROM certifications c NOT INDEXED
		WHERE c.deleted_at IS NULL AND c.product_id NOT IN (SELECT id FROM products WHERE deleted_at IS NOT NULL
			UNION SELECT p.id FROM producers pr CROSS JOIN products p ON p.producer_id = pr.id WHERE pr.deleted_at IS NOT NULL)
		GROUP BY c.decision_date, c.stars ORDER BY c.decision_date, c.stars`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []decisionDay
	for rows.Next() {
		var day string
		var stars, n int
		if err := rows.Scan(&day, &stars, &n); err != nil {
			return nil, err
		}
		d, _ := time.Parse(time.DateOnly, day)
		if len(out) == 0 || !out[len(out)-1].day.Equal(d) {
			out = append(out, decisionDay{day: d})
		}
		last := &out[len(out)-1]
		last.total += n
		if stars >= 1 && stars <= 5 {
			last.stars[stars] += n
		}
	}
	return out, rows.Err()
}

func (c *productCache) close() {
	c.mu.Lock()
	if c.keepTimer != nil && c.keepTimer.Stop() {
		c.keepTimer = nil
		c.flights.Done()
	}
	c.mu.Unlock()
	c.flights.Wait() // a read of the decisions, a write of the file under way end first
	c.keep(context.Background())
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.watch != nil {
		c.watch.Close()
		c.watch = nil
	}
	c.loaded, c.latestKnown, c.historyKnown, c.past, c.mark = false, false, false, nil, logMark{}
	c.rowsTag, c.decisionsTag = nil, nil
}

// LoadCounts counts the store's full reads since it was opened, so that a
// test can tell what showing a screen cost.
type LoadCounts struct {
	Lists   int64 // every product with its latest decision, read from SQLite
	History int64 // every decision, read for the decisions by year and in a period
	Files   int64 // the product list read from the file it was kept in (listcache.go)
}

// Loads returns the full reads made so far.
func (s *Store) Loads() LoadCounts {
	return LoadCounts{Lists: s.products.lists.Load(), History: s.products.histories.Load(), Files: s.products.files.Load()}
}

// SortProducts orders rows by name in Vietnamese order, then by producer.
func SortProducts(rows []ProductRow) {
	sortByKeys(rows, func(r ProductRow) string { return r.Name + "\x00" + r.Producer })
}

// ProducerRow is a producer as lists show it.
type ProducerRow struct {
	Producer
	TypeName string
	Commune  string
	Products int
}

// Producers returns every producer with its number of products, in
// Vietnamese order of name.
func (s *Store) Producers(ctx context.Context) ([]ProducerRow, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT pr.id, pr.name, pr.type, t.name, COALESCE(pr.commune_id, 0), COALESCE(c.name, ''), pr.address,
		       pr.representative, pr.phone, pr.registration_no,
		       (SELECT count(*) FROM products WHERE producer_id = pr.id AND deleted_at IS NULL)
		FROM producers pr
		JOIN producer_types t ON t.code = pr.type
		LEFT JOIN communes c ON c.id = pr.commune_id
		WHERE pr.deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProducerRow
	for rows.Next() {
		var r ProducerRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Type, &r.TypeName, &r.CommuneID, &r.Commune, &r.Address,
			&r.Representative, &r.Phone, &r.RegistrationNo, &r.Products); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortByKeys(out, func(r ProducerRow) string { return r.Name })
	return out, nil
}

// sortByKeys sorts rows stably in Vietnamese order of key(row), computing
// each collation key once.
func sortByKeys[T any](rows []T, key func(T) string) {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = string(viet.SortKey(key(r)))
	}
	sortWithKeys(rows, keys, 1)
}
