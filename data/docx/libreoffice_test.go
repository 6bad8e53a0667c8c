package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDocumentsOpenInLibreOffice has LibreOffice Writer convert each
// document to PDF, as an office without Word opens it: a document it
// cannot convert, a PDF without pages, a page that is not A4 or text that
// did not come through fails the test. With OCOP_DOCX_REVIEW=dir the PDFs
// and their pages as PNG images (pdftoppm -r 60) are kept in dir for a
// person to look at.
func TestDocumentsOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not installed (make test installs libreoffice-writer)")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (make test installs poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	docs := sampleDocuments()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", dir}
	for _, d := range docs {
		path := filepath.Join(dir, d.name+".docx")
		if err := d.doc.WriteFile(path); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	want := map[string][]string{
		"mau01":     {"PHIẾU ĐĂNG KÝ", "Miến dong Quốc Khánh", "DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ", "03-…/PĐK-20-06040-2026"},
		"mau03":     {"BÁO CÁO", "XÃ THẤT KHÊ", "Số: 57/BC-UBND", "Hoàng Văn Minh"},
		"cong-van":  {"Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.", "Hạt dẻ Thất Khê", "Nâng hạng", "Đinh Thị Thu"},
		"thong-bao": {"THÔNG BÁO", "08/03/2026", "Hoàng Văn Minh"},
	}
	pagesRe := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	sizeRe := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
	review := os.Getenv("OCOP_DOCX_REVIEW")
	for _, d := range docs {
		pdf := filepath.Join(dir, d.name+".pdf")
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil {
			t.Errorf("%s.docx was not converted to a PDF: %v", d.name, err)
			continue
		}
		m := pagesRe.FindStringSubmatch(string(info))
		if m == nil || m[1] == "0" {
			t.Errorf("%s.pdf has no pages:\n%s", d.name, info)
			continue
		}
		if s := sizeRe.FindStringSubmatch(string(info)); s == nil || !near(s[1], 595) || !near(s[2], 842) {
			t.Errorf("%s.pdf is not A4 upright:\n%s", d.name, info)
		}
		text, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		for _, w := range append([]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}, want[d.name]...) {
			if !strings.Contains(flat, w) {
				t.Errorf("%s.pdf does not show %q:\n%s", d.name, w, text)
			}
		}
		if review != "" {
			keep(t, review, d.name, pdf)
		}
	}
}

func near(pts string, want float64) bool {
	f, err := strconv.ParseFloat(pts, 64)
	return err == nil && f > want-2 && f < want+2
}

// keep copies pdf to dir as docx-name.pdf with its pages as
// docx-name-N.png.
func keep(t *testing.T, dir, name, pdf string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "docx-"+name+".pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", pdf, filepath.Join(dir, "docx-"+name)).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm: %v %s", err, out)
	}
}
