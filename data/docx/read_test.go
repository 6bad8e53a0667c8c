package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"strings"
	"testing"
)

// readFile reads the tables of a .docx fixture.
func readFile(t *testing.T, path string) []TextTable {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := ReadTables(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

// The decision annex, written as HTML and saved as .docx by LibreOffice
// Writer (../xlsx/testdata/make-fixtures.sh): the title paragraphs come as
// rows above the heading; "Kết quả" spans two columns (gridSpan) over
// "Phân nhóm" and "Hạng sao"; STT and the names span the two heading rows
// (vMerge); a producer cell has a line break.
func TestReadAnnexDocx(t *testing.T) {
	tables := readFile(t, "../xlsx/testdata/annex-2865.docx")
	if len(tables) != 1 || tables[0].Name != "Bảng 1" {
		t.Fatalf("tables %+v", tables)
	}
	rows := tables[0].Rows
	want := [][]string{
		{"DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT SẢN PHẨM OCOP NĂM 2025"},
		{"(Kèm theo Quyết định số 2865/QĐ-UBND ngày 31 tháng 12 năm 2025 của Chủ tịch UBND tỉnh Lạng Sơn)"},
		{"STT", "Tên sản phẩm", "Tên chủ thể, địa chỉ", "Kết quả", "Kết quả"},
		{"STT", "Tên sản phẩm", "Tên chủ thể, địa chỉ", "Phân nhóm", "Hạng sao"},
		{"1", "Miến dong Bình Gia", "HTX Nông nghiệp Bình Gia; địa chỉ: xã Bình Gia, tỉnh Lạng Sơn", "Thực phẩm", "3 sao"},
		{"2", "Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết\nđịa chỉ: thôn Nà Pàn, xã Đoàn Kết, tỉnh Lạng Sơn", "Thực phẩm", "4*"},
		{"3", "Chè Shan tuyết Kháng Chiến", "Công ty TNHH Chè Xứ Lạng - địa chỉ: khối 5, xã Thất Khê, tỉnh Lạng Sơn", "Đồ uống", "***"},
		{"4", "Hồi Lạng Sơn sấy khô", "Hộ kinh doanh Hoàng Văn Hồi (thôn Bản Châu, xã Văn Quan, tỉnh Lạng Sơn)", "Thực phẩm", "4 sao"},
		{"5", "Rượu men lá Quốc Việt", "Hộ kinh doanh Nông Thị Liên, xã Quốc Việt, tỉnh Lạng Sơn", "Đồ uống", "3*"},
		{"6", "Khau nhục Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng; địa chỉ: khối 3, xã Thất Khê, tỉnh Lạng Sơn", "Thực phẩm", "5 sao"},
		{"Danh sách có 06 sản phẩm./."},
	}
	checkRows(t, rows, want)
}

func checkRows(t *testing.T, rows, want [][]string) {
	t.Helper()
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d", len(rows), len(want))
	}
	for i := range min(len(rows), len(want)) {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], want[i])
		}
	}
}

// docxOf is a .docx holding body as the content of w:body.
func docxOf(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`,
	}
	for name, text := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(runs ...string) string {
	s := "<w:p>"
	for _, r := range runs {
		s += "<w:r>" + r + "</w:r>"
	}
	return s + "</w:p>"
}

func tx(s string) string { return "<w:t xml:space=\"preserve\">" + s + "</w:t>" }

func tc(props string, paras ...string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + strings.Join(paras, "") + "</w:tc>"
}

func tr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func tbl(rows ...string) string { return "<w:tbl>" + strings.Join(rows, "") + "</w:tbl>" }

// What Word writes inside cells, read as the importers need it.
func TestReadTablesCells(t *testing.T) {
	tests := []struct {
		name string
		body string
		want [][][]string // tables, rows, cells
	}{
		{"tab as a space, break and paragraphs as new lines",
			tbl(tr(tc("", p(tx("Họ và"), "<w:tab/>", tx("tên"))), tc("", p(tx("thôn Nà Pàn,"), "<w:br/>", tx("xã Đoàn Kết")), p(tx("tỉnh Lạng Sơn"))))),
			[][][]string{{{"Họ và tên", "thôn Nà Pàn,\nxã Đoàn Kết\ntỉnh Lạng Sơn"}}}},
		{"tab stops, deleted text and field codes are no text",
			tbl(tr(tc("", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r>`+tx("Miến")+`</w:r><w:del><w:r><w:delText>dong</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>`))),
			[][][]string{{{"Miến"}}}},
		{"gridSpan and vMerge fill the cells they cover",
			tbl(tr(tc(`<w:vMerge w:val="restart"/>`, p(tx("STT"))), tc(`<w:gridSpan w:val="2"/>`, p(tx("Kết quả")))),
				tr(tc(`<w:vMerge/>`, p()), tc("", p(tx("Điểm"))), tc("", p(tx("Hạng sao"))))),
			[][][]string{{{"STT", "Kết quả", "Kết quả"}, {"STT", "Điểm", "Hạng sao"}}}},
		{"gridBefore leaves the skipped columns empty",
			tbl(tr(tc("", p(tx("a"))), tc("", p(tx("b")))), `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+tc("", p(tx("c")))+`</w:tr>`),
			[][][]string{{{"a", "b"}, {"", "c"}}}},
		{"a nested table is flattened into its cell",
			tbl(tr(tc("", p(tx("Chủ thể")), tbl(tr(tc("", p(tx("HTX A"))), tc("", p(tx("xã B"))))), p()), tc("", p(tx("3 sao"))))),
			[][][]string{{{"Chủ thể\nHTX A\nxã B", "3 sao"}}}},
		{"the text between two tables heads the second, the text after ends the last",
			p(tx("Bảng một")) + tbl(tr(tc("", p(tx("x"))))) + p() + p(tx("(Kèm theo Quyết định số 12/QĐ-UBND)")) + tbl(tr(tc("", p(tx("y"))))) + p(tx("Tổng cộng: 1")) + `<w:sectPr><w:pgSz w:w="11906"/></w:sectPr>`,
			[][][]string{{{"Bảng một"}, {"x"}}, {{"(Kèm theo Quyết định số 12/QĐ-UBND)"}, {"y"}, {"Tổng cộng: 1"}}}},
		{"a text box's fallback copy is read once",
			tbl(tr(tc("", `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>Hộp</w:t></mc:Choice><mc:Fallback><w:t>Hộp</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`))),
			[][][]string{{{"Hộp"}}}},
		{"a document without tables has none", p(tx("Kính gửi: UBND tỉnh")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := docxOf(t, tt.body)
			tables, err := ReadTables(bytes.NewReader(raw), int64(len(raw)))
			if err != nil {
				t.Fatal(err)
			}
			if len(tables) != len(tt.want) {
				t.Fatalf("%d tables %q, want %d", len(tables), tables, len(tt.want))
			}
			for i, tb := range tables {
				checkRows(t, tb.Rows, tt.want[i])
			}
		})
	}
}

// A file that is not a Word document, or holds more than the limits, is
// refused with a Vietnamese message that says the limit in MB.
func TestReadTablesRefuses(t *testing.T) {
	oldBytes, oldRows := MaxXMLBytes, MaxRows
	t.Cleanup(func() { MaxXMLBytes, MaxRows = oldBytes, oldRows })
	MaxXMLBytes, MaxRows = 1<<20, 3
	big := p(tx(strings.Repeat("Miến dong ", 120000)))
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"not a zip", []byte("%PDF-1.4 ..."), "không phải tệp Word (.docx) hoặc tệp đã hỏng"},
		{"over the unzipped limit", docxOf(t, big), "nội dung văn bản giải nén vượt giới hạn 1 MB"},
		{"too many rows", docxOf(t, tbl(tr(tc("", p())), tr(tc("", p())), tr(tc("", p())), tr(tc("", p())))), "bảng 1 có quá nhiều dòng (tối đa 3)"},
		{"broken XML", docxOf(t, "<w:tbl><w:tr></w:tbl>"), "tệp Word hỏng: nội dung văn bản (word/document.xml) sai ở dòng 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTables(bytes.NewReader(tt.raw), int64(len(tt.raw)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	// A zip header that says the body is small, over a body that is not, is
	// a damaged file.
	var lying bytes.Buffer
	{
		body := []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + big + `</w:body></w:document>`)
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
		fw.Write(body)
		fw.Close()
		z := zip.NewWriter(&lying)
		w, _ := z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: 100})
		w.Write(packed.Bytes())
		z.Close()
	}
	if _, err := ReadTables(bytes.NewReader(lying.Bytes()), int64(lying.Len())); !errors.Is(err, ErrNotDocx) || err.Error() != "không phải tệp Word (.docx) hoặc tệp đã hỏng" {
		t.Errorf("a header lying about the size: %v", err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	z.Close()
	if _, err := ReadTables(bytes.NewReader(buf.Bytes()), int64(buf.Len())); !errors.Is(err, ErrNotDocx) {
		t.Errorf("a workbook read as a document: %v", err)
	}
}
