package main

import (
	"github.com/ocopdesk/ocop/data/xlsx"

	"bytes"
	"crypto/rand"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/app"
	"github.com/ocopdesk/ocop/data"
)

func init() {
	runGUI = func(string, app.Options) error { return nil }
}

func ocop(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDemoThenListCSV(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errOut := ocop("--db", db, "demo")
	if code != 0 || !strings.Contains(out, "25 sản phẩm") {
		t.Fatalf("demo: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = ocop("--db", db, "list", "products", "--csv", "--as-of", "2026-11-28")
	if code != 0 {
		t.Fatalf("list: exit %d", code)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 26 || strings.Join(recs[0], ",") != strings.Join(data.ProductCSVHeader, ",") {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	code, out, _ = ocop("--db", db, "list", "products", "--search", "thach den trang dinh", "--csv")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "Thạch đen Tràng Định") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
	code, out, _ = ocop("--db", db, "list", "products")
	if code != 0 || !strings.Contains(out, "Tình trạng") || !strings.Contains(out, "25 sản phẩm") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	code, out, _ = ocop("--db", db, "list", "producers", "--csv")
	if code != 0 || strings.Count(out, "\n") != 11 || !strings.HasPrefix(out, "id,name,type,commune,") {
		t.Errorf("producers: exit %d\n%s", code, out)
	}
	code, _, errOut = ocop("--db", db, "demo")
	if code != 1 || !strings.Contains(errOut, "đã có 25 sản phẩm") {
		t.Errorf("second demo: exit %d, %q", code, errOut)
	}
	code, out, _ = ocop("--db", db, "check")
	if code != 0 || !strings.Contains(out, "toàn vẹn") {
		t.Errorf("check: exit %d, %q", code, out)
	}
	xlsx := filepath.Join(t.TempDir(), "ds.xlsx")
	code, out, errOut = ocop("--db", db, "export", "products", "--out", xlsx)
	if _, err := os.Stat(xlsx); code != 0 || err != nil || !strings.Contains(out, "25 sản phẩm") {
		t.Errorf("export: exit %d, %q %q", code, out, errOut)
	}
}

func TestRandomFileRefusedUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "random.bin")
	content := make([]byte, 1<<20)
	rand.Read(content)
	os.WriteFile(path, content, 0o644)
	// The window's own explanation is tested in app (TestDamagedDatabaseWithoutBackups).
	for _, args := range [][]string{{"--db", path, "list", "products", "--csv"}, {"--db", path, "check"}} {
		code, out, errOut := ocop(args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "không phải là cơ sở dữ liệu của OCOP Desk") || !strings.Contains(errOut, path) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(content, after) {
		t.Error("the random file was changed")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside it: %v", entries)
	}
}

func TestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{{"--db", db, "bogus"}, {"--db", db, "list"}, {"--db", db, "list", "courses2"},
		{"--db", db, "export", "products"}, {"--nope"}, {"--db", db, "demo", "extra"}} {
		code, _, errOut := ocop(args...)
		if code != 2 || !strings.Contains(errOut, "Cách dùng: ocop") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if code, out, _ := ocop("version"); code != 0 || !strings.Contains(out, "OCOP Desk") {
		t.Errorf("version: %d %q", code, out)
	}
	code, _, errOut := ocop("--db", db, "list", "products", "--as-of", "31/02/2026")
	if code != 1 || !strings.Contains(errOut, "không hợp lệ") {
		t.Errorf("bad date: exit %d, %q", code, errOut)
	}
}

func TestTrainingCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, out, errOut := ocop("--db", db, "demo"); code != 0 || !strings.Contains(out, "3 lớp tập huấn, 16 học viên") {
		t.Fatalf("demo: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ := ocop("--db", db, "list", "courses", "--csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 4 {
		t.Fatalf("courses: exit %d, %v\n%s", code, err, out)
	}
	if strings.Join(recs[0], ",") != "id,title,start_date,end_date,location,sessions,enrolled,attended" {
		t.Errorf("courses header %v", recs[0])
	}
	var courseID string
	for _, r := range recs[1:] {
		if strings.HasPrefix(r[1], "Tập huấn triển khai") {
			courseID = r[0]
			if r[5] != "2" || r[6] != "12" || r[7] != "12" {
				t.Errorf("course row %v: want 2 sessions, 12 enrolled, 12 attended", r)
			}
		}
	}
	code, out, _ = ocop("--db", db, "list", "participants", "--csv")
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 17 {
		t.Fatalf("participants: exit %d, %v\n%s", code, err, out)
	}
	if strings.Join(recs[0], ",") != "id,full_name,gender,birth_year,ethnicity,role,organisation,commune,phone,courses_attended,job_title" {
		t.Errorf("participants header %v", recs[0])
	}
	for _, r := range recs[1:] {
		if r[1] == "Nguyễn Thị Thu" && (r[2] != "nu" || r[3] != "1987" || r[4] != "Kinh" || r[5] != "can_bo_quan_ly" || r[9] != "2" ||
			r[10] != "Công chức Kinh tế") {
			t.Errorf("participant row %v", r)
		}
	}
	if code, out, _ := ocop("--db", db, "list", "courses", "--year", "1999"); code != 0 || !strings.Contains(out, "0 lớp") {
		t.Errorf("year filter: exit %d\n%s", code, out)
	}
	xlsxOut := filepath.Join(t.TempDir(), "KyTen.xlsx")
	if code, out, errOut := ocop("--db", db, "export", "signin", "--course", courseID, "--out", xlsxOut); code != 0 || !strings.Contains(out, "12 học viên") {
		t.Errorf("export signin: exit %d, %q %q", code, out, errOut)
	}
	if _, err := os.Stat(xlsxOut); err != nil {
		t.Error(err)
	}
	if code, _, errOut := ocop("--db", db, "export", "signin", "--course", "999", "--out", xlsxOut); code != 1 || !strings.Contains(errOut, "999") {
		t.Errorf("missing course: exit %d, %q", code, errOut)
	}
	if code, _, _ := ocop("--db", db, "export", "signin", "--out", xlsxOut); code != 2 {
		t.Errorf("no --course: exit %d, want 2", code)
	}
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	fixture := filepath.Join("..", "..", "data", "xlsx", "testdata", "danh-sach-san-pham.xlsx")
	code, out, errOut := ocop("--db", db, "import", fixture, "--dry-run")
	if code != 1 || !strings.Contains(out, "6 sản phẩm mới, 5 chủ thể mới") || !strings.Contains(out, "dòng 14") || !strings.Contains(errOut, "chạy thử") {
		t.Errorf("dry run with problems: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := ocop("--db", db, "list", "products", "--csv"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("a dry run wrote: %s", out)
	}
	code, out, errOut = ocop("--db", db, "import", fixture)
	if code != 0 || !strings.Contains(out, "Đã nhập") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := ocop("--db", db, "list", "products", "--csv"); code != 0 || strings.Count(out, "\n") != 7 {
		t.Errorf("after import:\n%s", out)
	}
	csvFile := filepath.Join("..", "..", "data", "xlsx", "testdata", "windows-1258.csv")
	if code, out, errOut := ocop("--db", db, "import", "--dry-run", csvFile); code != 0 || !strings.Contains(out, "1 sản phẩm mới") {
		t.Errorf("csv dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := ocop("--db", db, "import", "khong-co.xlsx"); code != 1 || !strings.Contains(errOut, "khong-co.xlsx") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatal(errOut)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if code, out, errOut := ocop("--db", db, "backup", copyPath); code != 0 || !strings.Contains(out, "Đã sao lưu") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errOut)
	}
	// A fresh database restored from the copy holds the demo data.
	fresh := filepath.Join(dir, "fresh.db")
	if code, out, errOut := ocop("--db", fresh, "restore", copyPath); code != 0 || !strings.Contains(out, "Đã khôi phục") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := ocop("--db", fresh, "list", "products", "--csv"); code != 0 || strings.Count(out, "\n") != 26 {
		t.Errorf("after restore:\n%s", out)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o644)
	if code, _, errOut := ocop("--db", fresh, "restore", junk); code != 1 || !strings.Contains(errOut, "junk.db") {
		t.Errorf("restoring junk: exit %d, %q", code, errOut)
	}
	if code, out, _ := ocop("--db", fresh, "list", "products", "--csv"); code != 0 || strings.Count(out, "\n") != 26 {
		t.Errorf("a refused restore changed the data:\n%s", out)
	}
}

func TestDamagedDatabaseNamesItsBackupAndIsRestored(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ocop.db")
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatal(errOut)
	}
	backup := filepath.Join(data.BackupDir(db), "ocop-truoc-thu-20261128-120000.db")
	if code, _, errOut := ocop("--db", db, "backup", backup); code != 0 {
		t.Fatal(errOut)
	}
	os.WriteFile(db, []byte("SQLite format 3\x00 but overwritten"), 0o644)
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	code, _, errOut := ocop("--db", db, "list", "products")
	if code != 1 || !strings.Contains(errOut, "Bản sao lưu tốt gần nhất") || !strings.Contains(errOut, "restore") {
		t.Fatalf("damaged: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(db); string(b) != "SQLite format 3\x00 but overwritten" {
		t.Error("the damaged database was written to")
	}
	if code, out, errOut := ocop("--db", db, "restore", backup); code != 0 || !strings.Contains(out, "Tệp hỏng được giữ lại") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := ocop("--db", db, "list", "products", "--csv"); code != 0 || strings.Count(out, "\n") != 26 {
		t.Errorf("after restore:\n%s", out)
	}
}

// Every report has the words the command line counts it with.
func TestEveryReportHasItsNoun(t *testing.T) {
	for _, n := range xlsx.Reports {
		if reportNoun[n] == "" {
			t.Errorf("report %q has no noun", n)
		}
	}
}

// An import in which every row failed records nothing: no import, no
// backup before it; it exits 1 saying why.
func TestImportEveryRowFailed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatal(errOut)
	}
	_, courses, _ := ocop("--db", db, "list", "courses", "--csv")
	recs, _ := csv.NewReader(strings.NewReader(courses)).ReadAll()
	course := recs[1][0]
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"import", write("SanPham.csv", "Tên sản phẩm,Chủ thể\nChè Shan tuyết,\nMật ong bạc hà,\n")},
			"Lỗi: tệp SanPham.csv: không nhập được dòng sản phẩm nào, vì cả 2 dòng đều có lỗi (xem các lỗi ở trên); chưa ghi gì vào cơ sở dữ liệu\n"},
		{[]string{"import", write("TrongRong.csv", "Tên sản phẩm,Chủ thể\n")},
			"Lỗi: tệp TrongRong.csv: không có dòng sản phẩm nào dưới dòng tiêu đề; chưa ghi gì vào cơ sở dữ liệu\n"},
		{[]string{"import", write("HocVien.csv", "Họ và tên,Giới tính\nMa Văn Khánh,Trai\n"), "--kind", "participants", "--course", course},
			"Lỗi: tệp HocVien.csv: không nhập được dòng học viên nào, vì cả 1 dòng đều có lỗi (xem các lỗi ở trên); chưa ghi gì vào cơ sở dữ liệu\n"},
	} {
		backups, _ := os.ReadDir(data.BackupDir(db))
		code, out, errOut := ocop(append([]string{"--db", db}, c.args...)...)
		if code != 1 || errOut != c.wantErr || strings.Contains(out, "Đã nhập") {
			t.Errorf("%v: exit %d\n%s%s\nwant exit 1 and %s", c.args, code, out, errOut, c.wantErr)
		}
		if after, _ := os.ReadDir(data.BackupDir(db)); len(after) != len(backups) {
			t.Errorf("%v: a backup was made for an import of nothing", c.args)
		}
	}
}

// A decision annex: the title's decision applies, --decision overrides it,
// and a date that cannot be read is refused.
func TestImportAnnexDecision(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	annex := filepath.Join("..", "..", "data", "xlsx", "testdata", "annex-s-quyet-dinh.xlsx")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 1, "Áp dụng Quyết định số 2865/QĐ-UBND ngày 31/12/2025 (ghi ở tiêu đề) cho 6 dòng không ghi quyết định."},
		{[]string{"--decision", "12/QĐ-UBND", "--decision-date", "5/1/2026"}, 1,
			"Áp dụng Quyết định số 12/QĐ-UBND ngày 05/01/2026 (theo --decision) cho 6 dòng không ghi quyết định."},
		{[]string{"--decision-date", "31/13/2025"}, 1, `--decision-date "31/13/2025": ghi ngày/tháng/năm`},
	} {
		code, out, errOut := ocop(append([]string{"--db", db, "import", annex, "--dry-run"}, c.args...)...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%q: exit %d\n%s\n%s\nwant %q", c.args, code, out, errOut, c.want)
		}
	}
}
