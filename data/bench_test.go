package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// fillLarge fills s with FillLarge's generated data.
func fillLarge(tb testing.TB, s *Store, n, certs int) {
	tb.Helper()
	if err := s.FillLarge(context.Background(), n, certs); err != nil {
		tb.Fatal(err)
	}
}

// The size: 100,000 products with 300,000 recognition decisions.
const (
	benchProducts = 100000
	benchCerts    = 3
)

var (
	largeOnce sync.Once
	large     *Store
	largeErr  error
)

// largeStore opens, once per test binary, a database holding the
// benchmark's products (generating it takes a while).
func largeStore(b *testing.B) *Store {
	largeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ocop-bench")
		if err != nil {
			largeErr = err
			return
		}
		large, largeErr = Open(filepath.Join(dir, "large.db"))
		if largeErr == nil {
			fillLarge(b, large, benchProducts, benchCerts)
		}
	})
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	return large
}

// BenchmarkProductsAfterChange measures opening the product list right
// after a write to what it shows that the change log does not name (a
// commune's note written straight into the database, as another SQLite
// tool would): read in full from SQLite, latest decision, status, search
// text and Vietnamese order.
func BenchmarkProductsAfterChange(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		writeBehindTheLog(b, s, i)
		b.StartTimer()
		rows, err := s.Products(ctx, ProductQuery{})
		if err != nil || len(rows) != benchProducts {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
	b.ReportMetric(msPerOp(b), "ms/full-read")
}

// BenchmarkProductsAfterOtherWrite measures opening the product list right
// after another program (a second store on the same file, as the command
// line or a second window) renamed a product: the change log names it, and
// only it is read again, with the live products counted to check.
func BenchmarkProductsAfterOtherWrite(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	other, err := Open(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()
	rows, err := s.Products(ctx, ProductQuery{})
	if err != nil {
		b.Fatal(err)
	}
	rename := func(i int) {
		p, err := other.Product(ctx, rows[(i*7919)%len(rows)].ID)
		if err != nil {
			b.Fatal(err)
		}
		p.Name += " mới"
		if err := other.UpdateProduct(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	// The generated data logs nothing: the first write is read in full,
	// as a database whose change log is empty.
	rename(12345)
	if _, err := s.Products(ctx, ProductQuery{}); err != nil {
		b.Fatal(err)
	}
	lists := s.Loads().Lists
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		rename(i)
		b.StartTimer()
		got, err := s.Products(ctx, ProductQuery{})
		if err != nil || len(got) != benchProducts {
			b.Fatalf("%d rows, %v", len(got), err)
		}
	}
	b.StopTimer()
	if n := s.Loads().Lists - lists; n > 0 {
		b.Errorf("%d full reads after another program's logged edits", n)
	}
	aim("list-after-other-write", msPerOp(b), 300, "ms")
}

// writeBehindTheLog changes what the product list shows (a commune's
// note, the i-th time) straight in the database, as another SQLite tool
// would: no change log, so the list is read again in full.
func writeBehindTheLog(b *testing.B, s *Store, i int) {
	if _, err := s.db.Exec("UPDATE communes SET note = ? WHERE id = (SELECT min(id) FROM communes)", fmt.Sprint(i)); err != nil {
		b.Fatal(err)
	}
}

// aim prints one line of `make bench`'s verdict: "AIM name measured aim
// ok" or "FAIL" (the Makefile keeps each name's last line).
func aim(name string, measured, limit float64, unit string) {
	verdict := "ok"
	if measured > limit {
		verdict = "FAIL"
	}
	fmt.Printf("AIM %s %.1f%s ≤%g%s %s\n", name, measured, unit, limit, unit, verdict)
}

func msPerOp(b *testing.B) float64 { return float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N) }

// BenchmarkOverviewUnchanged measures Tổng quan shown again with nothing
// changed (Ctrl+1 back to it): its figures come from memory.
func BenchmarkOverviewUnchanged(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	today := time.Now()
	if _, err := s.Overview(ctx, today); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if o, err := s.Overview(ctx, today); err != nil || o.Summary.Products != benchProducts {
			b.Fatalf("%d products, %v", o.Summary.Products, err)
		}
	}
	aim("back-to-overview", msPerOp(b), 50, "ms")
}

// BenchmarkOverviewAfterChange measures Tổng quan's figures worked out
// afresh (at start, or after another program wrote): the data part of the
// start-up's "Tổng quan figures filled".
func BenchmarkOverviewAfterChange(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	today := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		writeBehindTheLog(b, s, i)
		b.StartTimer()
		if o, err := s.Overview(ctx, today); err != nil || o.Summary.Products != benchProducts {
			b.Fatalf("%d products, %v", o.Summary.Products, err)
		}
	}
}

// BenchmarkProductsAfterOwnEdit measures opening the product list right
// after the program itself renamed a product (the form's save): only that
// product is read again.
func BenchmarkProductsAfterOwnEdit(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	rows, err := s.Products(ctx, ProductQuery{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p, err := s.Product(ctx, rows[i%len(rows)].ID)
		if err != nil {
			b.Fatal(err)
		}
		p.Name += " mới"
		if err := s.UpdateProduct(ctx, p); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		got, err := s.Products(ctx, ProductQuery{})
		if err != nil || len(got) != benchProducts {
			b.Fatalf("%d rows, %v", len(got), err)
		}
	}
	aim("list-after-own-edit", msPerOp(b), 50, "ms")
}

// BenchmarkProducts measures opening the product list when nothing changed
// since it was last read (switching screens): status worked out afresh.
func BenchmarkProducts(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := s.Products(ctx, ProductQuery{})
		if err != nil || len(rows) != benchProducts {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkKeystroke types "thach den trang" into the search box one key
// at a time, then erases it with Backspace, over the loaded list as the
// product screen does (ProductSearch), and reports the median and 95th
// percentile of the work per typed key and over all keys. It also reports
// a paste: the whole search at once over the whole list.
func BenchmarkKeystroke(b *testing.B) {
	s := largeStore(b)
	rows, err := s.Products(context.Background(), ProductQuery{})
	if err != nil {
		b.Fatal(err)
	}
	typed := []rune("thach den trang")
	var keys []string
	for k := 1; k <= len(typed); k++ {
		keys = append(keys, string(typed[:k]))
	}
	for k := len(typed) - 1; k >= 0; k-- {
		keys = append(keys, string(typed[:k]))
	}
	var typing, all, pastes []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		search := NewProductSearch(rows)
		for k, q := range keys {
			start := time.Now()
			search.Filter(ProductFilter{Search: q})
			d := time.Since(start)
			all = append(all, d)
			if k < len(typed) {
				typing = append(typing, d)
			}
		}
		start := time.Now()
		if got := len(FilterProducts(rows, ProductFilter{Search: "thach den trang"})); got == 0 {
			b.Fatal("nothing found")
		}
		pastes = append(pastes, time.Since(start))
	}
	b.StopTimer()
	ms := func(d []time.Duration, q int) float64 {
		slices.Sort(d)
		return float64(d[min(len(d)-1, len(d)*q/100)].Microseconds()) / 1000
	}
	b.ReportMetric(ms(typing, 50), "ms-median/typed-key")
	b.ReportMetric(ms(typing, 95), "ms-p95/typed-key")
	b.ReportMetric(ms(all, 95), "ms-p95/any-key")
	b.ReportMetric(ms(pastes, 50), "ms-paste")
	aim("keystroke-p95", ms(typing, 95), 16, "ms")
}

// BenchmarkSortByProducer measures a tap on the Chủ thể column header.
func BenchmarkSortByProducer(b *testing.B) {
	s := largeStore(b)
	rows, _ := s.Products(context.Background(), ProductQuery{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		SortProductsBy(rows, SortProducer, i%2 == 1)
	}
}

func TestFillLargeListsEverything(t *testing.T) {
	s := openTemp(t)
	fillLarge(t, s, 200, 3)
	rows, err := s.Products(context.Background(), ProductQuery{Search: "hat de"})
	if err != nil || len(rows) != 20 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for _, r := range rows {
		if r.DecisionDate.Year() < 2022 {
			t.Errorf("%s lists decision of %s, not the latest", r.Name, VNDate(r.DecisionDate))
		}
	}
}

// BenchmarkOverviewFresh measures Tổng quan's figures on a store just
// opened over the large database, as at start: the first full read of the
// products and the decisions by day, nothing in memory yet.
func BenchmarkOverviewFresh(b *testing.B) {
	path := largeStore(b).Path()
	ctx := context.Background()
	today := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		o, err := s.Overview(ctx, today)
		b.StopTimer()
		if err != nil || o.Summary.Products != benchProducts {
			b.Fatalf("%d products, %v", o.Summary.Products, err)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(msPerOp(b), "ms/start")
}
