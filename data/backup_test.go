package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDailyBackupOncePerDayAndPruned(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	first, err := s.DailyBackup(ctx, time.Date(2026, 11, 28, 8, 0, 0, 0, time.Local))
	if err != nil || first == "" {
		t.Fatalf("first backup %q, %v", first, err)
	}
	again, err := s.DailyBackup(ctx, time.Date(2026, 11, 28, 17, 0, 0, 0, time.Local))
	if err != nil || again != "" {
		t.Errorf("a second backup the same day: %q, %v", again, err)
	}
	// Forty more days: only the newest 30 daily copies stay.
	for d := 1; d <= 40; d++ {
		if _, err := s.DailyBackup(ctx, time.Date(2026, 11, 28+d, 8, 0, 0, 0, time.Local)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != DefaultKeepDaily {
		t.Fatalf("%d backups kept, want %d", len(list), DefaultKeepDaily)
	}
	if list[0].At.Format("2006-01-02") != "2027-01-07" || list[0].Products != 25 || list[0].Producers != 10 ||
		list[0].Courses != 3 || list[0].Participants != 16 || list[0].Problem != "" || list[0].SchemaVersion != LatestSchemaVersion() {
		t.Errorf("newest backup %+v", list[0])
	}
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Error("the oldest daily backup was not pruned")
	}
}

func TestRestoreChecksFirstAndCanBeUndone(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	good, err := s.BackupBefore(ctx, "thu")
	if err != nil {
		t.Fatal(err)
	}
	// After the backup, a product is deleted.
	rows, _ := s.Products(ctx, ProductQuery{})
	if err := s.DeleteProduct(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	// Files that are not good backups are refused with the reason, and nothing changes.
	dir := t.TempDir()
	bad := map[string][]byte{"text.db": []byte("not a database"), "empty.db": nil}
	for name, content := range bad {
		os.WriteFile(filepath.Join(dir, name), content, 0o644)
	}
	truncated := filepath.Join(dir, "truncated.db")
	b, _ := os.ReadFile(good)
	os.WriteFile(truncated, b[:len(b)/2], 0o644)
	for _, name := range []string{"text.db", "empty.db", "truncated.db", "missing.db"} {
		if _, err := s.RestoreBackup(ctx, filepath.Join(dir, name)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n, _ := s.Products(ctx, ProductQuery{}); len(n) != 24 {
		t.Fatalf("%d products after refused restores, want 24", len(n))
	}
	// The good backup brings the product back; what was replaced is saved first.
	saved, err := s.RestoreBackup(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Products(ctx, ProductQuery{}); len(n) != 25 {
		t.Fatalf("%d products after restoring, want 25", len(n))
	}
	if info := InspectBackup(saved); info.Problem != "" || info.Products != 24 || info.Before != "khoi-phuc" {
		t.Errorf("the copy made before restoring: %+v", info)
	}
	// Restoring that copy undoes the restore.
	if _, err := s.RestoreBackup(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Products(ctx, ProductQuery{}); len(n) != 24 {
		t.Errorf("%d products after undoing the restore, want 24", len(n))
	}
	if r, err := s.Check(ctx); err != nil || len(r.Problems) > 0 {
		t.Errorf("check after restores: %+v %v", r, err)
	}
}

func TestBackupsOfTwoDatabasesDoNotMix(t *testing.T) {
	dir := t.TempDir()
	if BackupDir(filepath.Join(dir, "ocop.db")) != filepath.Join(dir, "backups") ||
		BackupDir(filepath.Join(dir, "thu.db")) != filepath.Join(dir, "backups", "thu") {
		t.Errorf("backup folders %s, %s", BackupDir(filepath.Join(dir, "ocop.db")), BackupDir(filepath.Join(dir, "thu.db")))
	}
	ctx := context.Background()
	for _, name := range []string{"ocop.db", "thu.db"} {
		s, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DailyBackup(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		list, _ := s.Backups()
		s.Close()
		if len(list) != 1 {
			t.Errorf("%s sees %d backups, want its own 1", name, len(list))
		}
	}
}

func TestReplaceDamagedWithNewestGoodBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ocop.db")
	s, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BackupBefore(ctx, "thu"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A newer but broken file in the backups folder is passed over.
	os.WriteFile(filepath.Join(BackupDir(db), "ocop-hang-ngay-29991231-000000.db"), []byte("hỏng"), 0o644)
	// The database is overwritten with junk.
	os.WriteFile(db, []byte("SQLite format 3\x00 but nothing else"), 0o644)
	if _, err := Open(db); err == nil {
		t.Fatal("a damaged database opened")
	}
	best, ok := NewestGoodBackup(db)
	if !ok || best.Products != 25 || best.Before != "thu" {
		t.Fatalf("newest good backup %+v %v", best, ok)
	}
	kept, err := ReplaceDamaged(db, best.Path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(kept); !strings.HasPrefix(string(b), "SQLite format 3") {
		t.Error("the damaged file was not kept aside")
	}
	s, err = Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rows, _ := s.Products(ctx, ProductQuery{}); len(rows) != 25 {
		t.Errorf("%d products after replacing the damaged file", len(rows))
	}
}

// Closing the program backs the database up when something was saved since
// the last backup, and only then; a later close the same day replaces the
// earlier close copy.
func TestCloseBackupOnlyAfterChanges(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	at := func(h int) time.Time { return time.Date(2026, 11, 28, h, 0, 0, 0, time.Local) }
	if got, err := s.CloseBackup(ctx, at(8)); err != nil || got != "" {
		t.Fatalf("a backup at close with nothing changed: %q, %v", got, err)
	}
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	first, err := s.CloseBackup(ctx, at(12))
	if err != nil || first == "" {
		t.Fatalf("no backup at close after the demo was added: %q, %v", first, err)
	}
	if got, _ := s.CloseBackup(ctx, at(13)); got != "" {
		t.Errorf("a second close backup without changes: %q", got)
	}
	rows, _ := s.Products(ctx, ProductQuery{})
	if err := s.DeleteProduct(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	second, err := s.CloseBackup(ctx, at(17))
	if err != nil || second == "" {
		t.Fatalf("no backup at close after a delete: %q, %v", second, err)
	}
	list, _ := s.Backups()
	if len(list) != 1 || list[0].Path != second || list[0].Products != 24 || list[0].Before != "dong" ||
		BeforeLabel(list[0].Before) != "đóng chương trình" {
		t.Errorf("backups after two closes in a day: %+v", list)
	}
	// A daily backup counts as the latest backup too.
	if err := s.DeleteProduct(ctx, rows[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DailyBackup(ctx, at(18).AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.CloseBackup(ctx, at(19).AddDate(0, 0, 1)); got != "" {
		t.Errorf("a close backup right after the daily one: %q", got)
	}
	c, err := s.Counts(ctx)
	if err != nil || c != (Counts{Products: 23, Producers: 10, Courses: 3, Participants: 16}) {
		t.Errorf("counts %+v, %v", c, err)
	}
}

// The reminder to copy a backup off the PC comes after the set number of
// days since the last copy, counted from the first backup when none was
// made, and never when set to 0.
func TestCopyOutReminder(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	st, _ := s.Settings(ctx)
	if st.RemindCopyDays != DefaultRemindCopy {
		t.Fatalf("default reminder after %d days", st.RemindCopyDays)
	}
	first := day("2026-11-20")
	if n, due := st.CopyOutDue(day("2026-11-26"), first); due || n != 6 {
		t.Errorf("6 days after the first backup: %d, due %v", n, due)
	}
	if n, due := st.CopyOutDue(day("2026-11-27"), first); !due || n != 7 {
		t.Errorf("7 days after the first backup: %d, due %v", n, due)
	}
	if err := s.CopiedOut(ctx, day("2026-11-27")); err != nil {
		t.Fatal(err)
	}
	st, _ = s.Settings(ctx)
	if _, due := st.CopyOutDue(day("2026-11-28"), first); due || !st.LastCopyOut.Equal(day("2026-11-27")) {
		t.Errorf("due a day after a copy (last copy %v)", st.LastCopyOut)
	}
	st.RemindCopyDays = 0
	if _, due := st.CopyOutDue(day("2027-11-28"), first); due {
		t.Error("reminded though set to never")
	}
	st.RemindCopyDays, st.OfficeName = 400, "PHÒNG KINH TẾ"
	if err := st.Validate(); err == nil || !strings.Contains(err.Error(), "USB") {
		t.Errorf("400 days accepted: %v", err)
	}
}
