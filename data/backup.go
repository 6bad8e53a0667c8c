package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// Backups: a consistent copy of the open database (VACUUM INTO) once a day
// at start and before any import, restore or schema migration, into the
// backups folder beside the database; the newest 30 daily copies and 10
// copies taken before an operation are kept, or as many as the settings say.
// The files attached to dossiers are kept in the backups folder too, one
// copy per content (attachments.go), and come back with a restore.

// Backup kinds, as their file names begin.
const (
	backupDailyPrefix  = "ocop-hang-ngay-"
	backupClosePrefix  = "ocop-khi-dong-" // taken when the program closes after changes
	backupBeforePrefix = "ocop-truoc-"
	stampLayout        = "20060102-150405"
)

// closeBefore is BackupInfo.Before of a backup taken when the program closed.
const closeBefore = "dong"

// Counts are how many live records a database holds.
type Counts struct {
	Products, Producers, Courses, Participants int
}

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path          string
	Before        string // "" for a daily copy; else what it was taken before ("nhap", "khoi-phuc", "nang-cap-v3"...)
	At            time.Time
	Size          int64
	SchemaVersion int
	Counts
	Problem string // why it cannot be restored; "" when it can
}

// DailyBackup copies the database into the backups folder unless a daily
// copy was already made today, and prunes old copies. It returns the new
// copy's path, or "" when none was needed.
func (s *Store) DailyBackup(ctx context.Context, now time.Time) (string, error) {
	if s.readOnly {
		return "", nil // the copy that edits the database backs it up
	}
	dir := BackupDir(s.path)
	today := backupDailyPrefix + now.Format("20060102")
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), today) && strings.HasSuffix(e.Name(), ".db") {
				return "", nil
			}
		}
	}
	dest := freeName(dir, backupDailyPrefix, now)
	if err := s.BackupTo(ctx, dest); err != nil {
		return "", backupFailed(err, dir, "")
	}
	if err := s.backupAttachments(ctx, dir); err != nil {
		return dest, backupFailed(err, dir, "")
	}
	return dest, s.prune(ctx, dir)
}

// CloseBackup copies the database into the backups folder when the program
// closes, if this store wrote anything since its last backup, so that a
// day's work is never in one file only. An earlier close copy of the same
// day is replaced. It returns the new copy's path, or "" when none was needed.
func (s *Store) CloseBackup(ctx context.Context, now time.Time) (string, error) {
	if s.readOnly || s.writes.Load() == s.backedUp.Load() {
		return "", nil
	}
	dir := BackupDir(s.path)
	dest := freeName(dir, backupClosePrefix, now)
	if err := s.BackupTo(ctx, dest); err != nil {
		return "", backupFailed(err, dir, closeBefore)
	}
	if err := s.backupAttachments(ctx, dir); err != nil {
		return dest, backupFailed(err, dir, closeBefore)
	}
	if entries, err := os.ReadDir(dir); err == nil {
		today := backupClosePrefix + now.Format("20060102")
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, today) && strings.HasSuffix(n, ".db") && n != filepath.Base(dest) {
				os.Remove(filepath.Join(dir, n))
			}
		}
	}
	return dest, s.prune(ctx, dir)
}

// Counts returns how many live records the store holds, counted as a
// backup's are, so a restore can say what it replaces.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	return countRecords(ctx, s.db, latestVersion())
}

// countRecords counts the live records of a database at schema version.
func countRecords(ctx context.Context, db execer, version int) (Counts, error) {
	var c Counts
	var firstErr error
	count := func(q string, n *int) {
		if err := db.QueryRowContext(ctx, q).Scan(n); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	live := ""
	if version >= 2 {
		live = " WHERE deleted_at IS NULL"
	}
	count("SELECT count(*) FROM products"+live, &c.Products)
	count("SELECT count(*) FROM producers"+live, &c.Producers)
	if version >= 3 {
		count("SELECT count(*) FROM courses WHERE deleted_at IS NULL", &c.Courses)
		count("SELECT count(*) FROM participants WHERE deleted_at IS NULL", &c.Participants)
	}
	return c, firstErr
}

// BackupBefore copies the database before an operation (what names it in
// the file name: "nhap", "khoi-phuc") and prunes old copies.
func (s *Store) BackupBefore(ctx context.Context, what string) (string, error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	dir := BackupDir(s.path)
	dest := freeName(dir, backupBeforePrefix+what+"-", time.Now())
	if err := s.BackupTo(ctx, dest); err != nil {
		return "", backupFailed(err, dir, what)
	}
	if err := s.backupAttachments(ctx, dir); err != nil {
		return dest, backupFailed(err, dir, what)
	}
	return dest, s.prune(ctx, dir)
}

// prune keeps as many backups in dir as the settings say.
func (s *Store) prune(ctx context.Context, dir string) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	return pruneBackups(dir, st.KeepDaily, st.KeepBefore)
}

// backupFailed says that a backup into dir (before what, when not "")
// failed; a disk problem already says so in full.
func backupFailed(err error, dir, what string) error {
	var de *DiskError
	switch {
	case errors.As(err, &de) && what != "":
		return fmt.Errorf("%w (bản sao lưu trước khi %s, nên chưa %s)", err, BeforeLabel(what), BeforeLabel(what))
	case errors.As(err, &de):
		return err
	case what != "":
		return fmt.Errorf("không sao lưu được vào %s trước khi %s: %w", dir, BeforeLabel(what), err)
	}
	return fmt.Errorf("không sao lưu được vào %s: %w", dir, err)
}

// BeforeLabel says in words what a backup was taken before, from the
// part of its file name ("nhap" → "nhập danh sách sản phẩm").
func BeforeLabel(what string) string {
	switch {
	case what == "nhap":
		return "nhập danh sách sản phẩm"
	case what == "nhap-hoc-vien":
		return "nhập danh sách học viên"
	case what == "khoi-phuc":
		return "khôi phục"
	case what == closeBefore:
		return "đóng chương trình"
	case strings.HasPrefix(what, "nang-cap-v"):
		return "nâng cấp từ lược đồ " + strings.TrimPrefix(what, "nang-cap-")
	}
	return what
}

// freeName is a backup file name with prefix and the time stamp of at, a
// second later when that name is taken (two operations in one second).
func freeName(dir, prefix string, at time.Time) string {
	for {
		p := filepath.Join(dir, prefix+at.Format(stampLayout)+".db")
		if _, err := os.Stat(p); os.IsNotExist(err) {
			return p
		}
		at = at.Add(time.Second)
	}
}

// pruneBackups keeps the newest keepDaily daily copies, as many copies
// taken at close, and keepBefore copies taken before an operation.
func pruneBackups(dir string, keepDaily, keepBefore int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var daily, closing, before []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case !strings.HasSuffix(name, ".db"):
		case strings.HasPrefix(name, backupDailyPrefix):
			daily = append(daily, name)
		case strings.HasPrefix(name, backupClosePrefix):
			closing = append(closing, name)
		case strings.HasPrefix(name, backupBeforePrefix):
			before = append(before, name)
		}
	}
	remove := func(names []string, keep int) {
		// Newest first: names end with a sortable time stamp.
		sort.Slice(names, func(i, j int) bool { return stampOf(names[i]) > stampOf(names[j]) })
		for _, n := range names[min(keep, len(names)):] {
			os.Remove(filepath.Join(dir, n))
		}
	}
	remove(daily, max(keepDaily, 1))
	remove(closing, max(keepDaily, 1))
	remove(before, max(keepBefore, 1))
	return nil
}

// stampOf returns the time stamp at the end of a backup's name.
func stampOf(name string) string {
	base := strings.TrimSuffix(name, ".db")
	if len(base) >= len(stampLayout) {
		return base[len(base)-len(stampLayout):]
	}
	return base
}

// Backups lists the backups of the database, newest first, each checked
// and counted without being changed.
func (s *Store) Backups() ([]BackupInfo, error) { return s.listBackups(InspectBackup) }

// BackupFiles lists the backups, newest first, as their names and files
// tell, without opening any: their days and sizes, for the reminder at
// start to copy them off the PC (inspecting each one reads it whole).
func (s *Store) BackupFiles() ([]BackupInfo, error) { return s.listBackups(backupFile) }

func (s *Store) listBackups(info func(path string) BackupInfo) ([]BackupInfo, error) {
	dir := BackupDir(s.path)
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		out = append(out, info(filepath.Join(dir, e.Name())))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// backupFile is what a backup's name and file say of it: when it was
// made, before what, its size.
func backupFile(path string) BackupInfo {
	info := BackupInfo{Path: path}
	name := filepath.Base(path)
	if t, err := time.ParseInLocation(stampLayout, stampOf(name), time.Local); err == nil {
		info.At = t
	}
	switch {
	case strings.HasPrefix(name, backupBeforePrefix):
		info.Before = strings.TrimSuffix(strings.TrimPrefix(name, backupBeforePrefix), "-"+stampOf(name)+".db")
	case strings.HasPrefix(name, backupClosePrefix):
		info.Before = closeBefore
	}
	fi, err := os.Stat(path)
	if err != nil {
		info.Problem = "không mở được tệp: " + err.Error()
		return info
	}
	info.Size = fi.Size()
	if info.At.IsZero() {
		info.At = fi.ModTime()
	}
	return info
}

// InspectBackup checks a file that may be restored: that it is an OCOP
// Desk database this program can read, sound, and what it holds. The file
// is only read.
func InspectBackup(path string) BackupInfo {
	info := backupFile(path)
	if info.Problem != "" {
		return info
	}
	version, err := inspect(path)
	if err != nil {
		info.Problem = err.Error()
		return info
	}
	info.SchemaVersion = version
	if version == 0 {
		info.Problem = "tệp trống, không phải cơ sở dữ liệu OCOP Desk"
		return info
	}
	if version > latestVersion() {
		info.Problem = fmt.Sprintf("lược đồ phiên bản %d, mới hơn chương trình này (%d)", version, latestVersion())
		return info
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		info.Problem = err.Error()
		return info
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		info.Problem = "tệp bị hỏng (kiểm tra toàn vẹn không đạt)"
		return info
	}
	if info.Counts, err = countRecords(context.Background(), db, version); err != nil {
		info.Problem = "không đếm được bản ghi trong tệp: " + err.Error()
	}
	return info
}

// RestoreBackup replaces the database's content with the backup at src, after
// checking it and backing up the current content first (so that a restore
// can itself be undone). A backup of an older schema is brought up to date.
// It returns the copy of what was replaced.
func (s *Store) RestoreBackup(ctx context.Context, src string) (string, error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	info := InspectBackup(src)
	if info.Problem != "" {
		return "", fmt.Errorf("không khôi phục từ %s: %s", filepath.Base(src), info.Problem)
	}
	abs, _ := filepath.Abs(src)
	if abs == s.path {
		return "", fmt.Errorf("không khôi phục từ %s: đó là chính cơ sở dữ liệu đang dùng", filepath.Base(src))
	}
	saved, err := s.BackupBefore(ctx, "khoi-phuc")
	if err != nil {
		return "", err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return saved, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("trình điều khiển SQLite không hỗ trợ khôi phục")
		}
		b, err := r.NewRestore(dsn(abs, true))
		if err != nil {
			return err
		}
		for more := true; more; {
			if more, err = b.Step(256); err != nil {
				b.Finish()
				return err
			}
		}
		return b.Finish()
	})
	if err != nil {
		return saved, fmt.Errorf("khôi phục từ %s không thành công; dữ liệu cũ đã được sao lưu ở %s: %w", filepath.Base(src), saved, err)
	}
	// A backup of an older schema is brought up to date.
	if info.SchemaVersion < latestVersion() {
		if err := s.migrate(ctx, info.SchemaVersion, migrations()); err != nil {
			return saved, err
		}
	}
	// The restored records' attached files come back from the backups'
	// copies (the backups folder, or the folder beside a backup on a USB stick).
	if _, err := s.restoreAttachments(ctx, BackupDir(s.path), besideDir(abs)); err != nil {
		return saved, err
	}
	return saved, nil
}

// NewestGoodBackup finds the newest backup of the database at dbPath that
// can be restored, without opening the database itself (which may be
// damaged).
func NewestGoodBackup(dbPath string) (BackupInfo, bool) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return BackupInfo{}, false
	}
	dir := BackupDir(abs)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return BackupInfo{}, false
	}
	var best BackupInfo
	found := false
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		info := InspectBackup(filepath.Join(dir, e.Name()))
		if info.Problem == "" && (!found || info.At.After(best.At)) {
			best, found = info, true
		}
	}
	return best, found
}

// ReplaceDamaged puts the backup at src in place of a database that cannot
// be opened, keeping the damaged file (and its -wal and -shm files) aside
// under a new name, which it returns. The backup is checked first; the copy
// goes through a temporary file renamed when complete.
func ReplaceDamaged(dbPath, src string) (string, error) {
	info := InspectBackup(src)
	if info.Problem != "" {
		return "", fmt.Errorf("không khôi phục từ %s: %s", filepath.Base(src), info.Problem)
	}
	raw, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	tmp := dbPath + ".khoi-phuc.tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("không ghi được %s: %w", tmp, err)
	}
	kept := dbPath + ".hong-" + time.Now().Format(stampLayout)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(dbPath + suffix); err == nil {
			if err := os.Rename(dbPath+suffix, kept+suffix); err != nil {
				os.Remove(tmp)
				return "", fmt.Errorf("không đổi tên được tệp hỏng %s: %w", dbPath+suffix, err)
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, fmt.Errorf("không đặt được bản sao lưu vào %s: %w", dbPath, err)
	}
	return kept, nil
}
