package data

import (
	"cmp"
	"context"
	"sync"
	"time"
)

// Overview is what Tổng quan, the expiry notice at start and the window's
// counts show: every figure of the office on one day, worked out once per
// change of the data and shared by whoever asks.
type Overview struct {
	Version   int64 // the data_version it was worked out at: equal versions, equal figures
	Day       time.Time
	Summary   Summary       // products by status and stars, those needing attention
	Report    ReportSummary // the products as they stand on day, as the summary report counts them; without the history of decisions (ByYear, New), which Tổng quan does not show and which costs a read of every decision
	Producers int
	Training  TrainingStats // the courses of day's year
	Dossiers  DossierSummary
	Due       []RerankDue // re-ranking windows open, closing or missed, and those of the certificates in Summary.Attention
	Reranks   []RerankDue // of Due, the windows open, closing or missed: what the re-ranking card counts

	due map[int64]int32 // Due's place of each product
}

// DueFor is the re-ranking window of product id among o.Due.
func (o Overview) DueFor(id int64) (RerankDue, bool) {
	if i, ok := o.due[id]; ok {
		return o.Due[i], true
	}
	return RerankDue{}, false
}

// overviewCache keeps the latest Overview until the data or the day changes.
type overviewCache struct {
	mu   sync.Mutex // held while working one out, so that two callers share it
	last Overview
	have bool
}

// Overview returns the office's figures on day, from memory when nothing
// was committed since they were last worked out. The result and what it
// holds are shared: not to be modified.
func (s *Store) Overview(ctx context.Context, day time.Time) (Overview, error) {
	c := &s.overview
	c.mu.Lock()
	defer c.mu.Unlock()
	version, err := s.products.currentVersion(ctx, s.db)
	if err != nil {
		return Overview{}, err
	}
	day = DateOf(day)
	if c.have && c.last.Version == version && c.last.Day.Equal(day) {
		return c.last, nil
	}
	o := Overview{Version: version, Day: day}
	// What SQLite counts is asked beside the products, and the three
	// summaries of the products are worked out side by side.
	var counted sync.WaitGroup
	var countErr error
	counted.Go(func() { countErr = s.overviewCounts(ctx, &o) })
	var stockErr, dueErr error
	later := false
	err = s.viewProducts(ctx, day, func(rows []ProductRow) error {
		var summed sync.WaitGroup
		summed.Go(func() { o.Summary = Summarize(rows) })
		summed.Go(func() {
			// The stock on day is the list itself unless a product's latest
			// decision is dated later.
			for i := range rows {
				if rows[i].DecisionDate.After(day) {
					later = true
					return
				}
			}
			o.Report, stockErr = s.stockOf(ctx, Span(day, day), rows)
		})
		// Kept: what Tổng quan and the notice show (the certificates needing
		// attention, the windows open, closing or missed), not every valid one.
		o.Due, dueErr = s.comingDueOf(ctx, day, rows, func(p *ProductRow, state RerankState) bool {
			return p.Status == StatusExpiring || p.Status == StatusExpired || state == RerankOpen || state == RerankClosing || state == RerankMissed
		})
		o.due = make(map[int64]int32, len(o.Due))
		for i, r := range o.Due {
			o.due[r.Product.ID] = int32(i)
			if r.State == RerankOpen || r.State == RerankClosing || r.State == RerankMissed {
				o.Reranks = append(o.Reranks, r)
			}
		}
		summed.Wait()
		return nil
	})
	if err != nil {
		counted.Wait()
		return o, err
	}
	if later {
		var at []ProductRow
		if at, stockErr = s.ProductsAt(ctx, day); stockErr == nil {
			o.Report, stockErr = s.stockOf(ctx, Span(day, day), at)
		}
	}
	counted.Wait()
	if err := cmp.Or(stockErr, dueErr, countErr); err != nil {
		return o, err
	}
	c.last, c.have = o, true
	return o, nil
}

// overviewCounts fills in what the overview counts in SQLite: producers,
// the year's courses, the dossiers.
func (s *Store) overviewCounts(ctx context.Context, o *Overview) error {
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM producers WHERE deleted_at IS NULL").Scan(&o.Producers); err != nil {
		return err
	}
	year := o.Day.Year()
	var err error
	if o.Training, err = s.Training(ctx, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)); err != nil {
		return err
	}
	o.Dossiers, err = s.DossierSummary(ctx, o.Day)
	return err
}
