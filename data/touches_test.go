package data

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
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
	steps := []listStep{
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
		{"a setting (logs nothing, leaves the list's tag as it was)", func() error {
			st, _ := s.Settings(ctx)
			st.StaffName = "Nguyễn Văn Bình"
			return s.SaveSettings(ctx, st)
		}, false},
		{"a commune renamed (logs nothing, changes the list's tag)", func() error {
			return s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, "UPDATE communes SET name = name || ' (mới)' WHERE id = (SELECT commune_id FROM producers WHERE id = ?)", first[2].ProducerID)
				return err
			})
		}, true},
		{"another program's edit (read from the change log)", func() error {
			return other.AddCertification(ctx, &Certification{ProductID: first[7].ID, DecisionDate: day("2026-11-21"), Stars: 3})
		}, false},
	}
	runListSteps(t, s, list, steps)
	if got := list(); got[0].Name[:len("Ấm chè")] != "Ấm chè" {
		t.Errorf("the renamed product is not first: %q", got[0].Name)
	}
}

// listStep is one write of a list test, and whether the list must then be
// read in full.
type listStep struct {
	name string
	edit func() error
	full bool
}

// runListSteps makes each step's write, then checks that the list of s
// (as list reads it) was read in full only when the step says so, and is
// what a full read gives.
func runListSteps(t *testing.T, s *Store, list func() []ProductRow, steps []listStep) {
	t.Helper()
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
		sameAsFullRead(t, s, st.name, got)
	}
}

// sameAsFullRead fails the test when got is not what a full read of s gives.
func sameAsFullRead(t *testing.T, s *Store, what string, got []ProductRow) {
	t.Helper()
	want, err := s.loadProductsAt(context.Background(), "9999-12-31", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, a full read gives %d", what, len(got), len(want))
		return
	}
	for i := range want {
		w := want[i]
		w.Status = got[i].Status
		if fmt.Sprint(got[i]) != fmt.Sprint(w) {
			t.Errorf("%s: row %d is %v, a full read gives %v", what, i, got[i], w)
			return
		}
	}
}

// TestOtherProgramsWritesPatchTheList writes with a second store on the
// same file, as another program does (the command line's import, a second
// window): after each write the first store's product list is what a full
// read gives; the writes the change log names in full are patched, the
// others (an import undone, a restore, a gap in the log, a dossier) read in
// full.
func TestOtherProgramsWritesPatchTheList(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	asOf := day("2026-11-28")
	list := func() []ProductRow {
		rows, err := s.Products(ctx, ProductQuery{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	first := list()
	producers, _ := s.Producers(ctx)
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var importID int64
	var backup string
	importRows := func(names ...string) []ImportRow {
		var rows []ImportRow
		for i, n := range names {
			rows = append(rows, ImportRow{Sheet: "DS", Row: i + 2, Product: n, Producer: "Hộ kinh doanh Lò Văn Nhập",
				ProducerType: producers[0].Type, SetCode: "I.3.c",
				Cert: &Certification{DecisionNo: fmt.Sprintf("%d/QĐ-UBND", 900+i), DecisionDate: day("2026-11-25"), Stars: 3}})
		}
		return rows
	}
	doImport := func(names ...string) error {
		p, err := other.PreviewImport(ctx, importRows(names...), false)
		if err != nil {
			return err
		}
		res, err := other.CommitImport(ctx, "DanhSach.xlsx", p)
		importID = res.ImportID
		return err
	}
	steps := []listStep{
		{"rename a product", func() error {
			p, _ := other.Product(ctx, first[10].ID)
			p.Name = "Ấm chè " + p.Name
			return other.UpdateProduct(ctx, p)
		}, false},
		{"add a product with a decision", func() error {
			return other.AddProduct(ctx, &Product{ProducerID: producers[0].ID, Name: "Mật ong bạc hà", SetCode: "I.3.c"},
				&Certification{DecisionDate: day("2026-11-01"), Stars: 4})
		}, false},
		{"a re-evaluation", func() error {
			return other.AddCertification(ctx, &Certification{ProductID: first[3].ID, DecisionDate: day("2026-11-20"), Stars: 5})
		}, false},
		{"delete a product", func() error { return other.DeleteProduct(ctx, first[5].ID) }, false},
		{"restore it from the trash", func() error {
			trash, err := other.Trash(ctx)
			if err != nil || len(trash) == 0 {
				return fmt.Errorf("trash %v, %v", trash, err)
			}
			return other.Restore(ctx, trash[0])
		}, false},
		{"a producer's products deleted, then the producer", func() error {
			for _, r := range first {
				if r.ProducerID == producers[2].ID {
					if err := other.DeleteProduct(ctx, r.ID); err != nil {
						return err
					}
				}
			}
			return other.DeleteProducer(ctx, producers[2].ID)
		}, false},
		{"the producer and its products restored", func() error {
			if err := other.RestoreProducer(ctx, producers[2].ID); err != nil {
				return err
			}
			for _, r := range first {
				if r.ProducerID == producers[2].ID {
					if err := other.RestoreProduct(ctx, r.ID); err != nil {
						return err
					}
				}
			}
			return nil
		}, false},
		{"rename a producer", func() error {
			p, _ := other.Producer(ctx, producers[1].ID)
			p.Name = "Hợp tác xã Zô " + p.Name
			return other.UpdateProducer(ctx, p)
		}, false},
		{"delete a decision", func() error {
			certs, _ := other.Certifications(ctx, first[3].ID)
			return other.DeleteCertification(ctx, certs[len(certs)-1].ID)
		}, false},
		{"a setting and a product edited between two looks", func() error {
			st, _ := other.Settings(ctx)
			st.StaffName = "Trần Thị Hoa"
			if err := other.SaveSettings(ctx, st); err != nil {
				return err
			}
			p, _ := other.Product(ctx, first[12].ID)
			p.SetCode = ""
			return other.UpdateProduct(ctx, p)
		}, false},
		{"an import (more than a few ids)", func() error {
			return doImport("Trà hoa vàng", "Miến dong", "Cao ban long", "Ấm tử sa", "Bún khô", "Chè búp", "Dầu hồi",
				"Gừng gió", "Hạt dẻ rang", "Khau nhục", "Lạp sườn", "Măng khô", "Ớt chỉ thiên")
		}, false},
		{"the import undone (logs no product)", func() error { return other.UndoImport(ctx, importID) }, true},
		{"a setting alone (logs nothing, leaves the list's tag as it was)", func() error {
			st, _ := other.Settings(ctx)
			st.StaffName = "Lê Văn Nam"
			return other.SaveSettings(ctx, st)
		}, false},
		{"a commune renamed behind the log's back", func() error {
			_, err := other.db.Exec("UPDATE communes SET name = name || ' (mới)' WHERE id = (SELECT commune_id FROM producers WHERE id = ?)", first[3].ProducerID)
			return err
		}, true},
		{"a backup taken, then an edit", func() error {
			var err error
			if backup, err = other.BackupBefore(ctx, "thu"); err != nil {
				return err
			}
			time.Sleep(1100 * time.Millisecond) // the log's times tell the rows apart
			p, _ := other.Product(ctx, first[1].ID)
			p.Name = "Bánh " + p.Name
			return other.UpdateProduct(ctx, p)
		}, false},
		{"an edit, then the backup restored", func() error {
			p, _ := other.Product(ctx, first[2].ID)
			p.Name = "Kẹo " + p.Name
			if err := other.UpdateProduct(ctx, p); err != nil {
				return err
			}
			_, err := other.RestoreBackup(ctx, backup)
			return err
		}, true},
		{"edits seen, the backup restored again, then more edits past them", func() error {
			rename := func(r ProductRow, prefix string) error {
				p, _ := other.Product(ctx, r.ID)
				p.Name = prefix + p.Name
				return other.UpdateProduct(ctx, p)
			}
			if err := rename(first[1], "Trà "); err != nil {
				return err
			}
			if err := rename(first[2], "Mứt "); err != nil {
				return err
			}
			list() // the list has seen both
			if _, err := other.RestoreBackup(ctx, backup); err != nil {
				return err
			}
			for _, prefix := range []string{"Gạo ", "Nếp ", "Tỏi "} {
				if err := rename(first[9], prefix); err != nil {
					return err
				}
			}
			return nil
		}, true},
		{"a row of the log gone (a gap)", func() error {
			for _, r := range []ProductRow{first[4], first[11]} {
				p, _ := other.Product(ctx, r.ID)
				p.Name = "Rượu " + p.Name
				if err := other.UpdateProduct(ctx, p); err != nil {
					return err
				}
			}
			_, err := other.db.Exec("DELETE FROM change_log WHERE id = (SELECT max(id) - 1 FROM change_log)")
			return err
		}, true},
		{"a decision imported for a product already listed", func() error {
			rows := []ImportRow{{Sheet: "DS", Row: 2, Product: first[13].Name, Producer: first[13].Producer,
				ProducerType: first[13].ProducerType, SetCode: first[13].SetCode,
				Cert: &Certification{DecisionNo: "977/QĐ-UBND", DecisionDate: day("2026-11-26"), Stars: 5}}}
			p, err := other.PreviewImport(ctx, rows, true)
			if err != nil {
				return err
			}
			res, err := other.CommitImport(ctx, "CapNhat.xlsx", p)
			importID = res.ImportID
			if err == nil && res.Decisions+res.Updated == 0 {
				err = fmt.Errorf("the import added no decision: %+v", res)
			}
			return err
		}, false},
		{"that import undone, and a product edited", func() error {
			if err := other.UndoImport(ctx, importID); err != nil {
				return err
			}
			p, _ := other.Product(ctx, first[14].ID)
			p.Name = "Nấm " + p.Name
			return other.UpdateProduct(ctx, p)
		}, true},
		{"a product edited behind the log's back", func() error {
			if err := other.DeleteProduct(ctx, first[6].ID); err != nil {
				return err
			}
			_, err := other.db.Exec("UPDATE products SET deleted_at = datetime('now') WHERE id = ?", first[8].ID)
			return err
		}, true},
	}
	runListSteps(t, s, list, steps)
}
