package xlsx

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
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

// ReadTables reads every sheet of an .xlsx file, or a .csv file (UTF-8 with
// or without BOM, or Windows-1258 as Excel on a Vietnamese Windows writes
// it), within the size limits for untrusted files. Formulas are read as
// their values.
func ReadTables(path string) ([]Table, error) {
	name := filepath.Base(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp %s: %w", name, err)
	}
	if info.Size() > maxImportBytes {
		return nil, fmt.Errorf("tệp %s quá lớn (%d MB, tối đa %d MB)", name, info.Size()>>20, maxImportBytes>>20)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return readXLSX(path, name)
	case ".csv", ".txt":
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("không đọc được tệp %s: %w", name, err)
		}
		return readCSV(raw, name)
	case ".xls":
		return nil, fmt.Errorf("tệp %s là định dạng Excel cũ (.xls): hãy mở bằng Excel và lưu lại thành .xlsx rồi nhập", name)
	}
	return nil, fmt.Errorf("tệp %s: chỉ nhập được tệp .xlsx hoặc .csv", name)
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
