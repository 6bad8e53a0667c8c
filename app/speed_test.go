package app

import (
	"context"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
)

// loadsSince is how many full reads the store made since before (the
// product list kept in its file included).
func loadsSince(u *ui, before data.LoadCounts) data.LoadCounts {
	pending.Wait()
	now := u.store.Loads()
	return data.LoadCounts{Lists: now.Lists - before.Lists, History: now.History - before.History, Files: now.Files - before.Files}
}

// TestScreensReadOnlyWhenShown counts the store's full reads (every
// product with its latest decision, every decision): with 100,000 products
// each costs the user most of a second. Building the window reads nothing,
// Tổng quan and the expiry notice share one summary, Báo cáo and back with
// nothing changed read nothing more, and a hidden screen waits to be shown.
func TestScreensReadOnlyWhenShown(t *testing.T) {
	u := newUnbuiltTestUI(t, true)
	start := u.store.Loads()
	onUI(func() { u.win.SetContent(u.layout()) })
	if got := loadsSince(u, start); got != (data.LoadCounts{}) {
		t.Fatalf("building the window, no screen shown yet, read %+v", got)
	}
	onUI(func() { u.show(screenOverview) })
	eventually(t, "overview figures", func() bool { return u.overview.figures[figProducts].Text == "24" })
	onUI(u.alertAtStart)
	eventually(t, "expiry notice", u.modalOpen)
	onUI(u.escape)
	// Tổng quan shows no decisions by year: the start reads no history.
	one := data.LoadCounts{Lists: 1}
	if got := loadsSince(u, start); got != one {
		t.Errorf("Tổng quan and the expiry notice read %+v, want one list %+v", got, one)
	}

	steps := []struct {
		name   string
		screen int
		ready  func() bool
	}{
		{"Báo cáo", screenReports, func() bool { return strings.Contains(u.reports.preview.Text, "25 sản phẩm") }},
		{"back to Tổng quan", screenOverview, func() bool { return u.overview.figures[figProducts].Text == "24" }},
		{"Báo cáo again", screenReports, func() bool { return strings.Contains(u.reports.preview.Text, "25 sản phẩm") }},
		{"Tổng quan again", screenOverview, func() bool { return u.overview.figures[figProducts].Text == "24" }},
	}
	// Báo cáo's preview counts the decisions: their history is read once.
	withHistory := data.LoadCounts{Lists: 1, History: 1}
	for _, s := range steps {
		onUI(func() { u.show(s.screen) })
		eventually(t, s.name, s.ready)
		if got := loadsSince(u, start); got != withHistory {
			t.Errorf("%s with nothing changed: reads %+v in all, want %+v", s.name, got, withHistory)
		}
	}

	// A product recognised while Tổng quan is shown: Tổng quan counts it,
	// reading that product again, not every product nor the decisions;
	// Báo cáo, hidden, only when it is shown, with the decisions (which a
	// product without a decision would have left as they were).
	rows, err := u.store.Producers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := u.store.AddProduct(context.Background(), &data.Product{ProducerID: rows[0].ID, Name: "Miến dong mới"},
		&data.Certification{DecisionNo: "15/QĐ-UBND", DecisionDate: u.now().AddDate(0, -1, 0), Stars: 3}); err != nil {
		t.Fatal(err)
	}
	onUI(u.dataChanged)
	eventually(t, "Tổng quan counting the new product", func() bool { return u.overview.last.Summary.Products == 26 })
	if got := loadsSince(u, start); got != withHistory {
		t.Errorf("after a change on Tổng quan: reads %+v, want %+v", got, withHistory)
	}
	after := data.LoadCounts{Lists: 1, History: 2}
	var preview string
	onUI(func() { preview = u.reports.preview.Text })
	if !strings.Contains(preview, "25 sản phẩm") {
		t.Errorf("the hidden Báo cáo changed its preview to %q", preview)
	}
	onUI(func() { u.show(screenReports) })
	eventually(t, "Báo cáo with the new product", func() bool { return strings.Contains(u.reports.preview.Text, "26 sản phẩm") })
	if got := loadsSince(u, start); got != after {
		t.Errorf("Báo cáo after the change: reads %+v, want still %+v", got, after)
	}
}
