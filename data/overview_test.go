package data

import (
	"context"
	"testing"
)

// TestSummariesReadOncePerChange asks for the figures reports and Tổng
// quan show, twice each, around a new decision: the data read once costs
// one read of the product list (two when a period ends before the latest
// decision) and one of the decisions; the office's own new decision costs
// a read of the decisions and of its product only, and the figures after
// it count the new decision.
func TestSummariesReadOncePerChange(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	start := s.Loads()
	rows, _ := s.ProductsAt(ctx, day("2026-12-31"))
	p1, p5 := rows[0].ID, rows[4].ID // by name
	steps := []struct {
		name  string
		do    func() (got, want int)
		loads LoadCounts // since the start
	}{
		{"year 2026: 2 decisions", func() (int, int) {
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 2
		}, LoadCounts{Lists: 1, History: 1}},
		{"again", func() (int, int) {
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 2
		}, LoadCounts{Lists: 1, History: 1}},
		{"first half 2026, before P3's re-evaluation: P3 has 3 stars", func() (int, int) {
			sum, _ := s.Summary(ctx, Half(2026, 1))
			return sum.Stars[3], 3 // P2, P3 (2023) and P5
		}, LoadCounts{Lists: 2, History: 1}},
		{"Tổng quan twice", func() (int, int) {
			s.Overview(ctx, day("2026-11-28"))
			o, _ := s.Overview(ctx, day("2026-11-28"))
			return o.Summary.Certified, 4
		}, LoadCounts{Lists: 2, History: 1}},
		{"a re-evaluation of P1 in 2026 counts at once", func() (int, int) {
			if err := s.AddCertification(ctx, &Certification{ProductID: p1, DecisionDate: day("2026-10-01"), Stars: 5}); err != nil {
				t.Fatal(err)
			}
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 3
		}, LoadCounts{Lists: 2, History: 2}}, // the list reads P1 again, not every product
		{"Tổng quan after it", func() (int, int) {
			o, _ := s.Overview(ctx, day("2026-11-28"))
			return o.Report.Stars[5], 2
		}, LoadCounts{Lists: 2, History: 2}},
		{"P1 renamed, here and by another program: the decisions by day are not read again", func() (int, int) {
			p, _ := s.Product(ctx, p1)
			p.Name = "Trà hoa vàng"
			if err := s.UpdateProduct(ctx, p); err != nil {
				t.Fatal(err)
			}
			other, err := Open(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			p.Name = "Trà hoa vàng Đình Lập"
			if err := other.UpdateProduct(ctx, p); err != nil {
				t.Fatal(err)
			}
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 3
		}, LoadCounts{Lists: 2, History: 2}},
		{"a decision by another program is counted", func() (int, int) {
			other, err := Open(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if err := other.AddCertification(ctx, &Certification{ProductID: p5, DecisionDate: day("2026-11-02"), Stars: 4}); err != nil {
				t.Fatal(err)
			}
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 4
		}, LoadCounts{Lists: 2, History: 3}},
		{"P5 in the trash: its decisions no longer count", func() (int, int) {
			if err := s.DeleteProduct(ctx, p5); err != nil {
				t.Fatal(err)
			}
			sum, _ := s.Summary(ctx, Year(2026))
			return sum.NewTotal, 2
		}, LoadCounts{Lists: 2, History: 4}},
	}
	for _, st := range steps {
		got, want := st.do()
		if got != want {
			t.Errorf("%s: %d, want %d", st.name, got, want)
		}
		l := s.Loads()
		if d := (LoadCounts{Lists: l.Lists - start.Lists, History: l.History - start.History}); d != st.loads {
			t.Errorf("%s: reads %+v in all, want %+v", st.name, d, st.loads)
		}
	}
}

// TestDecisionsReadBeforeAWriteAreNotKept starts the read of the decisions
// by day (as Tổng quan does beside the product list), lets a new decision
// be committed and seen before that read is kept, and asks the figures
// again: they count the new decision, the read of the older data is
// dropped.
func TestDecisionsReadBeforeAWriteAreNotKept(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	rows, _ := s.ProductsAt(ctx, day("2026-12-31"))
	release, held := make(chan struct{}), make(chan struct{})
	afterHistoryRead = func() {
		afterHistoryRead = nil
		close(held)
		<-release
	}
	t.Cleanup(func() { afterHistoryRead = nil })
	if err := s.products.prefetchDecisions(ctx, s.db); err != nil {
		t.Fatal(err)
	}
	<-held // read, not yet kept
	if err := s.AddCertification(ctx, &Certification{ProductID: rows[0].ID, DecisionDate: day("2026-10-01"), Stars: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.products.currentVersion(ctx, s.db); err != nil { // the write is seen
		t.Fatal(err)
	}
	close(release)
	s.products.flights.Wait()
	for _, tc := range []struct {
		name string
		got  func() int
		want int
	}{
		{"decisions in 2026", func() int { sum, _ := s.Summary(ctx, Year(2026)); return sum.NewTotal }, 3},
		{"5-star decisions in 2026", func() int { sum, _ := s.Summary(ctx, Year(2026)); return sum.New[5] }, 2},
	} {
		if got := tc.got(); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestOverviewCountsStarsOnItsDay: Tổng quan on a day before a product's
// latest decision counts the stars the product had on that day.
func TestOverviewCountsStarsOnItsDay(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	for _, tc := range []struct {
		day         string
		three, five int
	}{
		{"2026-06-30", 3, 0}, // P3 still 3 stars (2023), its 5 stars from 1/9/2026
		{"2026-11-28", 2, 1},
		{"2026-06-30", 3, 0}, // back again, from memory or not
	} {
		o, err := s.Overview(ctx, day(tc.day))
		if err != nil {
			t.Fatal(err)
		}
		if o.Report.Stars[3] != tc.three || o.Report.Stars[5] != tc.five {
			t.Errorf("%s: %d products with 3 stars, %d with 5; want %d and %d", tc.day, o.Report.Stars[3], o.Report.Stars[5], tc.three, tc.five)
		}
	}
}
