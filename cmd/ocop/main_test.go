package main

import (
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
	runGUI = func(*data.Store, app.Options) error { return nil }
	showFatal = func(error) {}
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
	for _, args := range [][]string{{"--db", path, "list", "products", "--csv"}, {"--db", path, "check"}, {"--db", path}} {
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
