package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// fillLarge adds n products (with producers and one certification each)
// in one transaction, spread over the communes, sets and dates.
func fillLarge(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	classes, _ := s.Classification(ctx)
	var sets []string
	for _, c := range classes {
		if c.Level == "bo" {
			sets = append(sets, c.Code)
		}
	}
	types := []string{"doanh_nghiep", "htx", "tht", "ho_kinh_doanh"}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var producer int64
		for i := 0; i < n; i++ {
			if i%4 == 0 {
				p := &Producer{Name: fmt.Sprintf("HTX Nông sản Đặc sản số %d", i/4), Type: types[i%len(types)],
					CommuneID: communes[i%len(communes)].ID}
				if err := addProducer(ctx, tx, p); err != nil {
					return err
				}
				producer = p.ID
			}
			prod := &Product{ProducerID: producer, Name: fmt.Sprintf("Sản phẩm thử nghiệm Lạng Sơn %d", i), SetCode: sets[i%len(sets)]}
			if err := addProduct(ctx, tx, prod); err != nil {
				return err
			}
			decided := base.AddDate(0, 0, i%2000)
			c := &Certification{ProductID: prod.ID, DecisionNo: fmt.Sprintf("%d/QĐ-UBND", 1000+i), DecisionDate: decided,
				Score: Score(5000 + i%4000), HasScore: true, Stars: 3 + i%2, ValidUntil: AddMonths(decided, 36)}
			if err := addCertification(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// largeStore opens a new database holding n generated products.
func largeStore(b *testing.B, n int) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "large.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	fillLarge(b, s, n)
	return s
}

// BenchmarkProducts measures loading the product list the GUI and the
// command line show (latest certification, status, folding, Vietnamese
// order) for 20,000 products.
func BenchmarkProducts(b *testing.B) {
	s := largeStore(b, 20000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := s.Products(ctx, ProductQuery{})
		if err != nil || len(rows) != 20000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkFilterProducts measures one keystroke in the search box over
// 20,000 loaded products.
func BenchmarkFilterProducts(b *testing.B) {
	s := largeStore(b, 20000)
	rows, _ := s.Products(context.Background(), ProductQuery{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FilterProducts(rows, ProductFilter{Search: "dac san 12"})
	}
}

func TestFillLargeListsEverything(t *testing.T) {
	s := openTemp(t)
	fillLarge(t, s, 200)
	rows, err := s.Products(context.Background(), ProductQuery{Search: "san pham thu nghiem"})
	if err != nil || len(rows) != 200 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
}
