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
	unknown             bool // a write whose effect on the list is not known: read it all again
}

func (t touches) any() bool { return t.unknown || len(t.products) > 0 || len(t.producers) > 0 }

func (t *touches) add(o touches) {
	t.products = append(t.products, o.products...)
	t.producers = append(t.producers, o.producers...)
	t.unknown = t.unknown || o.unknown
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
	switch entity {
	case EntityProduct:
		touched.products = append(touched.products, id)
	case EntityProducer:
		touched.producers = append(touched.producers, id)
	case EntityCourse, EntityParticipant:
		// training: not in the product list
	default:
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
func (c *productCache) committed(ctx context.Context, tx *sql.Tx, current bool) {
	v, _ := openTouches.LoadAndDelete(tx)
	t := *v.(*touches)
	if len(t.products) == 0 && len(t.producers) == 0 && !t.unknown {
		t.unknown = true // nothing logged: settings, communes, holidays, attendance…
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.watch == nil {
		return
	}
	var version int64
	if err := c.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil || version == c.version {
		return // not seen, or already read again by a get since the commit
	}
	c.version, c.latestKnown, c.historyKnown, c.past = version, false, false, nil
	c.dirty.add(t)
	if !current || !c.loaded || c.dirty.unknown || len(c.dirty.products)+len(c.dirty.producers) > patchAtMost {
		c.loaded, c.dirty = false, touches{}
	}
}

// patchProducts returns rows with the products of t read again: those
// deleted gone, the others in their place in the list's order.
func (s *Store) patchProducts(ctx context.Context, rows []ProductRow, t touches) ([]ProductRow, error) {
	products, _ := json.Marshal(append([]int64{}, t.products...))
	producers, _ := json.Marshal(append([]int64{}, t.producers...))
	fresh, err := s.readProductRowsWhere(ctx, "9999-12-31",
		`p.id IN (SELECT value FROM json_each(?)
			UNION SELECT id FROM products WHERE producer_id IN (SELECT value FROM json_each(?)))`, len(t.products), string(products), string(producers))
	if err != nil {
		return nil, err
	}
	gone, goneProducer := map[int64]bool{}, map[int64]bool{}
	for _, id := range t.products {
		gone[id] = true
	}
	for _, id := range t.producers {
		goneProducer[id] = true
	}
	out := make([]ProductRow, 0, len(rows)+len(fresh))
	for _, r := range rows {
		if !gone[r.ID] && !goneProducer[r.ProducerID] {
			out = append(out, r)
		}
	}
	for _, r := range fresh {
		r.folded = foldProduct(r)
		key := string(viet.SortKey(r.Name + "\x00" + r.Producer))
		at, _ := slices.BinarySearchFunc(out, r, func(e, _ ProductRow) int {
			return cmp.Or(cmp.Compare(string(viet.SortKey(e.Name+"\x00"+e.Producer)), key), cmp.Compare(e.ID, r.ID))
		})
		out = slices.Insert(out, at, r)
	}
	return out, nil
}
