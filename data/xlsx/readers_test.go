package xlsx

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/docx"
)

// copyAs copies a fixture to a temporary file called name: the same
// content under another extension.
func copyAs(t *testing.T, fixture, name string) string {
	t.Helper()
	raw, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The product list kept as Excel 97-2003 (products-97.xls, saved by
// LibreOffice Calc from the same sheet as danh-sach-san-pham.xlsx), as
// .ods, and as the flat .fods they were all made from, imports exactly as
// the .xlsx does: every field of every row, every problem.
func TestReadProductsFromXLS(t *testing.T) {
	s := emptyStore(t)
	ref := refOf(t, s)
	want, wantProblems, wantMaps, err := ReadProducts("testdata/danh-sach-san-pham.xlsx", ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"testdata/products-97.xls", copyAs(t, "testdata/products-97.xls", "danh-sach.xlsx"),
		"testdata/products.ods", "testdata/danh-sach-san-pham.fods"} {
		rows, problems, maps, err := ReadProducts(path, ref)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(rows) != 7 || len(maps) != 2 {
			t.Fatalf("%s: %d rows, %d sheets, want 7 and 2", path, len(rows), len(maps))
		}
		for i := range rows {
			if !reflect.DeepEqual(rows[i], want[i]) {
				t.Errorf("%s row %d:\n got %+v %+v\nwant %+v %+v", path, i, rows[i], rows[i].Cert, want[i], want[i].Cert)
			}
		}
		if fmt.Sprint(problems) != fmt.Sprint(wantProblems) || !reflect.DeepEqual(maps, wantMaps) {
			t.Errorf("%s: problems %v\nwant %v\nmaps %+v\nwant %+v", path, problems, wantProblems, maps, wantMaps)
		}
	}
	// What the user sees of the first rows, spelt out.
	rows, _, _, _ := ReadProducts("testdata/products-97.xls", ref)
	for i, w := range []string{
		"Thạch đen Tràng Định|HTX Nông nghiệp Thạch đen Đoàn Kết|2412/QĐ-UBND|06/12/2024|4|72,5",
		"Bột thạch đen|HTX Nông nghiệp Thạch đen Đoàn Kết|1203/QĐ-UBND|07/07/2023|3|66,36",
		"Rượu men lá Quốc Việt|Hộ kinh doanh Nông Thị Liên|1951/QĐ-UBND|28/02/2025|3|61,7",
	} {
		r := rows[i]
		got := strings.Join([]string{r.Product, r.Producer, r.Cert.DecisionNo, data.VNDate(r.Cert.DecisionDate), fmt.Sprint(r.Cert.Stars), r.Cert.Score.VI()}, "|")
		if got != w {
			t.Errorf("row %d: %s, want %s", i, got, w)
		}
	}
}

// A sign-in list typed in Word (signin-word.docx, saved by LibreOffice
// Writer) reads as a participant list; the phone numbers that lost their
// zero, or were written with dots, come back as ten or eleven digits.
// The same file renamed .doc is still read by its content, and the list
// saved by Writer as .odt reads alike.
func TestReadParticipantsFromWord(t *testing.T) {
	s, _ := demoStore(t)
	groups, _ := s.EthnicGroups(context.Background())
	for _, path := range []string{"testdata/signin-word.docx", copyAs(t, "testdata/signin-word.docx", "ky-ten.doc"), "testdata/signin-writer.odt"} {
		people, problems, err := ReadParticipants(path, groups)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got []string
		for _, p := range people {
			got = append(got, fmt.Sprintf("%s|%d|%s|%s|%s %d", p.FullName, p.BirthYear, p.Ethnicity, p.Phone, p.Sheet, p.Row))
		}
		want := []string{
			"Nguyễn Thị Hoa|1985|Kinh|0912345678|Bảng 1 4",
			"Hoàng Văn Đức|1979|Tày|0987654321|Bảng 1 5",
			"Lương Thị Mến|1992|Nùng|0868123456|Bảng 1 6",
			"Nông Văn Sáng|1968|Tày|02053881122|Bảng 1 7",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\nwant\n%s", path, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(problems) != 0 {
			t.Errorf("%s: problems %v", path, problems)
		}
	}
}

// The annex saved by Writer as .docx and by Calc as .xlsx and .ods from
// the same HTML reads as the same rows: the title lines above the heading, the
// merged heading, the line break in a cell, the closing line; also when
// renamed to another kind of file.
func TestReadAnnexWordLikeExcel(t *testing.T) {
	want, err := ReadTables("testdata/annex-2865.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"testdata/annex-2865.docx", "testdata/annex-2865.ods",
		copyAs(t, "testdata/annex-2865.xlsx", "phu-luc.ods"), copyAs(t, "testdata/annex-2865.docx", "phu-luc.odt")} {
		got, err := ReadTables(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(got) != 1 || len(want) != 1 {
			t.Fatalf("%s: %d tables, .xlsx %d", path, len(got), len(want))
		}
		if !reflect.DeepEqual(got[0].Rows, want[0].Rows) {
			t.Errorf("%s:\n got %q\nwant %q", path, got[0].Rows, want[0].Rows)
		}
		if got[0].Rows[1][0] != "(Kèm theo Quyết định số 2865/QĐ-UBND ngày 31 tháng 12 năm 2025 của Chủ tịch UBND tỉnh Lạng Sơn)" ||
			got[0].Rows[5][2] != "HTX Nông nghiệp Thạch đen Đoàn Kết\nđịa chỉ: thôn Nà Pàn, xã Đoàn Kết, tỉnh Lạng Sơn" {
			t.Errorf("%s: title %q, line break %q", path, got[0].Rows[1][0], got[0].Rows[5][2])
		}
	}
}

// Files the importers cannot read are refused in Vietnamese, saying what
// the file is and what to ask for or do; limits in MB.
func TestReadTablesRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, raw []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	xls, _ := os.ReadFile("testdata/products-97.xls")
	big := write("DanhSach.xlsx", nil)
	os.Truncate(big, 21<<20)
	var zbuf strings.Builder
	z := zip.NewWriter(&zbuf)
	w, _ := z.Create("word/document.xml")
	fmt.Fprintf(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>`, strings.Repeat("Miến dong Bình Gia ", 100000))
	z.Close()
	defer func(n int64) { docx.MaxXMLBytes = n }(docx.MaxXMLBytes)
	docx.MaxXMLBytes = 1 << 20
	tests := []struct{ path, want string }{
		{write("QD-2865.pdf", []byte("%PDF-1.7\n...")), "tệp QD-2865.pdf là PDF: chương trình không đọc được bảng trong PDF. Hãy xin cơ quan gửi tệp Word (.docx) hoặc Excel (.xlsx) gốc"},
		{write("QD-2865.xlsx", []byte("%PDF-1.4\n...")), "tệp QD-2865.xlsx là PDF: chương trình không đọc được bảng trong PDF"},
		{write("hong.xls", xls[:4096]), "tệp hong.xls là Excel 97-2003 (.xls) và không đọc được: tệp đã hỏng. Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx"},
		{write("cu.xls", []byte("\xd0\xcf\x11\xe0")), "tệp cu.xls là Excel 97-2003 (.xls) và không đọc được: tệp không phải bảng tính Excel hoặc đã hỏng. Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx"},
		{"testdata/signin-word97.doc", "tệp signin-word97.doc là Word 97-2003 (.doc): chương trình chỉ đọc được bảng trong tệp Word .docx. Hãy mở bằng Word hoặc LibreOffice và lưu thành .docx"},
		{big, "tệp DanhSach.xlsx quá lớn (21 MB, tối đa 20 MB)"},
		{write("PhuLuc.docx", []byte(zbuf.String())), "tệp PhuLuc.docx: nội dung văn bản giải nén vượt giới hạn 1 MB"},
		{write("Hong.ods", zipOf("content.xml", "<a><b></a>")), "tệp Hong.ods đã hỏng: nội dung (content.xml) sai ở dòng 1"},
		{write("CongVan.docx", docxBody("<w:p><w:r><w:t>Kính gửi</w:t></w:r></w:p>")), "tệp CongVan.docx không có bảng nào"},
	}
	for _, tt := range tests {
		_, err := ReadTables(tt.path)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant %s", filepath.Base(tt.path), err, tt.want)
		}
	}
}

// docxBody is a minimal .docx whose body is body.
func docxBody(body string) []byte {
	var b strings.Builder
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	fmt.Fprintf(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body)
	z.Close()
	return []byte(b.String())
}

// zipOf is a zip file holding one file.
func zipOf(name, content string) []byte {
	var b strings.Builder
	z := zip.NewWriter(&b)
	w, _ := z.Create(name)
	w.Write([]byte(content))
	z.Close()
	return []byte(b.String())
}
