package data

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSecondCopyFindsTheDatabaseInUse: a second lock on the same database
// is refused with the first copy's details; after the first lets go,
// including by being killed, the lock is free again.
func TestSecondCopyFindsTheDatabaseInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ocop.db")
	first, err := LockDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockDatabase(db)
	var inUse *OpenElsewhereError
	if !errors.As(err, &inUse) || !errors.Is(err, ErrOpenElsewhere) {
		t.Fatalf("second lock: %v", err)
	}
	if inUse.Holder.PID != os.Getpid() || inUse.Holder.Since.IsZero() ||
		!strings.Contains(err.Error(), "đang được mở trong một cửa sổ OCOP Desk khác") {
		t.Errorf("holder %+v, message %q", inUse.Holder, err)
	}
	// The second copy asks the first to come forward; the first sees it once.
	if first.RaiseRequested() {
		t.Error("a raise request before any was made")
	}
	if err := RequestRaise(db); err != nil {
		t.Fatal(err)
	}
	if !first.RaiseRequested() || first.RaiseRequested() {
		t.Error("the raise request is not seen exactly once")
	}
	first.Release()
	again, err := LockDatabase(db)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

func TestKilledHolderLeavesNoStaleLock(t *testing.T) {
	if path := os.Getenv("OCOP_LOCK_HOLDER"); path != "" {
		if _, err := LockDatabase(path); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	db := filepath.Join(t.TempDir(), "ocop.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledHolderLeavesNoStaleLock$", "-test.count=1")
	cmd.Env = append(os.Environ(), "OCOP_LOCK_HOLDER="+db)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("holder said %q", line)
	}
	var inUse *OpenElsewhereError
	if _, err := LockDatabase(db); !errors.As(err, &inUse) || inUse.Holder.PID != cmd.Process.Pid {
		t.Errorf("while the other process holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := LockDatabase(db)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

// TestReadOnlyViewer: the second copy views read-only; it sees what the
// first saves and every change it tries is refused with a clear message,
// leaving the database as it was.
func TestReadOnlyViewer(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() || s.ReadOnly() {
		t.Error("ReadOnly is wrong")
	}
	rows, err := ro.Products(ctx, ProductQuery{})
	if err != nil || len(rows) != 25 {
		t.Fatalf("viewer sees %d products, %v", len(rows), err)
	}
	// The editing copy adds a producer; the viewer sees it.
	if err := s.AddProducer(ctx, &Producer{Name: "HTX Mới Thêm", Type: "htx"}); err != nil {
		t.Fatal(err)
	}
	prs, _ := ro.Producers(ctx)
	found := false
	for _, p := range prs {
		found = found || p.Name == "HTX Mới Thêm"
	}
	if !found {
		t.Error("the viewer does not see the other copy's change")
	}
	// Every kind of write is refused with ErrReadOnly.
	st, _ := ro.Settings(ctx)
	st.StaffName = "Người xem"
	tries := map[string]error{
		"add producer": ro.AddProducer(ctx, &Producer{Name: "HTX Không Được", Type: "htx"}),
		"delete":       ro.DeleteProduct(ctx, rows[0].ID),
		"settings":     ro.SaveSettings(ctx, st),
	}
	_, tries["commune"] = ro.AddCommune(ctx, Commune{Name: "Xã Không Có"})
	_, tries["backup before"] = ro.BackupBefore(ctx, "nhap")
	_, tries["restore"] = ro.RestoreBackup(ctx, s.Path())
	for what, err := range tries {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "chỉ để xem") {
			t.Errorf("%s: %v", what, err)
		}
	}
	if n, _ := s.Products(ctx, ProductQuery{}); len(n) != 25 {
		t.Errorf("%d products after refused writes, want 25", len(n))
	}
	if path, err := ro.DailyBackup(ctx, time.Now()); path != "" || err != nil {
		t.Errorf("the viewer made a daily backup: %q %v", path, err)
	}
}

// TestBackupCountsFromSettings: the numbers of backups kept are settings.
func TestBackupCountsFromSettings(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.FillDemo(ctx, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	if st.KeepDaily != 30 || st.KeepBefore != 10 {
		t.Errorf("defaults %d/%d, want 30/10", st.KeepDaily, st.KeepBefore)
	}
	st.KeepDaily, st.KeepBefore = 0, 2
	if err := s.SaveSettings(ctx, st); err == nil || !strings.Contains(err.Error(), "Số bản sao lưu hằng ngày") {
		t.Errorf("keep 0 daily copies accepted: %v", err)
	}
	st.KeepDaily = 5
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	for d := 1; d <= 8; d++ {
		if _, err := s.DailyBackup(ctx, time.Date(2026, 12, d, 8, 0, 0, 0, time.Local)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 4; i++ {
		if _, err := s.BackupBefore(ctx, "nhap"); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.Backups()
	daily, before := 0, 0
	for _, b := range list {
		if b.Before == "" {
			daily++
		} else {
			before++
		}
	}
	if daily != 5 || before != 2 {
		t.Errorf("kept %d daily and %d pre-operation copies, want 5 and 2", daily, before)
	}
}
