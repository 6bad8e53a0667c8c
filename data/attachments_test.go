package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Giấy chứng nhận ATTP (bản sao).PDF", "Giay-chung-nhan-ATTP-ban-sao.pdf"},
		{"05/PĐK-20-06040-2026", "05-PDK-20-06040-2026"},
		{"../../etc/passwd.pdf", "etc-passwd.pdf"},
		{"Đơn.docx", "Don.docx"},
		{"???.jpg", "tep.jpg"},
	}
	for _, tc := range tests {
		if got := SafeFileName(tc.in); got != tc.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, want := AttachmentDir("/a/thu.db"), filepath.FromSlash("/a/hoso/thu"); got != want {
		t.Errorf("AttachmentDir of thu.db = %q, want %q", got, want)
	}
}

// writeFile writes content to name in a new temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAttachFiles(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	p := certifiedProduct(t, s, pr, "Thạch đen", "I.3.c", day("2023-08-01"))
	d := receive(t, s, p, KindRerank, day("2026-06-01"))
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

	a, err := s.AttachFile(ctx, d.ID, "", writeFile(t, "Phiếu đăng ký.pdf", "%PDF-1.4 một"))
	if err != nil {
		t.Fatal(err)
	}
	// Another file of the same name goes beside it, never over it.
	b, err := s.AttachFile(ctx, d.ID, "co_so_du_dieu_kien", writeFile(t, "Phiếu đăng ký.pdf", "%PDF-1.4 hai"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		what      string
		got, want any
	}{
		{"stored", a.Stored, filepath.Base(filepath.Dir(a.Path)) + "/Phieu-dang-ky.pdf"},
		{"second stored beside", filepath.Base(b.Path), "Phieu-dang-ky-2.pdf"},
		{"folder beside the database", filepath.Dir(filepath.Dir(a.Path)), filepath.Join(filepath.Dir(s.Path()), "hoso")},
		{"checksum", a.SHA256, sum("%PDF-1.4 một")},
		{"size", a.Size, int64(len("%PDF-1.4 một"))},
		{"original name", a.Name, "Phiếu đăng ký.pdf"},
		{"item", b.ItemName, "Giấy chứng nhận cơ sở đủ điều kiện sản xuất"},
		{"staff", a.AddedBy, "Lương Thị Hoa"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.what, tc.got, tc.want)
		}
	}
	if got, _ := os.ReadFile(a.Path); string(got) != "%PDF-1.4 một" {
		t.Errorf("first copy holds %q", got)
	}
	list, err := s.Attachments(ctx, d.ID)
	if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ItemCode != "co_so_du_dieu_kien" {
		t.Fatalf("Attachments = %+v, %v", list, err)
	}
	for _, bad := range []struct{ name, content, item, want string }{
		{"virus.exe", "MZ", "", "không phải PDF, ảnh, Word hay Excel"},
		{"Phiếu đăng ký (lần 2).pdf", "%PDF-1.4 một", "", "đã được đính kèm"},
		{"a.pdf", "x", "khong_co", "không có mục"},
	} {
		if _, err := s.AttachFile(ctx, d.ID, bad.item, writeFile(t, bad.name, bad.content)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("attaching %s: %v, want %q", bad.name, err, bad.want)
		}
	}
	// Removing keeps the copy until restored.
	if err := s.RemoveAttachment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Attachments(ctx, d.ID); len(list) != 1 {
		t.Errorf("%d files after removing one, want 1", len(list))
	}
	if _, err := os.Stat(a.Path); err != nil {
		t.Errorf("the removed file's copy is gone: %v", err)
	}
	if err := s.RestoreAttachment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	changes, _ := s.ChangeLog(ctx, EntityDossier, d.ID)
	if len(changes) < 4 || !strings.Contains(changes[0].Details, "Khôi phục tệp đính kèm «Phiếu đăng ký.pdf»") {
		t.Errorf("change log: %+v", changes)
	}
	// A changed copy is told.
	if err := CheckAttachment(a); err != nil {
		t.Errorf("CheckAttachment of a sound copy: %v", err)
	}
	os.WriteFile(b.Path, []byte("sửa"), 0o644)
	if err := CheckAttachment(b); err == nil || !strings.Contains(err.Error(), "đã bị thay đổi") {
		t.Errorf("CheckAttachment of a changed copy: %v", err)
	}
	os.WriteFile(b.Path, []byte("%PDF-1.4 hai"), 0o644)

	// The backups keep the files, and a restore brings a lost one back.
	saved, err := s.BackupBefore(ctx, "thu")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(BackupDir(s.Path()), "hoso", a.SHA256)); err != nil {
		t.Errorf("the backup did not keep the file: %v", err)
	}
	os.Remove(a.Path)
	if _, err := s.RestoreBackup(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(a.Path); err != nil || string(got) != "%PDF-1.4 một" {
		t.Errorf("after restore the file holds %q, %v", got, err)
	}
}
