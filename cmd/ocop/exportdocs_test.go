package main

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportDossierDocuments exports the Word documents and the round's
// .zip of the demo data, and checks the exit codes and messages of bad ids
// and rounds.
func TestExportDossierDocuments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatalf("demo: exit %d, %s", code, errOut)
	}
	_, out, _ := ocop("--db", db, "list", "dossiers", "--csv")
	recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	var assessed, round string
	for _, r := range recs[1:] {
		if r[6] == "da_danh_gia_xa" {
			assessed, round = r[0], r[7]
		}
	}
	if assessed == "" {
		t.Fatal("the demo data has no assessed dossier")
	}
	out1 := filepath.Join(dir, "m1.docx")
	tests := []struct {
		args []string
		code int
		say  string // in stdout when 0, stderr otherwise
		file string
	}{
		{[]string{"export", "mau01", "--dossier", assessed, "--out", out1}, 0, "Phiếu đăng ký (Mẫu 01)", out1},
		{[]string{"export", "mau03", "--dossier", assessed, "--out", filepath.Join(dir, "m3.docx")}, 0, "Mẫu 03", filepath.Join(dir, "m3.docx")},
		{[]string{"export", "request", "--round", round, "--out", filepath.Join(dir, "cv.docx")}, 0, "công văn đề nghị", filepath.Join(dir, "cv.docx")},
		{[]string{"export", "notice", "--product", "1", "--out", filepath.Join(dir, "tb.docx")}, 0, "thông báo", filepath.Join(dir, "tb.docx")},
		{[]string{"export", "round", "--round", round, "--out", dir}, 0, "Đã chuẩn bị hồ sơ gửi tỉnh", ""},
		{[]string{"export", "mau03", "--dossier", "999", "--out", filepath.Join(dir, "no.docx")}, 1, "không có hồ sơ số 999", ""},
		{[]string{"export", "request", "--round", "2031-1", "--out", filepath.Join(dir, "no.docx")}, 1, "Đợt 1 năm 2031 không có hồ sơ", ""},
		{[]string{"export", "request", "--round", "hai", "--out", filepath.Join(dir, "no.docx")}, 1, "đợt đánh giá \"hai\" không hợp lệ", ""},
		{[]string{"export", "notice", "--product", "999", "--out", filepath.Join(dir, "no.docx")}, 1, "không có sản phẩm số 999", ""},
		{[]string{"export", "mau01", "--out", filepath.Join(dir, "no.docx")}, 2, "", ""},
	}
	for _, tc := range tests {
		code, stdout, stderr := ocop(append([]string{"--db", db}, tc.args...)...)
		said := stdout
		if tc.code != 0 {
			said = stderr
		}
		if code != tc.code || !strings.Contains(said, tc.say) {
			t.Errorf("%v: exit %d, %q %q; want %d saying %q", tc.args, code, stdout, stderr, tc.code, tc.say)
		}
		if tc.file != "" {
			if _, err := zip.OpenReader(tc.file); err != nil {
				t.Errorf("%v wrote no .docx: %v", tc.args, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "no.docx")); err == nil {
		t.Error("a refused export left a file")
	}
	zips, _ := filepath.Glob(filepath.Join(dir, "Gui-tinh_"+round+"_*.zip"))
	if len(zips) != 1 {
		t.Errorf("round set: %v", zips)
	}
}
