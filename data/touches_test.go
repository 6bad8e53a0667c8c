package data

import (
	"context"
	"fmt"
	"testing"
)

// TestOwnEditsPatchTheList edits the demo data one way after another: after
// each of this program's own edits the product list is what a full read
// gives (rows, order, latest decision, search text) without a full read;
// a write by another program is read in full.
func TestOwnEditsPatchTheList(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	list := func() []ProductRow {
		rows, err := s.Products(ctx, ProductQuery{AsOf: day("2026-11-28")})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	first := list()
	producers, _ := s.Producers(ctx)
	other, err := Open(s.Path()) // another program on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var added Product
	steps := []struct {
		name string
		edit func() error
		full bool // read in full
	}{
		{"rename a product to the front", func() error {
			p, _ := s.Product(ctx, first[10].ID)
			p.Name = "Ấm chè " + p.Name
			return s.UpdateProduct(ctx, p)
		}, false},
		{"add a product with a decision", func() error {
			added = Product{ProducerID: producers[0].ID, Name: "Mật ong bạc hà", SetCode: "I.3.c"}
			return s.AddProduct(ctx, &added, &Certification{DecisionDate: day("2026-11-01"), Stars: 4})
		}, false},
		{"a re-evaluation", func() error {
			return s.AddCertification(ctx, &Certification{ProductID: first[3].ID, DecisionDate: day("2026-11-20"), Stars: 5})
		}, false},
		{"delete a product", func() error { return s.DeleteProduct(ctx, first[5].ID) }, false},
		{"restore it", func() error { return s.RestoreProduct(ctx, first[5].ID) }, false},
		{"rename a producer: all its products", func() error {
			p, _ := s.Producer(ctx, producers[1].ID)
			p.Name = "Hợp tác xã Zô " + p.Name
			return s.UpdateProducer(ctx, p)
		}, false},
		{"a setting (logs nothing)", func() error {
			st, _ := s.Settings(ctx)
			st.StaffName = "Nguyễn Văn Bình"
			return s.SaveSettings(ctx, st)
		}, true},
		{"another program's edit", func() error {
			return other.AddCertification(ctx, &Certification{ProductID: first[7].ID, DecisionDate: day("2026-11-21"), Stars: 3})
		}, true},
	}
	for _, st := range steps {
		list()
		before := s.Loads().Lists
		if err := st.edit(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got := list()
		if full := s.Loads().Lists > before; full != st.full {
			t.Errorf("%s: list read in full %v, want %v", st.name, full, st.full)
		}
		want, err := s.loadProductsAt(ctx, "9999-12-31", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, a full read gives %d", st.name, len(got), len(want))
		}
		for i := range want {
			w := want[i]
			w.Status = got[i].Status
			if fmt.Sprint(got[i]) != fmt.Sprint(w) {
				t.Errorf("%s: row %d is %v, a full read gives %v", st.name, i, got[i], w)
				break
			}
		}
	}
	if got := list(); got[0].Name[:len("Ấm chè")] != "Ấm chè" {
		t.Errorf("the renamed product is not first: %q", got[0].Name)
	}
}
