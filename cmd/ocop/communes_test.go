package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitOffice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lamdong.db")
	for _, c := range []struct {
		args       []string
		code       int
		out, error string
	}{
		{[]string{"init"}, 2, "", "Cách dùng"},
		{[]string{"init", "--province", "99"}, 1, "", "không có tỉnh, thành phố mã \"99\""},
		{[]string{"init", "--province", "68", "--communes", "24722,06040"}, 1, "", "mã xã 06040: không có trong danh mục xã, phường của tỉnh Lâm Đồng"},
		{[]string{"init", "--province", "68", "--office", "PHÒNG KINH TẾ", "--parent", "UBND XÃ THUẬN HẠNH", "--communes", "24722"}, 0,
			"PHÒNG KINH TẾ, tỉnh Lâm Đồng (mã 68), 1 xã, phường thuộc địa bàn", ""},
		{[]string{"init", "--province", "20", "--communes", "all"}, 1, "", "đã có thông tin đơn vị; không thiết lập lại"},
		{[]string{"list", "communes", "--csv"}, 0, "68,Lâm Đồng,24722,Thuận Hạnh,xã", ""},
	} {
		code, out, errOut := ocop(append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.error) {
			t.Errorf("%v: exit %d, %q %q; want %d, %q, %q", c.args, code, out, errOut, c.code, c.out, c.error)
		}
	}
	// Set up as the dialog does: its province and commune in the settings and reports.
	code, out, _ := ocop("--db", db, "import", "../../data/xlsx/testdata/lam-dong-dia-chi-cu.xlsx")
	if code != 0 || !strings.Contains(out, "24 sản phẩm mới") || !strings.Contains(out, "đã được chia cho 2 xã, phường") {
		t.Errorf("import onto the Lâm Đồng office: exit %d\n%s", code, out)
	}
	_, out, _ = ocop("--db", db, "list", "producers", "--csv")
	if !strings.Contains(out, "HTX Cà phê Thuận Hà") || !strings.Contains(out, "Thuận Hạnh") {
		t.Errorf("producers after import:\n%s", out)
	}
}

func TestListCommunes(t *testing.T) {
	// Without --db: the embedded list of the whole country; no file made.
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	code, out, errOut := ocop("list", "communes", "--csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3322 || strings.Join(recs[0], ",") != "province_code,province,code,name,kind" {
		t.Fatalf("%d records (%v), header %v", len(recs), err, recs[0])
	}
	provinces := map[string]bool{}
	for _, r := range recs[1:] {
		provinces[r[0]] = true
	}
	if len(provinces) != 34 {
		t.Errorf("%d provinces", len(provinces))
	}
	if dir, _ := os.UserConfigDir(); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "OCOPDesk")); err == nil {
			t.Errorf("list communes without --db made a database")
		}
	}
	code, out, _ = ocop("list", "communes", "--province", "20")
	if code != 0 || strings.Count(out, "\n") != 65 || !strings.Contains(out, "xã Thất Khê") {
		t.Errorf("Lạng Sơn: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), out)
	}
	if code, _, errOut = ocop("list", "communes", "--province", "00"); code != 1 || !strings.Contains(errOut, "không có tỉnh, thành phố mã \"00\"") {
		t.Errorf("province 00: exit %d, %q", code, errOut)
	}
	// With --db: the database's list, communes added by hand included.
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, _ = ocop("--db", db, "demo"); code != 0 {
		t.Fatal("demo failed")
	}
	if code, out, _ = ocop("--db", db, "list", "communes", "--province", "20", "--csv"); code != 0 || strings.Count(out, "\n") != 66 {
		t.Errorf("with --db: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}
