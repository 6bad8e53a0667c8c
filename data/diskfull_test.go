package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data/internal/disktest"
)

// TestSavingOnAFullDisk: the database's disk fills up while products are
// being added. The save that does not fit is refused with a message that
// says the disk is full and where; every save reported done is there after
// space is freed, the one refused is not, and the database is sound.
func TestSavingOnAFullDisk(t *testing.T) {
	dir := disktest.Small(t, 8<<20) // room for a new database (its reference data is 2 MB) with the demo
	ctx := context.Background()
	path := filepath.Join(dir, "ocop.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Products(ctx, ProductQuery{})
	filler := disktest.Fill(t, dir, 256<<10)
	pr := &Producer{Name: "HTX Đầy Đĩa", Type: "htx"}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	saved := 0
	var last error
	for i := 0; i < 5000 && last == nil; i++ {
		p := &Product{ProducerID: pr.ID, Name: "Sản phẩm " + strings.Repeat("dài ", 200) + strconv.Itoa(i), Note: strings.Repeat("ghi chú ", 300)}
		if last = s.AddProduct(ctx, p, nil); last == nil {
			saved++
		}
	}
	if last == nil {
		t.Fatal("the disk never filled up")
	}
	if !errors.Is(last, ErrDiskFull) || !strings.Contains(last.Error(), "ổ đĩa đã đầy") ||
		!strings.Contains(last.Error(), dir) || !strings.Contains(last.Error(), "không có gì bị thay đổi") {
		t.Fatalf("the user is told: %v", last)
	}
	t.Logf("%d products saved before the disk was full; then: %v", saved, last)
	// Space is freed; the program goes on.
	os.Remove(filler)
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.Check(ctx); err != nil || len(r.Problems) != 0 {
		t.Fatalf("check after a full disk: %v %v", r.Problems, err)
	}
	after, _ := s.Products(ctx, ProductQuery{})
	if len(after) != len(before)+saved {
		t.Errorf("%d products after, want %d before + %d saved", len(after), len(before), saved)
	}
	if err := s.AddProduct(ctx, &Product{ProducerID: pr.ID, Name: "Sau khi dọn đĩa"}, nil); err != nil {
		t.Errorf("saving after space was freed: %v", err)
	}
}

// TestBackupOnAFullOrReadOnlyDisk: a backup that does not fit, or goes to a
// folder that may not be written, says so and leaves no partial file.
func TestBackupOnAFullOrReadOnlyDisk(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	full := disktest.Small(t, 256<<10)
	disktest.Fill(t, full, 16<<10)
	dest := filepath.Join(full, "saoluu.db")
	err := s.BackupTo(ctx, dest)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "không sao lưu được vào "+full+": ổ đĩa đã đầy") {
		t.Errorf("backup on a full disk: %v", err)
	}
	if names := listDir(full); len(names) != 1 || names[0] != "filler" {
		t.Errorf("left on the full disk: %v", names)
	}

	ro := disktest.Small(t, 1<<20)
	disktest.ReadOnly(t, ro)
	err = s.BackupTo(ctx, filepath.Join(ro, "saoluu.db"))
	if !errors.Is(err, ErrNoWriteAccess) || !strings.Contains(err.Error(), "không có quyền ghi") {
		t.Errorf("backup into a read-only folder: %v", err)
	}
	err = s.BackupTo(ctx, filepath.Join(ro, "thu-muc-moi", "saoluu.db"))
	if !errors.Is(err, ErrNoWriteAccess) {
		t.Errorf("backup into a new folder on a read-only disk: %v", err)
	}
	if names := listDir(ro); len(names) != 0 {
		t.Errorf("left in the read-only folder: %v", names)
	}
	if rows, _ := s.Products(ctx, ProductQuery{}); len(rows) != 25 {
		t.Errorf("%d products after failed backups, want 25", len(rows))
	}
}

func listDir(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
