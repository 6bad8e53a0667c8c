package data

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenCreatesSeededDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "ocop.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	communes, err := s.Communes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(communes) != 65 {
		t.Errorf("%d communes seeded, want Lạng Sơn's 65", len(communes))
	}
	phuong := 0
	for _, c := range communes {
		if c.Kind == "phường" {
			phuong++
		}
	}
	if phuong != 4 {
		t.Errorf("%d phường, want 4", phuong)
	}
	classes, err := s.Classification(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sets := 0
	for _, c := range classes {
		if c.Level == "bo" {
			sets++
		}
	}
	if sets != 26 {
		t.Errorf("%d product sets, want 26", sets)
	}
	types, _ := s.ProducerTypes(ctx)
	if len(types) != 4 {
		t.Errorf("%d producer types, want 4", len(types))
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := rules.StarsForScore(6636, day("2023-09-01")); got != 3 {
		t.Errorf("seeded bands give %d stars for 66.36, want 3", got)
	}
	if got := ISODate(rules.ValidUntil(day("2024-12-06"))); got != "2027-12-06" {
		t.Errorf("seeded validity gives %s", got)
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %s, want wal", mode)
	}
	s.Close()

	// Reopening does not migrate or seed twice.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	communes, _ = s.Communes(ctx)
	if len(communes) != 65 {
		t.Errorf("after reopening: %d communes", len(communes))
	}
	if entries, _ := os.ReadDir(BackupDir(path)); len(entries) != 0 {
		t.Errorf("reopening a current database made %d backups", len(entries))
	}
}

func TestOpenRefusesOtherFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 1<<20)
	rand.Read(random)

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE orders(id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders(item) VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name    string
		content []byte
		kind    error
		words   string
	}{
		{"random.db", random, ErrNotDatabase, "không phải là tệp SQLite"},
		{"short.db", []byte("OCOP"), ErrNotDatabase, "không phải là tệp SQLite"},
		{"notes.txt", []byte(strings.Repeat("Danh sách sản phẩm OCOP\n", 100)), ErrNotDatabase, "không phải"},
		{"foreign.db", nil, ErrNotDatabase, "chương trình khác"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if tt.content != nil {
			os.WriteFile(path, tt.content, 0o644)
		}
		before, _ := os.ReadFile(path)
		_, err := Open(path)
		if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.words) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want %v naming the file and saying %q", tt.name, err, tt.kind, tt.words)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: file changed by a refused Open", tt.name)
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("%s: Open left %s beside it", tt.name, suffix)
			}
		}
	}
}

func TestOpenRefusesNewerVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ocop.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("PRAGMA user_version = 999")
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path)
	if !errors.Is(err, ErrNewerVersion) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("error = %v, want ErrNewerVersion naming version 999", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a refused newer database was changed")
	}
}

func TestOpenEmptyFileBecomesDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o644)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.Check(context.Background()); err != nil || len(r.Problems) > 0 || r.SchemaVersion != LatestSchemaVersion() {
		t.Errorf("Check = %+v, %v", r, err)
	}
}

func TestMigrationBacksUpOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ocop.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	st, _ := s.Settings(ctx)
	st.OfficeName = "PHÒNG KINH TẾ"
	s.SaveSettings(ctx, st)
	from := LatestSchemaVersion()
	list := append(migrations(), migration{version: from + 1, name: "test_add_table.sql", sql: "CREATE TABLE later(x INTEGER)"},
		migration{version: from + 2, name: "test_broken.sql", sql: "CREATE TABLE later2(x INTEGER); SELECT * FROM missing"})
	err = s.migrate(ctx, from, list)
	if err == nil || !strings.Contains(err.Error(), "test_broken.sql") {
		t.Fatalf("broken migration: error %v, want one naming the file", err)
	}
	// The good migration stays applied, the broken one is rolled back whole.
	var version, later, later2 int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'later'").Scan(&later)
	s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'later2'").Scan(&later2)
	if version != from+1 || later != 1 || later2 != 0 {
		t.Errorf("after a failed migration: version %d, later %d, later2 %d", version, later, later2)
	}
	entries, _ := os.ReadDir(BackupDir(path))
	if len(entries) != 1 || !strings.Contains(entries[0].Name(), "truoc-nang-cap") {
		t.Fatalf("backups = %v, want one copy taken before the upgrade", entries)
	}
	backup, err := Open(filepath.Join(BackupDir(path), entries[0].Name()))
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer backup.Close()
	if got, _ := backup.Settings(ctx); got.OfficeName != "PHÒNG KINH TẾ" {
		t.Errorf("backup lost the settings: %+v", got)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Configured() || st.ExpiryWindowDays != 90 || st.Province != "Lạng Sơn" || st.Language != "vi" {
		t.Errorf("defaults = %+v", st)
	}
	if err := s.SaveSettings(ctx, st); err == nil || !strings.Contains(err.Error(), "Tên đơn vị") {
		t.Errorf("saving without an office name: %v", err)
	}
	st.OfficeName = "  PHÒNG KINH TẾ "
	st.ParentBody = "UBND XÃ THẤT KHÊ"
	st.ExpiryWindowDays = 60
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Settings(ctx)
	if got.OfficeName != "PHÒNG KINH TẾ" || got.ParentBody != "UBND XÃ THẤT KHÊ" || got.ExpiryWindowDays != 60 || !got.Configured() {
		t.Errorf("after save: %+v", got)
	}
}

func TestCoveredCommunes(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	var ids []int64
	for _, c := range communes {
		if c.Name == "Thất Khê" || c.Name == "Đoàn Kết" {
			ids = append(ids, c.ID)
		}
	}
	st, _ := s.Settings(ctx)
	st.OfficeName = "PHÒNG KINH TẾ"
	if err := s.SaveOffice(ctx, st, ids); err != nil {
		t.Fatal(err)
	}
	// A refused save changes neither the settings nor the communes.
	st.OfficeName = ""
	if err := s.SaveOffice(ctx, st, nil); err == nil {
		t.Error("saved an office without a name")
	}
	id, err := s.AddCommune(ctx, Commune{Name: "Thị trấn Thất Khê (cũ)", Kind: "thị trấn", Covered: true})
	if err != nil || id == 0 {
		t.Fatal(err)
	}
	communes, _ = s.Communes(ctx)
	var covered []string
	for _, c := range communes {
		if c.Covered {
			covered = append(covered, c.Name)
		}
	}
	// The kind typed with the name is the commune's kind, not part of its
	// name ("thị trấn Thị trấn Thất Khê" was shown).
	if strings.Join(covered, "|") != "Đoàn Kết|Thất Khê|Thất Khê (cũ)" {
		t.Errorf("covered = %v", covered)
	}
	for _, c := range communes {
		if c.ID == id && c.Kind != "thị trấn" {
			t.Errorf("old commune's kind %q", c.Kind)
		}
	}
	for name, want := range map[string][2]string{"thị trấn Na Sầm": {"Na Sầm", "thị trấn"}, "Xã  Hồng Phong": {"Hồng Phong", "xã"},
		"Phường Tam Thanh (cũ)": {"Tam Thanh (cũ)", "phường"}, "Xã": {"Xã", "xã"}} {
		if got, kind := splitCommuneKind(name, ""); got != want[0] || kind != want[1] {
			t.Errorf("%q: name %q kind %q, want %v", name, got, kind, want)
		}
	}
	if _, err := s.AddCommune(ctx, Commune{Code: "06040", Name: "Trùng"}); err == nil || !strings.Contains(err.Error(), "06040") {
		t.Errorf("duplicate code: %v", err)
	}
}

// A report is addressed to the province as it is called: the six cities
// are thành phố, not tỉnh.
func TestReportRecipientNamesTheProvinceKind(t *testing.T) {
	for _, tc := range []struct{ code, name, want string }{
		{"20", "Lạng Sơn", "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn"},
		{"01", "Hà Nội", "Sở Nông nghiệp và Môi trường thành phố Hà Nội"},
		{"48", "Đà Nẵng", "Sở Nông nghiệp và Môi trường thành phố Đà Nẵng"},
	} {
		if got := (Settings{ProvinceCode: tc.code, Province: tc.name}).ReportRecipient(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.code, got, tc.want)
		}
	}
}
