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

// TestLongLetterPrints prints a letter listing 40 products through
// LibreOffice: the list's heading is repeated at the top of the next page,
// the page number shows from page 2 and not on page 1, and the signer is
// on the page of the letter's last paragraph.
func TestLongLetterPrints(t *testing.T) {
	soffice, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not installed (make test installs libreoffice-writer)")
	}
	q := sampleRequest
	q.Products = nil
	for i := range 40 {
		q.Products = append(q.Products, RequestItem{Product: "Sản phẩm số " + strconv.Itoa(i+1), Producer: "Hợp tác xã Nông nghiệp Quốc Khánh",
			Address: "Thôn Bản Piàng, xã Thất Khê", Kind: KindFirst, ReceiptNo: strconv.Itoa(i+1) + "-…/PĐK-20-06040-2026"})
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "dai.docx")
	if err := q.Document().WriteFile(path); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		"--convert-to", "pdf", "--outdir", dir, path).CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "dai.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(text), "\f"), "\f")
	if len(pages) < 2 {
		t.Fatalf("40 products on %d page", len(pages))
	}
	if first := strings.Fields(pages[0]); len(first) > 0 && first[0] == "1" {
		t.Errorf("page 1 carries a page number")
	}
	for i, p := range pages[1:] {
		lines := strings.Fields(p)
		if len(lines) == 0 || lines[0] != strconv.Itoa(i+2) {
			t.Errorf("page %d does not start with its number:\n%s", i+2, p)
		}
		if strings.Contains(p, "Sản phẩm số") && !strings.Contains(p, "Tên sản phẩm") {
			t.Errorf("page %d continues the list without its heading:\n%s", i+2, p)
		}
	}
	last := pages[len(pages)-1]
	if !strings.Contains(last, "Đinh Thị Thu") || !strings.Contains(last, "xem xét, tổ chức đánh giá") {
		t.Errorf("the signer is not on the page of the last paragraph:\n%s", last)
	}
	if os.Getenv("OCOP_DOCX_REVIEW") != "" {
		keep(t, os.Getenv("OCOP_DOCX_REVIEW"), "cong-van-dai", filepath.Join(dir, "dai.pdf"))
	}
}
