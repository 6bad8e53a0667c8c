package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// TextTable is one table of a Word document read as text, as the importers read
// a sheet: Rows starts with the paragraphs that stand between the previous
// table (or the start of the document) and this one, one cell each, so a
// decision annex's title ("DANH SÁCH SẢN PHẨM …", "(Kèm theo Quyết định số
// …)") sits above the heading row exactly where an Excel annex has it.
type TextTable struct {
	Name string // "Bảng 1", "Bảng 2", … in the order of the document
	Rows [][]string
}

// Limits on a document read from outside. MaxXMLBytes bounds the unzipped
// body (word/document.xml), MaxRows the rows of one table (title rows
// included).
var (
	MaxXMLBytes int64 = 200 << 20
	MaxRows           = 200000
)

// Caps on what one row may claim: Word itself allows 63 columns.
const (
	maxSpan     = 64
	maxRowCells = 1000
)

// ErrNotDocx is returned (wrapped) for a file that is not a Word .docx
// document: not a zip file, or a zip file without a document body.
var ErrNotDocx = errors.New("không phải tệp Word (.docx) hoặc tệp đã hỏng")

// ReadTables reads every table of the .docx document in r (size bytes),
// top-level tables only, the text after the last table as its last rows: a table nested in a cell is flattened into that
// cell's text. A cell's text is the text of its runs, a tab read as a
// space, a line break or a new paragraph inside the cell as "\n". A cell
// spanning columns (gridSpan) or rows (vMerge) gives its text to every
// cell it covers, as the Excel reader fills merged cells, so a producer
// merged down over its products reaches every product. Refusals are in
// Vietnamese and name no file: the caller adds it.
func ReadTables(r io.ReaderAt, size int64) ([]TextTable, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrNotDocx
	}
	body := findBody(zr)
	if body == nil {
		return nil, ErrNotDocx
	}
	if body.UncompressedSize64 > uint64(MaxXMLBytes) {
		return nil, sizeError()
	}
	rc, err := body.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	defer rc.Close()
	// The zip header may lie about the size: count what is really read.
	lr := &limitedReader{r: rc, n: MaxXMLBytes}
	tables, err := parseBody(lr)
	if lr.over {
		return nil, sizeError()
	}
	return tables, err
}

func sizeError() error {
	return fmt.Errorf("nội dung văn bản giải nén vượt giới hạn %d MB", MaxXMLBytes>>20)
}

// findBody is the document's main part: the officeDocument relationship of
// _rels/.rels, else word/document.xml.
func findBody(zr *zip.Reader) *zip.File {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	if rels, ok := files["_rels/.rels"]; ok && rels.UncompressedSize64 < 1<<20 {
		if rc, err := rels.Open(); err == nil {
			var doc struct {
				Rel []struct {
					Type   string `xml:"Type,attr"`
					Target string `xml:"Target,attr"`
				} `xml:"Relationship"`
			}
			err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&doc)
			rc.Close()
			if err == nil {
				for _, r := range doc.Rel {
					if strings.HasSuffix(r.Type, "/officeDocument") {
						if f, ok := files[path.Clean(strings.TrimPrefix(r.Target, "/"))]; ok {
							return f
						}
					}
				}
			}
		}
	}
	return files["word/document.xml"]
}

type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.over = true
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// cell is one w:tc being read.
type cell struct {
	lines []string
	span  int
	merge bool // vMerge continuation: takes the text of the cell above
}

// reader is the state of the streaming walk over the body.
type reader struct {
	tables  []TextTable
	pending []string // paragraphs since the last top-level table
	depth   int      // tables open: 1 inside a top-level table
	rows    [][]string
	row     []string
	cell    *cell
	para    strings.Builder
	inPara  bool
	inRun   bool
	inText  bool
	skip    int // inside mc:Fallback or w:delText…: text not read
	before  int // gridBefore of the row being read
}

func parseBody(r io.Reader) ([]TextTable, error) {
	d := xml.NewDecoder(r)
	st := &reader{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syntax *xml.SyntaxError
			if !errors.As(err, &syntax) {
				// The zip data itself is damaged (a bad checksum, a size
				// that is not the one its header says).
				return nil, ErrNotDocx
			}
			return nil, fmt.Errorf("tệp Word hỏng: nội dung văn bản (word/document.xml) sai ở dòng %d", syntax.Line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := st.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if err := st.end(t); err != nil {
				return nil, err
			}
		case xml.CharData:
			if st.inText && st.skip == 0 {
				st.para.Write(t)
			}
		}
	}
	// The text after the last table ("Danh sách có 06 sản phẩm./.") ends
	// it, as the rows under a sheet's table do.
	if n := len(st.tables); n > 0 {
		for _, p := range st.pending {
			st.tables[n-1].Rows = append(st.tables[n-1].Rows, []string{p})
		}
	}
	return st.tables, nil
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (st *reader) start(t xml.StartElement) error {
	if st.skip > 0 {
		st.skip++
		return nil
	}
	switch t.Name.Local {
	case "Fallback", "delText", "instrText", "pPr", "rPr", "sectPr":
		// Fallback repeats the Choice's content; pPr holds tab stops
		// (w:tab) that are no text.
		st.skip = 1
	case "tbl":
		st.flushPara()
		st.depth++
		if st.depth == 1 {
			st.rows = nil
			for _, p := range st.pending {
				st.rows = append(st.rows, []string{p})
			}
			st.pending = nil
			if len(st.rows) > MaxRows {
				return st.rowsError()
			}
		}
	case "tr":
		if st.depth == 1 {
			st.row, st.before = nil, 0
		}
	case "gridBefore":
		if st.depth == 1 && st.cell == nil {
			st.before = spanValue(t)
		}
	case "tc":
		if st.depth == 1 {
			for ; st.before > 0; st.before-- {
				st.addCell("", 1)
			}
			st.cell = &cell{span: 1}
		} else if st.depth > 1 {
			st.flushPara()
		}
	case "gridSpan":
		if st.depth == 1 && st.cell != nil {
			st.cell.span = spanValue(t)
		}
	case "vMerge":
		if st.depth == 1 && st.cell != nil {
			v, _ := attr(t, "val")
			st.cell.merge = v == "" || v == "continue"
		}
	case "p":
		st.flushPara()
		st.inPara = true
	case "r":
		st.inRun = true
	case "t":
		st.inText = st.inRun
	case "tab":
		if st.inRun {
			st.para.WriteByte(' ')
		}
	case "br", "cr":
		if st.inRun {
			st.para.WriteByte('\n')
		}
	case "noBreakHyphen":
		if st.inRun {
			st.para.WriteByte('-')
		}
	}
	return nil
}

func spanValue(t xml.StartElement) int {
	v, _ := attr(t, "val")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxSpan)
}

func (st *reader) end(t xml.EndElement) error {
	if st.skip > 0 {
		st.skip--
		return nil
	}
	switch t.Name.Local {
	case "t":
		st.inText = false
	case "r":
		st.inRun, st.inText = false, false
	case "p":
		st.flushPara()
	case "tc":
		if st.depth == 1 && st.cell != nil {
			st.flushPara()
			text := strings.TrimSpace(strings.Join(st.cell.lines, "\n"))
			if st.cell.merge {
				text = st.above(len(st.row))
			}
			st.addCell(text, st.cell.span)
			st.cell = nil
		} else if st.depth > 1 {
			st.flushPara()
		}
	case "tr":
		if st.depth == 1 {
			st.flushPara()
			st.rows = append(st.rows, st.row)
			st.row = nil
			if len(st.rows) > MaxRows {
				return st.rowsError()
			}
		}
	case "tbl":
		st.flushPara()
		if st.depth == 1 {
			st.tables = append(st.tables, TextTable{Name: fmt.Sprintf("Bảng %d", len(st.tables)+1), Rows: st.rows})
			st.rows = nil
		}
		if st.depth > 0 {
			st.depth--
		}
	}
	return nil
}

func (st *reader) rowsError() error {
	return fmt.Errorf("bảng %d có quá nhiều dòng (tối đa %d)", len(st.tables)+1, MaxRows)
}

// addCell puts text in the next span columns of the row being read.
func (st *reader) addCell(text string, span int) {
	for i := 0; i < span && len(st.row) < maxRowCells; i++ {
		st.row = append(st.row, text)
	}
}

// above is the text of the cell in grid column col of the previous row:
// what a vMerge continuation cell shows.
func (st *reader) above(col int) string {
	if len(st.rows) == 0 {
		return ""
	}
	prev := st.rows[len(st.rows)-1]
	if col < len(prev) {
		return prev[col]
	}
	return ""
}

// flushPara ends the paragraph being read: into the cell when in a table,
// else into the paragraphs waiting for the next table.
func (st *reader) flushPara() {
	if !st.inPara {
		return
	}
	text := st.para.String()
	st.para.Reset()
	st.inPara = false
	switch {
	case st.depth >= 1 && st.cell != nil:
		st.cell.lines = append(st.cell.lines, text)
	case st.depth == 0:
		if s := strings.TrimSpace(text); s != "" {
			st.pending = append(st.pending, s)
		}
	}
}

// IsZip says whether b starts as a zip file does (a .docx, .xlsx, .odt…).
func IsZip(b []byte) bool { return bytes.HasPrefix(b, []byte("PK\x03\x04")) }
