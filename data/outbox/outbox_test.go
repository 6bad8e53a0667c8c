package outbox

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ocopdesk/ocop/data"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// typed is what an officer might type: markup that must stay text.
const typed = `Thạch đen <b>"Tràng Định"</b> & Co`

// roundStore is a store of xã Thất Khê with two dossiers of round 2026-2,
// one assessed and one sent, the first with a product named with markup,
// and a file attached to each of its places.
func roundStore(t *testing.T) (*data.Store, []int64) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ParentBody, st.PlaceName, st.StaffName = "PHÒNG KINH TẾ", "UBND XÃ THẤT KHÊ", "Thất Khê", "Nguyễn Thị Thu"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	communes, _ := s.Communes(ctx)
	var commune int64
	for _, c := range communes {
		if c.Code == "06040" {
			commune = c.ID
		}
	}
	if err := s.SetCoveredCommunes(ctx, []int64{commune}); err != nil {
		t.Fatal(err)
	}
	pr := &data.Producer{Name: "HTX <Nông sản> & Thất Khê", Type: "htx", CommuneID: commune, Representative: "Lương Thị Hoa", Address: "Thôn Bản Piàng"}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, name := range []string{typed, "Miến dong"} {
		p := &data.Product{Name: name, ProducerID: pr.ID, SetCode: "I.3.c"}
		if err := s.AddProduct(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		d, err := s.NewDossier(ctx, p.ID, data.KindFirst, day("2026-06-01"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReceiveDossier(ctx, &d, nil); err != nil {
			t.Fatal(err)
		}
		a := data.Assessment{Materials: "Nguyên liệu <địa phương> & liên kết", Labour: "12 lao động", Idea: "Truyền thống",
			Identity: "Tri thức bản địa", AssessedBy: "Nguyễn Thị Thu", AssessedOn: day("2026-06-10")}
		if err := s.CompleteAssessment(ctx, d.ID, a); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := s.SendToProvince(ctx, d.ID, "45/UBND-KT", day("2026-06-12")); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, d.ID)
	}
	for _, f := range []struct{ item, name, content string }{
		{"", "Phiếu đăng ký.pdf", "%PDF-1.4 phiếu"},
		{"co_so_du_dieu_kien", "Giấy chứng nhận ATTP.jpg", "JPEG giấy"},
	} {
		p := filepath.Join(t.TempDir(), f.name)
		os.WriteFile(p, []byte(f.content), 0o644)
		if _, err := s.AttachFile(ctx, ids[0], f.item, p); err != nil {
			t.Fatal(err)
		}
	}
	return s, ids
}

// documentText is the text of a .docx's body: each w:t's content as the
// XML holds it (escaped), and as read (unescaped).
func documentXML(t *testing.T, r io.ReaderAt, size int64) string {
	t.Helper()
	z, err := zip.NewReader(r, size)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func fileXML(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	return documentXML(t, f, fi.Size())
}

const typedEscaped = `Thạch đen &lt;b&gt;&#34;Tràng Định&#34;&lt;/b&gt; &amp; Co`

func TestExportsHoldTheRecords(t *testing.T) {
	s, ids := roundStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	round := data.Round{Year: 2026, No: 2}
	tests := []struct {
		name  string
		write func(path string) error
		want  []string
	}{
		{"mau01", func(p string) error { return ExportMau01(ctx, s, ids[0], p) },
			[]string{typedEscaped, "HTX &lt;Nông sản&gt; &amp; Thất Khê", "01/PĐK-20-06040-2026", "Lương Thị Hoa", "Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn", "01/06/2026"}},
		{"mau03", func(p string) error { return ExportMau03(ctx, s, ids[0], p) },
			[]string{typedEscaped, "Nguyên liệu &lt;địa phương&gt; &amp; liên kết", "XÃ THẤT KHÊ", "Hợp tác xã", "ngày 10 tháng 6 năm 2026"}},
		{"cong-van", func(p string) error { _, err := ExportRequest(ctx, s, round, p); return err },
			[]string{typedEscaped, "Miến dong", "đợt 2 năm 2026", "02/PĐK-20-06040-2026", "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn."}},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name+".docx")
		if err := tc.write(path); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		xml := fileXML(t, path)
		flat := strings.NewReplacer(`</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/></w:rPr><w:t xml:space="preserve">`, "").Replace(xml)
		for _, w := range tc.want {
			if !strings.Contains(xml, w) && !strings.Contains(flat, w) {
				t.Errorf("%s.docx does not hold %q", tc.name, w)
			}
		}
		if strings.Contains(xml, "<b>") {
			t.Errorf("%s.docx holds typed markup as markup", tc.name)
		}
	}
	convert(t, dir, map[string][]string{
		"mau01":    {"PHIẾU ĐĂNG KÝ", `Thạch đen <b>"Tràng Định"</b> & Co`, "01/PĐK-20-06040-2026"},
		"mau03":    {"BÁO CÁO", "XÃ THẤT KHÊ", "Nguyên liệu <địa phương> & liên kết"},
		"cong-van": {"Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.", "Miến dong"},
	})
	if err := ExportMau03(ctx, s, 999, filepath.Join(dir, "x.docx")); err == nil || !strings.Contains(err.Error(), "không có hồ sơ số 999") {
		t.Errorf("Mẫu 03 of no dossier: %v", err)
	}
	var re *data.RoundError
	if _, err := ExportRequest(ctx, s, data.Round{Year: 2031, No: 1}, filepath.Join(dir, "y.docx")); !errors.As(err, &re) {
		t.Errorf("letter of an empty round: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.docx")); err == nil {
		t.Error("a refused letter left a file")
	}
}

// convert has LibreOffice turn each dir/name.docx into a PDF and checks
// the PDF shows the texts; it fails when LibreOffice cannot convert one.
// With OCOP_DOCX_REVIEW=dir the pages are kept there as fill-*.png.
func convert(t *testing.T, dir string, want map[string][]string) {
	t.Helper()
	soffice, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not installed (make test installs libreoffice-writer)")
	}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", dir}
	for name := range want {
		args = append(args, filepath.Join(dir, name+".docx"))
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	for name, texts := range want {
		pdf := filepath.Join(dir, name+".pdf")
		out, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil {
			t.Errorf("%s.docx was not converted to a PDF: %v", name, err)
			continue
		}
		flat := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range texts {
			if !strings.Contains(flat, w) {
				t.Errorf("%s.pdf does not show %q:\n%s", name, w, flat)
			}
		}
		if review := os.Getenv("OCOP_DOCX_REVIEW"); review != "" {
			exec.Command("pdftoppm", "-png", "-r", "60", pdf, filepath.Join(review, "fill-"+name)).Run()
		}
	}
}

func TestPrepareRound(t *testing.T) {
	s, _ := roundStore(t)
	ctx := context.Background()
	dest := t.TempDir()
	path, err := PrepareRound(ctx, s, data.Round{Year: 2026, No: 2}, dest, day("2026-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "Gui-tinh_2026-2_ThatKhe.zip" {
		t.Errorf("zip named %s", filepath.Base(path))
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	content := map[string]string{}
	for _, f := range z.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		content[f.Name] = string(b)
	}
	first := "Ho-so-01-PDK-20-06040-2026_Thach-den-b-Trang-Dinh-b-Co/"
	want := []string{
		"01_Cong-van-de-nghi.docx",
		"02_Danh-sach-ho-so.xlsx",
		first + "Mau03.docx",
		first + "Phieu-dang-ky.pdf",
		first + "co-so-du-dieu-kien-Giay-chung-nhan-co-so-du-dieu-kien-san-xuat/Giay-chung-nhan-ATTP.jpg",
		"Ho-so-02-PDK-20-06040-2026_Mien-dong/Mau03.docx",
	}
	if !slices.Equal(names, want) {
		t.Errorf("zip holds\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if content[first+"Phieu-dang-ky.pdf"] != "%PDF-1.4 phiếu" {
		t.Errorf("attached file in the zip holds %q", content[first+"Phieu-dang-ky.pdf"])
	}
	letter := content["01_Cong-van-de-nghi.docx"]
	if xml := documentXML(t, strings.NewReader(letter), int64(len(letter))); !strings.Contains(xml, "Miến dong") || !strings.Contains(xml, typedEscaped) {
		t.Error("the letter in the zip does not list the round's products")
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 1 {
		t.Errorf("dest holds %d entries, want only the zip (no temporary file left)", len(entries))
	}

	// A file changed since it was attached stops the set, naming it.
	list, _ := s.Attachments(ctx, 1)
	os.WriteFile(list[0].Path, []byte("sửa"), 0o644)
	if _, err := PrepareRound(ctx, s, data.Round{Year: 2026, No: 2}, t.TempDir(), time.Time{}); err == nil || !strings.Contains(err.Error(), "Phiếu đăng ký.pdf") {
		t.Errorf("a changed attachment: %v", err)
	}
}
