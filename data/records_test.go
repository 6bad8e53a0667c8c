package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestFillDemo(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	today := day("2026-11-28")
	sum, err := s.FillDemo(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Producers != 10 || sum.Products != 25 {
		t.Errorf("demo summary = %+v", sum)
	}
	rows, err := s.Products(ctx, ProductQuery{AsOf: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != sum.Products {
		t.Fatalf("%d rows listed, %d products made", len(rows), sum.Products)
	}
	count := map[Status]int{}
	stars := map[int]int{}
	communes := map[string]bool{}
	rules, _ := s.Rules(ctx)
	for _, r := range rows {
		count[r.Status]++
		stars[r.Stars]++
		communes[r.Commune] = true
		if r.Certified {
			if got := rules.StarsForScore(r.Score, r.DecisionDate); got != r.Stars {
				t.Errorf("%s: %d stars but score %s is in the %d-star band", r.Name, r.Stars, r.Score, got)
			}
		}
	}
	for _, st := range Statuses {
		if count[st] == 0 {
			t.Errorf("the demo has no product with status %s (%v)", st, count)
		}
	}
	if stars[3] == 0 || stars[4] == 0 || len(communes) < 5 {
		t.Errorf("demo spread: stars %v, %d communes", stars, len(communes))
	}
	// Re-evaluated products show their latest certification.
	for _, r := range rows {
		if r.Name == "Thạch đen Tràng Định" && (r.Stars != 4 || r.Status != StatusValid) {
			t.Errorf("Thạch đen Tràng Định shows %d stars, %s; want its latest 4-star certificate", r.Stars, r.Status)
		}
	}
	if _, err := s.FillDemo(ctx, today); err == nil || !strings.Contains(err.Error(), "đã có 25 sản phẩm") {
		t.Errorf("a second demo: %v", err)
	}
	if st, _ := s.Settings(ctx); !st.Configured() || st.OfficeName != "PHÒNG KINH TẾ" {
		t.Errorf("demo settings: %+v", st)
	}
}

func TestProductsSearchAndOrder(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	today := day("2026-11-28")
	if _, err := s.FillDemo(ctx, today); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		search string
		want   []string
	}{
		{"thach den trang dinh", []string{"Thạch đen Tràng Định"}},
		{"THẠCH ĐEN", []string{"Bột thạch đen Đoàn Kết", "Thạch đen khô Nà Pàn", "Thạch đen Tràng Định"}},
		{"tan tien", []string{"Hoa hồi khô Tân Tiến", "Quế thanh Tân Tiến", "Tinh dầu hồi Tân Tiến"}},
		{"khong co gi", nil},
	}
	for _, tt := range tests {
		rows, err := s.Products(ctx, ProductQuery{Search: tt.search, AsOf: today})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Name)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("search %q = %v, want %v", tt.search, got, tt.want)
		}
	}
	// A decision number finds its product.
	all, _ := s.Products(ctx, ProductQuery{AsOf: today})
	rows, _ := s.Products(ctx, ProductQuery{Search: all[3].DecisionNo, AsOf: today})
	if len(rows) != 1 || rows[0].ID != all[3].ID {
		t.Errorf("search by decision %s found %d rows", all[3].DecisionNo, len(rows))
	}
	// Vietnamese order: "Bột" before "Cao", "Du lịch" before "Gạo", "Hạt" before "Hoa".
	var names []string
	for _, r := range all {
		names = append(names, r.Name)
	}
	joined := strings.Join(names, "|")
	if !strings.HasPrefix(joined, "Bánh cuốn trứng Thất Khê|Bột thạch đen Đoàn Kết|Cao xương khớp Tràng Định|Chè Shan tuyết") {
		t.Errorf("order: %v", names)
	}
}

func TestWriteProductsCSV(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	today := day("2026-11-28")
	s.FillDemo(ctx, today)
	rows, _ := s.Products(ctx, ProductQuery{Search: "bot thach den", AsOf: today})
	var buf bytes.Buffer
	if err := WriteProductsCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "id,name,producer,producer_type,commune,set_code,stars,score,decision_no,decision_date,valid_until,status" {
		t.Errorf("header = %v", recs[0])
	}
	r := recs[1]
	decided, _ := time.Parse("2006-01-02", r[9])
	until, _ := time.Parse("2006-01-02", r[10])
	if r[1] != "Bột thạch đen Đoàn Kết" || r[3] != "htx" || r[4] != "Đoàn Kết" || r[5] != "I.3.c" || r[6] != "3" ||
		r[7] != "66.36" || !strings.HasSuffix(r[8], "/QĐ-UBND") || r[11] != "sap_het_han" ||
		!until.Equal(AddMonths(decided, 36)) {
		t.Errorf("row = %v", r)
	}
}

func TestSummarizeAndFilter(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	today := day("2026-11-28")
	s.FillDemo(ctx, today)
	rows, _ := s.Products(ctx, ProductQuery{AsOf: today})
	sum := Summarize(rows)
	total := 0
	for _, n := range sum.ByStatus {
		total += n
	}
	stars := 0
	for _, n := range sum.ByStars {
		stars += n
	}
	if total != len(rows) || stars != sum.Certified || sum.Certified != len(rows)-sum.ByStatus[StatusNone] {
		t.Errorf("counts do not add up: %+v", sum)
	}
	if len(sum.Attention) != sum.ByStatus[StatusExpiring]+sum.ByStatus[StatusExpired] {
		t.Errorf("%d need attention, want expiring + expired", len(sum.Attention))
	}
	for i := 1; i < len(sum.Attention); i++ {
		a, b := sum.Attention[i-1], sum.Attention[i]
		if a.Status == StatusExpired && b.Status == StatusExpiring {
			t.Error("expired listed before expiring")
		}
		if a.Status == b.Status && a.Status == StatusExpiring && a.ValidUntil.After(b.ValidUntil) {
			t.Error("expiring not soonest first")
		}
	}
	expired := FilterProducts(rows, ProductFilter{Status: StatusExpired})
	if len(expired) != sum.ByStatus[StatusExpired] {
		t.Errorf("status filter: %d, want %d", len(expired), sum.ByStatus[StatusExpired])
	}
	both := FilterProducts(rows, ProductFilter{Status: StatusValid, Search: "thach den"})
	if len(both) != 1 || both[0].Name != "Thạch đen Tràng Định" {
		t.Errorf("search within status: %v", both)
	}
}

// The product list read in slices side by side is the list read at once.
func TestProductsReadInSlices(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	whole, err := s.loadProductsAt(ctx, "2026-11-28", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func(old int64, procs int) {
		splitProductsAbove = old
		runtime.GOMAXPROCS(procs)
	}(splitProductsAbove, runtime.GOMAXPROCS(4))
	splitProductsAbove = 1
	sliced, err := s.loadProductsAt(ctx, "2026-11-28", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != 25 || !reflect.DeepEqual(whole, sliced) {
		t.Errorf("read at once %d rows, in slices %d rows, equal %v", len(whole), len(sliced), reflect.DeepEqual(whole, sliced))
	}
}
