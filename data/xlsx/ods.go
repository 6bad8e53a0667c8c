package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OpenDocument files (.ods from LibreOffice Calc, .odt from Writer) keep
// their tables in content.xml with the same table elements; it is read
// here as a stream. Repeated rows and columns (LibreOffice ends a sheet
// with a row repeated a million times) are materialised only when
// something follows them, within the limits.

// maxODSColumns bounds the columns of one row.
const maxODSColumns = 1024

// readODF reads the tables of the content.xml of an .ods or .odt file:
// the sheets of a spreadsheet by name; the tables of a text document as
// "Bảng 1", "Bảng 2", … with the paragraphs above each one as one-cell
// rows, as a Word document reads.
func readODF(content *zip.File, name string) ([]Table, error) {
	if content.UncompressedSize64 > uint64(unzipLimit) {
		return nil, fmt.Errorf("tệp %s quá lớn: nội dung giải nén vượt giới hạn %d MB", name, unzipLimit>>20)
	}
	rc, err := content.Open()
	if err != nil {
		return nil, fmt.Errorf("tệp %s không đọc được như một tệp OpenDocument: tệp đã hỏng", name)
	}
	defer rc.Close()
	return readODFXML(rc, name)
}

// readODFXML reads content.xml, or a flat OpenDocument file (.fods,
// .fodt), which is the same XML in one file.
func readODFXML(r io.Reader, name string) ([]Table, error) {
	lr := io.LimitReader(r, unzipLimit+1)
	var counted int64
	d := xml.NewDecoder(readCounter{lr, &counted})
	st := &odfReader{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if counted > unzipLimit {
			return nil, fmt.Errorf("tệp %s quá lớn: nội dung giải nén vượt giới hạn %d MB", name, unzipLimit>>20)
		}
		if err != nil {
			var syntax *xml.SyntaxError
			if !errors.As(err, &syntax) {
				return nil, fmt.Errorf("tệp %s không đọc được như một tệp OpenDocument: tệp đã hỏng", name)
			}
			return nil, fmt.Errorf("tệp %s đã hỏng: nội dung (content.xml) sai ở dòng %d", name, syntax.Line)
		}
		if err := st.token(tok); err != nil {
			return nil, fmt.Errorf("tệp %s, %v", name, err)
		}
	}
	if st.text && len(st.tables) > 0 {
		last := &st.tables[len(st.tables)-1]
		for _, p := range st.pending {
			last.Rows = append(last.Rows, []string{p})
		}
	}
	if len(st.tables) == 0 {
		return nil, fmt.Errorf("tệp %s không có bảng nào", name)
	}
	return st.tables, nil
}

type readCounter struct {
	r io.Reader
	n *int64
}

func (c readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

type odfReader struct {
	tables  []Table
	text    bool     // a text document (.odt), not a spreadsheet
	pending []string // paragraphs of a text document since its last table
	depth   int      // tables open
	sheet   string
	rows    [][]string
	empty   int // empty rows not yet added: added when a row follows
	merges  [][4]int
	row     []string
	blank   int // empty cells not yet added to row
	repeat  int // how many times the row being read stands
	inCell  bool
	cell    cellRead
	para    strings.Builder
	inPara  bool
	skip    int
}

type cellRead struct {
	lines            []string
	value            string // the typed value, when not text
	repeat, cs, rs   int
	covered, hasText bool
}

func intAttr(t xml.StartElement, local string, def int) int {
	v, ok := attr(t, local)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return def
	}
	return n
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (st *odfReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if st.skip > 0 {
			st.skip++
			return nil
		}
		return st.start(t)
	case xml.EndElement:
		if st.skip > 0 {
			st.skip--
			return nil
		}
		return st.end(t)
	case xml.CharData:
		if st.inPara && st.skip == 0 {
			st.para.Write(t)
		}
	}
	return nil
}

func (st *odfReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "annotation", "note", "tracked-changes", "table-columns", "table-column", "shapes":
		st.skip = 1
	case "text":
		if t.Name.Space == "urn:oasis:names:tc:opendocument:xmlns:office:1.0" {
			st.text = true
		}
	case "table":
		if t.Name.Space != "urn:oasis:names:tc:opendocument:xmlns:table:1.0" {
			return nil
		}
		st.flushPara()
		st.depth++
		if st.depth == 1 {
			st.rows, st.merges, st.empty = nil, nil, 0
			st.sheet, _ = attr(t, "name")
			if st.text {
				st.sheet = fmt.Sprintf("Bảng %d", len(st.tables)+1)
				for _, p := range st.pending {
					st.rows = append(st.rows, []string{p})
				}
				st.pending = nil
			}
		}
	case "table-row":
		if st.depth == 1 {
			st.row, st.blank = nil, 0
			st.repeat = intAttr(t, "number-rows-repeated", 1)
		}
	case "table-cell", "covered-table-cell":
		if st.depth == 1 {
			st.inCell = true
			st.cell = cellRead{repeat: intAttr(t, "number-columns-repeated", 1),
				cs: intAttr(t, "number-columns-spanned", 1), rs: intAttr(t, "number-rows-spanned", 1),
				covered: t.Name.Local == "covered-table-cell"}
			st.cell.value = typedValue(t)
		} else if st.depth > 1 {
			st.flushPara()
		}
	case "p", "h":
		st.flushPara()
		st.inPara = true
	case "s":
		if st.inPara {
			st.para.WriteString(strings.Repeat(" ", min(intAttr(t, "c", 1), 100)))
		}
	case "tab":
		if st.inPara {
			st.para.WriteByte(' ')
		}
	case "line-break":
		if st.inPara {
			st.para.WriteByte('\n')
		}
	}
	return nil
}

// typedValue is a cell's value as the .xlsx reader gives raw values: a
// number as written in the file, a date as its serial day.
func typedValue(t xml.StartElement) string {
	typ, _ := attr(t, "value-type")
	switch typ {
	case "float", "percentage", "currency":
		v, _ := attr(t, "value")
		return v
	case "date":
		v, _ := attr(t, "date-value")
		for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"} {
			if d, err := time.Parse(layout, v); err == nil {
				days := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
				return number(days)
			}
		}
	case "boolean":
		if v, _ := attr(t, "boolean-value"); v == "true" {
			return "TRUE"
		}
		return "FALSE"
	}
	return ""
}

func (st *odfReader) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "p", "h":
		st.flushPara()
	case "table-cell", "covered-table-cell":
		if st.depth == 1 && st.inCell {
			st.flushPara()
			c := st.cell
			v := c.value
			if v == "" {
				v = strings.TrimSpace(strings.Join(c.lines, "\n"))
			}
			st.inCell = false
			if v == "" {
				st.blank += c.repeat
				return nil
			}
			for ; st.blank > 0 && len(st.row) < maxODSColumns; st.blank-- {
				st.row = append(st.row, "")
			}
			st.blank = 0
			if c.cs > 1 || c.rs > 1 {
				r := len(st.rows) + st.empty
				st.merges = append(st.merges, [4]int{r, r + c.rs - 1, len(st.row), len(st.row) + c.cs - 1})
			}
			for i := 0; i < c.repeat && len(st.row) < maxODSColumns; i++ {
				st.row = append(st.row, v)
			}
		} else if st.depth > 1 {
			st.flushPara()
		}
	case "table-row":
		if st.depth == 1 {
			if len(st.row) == 0 {
				st.empty += st.repeat
				return nil
			}
			if len(st.rows)+st.empty+st.repeat > maxTableRows {
				return fmt.Errorf("trang %q: quá nhiều dòng (tối đa %d)", st.sheet, maxTableRows)
			}
			for ; st.empty > 0; st.empty-- {
				st.rows = append(st.rows, nil)
			}
			for i := 0; i < st.repeat; i++ {
				st.rows = append(st.rows, slices.Clone(st.row))
			}
		}
	case "table":
		if t.Name.Space != "urn:oasis:names:tc:opendocument:xmlns:table:1.0" {
			return nil
		}
		st.flushPara()
		if st.depth == 1 {
			st.rows = fillMerges(st.rows, st.merges)
			st.tables = append(st.tables, Table{Sheet: st.sheet, Rows: st.rows})
			st.rows, st.merges = nil, nil
		}
		if st.depth > 0 {
			st.depth--
		}
	}
	return nil
}

func (st *odfReader) flushPara() {
	if !st.inPara {
		return
	}
	text := st.para.String()
	st.para.Reset()
	st.inPara = false
	switch {
	case st.depth >= 1 && st.inCell:
		st.cell.lines = append(st.cell.lines, text)
	case st.depth == 0 && st.text:
		if s := strings.TrimSpace(text); s != "" {
			st.pending = append(st.pending, s)
		}
	}
}
