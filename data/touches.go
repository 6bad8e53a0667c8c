package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"sync"

	"github.com/ocopdesk/ocop/data/viet"
)

// touches is what one of the store's transactions changed, as its change
// log entries name it: after the office's own edit, the product list reads
// again only the products it touched.
type touches struct {
	products, producers []int64
	logged              int  // change log rows written
	unknown             bool // a write whose effect on the list is not known: read it all again
	// another program's write, read from the change log: the patched list
	// is checked against the live products' count before it is kept
	verify bool
}

func (t touches) any() bool {
	return t.unknown || t.verify || len(t.products) > 0 || len(t.producers) > 0
}

func (t *touches) add(o touches) {
	t.products = append(t.products, o.products...)
	t.producers = append(t.producers, o.producers...)
	t.logged += o.logged
	t.unknown = t.unknown || o.unknown
	t.verify = t.verify || o.verify
}

// note adds a change log row of entity id to t; it says false for an
// entity whose effect on the product list is not known.
func (t *touches) note(entity string, id int64) bool {
	t.logged++
	switch entity {
	case EntityProduct:
		t.products = append(t.products, id)
	case EntityProducer:
		t.producers = append(t.producers, id)
	case EntityCourse, EntityParticipant:
		// training: not in the product list
	default:
		return false
	}
	return true
}

// patchAtMost is the number of products above which an edit reloads the
// whole list rather than its rows (an import).
const patchAtMost = 2000

// openTouches are the transactions under way, each with what it logged.
var openTouches sync.Map // *sql.Tx → *touches

// logged records in its transaction's touches that a change of entity id
// was logged; ex is the transaction or a statement cache over it.
func logged(ex execer, entity string, id int64) {
	var tx *sql.Tx
	switch v := ex.(type) {
	case *sql.Tx:
		tx = v
	case *stmtCache:
		tx = v.tx
	}
	t, ok := openTouches.Load(tx)
	if !ok {
		return
	}
	touched := t.(*touches)
	if !touched.note(entity, id) {
		touched.unknown = true
	}
}

// beginTouches starts recording what tx logs, and notes the version the
// cache saw (the write lock is held: nobody else commits until tx does).
func (c *productCache) beginTouches(ctx context.Context, tx *sql.Tx) (start int64, ok bool) {
	openTouches.Store(tx, &touches{})
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.watch == nil || !c.loaded {
		return 0, false
	}
	var version int64
	if err := c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
		return 0, false
	}
	return version, version == c.version
}

// committed tells the cache that tx committed. When the cache was of the
// version tx started from, it keeps its rows and marks what tx logged to be
// read again; otherwise (another program wrote before, a write that logs
// nothing) the next get reads everything.
// mark is where the change log and the rest stood inside tx, just before
// it committed (readMark).
func (c *productCache) committed(ctx context.Context, tx *sql.Tx, current bool, mark logMark) {
	v, _ := openTouches.LoadAndDelete(tx)
	t := *v.(*touches)
	if t.logged == 0 {
		t.unknown = true // nothing logged: settings, communes, holidays, attendance…
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.watch == nil {
		return
	}
	if !current {
		// Another program wrote before tx began: the next get reads the
		// change log since the cache's mark, this commit's rows included.
		return
	}
	var version int64
	if err := c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil || version == c.version {
		return // not seen, or already read again by a get since the commit
	}
	tags := readListTags(ctx, c.watch)
	// Another program may have committed between tx and the version read
	// just now: then the database is not tx's mark, and it is read again.
	now, err := readMark(ctx, c.watch)
	same := err == nil && mark.ok && now == mark
	c.version = version
	c.dropDecisionsUnless(tags)
	if t.unknown && same && c.listStands(tags) {
		// A write that left everything the list shows as it was (a
		// setting, attendance): the rows and what is read beside them stand.
		c.mark = now
		return
	}
	c.past = nil
	c.dirty.add(t)
	if !same {
		c.mark = logMark{}
		c.loaded, c.dirty = false, touches{}
		return
	}
	c.mark = now
	if !c.loaded || c.dirty.unknown || len(c.dirty.products)+len(c.dirty.producers) > patchAtMost {
		c.loaded, c.dirty = false, touches{}
	}
}

// logMark is where the change log stood when the cache's rows were read,
// with what the writes that log nothing leave behind: an import undone, a
// migration. Another program's writes are then the log's rows after it.
type logMark struct {
	id     int64  // the last row of the change log, 0 when empty
	last   string // that row's id, time, entity, entity id and action
	others string // imports undone, schema and user versions
	ok     bool
}

// lastLogRow is the text of a change log row that tells it apart from a
// row of another database with the same id.
const lastLogRow = `id || char(31) || at || char(31) || entity || char(31) || entity_id || char(31) || action || char(31) || staff`

// readMark reads the log mark through q (the cache's connection, or a
// transaction before it commits).
func readMark(ctx context.Context, q execer) (logMark, error) {
	var m logMark
	err := q.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT id FROM change_log ORDER BY id DESC LIMIT 1), 0),
		COALESCE((SELECT `+lastLogRow+` FROM change_log ORDER BY id DESC LIMIT 1), ''),
		(SELECT count(undone_at) FROM imports) || '/' ||
		(SELECT schema_version FROM pragma_schema_version) || '/' || (SELECT user_version FROM pragma_user_version)`).
		Scan(&m.id, &m.last, &m.others)
	m.ok = err == nil
	return m, err
}

// sinceMark reads what changed since the cache's mark when data_version
// moved without this store's own commit: another program (the command
// line's import, a second window, a restore) wrote. It gives the products
// and producers to read again, and ok only when the change log names every
// change: its rows after the mark follow on without a gap, each names a
// product, producer, course or participant, the mark's own row is still
// there unchanged (not another database restored over this one), no import
// was undone and no migration ran. Anything else is read in full. now is
// where the log stands (readMark). c.mu is held.
func (c *productCache) sinceMark(ctx context.Context, now logMark) (touches, logMark, bool) {
	if !c.mark.ok || c.mark.id == 0 {
		return touches{}, logMark{}, false
	}
	if !now.ok || now.others != c.mark.others || now.id <= c.mark.id || now.id-c.mark.id > patchAtMost {
		return touches{}, logMark{}, false
	}
	var last string
	if err := c.watch.QueryRowContext(ctx, `SELECT `+lastLogRow+` FROM change_log WHERE id = ?`, c.mark.id).Scan(&last); err != nil || last != c.mark.last {
		return touches{}, logMark{}, false
	}
	rows, err := c.watch.QueryContext(ctx, "SELECT id, entity, entity_id FROM change_log WHERE id > ? AND id <= ? ORDER BY id", c.mark.id, now.id)
	if err != nil {
		return touches{}, logMark{}, false
	}
	defer rows.Close()
	t := touches{verify: true}
	next := c.mark.id + 1
	for rows.Next() {
		var id, entityID int64
		var entity string
		if err := rows.Scan(&id, &entity, &entityID); err != nil || id != next {
			return touches{}, logMark{}, false
		}
		next++
		if !t.note(entity, entityID) {
			return touches{}, logMark{}, false
		}
	}
	if rows.Err() != nil || next != now.id+1 {
		return touches{}, logMark{}, false
	}
	return t, now, true
}

// liveProductsMatch tells whether rows are as many as the live products
// and of the same ids (by their sum): the check on a list patched after
// another program's write.
func (s *Store) liveProductsMatch(ctx context.Context, rows []ProductRow) bool {
	var n, sum int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(p.id), 0) FROM products p
		JOIN producers pr ON pr.id = p.producer_id WHERE p.deleted_at IS NULL AND pr.deleted_at IS NULL`).Scan(&n, &sum); err != nil {
		return false
	}
	var got int64
	for _, r := range rows {
		got += r.ID
	}
	return n == int64(len(rows)) && sum == got
}

// patchProducts returns rows with the products of t read again: those
// deleted gone, the others in their place in the list's order; false when
// they could not be read, or, after another program's write, when the
// result is not as many products as the database holds live.
func (s *Store) patchProducts(ctx context.Context, rows []ProductRow, t touches) ([]ProductRow, bool) {
	out, err := s.patchRows(ctx, rows, t)
	if err != nil {
		return nil, false
	}
	if t.verify && !s.liveProductsMatch(ctx, out) {
		return nil, false
	}
	return out, true
}

func (s *Store) patchRows(ctx context.Context, rows []ProductRow, t touches) ([]ProductRow, error) {
	if len(t.products) == 0 && len(t.producers) == 0 {
		return rows, nil // a course, a participant: nothing in the list
	}
	products, _ := json.Marshal(append([]int64{}, t.products...))
	producers, _ := json.Marshal(append([]int64{}, t.producers...))
	fresh, err := s.readProductRowsWhere(ctx, "9999-12-31",
		`p.id IN (SELECT value FROM json_each(?)
			UNION SELECT id FROM products WHERE producer_id IN (SELECT value FROM json_each(?)))`, len(t.products), string(products), string(producers))
	if err != nil {
		return nil, err
	}
	gone, goneProducer := newIDSet(t.products), newIDSet(t.producers)
	// Each fresh row goes before the first listed row that sorts after it
	// (rows are in order, the ones read again among them or not).
	put := make([]placed, len(fresh))
	for i, r := range fresh {
		r.folded = foldProduct(r)
		put[i] = placed{row: r, key: string(viet.SortKey(r.Name + "\x00" + r.Producer))}
	}
	slices.SortFunc(put, func(a, b placed) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.row.ID, b.row.ID)) })
	for i := range put {
		put[i].at, _ = slices.BinarySearchFunc(rows, put[i], func(e ProductRow, p placed) int {
			return cmp.Or(cmp.Compare(string(viet.SortKey(e.Name+"\x00"+e.Producer)), p.key), cmp.Compare(e.ID, p.row.ID))
		})
	}
	if patchInPlace(rows, put, func(r ProductRow) bool { return gone.has(r.ID) || goneProducer.has(r.ProducerID) },
		func(r ProductRow) string { return string(viet.SortKey(r.Name + "\x00" + r.Producer)) }) {
		return rows, nil
	}
	// One pass copying the kept rows in spans, the fresh ones between.
	out := make([]ProductRow, 0, len(rows)+len(fresh))
	start, j := 0, 0
	for i := 0; i <= len(rows); i++ {
		for ; j < len(put) && put[j].at == i; j++ {
			out = append(out, rows[start:i]...)
			out = append(out, put[j].row)
			start = i
		}
		if i < len(rows) && (gone.has(rows[i].ID) || goneProducer.has(rows[i].ProducerID)) {
			out = append(out, rows[start:i]...)
			start = i + 1
		}
	}
	return append(out, rows[start:]...), nil
}

// placed is a row read again with its sort key and the place it goes in
// the list as it was.
type placed struct {
	row ProductRow
	key string
	at  int
}

// patchInPlace writes the one row read again over the row it was, when
// it keeps its place: the same product, still between its neighbours (an
// edit of anything but the name and the producer, a new decision). The
// list is the cache's own, not shared.
func patchInPlace(rows []ProductRow, put []placed, gone func(ProductRow) bool, key func(ProductRow) string) bool {
	if len(put) != 1 {
		return false
	}
	at := -1
	for i := range rows {
		if gone(rows[i]) {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	p := put[0]
	if at < 0 || rows[at].ID != p.row.ID {
		return false
	}
	before := func(a ProductRow, ak string, b ProductRow, bk string) bool {
		return cmp.Or(cmp.Compare(ak, bk), cmp.Compare(a.ID, b.ID)) < 0
	}
	if at > 0 && !before(rows[at-1], key(rows[at-1]), p.row, p.key) {
		return false
	}
	if at+1 < len(rows) && !before(p.row, p.key, rows[at+1], key(rows[at+1])) {
		return false
	}
	rows[at] = p.row
	return true
}

// idSet is the ids an edit touched, sorted: one or a few are looked up
// in a row or two, an import's by halves.
type idSet []int64

func newIDSet(ids []int64) idSet {
	s := slices.Clone(ids)
	slices.Sort(s)
	return slices.Compact(s)
}

func (s idSet) has(id int64) bool {
	if len(s) <= 8 {
		return slices.Contains(s, id)
	}
	_, ok := slices.BinarySearch(s, id)
	return ok
}
