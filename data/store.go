// Package data holds OCOP Desk's domain types, the rules officials set
// (stars, certificate validity, statuses) and the SQLite store. It never
// imports Fyne: the GUI and the command line both call it.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as an OCOP Desk database
// (PRAGMA application_id, bytes 68-71 of the file header: "OCOP").
const ApplicationID = 0x4F434F50

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open OCOP Desk database.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool // opened by OpenReadOnly: every write is refused with ErrReadOnly

	// writes counts the transactions this store committed; backedUp is
	// its value when the latest backup was taken (CloseBackup compares them).
	writes, backedUp atomic.Int64

	products productCache  // the product list, kept between calls
	overview overviewCache // Tổng quan's figures, likewise
}

// Errors Open returns, with messages a user can act on.
var (
	ErrNotDatabase   = errors.New("không phải là cơ sở dữ liệu của OCOP Desk")
	ErrNewerVersion  = errors.New("được tạo bởi phiên bản OCOP Desk mới hơn")
	ErrDamaged       = errors.New("bị hỏng, không đọc được dữ liệu trong tệp")
	errSQLiteHeader  = []byte("SQLite format 3\x00")
	sqliteHeaderSize = 100
)

// OpenError explains why a database file could not be opened.
type OpenError struct {
	Path   string
	Kind   error // ErrNotDatabase, ErrNewerVersion, ErrDamaged or nil
	Detail string
	Err    error
}

func (e *OpenError) Error() string {
	msg := fmt.Sprintf("không mở được tệp %s", e.Path)
	if e.Kind != nil {
		msg = fmt.Sprintf("tệp %s %s", e.Path, e.Kind)
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

func (e *OpenError) Unwrap() []error { return []error{e.Kind, e.Err} }

// Open opens the OCOP Desk database at path, creating it (and its folder)
// when it does not exist and bringing an older one up to the current
// schema. A file that is not an OCOP Desk database, or that was written by
// a newer version, is refused and left exactly as it was.
func Open(path string) (*Store, error) {
	abs, version, err := inspectPath(path)
	if err != nil {
		return nil, err
	}
	latest := latestVersion()
	if version > latest {
		return nil, &OpenError{Path: abs, Kind: ErrNewerVersion,
			Detail: fmt.Sprintf("lược đồ phiên bản %d, chương trình này chỉ đọc được đến phiên bản %d; hãy cập nhật OCOP Desk", version, latest)}
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, &OpenError{Path: abs, Detail: "không tạo được thư mục chứa dữ liệu", Err: err}
	}
	db, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, &OpenError{Path: abs, Err: err}
	}
	// WAL lets the GUI read while a write is in progress; a few connections
	// are enough for one desktop user.
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: abs}
	s.products.file = listCachePath(abs)
	if err := s.migrate(context.Background(), version, migrations()); err != nil {
		db.Close()
		return nil, err
	}
	s.backedUp.Store(s.writes.Load()) // setting up is not the user's work
	return s, nil
}

// ErrReadOnly refuses a change to a database opened only for viewing.
var ErrReadOnly = errors.New("đang mở chỉ để xem vì một cửa sổ OCOP Desk khác đang dùng cơ sở dữ liệu này; hãy sửa trong cửa sổ đó")

// OpenReadOnly opens the database at path for viewing only, while another
// copy of the program edits it: nothing is created, upgraded or written,
// and what the other copy saves shows up here.
func OpenReadOnly(path string) (*Store, error) {
	abs, version, err := inspectPath(path)
	if err != nil {
		return nil, err
	}
	if version != latestVersion() {
		return nil, &OpenError{Path: abs, Detail: fmt.Sprintf("lược đồ phiên bản %d, chương trình này dùng phiên bản %d; không xem được khi chưa nâng cấp", version, latestVersion())}
	}
	db, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, &OpenError{Path: abs, Err: err}
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: abs, readOnly: true}
	s.products.file = listCachePath(abs)
	return s, nil
}

// ReadOnly reports whether the store was opened only for viewing.
func (s *Store) ReadOnly() bool { return s.readOnly }

func dsn(path string, readOnly bool) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), OmitHost: true}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows drive letters: file:/C:/...
	}
	q := "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_time_format=sqlite"
	if readOnly {
		q += "&mode=ro"
	} else {
		q += "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	}
	return u.String() + "?" + q
}

// inspectPath makes path absolute and inspects the file there.
func inspectPath(path string) (abs string, version int, err error) {
	abs, err = filepath.Abs(path)
	if err != nil {
		return "", 0, &OpenError{Path: path, Err: err}
	}
	version, err = inspect(abs)
	return abs, version, err
}

// inspect looks at an existing file without changing it and returns its
// schema version (0 for a missing or empty file, which Open creates).
func inspect(path string) (int, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, &OpenError{Path: path, Err: err}
	}
	if fi.IsDir() {
		return 0, &OpenError{Path: path, Kind: ErrNotDatabase, Detail: "đây là một thư mục"}
	}
	if fi.Size() == 0 {
		return 0, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, &OpenError{Path: path, Err: err}
	}
	head := make([]byte, sqliteHeaderSize)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head[:16], errSQLiteHeader) {
		return 0, &OpenError{Path: path, Kind: ErrNotDatabase, Detail: "tệp không phải là tệp SQLite"}
	}
	appID := binary.BigEndian.Uint32(head[68:72])
	if appID != 0 && appID != ApplicationID {
		return 0, &OpenError{Path: path, Kind: ErrNotDatabase, Detail: "đây là cơ sở dữ liệu của một chương trình khác"}
	}
	// The header may lag behind a write-ahead log, so ask SQLite itself,
	// read-only, before deciding anything.
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return 0, &OpenError{Path: path, Err: err}
	}
	defer db.Close()
	var id, version, tables int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&id, &version, &tables)
	if err != nil {
		return 0, &OpenError{Path: path, Kind: ErrDamaged, Err: err}
	}
	if id != ApplicationID && tables > 0 {
		return 0, &OpenError{Path: path, Kind: ErrNotDatabase, Detail: "đây là cơ sở dữ liệu của một chương trình khác"}
	}
	return version, nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("migration file without a number: " + e.Name())
		}
		body, _ := migrationFS.ReadFile("migrations/" + e.Name())
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

func latestVersion() int {
	m := migrations()
	return m[len(m)-1].version
}

// seeders fill reference tables right after the migration of their version,
// inside the same transaction.
var seeders = map[int]func(context.Context, *sql.Tx) error{
	1: seedReference,
	3: seedEthnicGroups,
	6: seedCountry,
}

// migrate applies the migrations of list newer than from, each in its own
// transaction, after backing up a database that already has data.
func (s *Store) migrate(ctx context.Context, from int, list []migration) error {
	pending := 0
	for _, m := range list {
		if m.version > from {
			pending++
		}
	}
	if pending == 0 {
		return nil
	}
	if from > 0 {
		// Keep a copy of the database as it was before its schema changes.
		dest := filepath.Join(BackupDir(s.path), fmt.Sprintf("ocop-truoc-nang-cap-v%d-%s.db", from, time.Now().Format("20060102-150405")))
		if err := s.BackupTo(ctx, dest); err != nil {
			return &OpenError{Path: s.path, Detail: "không sao lưu được trước khi nâng cấp lược đồ", Err: err}
		}
	}
	for _, m := range list {
		if m.version <= from {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return &OpenError{Path: s.path, Detail: fmt.Sprintf("nâng cấp lược đồ %s thất bại", m.name), Err: err}
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if seed := seeders[m.version]; seed != nil {
		if err := seed(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error {
	s.products.close()
	return s.db.Close()
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// BackupDir returns the folder where backups of the database at dbPath go:
// "backups" beside it, and for a database not named ocop.db a folder of its
// own in there, so that the backups of two databases never mix.
func BackupDir(dbPath string) string {
	dir := filepath.Join(filepath.Dir(dbPath), "backups")
	base := filepath.Base(dbPath)
	if base == "ocop.db" {
		return dir
	}
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base)))
}

// BackupTo writes a consistent copy of the open database to dest, through a
// temporary file renamed when complete, so dest is never half written.
func (s *Store) BackupTo(ctx context.Context, dest string) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ExplainWrite(err, "sao lưu", dir)
	}
	writes := s.writes.Load()
	tmp := dest + ".tmp"
	os.Remove(tmp)
	// Creating the file first tells a folder that may not be written from
	// other failures, which SQLite reports alike; VACUUM INTO fills an
	// empty file.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return ExplainWrite(err, "sao lưu", dir)
	}
	f.Close()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return ExplainWrite(err, "sao lưu", dir)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return ExplainWrite(err, "sao lưu", dir)
	}
	s.backedUp.Store(writes)
	return nil
}

// CheckResult is what Check found.
type CheckResult struct {
	SchemaVersion int
	Problems      []string // empty when the database is sound
}

// Check runs SQLite's integrity and foreign key checks.
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	var r CheckResult
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&r.SchemaVersion); err != nil {
		return r, err
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return r, err
		}
		if line != "ok" {
			r.Problems = append(r.Problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows, err = s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return r, err
		}
		r.Problems = append(r.Problems, fmt.Sprintf("bảng %s, dòng %d trỏ tới bản ghi không tồn tại trong %s", table, rowid.Int64, parent))
	}
	return r, rows.Err()
}

// LatestSchemaVersion is the schema version this program writes.
func LatestSchemaVersion() int { return latestVersion() }

// DefaultPath returns where the database lives unless --db says otherwise:
// OCOPDesk/ocop.db in the user's configuration folder (%AppData% on
// Windows, ~/.config on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("không tìm thấy thư mục cấu hình của người dùng: %w", err)
	}
	return filepath.Join(dir, "OCOPDesk", "ocop.db"), nil
}
