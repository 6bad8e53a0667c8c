package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

func TestProvinceCommand(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	// Office 1: the demo (Phòng Kinh tế, UBND xã Thất Khê).
	db1 := filepath.Join(dir, "thatkhe.db")
	if code, _, errOut := ocop("--db", db1, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	// Office 2: another office with one product of its own.
	db2 := filepath.Join(dir, "doanket.db")
	s, err := data.Open(db2)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ParentBody = "PHÒNG KINH TẾ", "UBND XÃ ĐOÀN KẾT"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	pr := &data.Producer{Name: "HTX Ong mật Đoàn Kết", Type: "htx"}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	day := time.Now().AddDate(0, -1, 0)
	if day.Year() != time.Now().Year() {
		day = time.Now()
	}
	if err := s.AddProduct(ctx, &data.Product{ProducerID: pr.ID, Name: "Mật ong rừng Đoàn Kết", SetCode: "I.2.b"},
		&data.Certification{DecisionNo: "12/QĐ-UBND", DecisionDate: day, Stars: 4}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	year := time.Now().Format("2006")
	r1, r2 := filepath.Join(dir, "thatkhe.xlsx"), filepath.Join(dir, "doanket.xlsx")
	for _, e := range [][2]string{{db1, r1}, {db2, r2}} {
		if code, out, errOut := ocop("--db", e[0], "export", "summary,training", "--period", year, "--out", e[1]); code != 0 {
			t.Fatalf("export: %s %s", out, errOut)
		}
	}
	foreign := filepath.Join(dir, "khac.xlsx")
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "Danh sách sản phẩm")
	if err := f.SaveAs(foreign); err != nil {
		t.Fatal(err)
	}

	provDB := filepath.Join(dir, "tinh.db")
	out := filepath.Join(dir, "tinh.xlsx")
	code, stdout, stderr := ocop("--db", provDB, "province", "--out", out, r1, r2, foreign)
	if code != 1 {
		t.Errorf("with a foreign file: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"Tệp thatkhe.xlsx: UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ (Lạng Sơn), Năm " + year + ", 25 sản phẩm",
		"Tệp doanket.xlsx: UBND XÃ ĐOÀN KẾT - PHÒNG KINH TẾ (Lạng Sơn), Năm " + year + ", 1 sản phẩm, 0 lớp tập huấn.",
		"Tệp khac.xlsx: KHÔNG GỘP.\n  Lỗi: không phải báo cáo của OCOP Desk",
		"của 2 đơn vị (26 sản phẩm",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "1 tệp không được gộp") {
		t.Errorf("stderr %q", stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the usable files were not written: %v", err)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(wb.GetSheetList(), "|"); got != "Danh sách sản phẩm|Tổng hợp|Tập huấn|Hồ sơ OCOP|Nguồn số liệu" {
		t.Errorf("sheets %s", got)
	}
	wb.Close()

	// Only good files: exit 0; the same office twice: exit 1.
	if code, stdout, stderr := ocop("--db", provDB, "province", r1, r2, "--out", out); code != 0 || stderr != "" {
		t.Errorf("good files: exit %d\n%s%s", code, stdout, stderr)
	}
	r1b := filepath.Join(dir, "thatkhe_lan2.xlsx")
	time.Sleep(1100 * time.Millisecond)
	if code, _, errOut := ocop("--db", db1, "export", "products", "--period", year, "--out", r1b); code != 0 {
		t.Fatal(errOut)
	}
	code, stdout, _ = ocop("--db", provDB, "province", "--out", out, r1, r1b, r2)
	if code != 1 || !strings.Contains(stdout, "Tệp thatkhe.xlsx") || !strings.Contains(stdout, "chỉ gộp tệp thatkhe_lan2.xlsx") {
		t.Errorf("same office twice: exit %d\n%s", code, stdout)
	}

	// Nothing usable: nothing written, exit 1.
	none := filepath.Join(dir, "none.xlsx")
	code, _, stderr = ocop("--db", provDB, "province", "--out", none, foreign)
	if _, err := os.Stat(none); code != 1 || err == nil || !strings.Contains(stderr, "không có báo cáo nào gộp được") {
		t.Errorf("nothing usable: exit %d, %q", code, stderr)
	}
	// Usage.
	for _, args := range [][]string{{"province", r1}, {"province", "--out", out}, {"province", "--bogus", "--out", out, r1}} {
		if code, _, errOut := ocop(append([]string{"--db", provDB}, args...)...); code != 2 || !strings.Contains(errOut, "province --out") {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
