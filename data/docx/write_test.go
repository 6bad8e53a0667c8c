package docx

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// element is a decoded XML element with its children, for looking at the
// structure Word reads.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (e element) attr(local string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// all returns the descendants of e named local, in document order.
func (e element) all(local string) []element {
	var out []element
	for _, c := range e.Children {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

func (e element) first(local string) (element, bool) {
	if a := e.all(local); len(a) > 0 {
		return a[0], true
	}
	return element{}, false
}

func parsePart(t *testing.T, o opened, name string) element {
	t.Helper()
	var e element
	if err := xml.Unmarshal(o.parts[name], &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestPageIsDecree30 checks the page Word will print on: A4 upright with
// margins within Decree 30's ranges, Times New Roman 14 in black, and the
// page number in the top margin from the second page only.
func TestPageIsDecree30(t *testing.T) {
	o := open(t, sampleAssessment.Document())
	doc := parsePart(t, o, "word/document.xml")
	size, _ := doc.first("pgSz")
	if size.attr("w") != "11906" || size.attr("h") != "16838" || size.attr("orient") == "landscape" {
		t.Errorf("page is %s × %s twips, want A4 upright (11906 × 16838)", size.attr("w"), size.attr("h"))
	}
	mar, _ := doc.first("pgMar")
	mm := func(side string) float64 {
		var tw float64
		for _, c := range mar.attr(side) {
			tw = tw*10 + float64(c-'0')
		}
		return tw * 25.4 / 1440
	}
	for _, m := range []struct {
		side     string
		min, max float64
	}{{"top", 20, 25}, {"bottom", 20, 25}, {"left", 30, 35}, {"right", 15, 20}} {
		if got := mm(m.side); got < m.min-0.1 || got > m.max+0.1 {
			t.Errorf("%s margin %.1f mm, Decree 30 asks %g-%g mm", m.side, got, m.min, m.max)
		}
	}
	if _, ok := doc.first("titlePg"); !ok {
		t.Error("the first page would carry a page number")
	}
	if !strings.Contains(string(o.parts["word/header1.xml"]), " PAGE ") {
		t.Error("no page number in the page header")
	}
	styles := parsePart(t, o, "word/styles.xml")
	fonts, _ := styles.first("rFonts")
	color, _ := styles.first("color")
	sz, _ := styles.first("sz")
	if fonts.attr("ascii") != "Times New Roman" || fonts.attr("hAnsi") != "Times New Roman" || color.attr("val") != "000000" || sz.attr("val") != "28" {
		t.Errorf("default text is %s %s half-points in %s, want Times New Roman 28 (14 pt) in 000000",
			fonts.attr("ascii"), sz.attr("val"), color.attr("val"))
	}
}

// TestHeaderBlock checks the top of a report: a two-column table without
// borders, the office in bold capitals and the motto in bold, each with a
// rule under it that is shorter than its column, the number and the
// italic date on one row.
func TestHeaderBlock(t *testing.T) {
	o := open(t, sampleAssessment.Document())
	doc := parsePart(t, o, "word/document.xml")
	tbl, _ := doc.first("tbl")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b, _ := tbl.first(side)
		if b.attr("val") != "nil" {
			t.Errorf("the header table has a %s border %q", side, b.attr("val"))
		}
	}
	rows := tbl.all("tr")
	if len(rows) != 2 || len(rows[0].all("tc")) != 2 {
		t.Fatalf("header: %d rows, want 2 of two cells", len(rows))
	}
	type line struct {
		text         string
		bold, italic bool
		rule         bool
	}
	read := func(cell element) []line {
		var ls []line
		for _, p := range cell.all("p") {
			var l line
			_, l.rule = p.first("pBdr")
			for _, r := range p.all("r") {
				for _, tt := range r.all("t") {
					l.text += tt.Text
				}
				_, l.bold = r.first("b")
				_, l.italic = r.first("i")
			}
			ls = append(ls, l)
		}
		return ls
	}
	left, right := read(rows[0].all("tc")[0]), read(rows[0].all("tc")[1])
	want := []line{{"ỦY BAN NHÂN DÂN", true, false, false}, {"XÃ THẤT KHÊ", true, false, false}, {"", false, false, true}}
	if !equalLines(left, want) {
		t.Errorf("left block %+v, want %+v", left, want)
	}
	want = []line{{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, false}, {"Độc lập - Tự do - Hạnh phúc", true, false, false}, {"", false, false, true}}
	if !equalLines(read(rows[0].all("tc")[1]), want) {
		t.Errorf("right block %+v, want %+v", right, want)
	}
	second := rows[1].all("tc")
	if l := read(second[0]); l[0].text != "Số: 57/BC-UBND" {
		t.Errorf("number line %+v", l)
	}
	if l := read(second[1]); l[0].text != "Thất Khê, ngày 22 tháng 6 năm 2026" || !l[0].italic {
		t.Errorf("date line %+v, want it in italics", l)
	}
	// The rules are centred and shorter than their columns: the motto's
	// about as long as the motto, the office's under half its name.
	for i, cell := range rows[0].all("tc") {
		ps := cell.all("p")
		ind, _ := ps[len(ps)-1].first("ind")
		if ind.attr("left") != ind.attr("right") || ind.attr("left") == "0" || ind.attr("left") == "" {
			t.Errorf("column %d: the rule is not a short centred line (indents %q, %q)", i+1, ind.attr("left"), ind.attr("right"))
		}
	}
}

func equalLines[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTables checks what a table row tells Word: the list's heading row
// repeats on each page, rows are not split, cells span columns and merge
// downwards, and every cell holds a paragraph.
func TestTables(t *testing.T) {
	d := &Document{Body: []Block{&Table{
		Widths:  []int{1000, 2000, 3000},
		Borders: true,
		Rows: []Row{
			{Header: true, Cells: []Cell{{Blocks: []Block{Text("STT")}}, {Span: 2, Blocks: []Block{Text("Sản phẩm")}}}},
			{Cells: []Cell{{Merge: MergeStart, Blocks: []Block{Text("1")}}, {Blocks: []Block{Text("a")}}, {}}},
			{Split: true, Cells: []Cell{{Merge: MergeContinue}, {Blocks: []Block{Text("b")}}, {Shade: "E7EEF7", Middle: true}}},
		},
	}}}
	o := open(t, d)
	doc := parsePart(t, o, "word/document.xml")
	rows := doc.all("tr")
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if _, ok := rows[0].first("tblHeader"); !ok {
		t.Error("the heading row does not repeat on each page")
	}
	if _, ok := rows[1].first("cantSplit"); !ok {
		t.Error("a row may break across pages")
	}
	if _, ok := rows[2].first("cantSplit"); ok {
		t.Error("a row that may split is kept whole")
	}
	span, _ := rows[0].first("gridSpan")
	w, _ := rows[0].all("tc")[1].first("tcW")
	if span.attr("val") != "2" || w.attr("w") != "5000" {
		t.Errorf("spanning cell: gridSpan %q width %q, want 2 and 5000", span.attr("val"), w.attr("w"))
	}
	start, _ := rows[1].first("vMerge")
	cont, _ := rows[2].first("vMerge")
	if start.attr("val") != "restart" || cont.attr("val") != "" {
		t.Errorf("vertical merge %q then %q", start.attr("val"), cont.attr("val"))
	}
	for i, r := range rows {
		for j, c := range r.all("tc") {
			if len(c.all("p")) == 0 {
				t.Errorf("row %d cell %d has no paragraph (Word refuses the file)", i+1, j+1)
			}
		}
	}
	grid := doc.all("gridCol")
	if len(grid) != 3 || grid[2].attr("w") != "3000" {
		t.Errorf("grid %v", grid)
	}
}

// TestParagraphs checks the paragraph properties a layout uses, and that
// Word's schema order inside pPr and rPr is kept (Word reports a file
// with properties out of order as damaged).
func TestParagraphs(t *testing.T) {
	d := &Document{Body: []Block{
		&Paragraph{Align: Justify, FirstLine: Mm(10), Before: 6, After: 3, Line: 1.5, KeepNext: true, KeepLines: true,
			Tabs: []Tab{{Pos: 4000, Align: Right, Dotted: true}},
			Runs: []Run{{Text: "đậm", Bold: true, Size: 13}, {Text: "nghiêng", Italic: true, Underline: true}, {Text: "1", Superscript: true, PageBreak: true}}},
		&Paragraph{PageBreakBefore: true, Rule: true, Left: 500, Right: 500, Hanging: 200, Exact: 1},
	}}
	o := open(t, d)
	doc := parsePart(t, o, "word/document.xml")
	ps := doc.all("p")
	order := func(e element) []string {
		var names []string
		for _, c := range e.Children {
			names = append(names, c.XMLName.Local)
		}
		return names
	}
	pPr, _ := ps[0].first("pPr")
	if got := strings.Join(order(pPr), " "); got != "keepNext keepLines tabs spacing ind jc" {
		t.Errorf("pPr order %q", got)
	}
	rPr, _ := ps[0].all("r")[1].first("rPr")
	if got := strings.Join(order(rPr), " "); got != "i iCs u" {
		t.Errorf("rPr order %q", got)
	}
	sp, _ := ps[0].first("spacing")
	ind, _ := ps[0].first("ind")
	if sp.attr("before") != "120" || sp.attr("after") != "60" || sp.attr("line") != "360" || ind.attr("firstLine") != "567" {
		t.Errorf("spacing %v indent %v", sp.Attrs, ind.Attrs)
	}
	tab, _ := ps[0].first("tab")
	if tab.attr("val") != "right" || tab.attr("leader") != "dot" || tab.attr("pos") != "4000" {
		t.Errorf("tab stop %v", tab.Attrs)
	}
	sz, _ := ps[0].all("r")[0].first("sz")
	if sz.attr("val") != "26" {
		t.Errorf("13 pt is %q half-points", sz.attr("val"))
	}
	br, _ := ps[0].all("r")[2].first("br")
	if br.attr("type") != "page" {
		t.Error("no page break after the run")
	}
	pPr, _ = ps[1].first("pPr")
	if got := strings.Join(order(pPr), " "); got != "pageBreakBefore pBdr spacing ind rPr" {
		t.Errorf("pPr order %q", got)
	}
}

// TestWriteFileReplacesWhole: writing over a document replaces it whole and
// leaves no temporary file beside it; a folder that does not exist is an
// error naming the file, and leaves nothing.
func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Mau03.docx")
	if err := os.WriteFile(path, []byte("cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := sampleAssessment.Document().WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if o := readDocx(t, data); !o.has("Miến dong Quốc Khánh") {
		t.Error("the file was not replaced by the report")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want only Mau03.docx", names)
	}
	if info, _ := os.Stat(path); info.Mode().Perm()&0o044 == 0 {
		t.Errorf("the document is readable by its owner only (%v)", info.Mode())
	}
	missing := filepath.Join(dir, "không có", "x.docx")
	err = sampleAssessment.Document().WriteFile(missing)
	if err == nil || !strings.Contains(err.Error(), "x.docx") {
		t.Errorf("writing into a missing folder: %v", err)
	}
	var buf bytes.Buffer
	if err := sampleAssessment.Document().Write(&failAfter{w: &buf, n: 100}); err == nil {
		t.Error("a failing writer reported success")
	}
}

// failAfter fails once n bytes are written, as a full disk does.
type failAfter struct {
	w io.Writer
	n int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, io.ErrShortWrite
	}
	f.n -= len(p)
	return f.w.Write(p)
}
