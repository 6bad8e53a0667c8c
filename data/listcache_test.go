package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The product list kept between runs (listcache.go): a start with nothing
// changed reads it from its file, any change made in between (by this
// program, another copy, another SQLite tool, a backup copied back) reads
// the database again, and a damaged file is never trusted.

// listOf is what the list shows of a store today, with what the search
// finds for a word of a product's name, producer and commune.
func listOf(t *testing.T, s *Store) ([]ProductRow, []int64) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.Products(ctx, ProductQuery{AsOf: day("2026-11-28")})
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.Products(ctx, ProductQuery{AsOf: day("2026-11-28"), Search: "thach khe"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range found {
		ids = append(ids, r.ID)
	}
	return rows, ids
}

// reopen closes s and opens its database again.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	n, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// listStore is reportStore with a product whose name the search below finds.
func listStore(t *testing.T) *Store {
	s := reportStore(t)
	ctx := context.Background()
	rows, _ := s.Products(ctx, ProductQuery{})
	p, err := s.Product(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Thạch đen Tràng Định"
	if err := s.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestListKeptBetweenRuns(t *testing.T) {
	s := listStore(t)
	before, found := listOf(t, s)
	if len(found) != 1 {
		t.Fatalf("search found %v, want the one product", found)
	}
	start := s.Loads()
	s = reopen(t, s)
	if _, err := os.Stat(s.Path() + "-cache"); err != nil {
		t.Fatalf("no list kept at close: %v", err)
	}
	after, foundAfter := listOf(t, s)
	if l := s.Loads(); l.Lists != 0 || l.Files != 1 {
		t.Errorf("after a restart with nothing changed: %+v, want the list read from its file only (before: %+v)", l, start)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the kept list differs from the database's:\n%+v\n%+v", before, after)
	}
	if !reflect.DeepEqual(found, foundAfter) {
		t.Errorf("search finds %v from the kept list, %v from the database", foundAfter, found)
	}
}

func TestListReadAgainAfterAChangeBetweenRuns(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, path string)
	}{
		{"another copy of the program renames a product", func(t *testing.T, path string) {
			o, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			rows, _ := o.Products(ctx, ProductQuery{})
			p, _ := o.Product(ctx, rows[1].ID)
			p.Name = "Tên mới"
			if err := o.UpdateProduct(ctx, p); err != nil {
				t.Fatal(err)
			}
		}},
		{"another SQLite tool renames a commune", otherTool("UPDATE communes SET name = 'Tên mới' WHERE name = 'Thất Khê'")},
		{"another SQLite tool ends a certificate", otherTool("UPDATE certifications SET valid_until = '2026-01-01'")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := listStore(t)
			kept, _ := listOf(t, s)
			path := s.Path()
			s.Close()
			tc.change(t, path)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, _ := listOf(t, s)
			if l := s.Loads(); l.Files != 0 || l.Lists != 1 {
				t.Errorf("reads %+v, want the database read again", l)
			}
			if reflect.DeepEqual(kept, got) {
				t.Error("the list shows the state before the change")
			}
			sameAsFullRead(t, s, "the list", got)
		})
	}
}

// writeThenOpen writes b to file, then opens the database at path.
func writeThenOpen(t *testing.T, file string, b []byte, path string) *Store {
	t.Helper()
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// otherTool writes query into the database at path, as a SQLite tool other
// than this program would: no change log, no store.
func otherTool(query string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(query); err != nil {
			t.Fatal(err)
		}
	}
}

// A backup copied back over the database is another state, even when the
// program made as many changes after it as before: the list kept at close
// is not the backup's.
func TestListNotTakenForARestoredCopy(t *testing.T) {
	ctx := context.Background()
	s := listStore(t)
	path := s.Path()
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupTo(ctx, backup); err != nil {
		t.Fatal(err)
	}
	old, _ := listOf(t, s)
	rows, _ := s.Products(ctx, ProductQuery{})
	p, _ := s.Product(ctx, rows[2].ID)
	p.Name = "Sau bản sao"
	if err := s.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	listOf(t, s)
	s.Close()
	for _, f := range []string{"", "-wal", "-shm"} {
		os.Remove(path + f)
	}
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	s = writeThenOpen(t, path, b, path)
	got, _ := listOf(t, s)
	if l := s.Loads(); l.Files != 0 {
		t.Errorf("reads %+v: the list kept after the copy was taken for the copy's", l)
	}
	if !reflect.DeepEqual(old, got) {
		t.Error("the list is not the copy's")
	}
}

func TestListFileDamaged(t *testing.T) {
	s := listStore(t)
	want, _ := listOf(t, s)
	path := s.Path()
	s.Close()
	cache := path + "-cache"
	good, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	tag := headerTag(good)
	rows, err := decodeList(good, tag)
	if err != nil || len(rows) != len(want) {
		t.Fatalf("the file as written: %d rows, %v", len(rows), err)
	}
	// Every cut and every changed byte is refused, never a panic or a list
	// that is not the database's.
	for n := range len(good) {
		if _, err := decodeList(good[:n], tag); err == nil {
			t.Fatalf("a file cut at %d bytes of %d was read", n, len(good))
		}
	}
	for i := range good {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x5a
		if _, err := decodeList(bad, tag); err == nil {
			t.Fatalf("a file with byte %d changed was read", i)
		}
	}
	// A list written with another folding or sort order is another program's.
	other := append([]byte(nil), good...)
	other[len(listMagic)+20]++
	if _, err := decodeList(other, tag); err == nil {
		t.Error("a file of other sort keys was read")
	}
	// At start, a damaged file only costs the read from the database.
	bad := append([]byte(nil), good...)
	bad[len(bad)/2] ^= 1
	s = writeThenOpen(t, cache, bad, path)
	got, _ := listOf(t, s)
	if l := s.Loads(); l.Files != 0 || l.Lists != 1 || !reflect.DeepEqual(want, got) {
		t.Errorf("with a damaged file: reads %+v, same list %v", l, reflect.DeepEqual(want, got))
	}
}

// The list is kept soon after a full read and after an edit too, not only
// at a close that a power cut may never bring.
func TestListKeptSoonAfterReadAndEdit(t *testing.T) {
	defer func(d time.Duration) { keepAfter = d }(keepAfter)
	keepAfter = 10 * time.Millisecond
	ctx := context.Background()
	s := listStore(t)
	cache := s.Path() + "-cache"
	os.Remove(cache)
	s.products.mu.Lock()
	s.products.loaded = false // read in full again, as at a start
	s.products.mu.Unlock()
	listOf(t, s)
	kept := func(what string, ok func([]byte) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			if b, err := os.ReadFile(cache); err == nil && ok(b) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s was not kept", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	kept("the list read in full", func([]byte) bool { return true })
	rows, _ := s.Products(ctx, ProductQuery{})
	p, _ := s.Product(ctx, rows[3].ID)
	p.Name = "Mật ong bạc hà"
	if err := s.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	want, _ := listOf(t, s) // the edit read again alone
	kept("the edit", func(b []byte) bool { return bytes.Contains(b, []byte("Mật ong bạc hà")) })
	// The power fails: the store is never closed. The next start reads
	// the edited list from the file.
	next, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	got, _ := listOf(t, next)
	if l := next.Loads(); l.Files != 1 || l.Lists != 0 || !reflect.DeepEqual(want, got) {
		t.Errorf("after the power cut: reads %+v, same list %v", l, reflect.DeepEqual(want, got))
	}
}

// A large import drops the tags' triggers for its transaction and puts
// them back as they were, with new tags; one that fails leaves them as
// they were too.
func TestLargeImportKeepsTheTags(t *testing.T) {
	ctx := context.Background()
	s := listStore(t)
	triggers := func() string {
		var defs string
		if err := s.db.QueryRow("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'list%' ORDER BY name)").Scan(&defs); err != nil {
			t.Fatal(err)
		}
		return defs
	}
	before, tags := triggers(), readListTags(ctx, s.db)
	if strings.Count(before, "CREATE TRIGGER") != 14 {
		t.Fatalf("%d triggers to begin with", strings.Count(before, "CREATE TRIGGER"))
	}
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	listOf(t, other) // a second window holding the list
	var rows []ImportRow
	for i := range patchAtMost + 1 {
		rows = append(rows, ImportRow{Sheet: "DS", Row: i + 2, Product: fmt.Sprintf("Miến dong số %d", i), Producer: "HTX Miến dong Bình Liêu",
			ProducerType: "htx", Cert: &Certification{DecisionNo: "77/QĐ-UBND", DecisionDate: day("2026-10-01"), Stars: 3}})
	}
	plan, err := s.PreviewImport(ctx, rows, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CommitImport(ctx, "DanhSach.xlsx", plan); err != nil {
		t.Fatal(err)
	}
	after := readListTags(ctx, s.db)
	if got := triggers(); got != before {
		t.Errorf("the triggers after the import:\n%s\nwant\n%s", got, before)
	}
	if bytes.Equal(after.list, tags.list) || bytes.Equal(after.decisions, tags.decisions) {
		t.Error("the import left a tag as it was")
	}
	if got, _ := listOf(t, other); len(got) != len(rows)+5 {
		t.Errorf("the second window lists %d products, want %d", len(got), len(rows)+5)
	}
	// The triggers work again: a rename changes the list's tag.
	all, _ := s.Products(ctx, ProductQuery{})
	p, _ := s.Product(ctx, all[0].ID)
	p.Name += " mới"
	if err := s.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(readListTags(ctx, s.db).list, after.list) {
		t.Error("a rename after the import left the list's tag as it was")
	}
	// An import that fails half way rolls the drop back too.
	bad := append([]ImportRow(nil), rows...)
	for i := range bad {
		bad[i].Product += " lần hai"
	}
	plan, err = s.PreviewImport(ctx, bad, true)
	if err != nil {
		t.Fatal(err)
	}
	plan.Rows[len(plan.Rows)-1].Cert = &Certification{DecisionNo: "x", Stars: 9} // refused as it is written
	if _, err := s.CommitImport(ctx, "Hong.xlsx", plan); err == nil {
		t.Fatal("an import with a 9-star decision was written")
	}
	if got := triggers(); got != before {
		t.Errorf("the triggers after a failed import:\n%s", got)
	}
}
