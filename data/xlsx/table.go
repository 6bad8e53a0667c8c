package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/ocopdesk/ocop/data/docx"
)

// Table is one sheet of an imported file as text: rows of cells, with
// merged cells filled from their top-left cell (a producer's name merged
// down over its products reaches every product; a heading merged across
// reaches every column under it).
type Table struct {
	Sheet string
	Rows  [][]string
}

// maxTableRows limits the rows of one imported sheet.
const maxTableRows = 200000

// ImportExtensions are the files the import dialogs offer: those ReadTables
// reads, and PDF and Word 97 files, which it refuses saying what to ask for.
var ImportExtensions = []string{".xlsx", ".xls", ".docx", ".ods", ".odt", ".csv", ".pdf", ".doc"}

// ReadTables reads the tables of a file an office receives, within the
// size limits for untrusted files: every sheet of an .xlsx, Excel 97-2003
// .xls or .ods workbook (formulas read as their values), a .csv file
// (UTF-8 with or without BOM, or Windows-1258 as Excel on a Vietnamese
// Windows writes it), and every table of a Word .docx or Writer .odt
// document ("Bảng 1", "Bảng 2", …, the text above each table as one-cell
// rows before it, the text after the last one as its last rows). Merged
// cells give their text to every cell they cover. The kind of file is told
// by its content where the extension lies (an .xlsx renamed .xls, a .docx
// renamed .doc); a PDF or a Word 97 .doc is refused with what to ask for.
func ReadTables(path string) ([]Table, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp %s: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp %s: %w", name, err)
	}
	if info.Size() > maxImportBytes {
		return nil, fmt.Errorf("tệp %s quá lớn (%d MB, tối đa %d MB)", name, info.Size()>>20, maxImportBytes>>20)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")) || ext == ".pdf":
		return nil, fmt.Errorf("tệp %s là PDF: chương trình không đọc được bảng trong PDF. Hãy xin cơ quan gửi tệp Word (.docx) hoặc Excel (.xlsx) gốc", name)
	case docx.IsZip(head):
		return readZip(f, info.Size(), path, name, ext)
	case bytes.HasPrefix(head, cfbMagic):
		return readCFB(f, info.Size(), name, ext)
	}
	switch ext {
	case ".csv", ".txt":
		raw, err := io.ReadAll(io.NewSectionReader(f, 0, info.Size()))
		if err != nil {
			return nil, fmt.Errorf("không đọc được tệp %s: %w", name, err)
		}
		return readCSV(raw, name)
	case ".fods", ".fodt":
		return readODFXML(f, name)
	case ".xls":
		return nil, xlsError(name, "tệp không phải bảng tính Excel hoặc đã hỏng")
	case ".xlsx", ".xlsm":
		return nil, fmt.Errorf("tệp %s không đọc được như một tệp Excel (.xlsx): không phải tệp Excel hoặc tệp đã hỏng", name)
	case ".docx", ".doc":
		return nil, fmt.Errorf("tệp %s không đọc được như một tệp Word: không phải tệp Word hoặc tệp đã hỏng", name)
	}
	return nil, fmt.Errorf("tệp %s: chỉ nhập được tệp Excel (.xlsx, .xls), Word (.docx), OpenDocument (.ods, .odt) hoặc .csv", name)
}

// cfbMagic starts an OLE compound file: Excel 97-2003 .xls, Word 97 .doc,
// and an .xlsx or .docx protected by a password.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// readZip reads a zip-based file by what it holds: a Word document
// (word/...), else an Excel workbook.
func readZip(f *os.File, size int64, path, name, ext string) ([]Table, error) {
	kind := ext
	var content *zip.File
	if zr, err := zip.NewReader(f, size); err == nil {
		for _, zf := range zr.File {
			switch {
			case strings.HasPrefix(zf.Name, "word/"):
				kind = ".docx"
			case strings.HasPrefix(zf.Name, "xl/"):
				kind = ".xlsx"
			case zf.Name == "content.xml":
				content = zf
			}
		}
		if kind != ".docx" && kind != ".xlsx" {
			if content != nil {
				return readODF(content, name)
			}
			if ext == ".ods" || ext == ".odt" {
				return nil, fmt.Errorf("tệp %s không đọc được như một tệp OpenDocument (%s): tệp đã hỏng", name, ext)
			}
		}
	}
	if kind != ".docx" {
		return readXLSX(path, name)
	}
	tables, err := docx.ReadTables(f, size)
	if err != nil {
		if errors.Is(err, docx.ErrNotDocx) {
			return nil, fmt.Errorf("tệp %s không đọc được như một tệp Word (.docx): không phải tệp Word hoặc tệp đã hỏng", name)
		}
		return nil, fmt.Errorf("tệp %s: %v", name, err)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("tệp %s không có bảng nào: chương trình chỉ đọc danh sách kẻ thành bảng (Table) trong tệp Word", name)
	}
	out := make([]Table, len(tables))
	for i, t := range tables {
		out[i] = Table{Sheet: t.Name, Rows: t.Rows}
	}
	return out, nil
}

func readXLSX(path, name string) ([]Table, error) {
	f, err := openWorkbook(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Table
	for _, sh := range f.GetSheetList() {
		// Raw values: a date cell comes as its serial day, whatever the
		// display format of the computer that saved it (07/07/23 12:00 AM…).
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("tệp %s, trang %q: %w", name, sh, err)
		}
		if len(rows) > maxTableRows {
			return nil, fmt.Errorf("tệp %s, trang %q: quá nhiều dòng (%d, tối đa %d)", name, sh, len(rows), maxTableRows)
		}
		merged, _ := f.GetMergeCells(sh)
		for _, m := range merged {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil || r2-r1 > 10000 || c2-c1 > 200 {
				continue
			}
			v := m.GetCellValue()
			for r := r1; r <= r2; r++ {
				for len(rows) < r {
					rows = append(rows, nil)
				}
				for c := c1; c <= c2; c++ {
					for len(rows[r-1]) < c {
						rows[r-1] = append(rows[r-1], "")
					}
					if rows[r-1][c-1] == "" {
						rows[r-1][c-1] = v
					}
				}
			}
		}
		out = append(out, Table{Sheet: sh, Rows: rows})
	}
	return out, nil
}

// readCSV decodes a CSV file: UTF-8 (a BOM is dropped), else Windows-1258,
// whose tone marks are combining characters, brought to NFC. The delimiter
// is the one of , ; and tab the first line uses most.
func readCSV(raw []byte, name string) ([]Table, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	text := string(raw)
	if !utf8.ValidString(text) {
		decoded, err := charmap.Windows1258.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("tệp %s: không rõ bảng mã (không phải UTF-8 hay Windows-1258)", name)
		}
		text = string(decoded)
	}
	text = norm.NFC.String(text)
	first, _, _ := strings.Cut(text, "\n")
	delim := ','
	best := strings.Count(first, ",")
	for _, d := range []rune{';', '\t'} {
		if n := strings.Count(first, string(d)); n > best {
			delim, best = d, n
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("tệp %s: %v", name, err)
	}
	if len(rows) > maxTableRows {
		return nil, fmt.Errorf("tệp %s: quá nhiều dòng (%d, tối đa %d)", name, len(rows), maxTableRows)
	}
	sheet := strings.TrimSuffix(name, filepath.Ext(name))
	return []Table{{Sheet: sheet, Rows: rows}}, nil
}
