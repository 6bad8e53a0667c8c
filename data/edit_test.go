package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// editStore is a store with the office's staff name set and one producer
// with one certified product.
func editStore(t *testing.T) (*Store, *Producer, *Product) {
	t.Helper()
	s := openTemp(t)
	ctx := context.Background()
	st, _ := s.Settings(ctx)
	st.OfficeName, st.StaffName = "PHÒNG KINH TẾ", "Lương Thị Hoa"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	pr := &Producer{Name: "HTX Thạch đen Tràng Định", Type: "htx"}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	p := &Product{Name: "Thạch đen Tràng Định", ProducerID: pr.ID, SetCode: "I.3.c"}
	c := &Certification{DecisionNo: "2412/QĐ-UBND", DecisionDate: day("2024-12-06"), Score: 7250, HasScore: true, Stars: 4}
	if err := s.AddProduct(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	return s, pr, p
}

func TestAddProductWithFirstCertification(t *testing.T) {
	s, _, p := editStore(t)
	ctx := context.Background()
	rows, _ := s.Products(ctx, ProductQuery{AsOf: day("2025-01-01")})
	if len(rows) != 1 || rows[0].Stars != 4 || rows[0].DecisionNo != "2412/QĐ-UBND" || VNDate(rows[0].ValidUntil) != "06/12/2027" {
		t.Fatalf("listed %+v", rows)
	}
	log, err := s.ChangeLog(ctx, EntityProduct, p.ID)
	if err != nil || len(log) != 1 {
		t.Fatalf("log %+v, %v", log, err)
	}
	if log[0].Staff != "Lương Thị Hoa" || log[0].Action != ActionAdd || !strings.Contains(log[0].Details, "2412/QĐ-UBND ngày 06/12/2024, 4 sao, 72,5 điểm") {
		t.Errorf("log line %+v", log[0])
	}
}

func TestInvalidInputWritesNothing(t *testing.T) {
	s, pr, _ := editStore(t)
	ctx := context.Background()
	cases := []struct {
		p     Product
		c     *Certification
		field string
	}{
		{Product{Name: "  ", ProducerID: pr.ID}, nil, "Tên sản phẩm"},
		{Product{Name: "Miến dong", ProducerID: 0}, nil, "Chủ thể"},
		{Product{Name: "Miến dong", ProducerID: pr.ID}, &Certification{Stars: 4}, "Ngày quyết định"},
		{Product{Name: "Miến dong", ProducerID: pr.ID}, &Certification{DecisionDate: day("2024-01-01"), Stars: 6}, "Hạng sao"},
		{Product{Name: "Miến dong", ProducerID: pr.ID}, &Certification{DecisionDate: day("2024-01-01"), Stars: 3,
			ValidUntil: day("2023-01-01")}, "Hiệu lực đến"},
	}
	for _, c := range cases {
		p := c.p
		err := s.AddProduct(ctx, &p, c.c)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%+v %+v: error %v, want one about %s", c.p, c.c, err, c.field)
		}
	}
	// A product whose producer does not exist fails in the store: nothing is left half written.
	err := s.AddProduct(ctx, &Product{Name: "Miến dong", ProducerID: 999}, &Certification{DecisionDate: day("2024-01-01"), Stars: 3})
	if err == nil {
		t.Error("product of a missing producer was accepted")
	}
	if c, _ := s.Counts(ctx); c.Products != 1 {
		t.Errorf("%d products after invalid input, want 1", c.Products)
	}
}

func TestUpdateProductLogsChangesAndLeavesOthers(t *testing.T) {
	s, pr, p := editStore(t)
	ctx := context.Background()
	other := &Product{Name: "Miến dong Bình Gia", ProducerID: pr.ID}
	if err := s.AddProduct(ctx, other, nil); err != nil {
		t.Fatal(err)
	}
	edited := *p
	edited.Name = "Thạch đen Tràng Định loại 1"
	edited.SetCode = "I.3.b"
	if err := s.UpdateProduct(ctx, edited); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Product(ctx, p.ID)
	if got.Name != edited.Name || got.SetCode != "I.3.b" {
		t.Errorf("after edit: %+v", got)
	}
	if o, _ := s.Product(ctx, other.ID); o.Name != "Miến dong Bình Gia" || o.SetCode != "" {
		t.Errorf("other product changed: %+v", o)
	}
	log, _ := s.ChangeLog(ctx, EntityProduct, p.ID)
	if len(log) != 2 || log[0].Action != ActionEdit ||
		log[0].Details != "Tên sản phẩm: «Thạch đen Tràng Định» → «Thạch đen Tràng Định loại 1»\nBộ sản phẩm: «I.3.c» → «I.3.b»" {
		t.Errorf("log %+v", log)
	}
	// Saving without changes writes no log line.
	if err := s.UpdateProduct(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if log, _ := s.ChangeLog(ctx, EntityProduct, p.ID); len(log) != 2 {
		t.Errorf("%d log lines after an unchanged save, want 2", len(log))
	}
}

func TestReEvaluationBecomesLatest(t *testing.T) {
	s, _, p := editStore(t)
	ctx := context.Background()
	re := &Certification{ProductID: p.ID, DecisionNo: "88/QĐ-UBND", DecisionDate: day("2027-11-20"), Score: 8100, HasScore: true, Stars: 5}
	if err := s.AddCertification(ctx, re); err != nil {
		t.Fatal(err)
	}
	history, _ := s.Certifications(ctx, p.ID)
	if len(history) != 2 || history[0].DecisionNo != "88/QĐ-UBND" || history[1].DecisionNo != "2412/QĐ-UBND" {
		t.Fatalf("history %+v", history)
	}
	rows, _ := s.Products(ctx, ProductQuery{AsOf: day("2027-12-10")})
	if rows[0].Stars != 5 || rows[0].Status != StatusValid {
		t.Errorf("list shows %+v, want the 5-star re-evaluation", rows[0])
	}
	// Correct the re-evaluation, then delete it: the list falls back to the first decision.
	fixed := history[0]
	fixed.DecisionNo = "89/QĐ-UBND"
	if err := s.UpdateCertification(ctx, fixed); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCertification(ctx, fixed.ID); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Products(ctx, ProductQuery{AsOf: day("2027-12-10")})
	if rows[0].Stars != 4 || rows[0].Status != StatusExpired {
		t.Errorf("after deleting the re-evaluation the list shows %+v", rows[0])
	}
	if err := s.RestoreCertification(ctx, fixed.ID); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Products(ctx, ProductQuery{AsOf: day("2027-12-10")})
	if rows[0].DecisionNo != "89/QĐ-UBND" {
		t.Errorf("after restoring, the list shows %+v", rows[0])
	}
	log, _ := s.ChangeLog(ctx, EntityProduct, p.ID)
	var actions []string
	for _, l := range log {
		actions = append(actions, l.Action)
	}
	if strings.Join(actions, ",") != "khoi_phuc,xoa,sua,them,them" {
		t.Errorf("log actions %v", actions)
	}
}

func TestDeleteAndRestore(t *testing.T) {
	s, pr, p := editStore(t)
	ctx := context.Background()
	var inUse *InUseError
	if err := s.DeleteProducer(ctx, pr.ID); !errors.As(err, &inUse) || len(inUse.Products) != 1 || inUse.Products[0] != p.Name {
		t.Fatalf("deleting a producer with products: %v", err)
	}
	if err := s.DeleteProduct(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := s.Products(ctx, ProductQuery{}); len(rows) != 0 {
		t.Errorf("deleted product still listed")
	}
	if _, err := s.Product(ctx, p.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("reading a deleted product: %v", err)
	}
	if err := s.DeleteProducer(ctx, pr.ID); err != nil {
		t.Fatalf("deleting a producer without products: %v", err)
	}
	if list, _ := s.Producers(ctx); len(list) != 0 {
		t.Errorf("deleted producer still listed")
	}
	trash, _ := s.Trash(ctx)
	if len(trash) != 2 {
		t.Fatalf("trash %+v", trash)
	}
	// Restoring the product brings its producer back too.
	for _, it := range trash {
		if it.Kind == EntityProduct {
			if err := s.Restore(ctx, it); err != nil {
				t.Fatal(err)
			}
		}
	}
	rows, _ := s.Products(ctx, ProductQuery{})
	if len(rows) != 1 || rows[0].Producer != pr.Name || rows[0].Stars != 4 {
		t.Errorf("after restore: %+v", rows)
	}
	if trash, _ := s.Trash(ctx); len(trash) != 0 {
		t.Errorf("trash after restore: %+v", trash)
	}
	if log, _ := s.ChangeLog(ctx, EntityProducer, pr.ID); len(log) != 3 || log[0].Action != ActionRestore {
		t.Errorf("producer log %+v", log)
	}
}

func TestUpdateProducer(t *testing.T) {
	s, pr, _ := editStore(t)
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	edited := *pr
	edited.Phone = "0912 345 678"
	edited.CommuneID = communes[0].ID
	if err := s.UpdateProducer(ctx, edited); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Producer(ctx, pr.ID)
	if got.Phone != "0912 345 678" || got.CommuneID != communes[0].ID {
		t.Errorf("after edit %+v", got)
	}
	log, _ := s.ChangeLog(ctx, EntityProducer, pr.ID)
	if len(log) != 2 || !strings.Contains(log[0].Details, "Điện thoại: «» → «0912 345 678»") ||
		!strings.Contains(log[0].Details, "Xã, phường: «» → «"+communes[0].Name+"»") {
		t.Errorf("log %+v", log)
	}
	edited.Name = ""
	var fe *FieldError
	if err := s.UpdateProducer(ctx, edited); !errors.As(err, &fe) || fe.Field != "Tên chủ thể" {
		t.Errorf("empty name: %v", err)
	}
}

func TestFilterByCommuneGroupStarsType(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Products(ctx, ProductQuery{AsOf: day("2026-11-28")})
	first := rows[0]
	checks := []struct {
		f    ProductFilter
		keep func(ProductRow) bool
	}{
		{ProductFilter{CommuneID: first.CommuneID}, func(r ProductRow) bool { return r.CommuneID == first.CommuneID }},
		{ProductFilter{Group: "I"}, func(r ProductRow) bool { return strings.HasPrefix(r.SetCode, "I.") }},
		{ProductFilter{Stars: 4}, func(r ProductRow) bool { return r.Stars == 4 }},
		{ProductFilter{ProducerType: "htx"}, func(r ProductRow) bool { return r.ProducerType == "htx" }},
		{ProductFilter{Stars: 3, Status: StatusValid}, func(r ProductRow) bool { return r.Stars == 3 && r.Status == StatusValid }},
	}
	for _, c := range checks {
		got := FilterProducts(rows, c.f)
		want := 0
		for _, r := range rows {
			if c.keep(r) {
				want++
			}
		}
		if len(got) != want || want == 0 || want == len(rows) {
			t.Errorf("%+v: %d rows, want %d of %d", c.f, len(got), want, len(rows))
		}
		for _, r := range got {
			if !c.keep(r) {
				t.Errorf("%+v kept %s", c.f, r.Name)
			}
		}
	}
}

func TestProductSearchNarrowsLikeAFullFilter(t *testing.T) {
	s := openTemp(t)
	fillLarge(t, s, 400, 1)
	rows, _ := s.Products(context.Background(), ProductQuery{})
	search := NewProductSearch(rows)
	seq := []ProductFilter{{Search: "h"}, {Search: "ha"}, {Search: "hat"}, {Search: "hat d"}, {Search: "hat de"},
		{Search: "hat d"}, {Search: "hat de", Stars: 4}, {Search: "hat de 1", Stars: 4}, {Search: "de hat"}, {Search: "khau nhuc"},
		{Search: "khau  nhuc that"}, {}, {Search: "mien", ProducerType: "htx"}}
	for _, f := range seq {
		got, want := search.Filter(f), FilterProducts(rows, f)
		if got.Len() != len(want) {
			t.Fatalf("%+v: %d rows, a full filter gives %d", f, got.Len(), len(want))
		}
		for i := range want {
			if got.At(i).ID != want[i].ID {
				t.Fatalf("%+v: row %d differs", f, i)
			}
		}
	}
	// Large lists are filtered in parallel slices: same rows, same order.
	big := make([]ProductRow, 0, 12000)
	for len(big) < 12000 {
		big = append(big, rows...)
	}
	par := FilterProducts(big, ProductFilter{Search: "hat de"})
	all := make([]int32, len(big))
	for i := range all {
		all[i] = int32(i)
	}
	seqRows := matching(big, all, ProductFilter{}, []string{"hat", "de"})
	if len(par) != len(seqRows) || len(par) == 0 {
		t.Fatalf("parallel %d rows, sequential %d", len(par), len(seqRows))
	}
	for i := range par {
		if par[i].ID != big[seqRows[i]].ID {
			t.Fatalf("parallel order differs at %d", i)
		}
	}
}

func TestProductListSeesChangesFromAnotherConnection(t *testing.T) {
	s, _, p := editStore(t)
	ctx := context.Background()
	if rows, _ := s.Products(ctx, ProductQuery{}); len(rows) != 1 {
		t.Fatal("product not listed")
	}
	// Another program (here: another connection) renames the product.
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	edited, _ := other.Product(ctx, p.ID)
	edited.Name = "Thạch đen Tràng Định (sửa ở máy khác)"
	if err := other.UpdateProduct(ctx, edited); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Products(ctx, ProductQuery{})
	if len(rows) != 1 || rows[0].Name != edited.Name {
		t.Errorf("list shows %q after another connection's change", rows[0].Name)
	}
}
