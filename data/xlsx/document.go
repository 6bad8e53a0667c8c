// Package xlsx writes OCOP Desk's Excel files (and, later, reads the
// offices' own lists). It never imports Fyne.
//
// Every sheet meant for the province follows the administrative style of
// Decree 30/2020/NĐ-CP: parent body and office top left, national motto top
// right, the place-date line in italics, a centred title, a bordered table
// in Times New Roman and a signature block.
package xlsx

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

const font = "Times New Roman"

// column is one column of a table: its heading, width and cell style.
type column struct {
	title string
	width float64
	style int
}

// document is a workbook being written, with its shared styles.
type document struct {
	f                                           *excelize.File
	text, textCenter, number, score, date, head int
	sheets                                      int // sheets written so far
}

func newDocument() (*document, error) {
	f := excelize.NewFile()
	d := &document{f: f}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	body := &excelize.Font{Family: font, Size: 12}
	styles := []struct {
		dst   *int
		style excelize.Style
	}{
		{&d.text, excelize.Style{Font: body, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&d.textCenter, excelize.Style{Font: body, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&d.number, excelize.Style{Font: body, Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&d.score, excelize.Style{Font: body, Border: border, NumFmt: 2, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&d.date, excelize.Style{Font: body, Border: border, CustomNumFmt: strPtr("dd/mm/yyyy"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&d.head, excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return d, nil
}

func strPtr(s string) *string { return &s }

func (d *document) plain(bold, italic bool, size float64, align string) int {
	id, _ := d.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: font, Size: size, Bold: bold, Italic: italic},
		Alignment: &excelize.Alignment{Horizontal: align, Vertical: "center", WrapText: true},
	})
	return id
}

// sheetLayout is what officialSheet needs to lay out the top of a sheet.
type sheetLayout struct {
	name     string
	title    string
	subtitle string
	columns  []column
	day      time.Time // of the place-date line
	noList   bool      // not one long list: no frozen heading, no heading repeated on each page
}

// officialSheet writes the document header and the table's heading row,
// and returns the row where the table's body starts.
func (d *document) officialSheet(st data.Settings, l sheetLayout) (int, error) {
	f := d.f
	if d.sheets == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), l.name); err != nil {
			return 0, err
		}
	} else if _, err := f.NewSheet(l.name); err != nil {
		return 0, err
	}
	d.sheets++
	sh := l.name
	last := len(l.columns)
	for i, c := range l.columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sh, name, name, c.width)
	}
	col := func(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }
	// Left block over the first third of the width, right block over the rest.
	split := max(3, last*2/5)
	leftEnd, rightStart, lastCol := col(split), col(split+1), col(last)
	merge := func(row int, from, to string, text string, style int) {
		a, b := fmt.Sprintf("%s%d", from, row), fmt.Sprintf("%s%d", to, row)
		f.MergeCell(sh, a, b)
		f.SetCellStr(sh, a, text)
		f.SetCellStyle(sh, a, b, style)
	}
	normalC := d.plain(false, false, 12, "center")
	boldC := d.plain(true, false, 12, "center")
	italicC := d.plain(false, true, 12, "center")
	merge(1, "A", leftEnd, strings.ToUpper(st.ParentBody), normalC)
	merge(1, rightStart, lastCol, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", boldC)
	merge(2, "A", leftEnd, strings.ToUpper(st.OfficeName), boldC)
	motto := d.plain(true, false, 13, "center")
	merge(2, rightStart, lastCol, "Độc lập - Tự do - Hạnh phúc", motto)
	place := st.PlaceName
	if place == "" {
		place = st.Province
	}
	merge(3, rightStart, lastCol, data.PlaceDateLine(place, l.day), italicC)
	merge(5, "A", lastCol, l.title, d.plain(true, false, 14, "center"))
	merge(6, "A", lastCol, l.subtitle, italicC)
	f.SetRowHeight(sh, 5, 22)
	if n := strings.Count(l.subtitle, "\n"); n > 0 {
		f.SetRowHeight(sh, 6, float64(n+1)*17)
	}
	const headRow = 8
	for i, c := range l.columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, headRow)
		f.SetCellStr(sh, cell, c.title)
	}
	f.SetCellStyle(sh, "A8", fmt.Sprintf("%s%d", lastCol, headRow), d.head)
	f.SetRowHeight(sh, headRow, 36)
	if !l.noList {
		if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A9", ActivePane: "bottomLeft"}); err != nil {
			return 0, err
		}
	}
	size, orient, fitW, fitH := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return 0, err
	}
	margin := 0.5
	f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin})
	if !l.noList {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, headRow, headRow), Scope: sh}); err != nil {
			return 0, err
		}
	}
	f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
	return headRow + 1, nil
}

// fitToWidth makes the sheet print one page wide. It must come after
// AutoFilter, which rewrites the sheet properties and drops this one.
func (d *document) fitToWidth(sh string) error {
	fit := true
	return d.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// rowHeight estimates the height in points a table row needs so that its
// wrapped text shows whole: Excel does not grow rows written by a program,
// and LibreOffice keeps what the file says.
func rowHeight(cols []column, texts []string) float64 {
	lines := 1
	for i, t := range texts {
		if i < len(cols) && t != "" {
			lines = max(lines, wrappedLines(t, max(1, int(cols[i].width*1.05)-1)))
		}
	}
	return float64(lines)*16 + 4
}

// wrappedLines counts the lines text takes when wrapped at perLine
// characters on word boundaries.
func wrappedLines(text string, perLine int) int {
	lines, n := 1, 0
	for _, word := range strings.Fields(text) {
		w := utf8.RuneCountInString(word)
		switch {
		case n == 0:
			n = w
		case n+1+w <= perLine:
			n += 1 + w
		default:
			lines++
			n = w
		}
	}
	return lines
}

// signature writes the signature block under the table, bottom right.
func (d *document) signature(sh string, st data.Settings, row, lastColN int) {
	col := func(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }
	from, to := col(max(1, lastColN-3)), col(lastColN)
	merge := func(r int, text string, style int) {
		a, b := fmt.Sprintf("%s%d", from, r), fmt.Sprintf("%s%d", to, r)
		d.f.MergeCell(sh, a, b)
		d.f.SetCellStr(sh, a, text)
		d.f.SetCellStyle(sh, a, b, style)
	}
	title := strings.ToUpper(st.SignerTitle)
	if title == "" {
		title = "THỦ TRƯỞNG ĐƠN VỊ"
	}
	merge(row, title, d.plain(true, false, 12, "center"))
	merge(row+1, "(Ký, ghi rõ họ tên và đóng dấu)", d.plain(false, true, 11, "center"))
	merge(row+5, st.SignerName, d.plain(true, false, 12, "center"))
}

// save writes the workbook to a temporary file beside path and renames it
// over path when complete, so path is never left half written.
func (d *document) save(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return fmt.Errorf("tệp %s: tên tệp Excel phải kết thúc bằng .xlsx", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".ocop-*.xlsx.tmp")
	if err != nil {
		return fmt.Errorf("không ghi được vào thư mục %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	if _, err := d.f.WriteTo(tmp); err != nil {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("không ghi được tệp %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("không ghi được tệp %s: %w", path, err)
	}
	tmp.Close()
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("không thay được tệp %s (tệp có đang mở trong Excel không?): %w", path, err)
	}
	return nil
}
