package data

import (
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
	rows, err := s.Products(ctx, ProductQuery{AsOf: day})
	if err != nil {
		return o, err
	}
	o.Summary = Summarize(rows)
	// The rows as of day are the list itself unless a product's latest
	// decision is dated later: one copy of 100,000 rows less.
	later := false
	for i := range rows {
		if rows[i].DecisionDate.After(day) {
			later = true
			break
		}
	}
	if later {
		at, err := s.ProductsAt(ctx, day)
		if err != nil {
			return o, err
		}
		o.Report, err = s.stockOf(ctx, Span(day, day), at)
	} else {
		o.Report, err = s.stockOf(ctx, Span(day, day), rows)
	}
	if err != nil {
		return o, err
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		return o, err
	}
	o.Producers = counts.Producers
	year := day.Year()
	if o.Training, err = s.Training(ctx, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)); err != nil {
		return o, err
	}
	if o.Dossiers, err = s.DossierSummary(ctx, day); err != nil {
		return o, err
	}
	// Kept: what Tổng quan and the notice show, not every valid certificate.
	attention := map[int64]bool{}
	for _, r := range o.Summary.Attention {
		attention[r.ID] = true
	}
	o.Due, err = s.comingDueOf(ctx, day, rows, func(p *ProductRow, state RerankState) bool {
		return attention[p.ID] || state == RerankOpen || state == RerankClosing || state == RerankMissed
	})
	if err != nil {
		return o, err
	}
	c.last, c.have = o, true
	return o, nil
}
