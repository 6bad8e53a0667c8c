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
	sheets                                      int               // sheets written so far
	w                                           *sheetWriter      // the sheet being written
	rows                                        []data.ProductRow // the reports' products
	training                                    *periodTraining   // read once for the training sheet and the data part
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
	stream   bool      // written in row order through the StreamWriter (long lists)
}

// officialSheet starts a sheet: the document header (parent body and
// office, national motto, place-date line, title, subtitle) and the
// table's heading row, with the page set up for A4 landscape. It returns
// the row where the table's body starts; d.w writes the rest, and d.w.close
// ends the sheet.
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
	const headRow = 8
	w := &sheetWriter{f: f, name: sh}
	d.w = w
	if l.stream {
		// The sheet's properties are written when the stream starts, its
		// columns and panes with the first row.
		fit := true
		if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return 0, err
		}
		sw, err := f.NewStreamWriter(sh)
		if err != nil {
			return 0, err
		}
		w.sw = sw
		for i, c := range l.columns {
			sw.SetColWidth(i+1, i+1, c.width)
		}
		if !l.noList {
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A9", ActivePane: "bottomLeft"}); err != nil {
				return 0, err
			}
		}
	} else {
		for i, c := range l.columns {
			name, _ := excelize.ColumnNumberToName(i + 1)
			f.SetColWidth(sh, name, name, c.width)
		}
		if !l.noList {
			if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A9", ActivePane: "bottomLeft"}); err != nil {
				return 0, err
			}
		}
	}
	// Left block over the first two fifths of the width, right block over the rest.
	split := max(3, last*2/5)
	normalC := d.plain(false, false, 12, "center")
	boldC := d.plain(true, false, 12, "center")
	italicC := d.plain(false, true, 12, "center")
	place := st.PlaceName
	if place == "" {
		place = st.Province
	}
	w.merge(1, 1, split, strings.ToUpper(st.ParentBody), normalC)
	w.merge(1, split+1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", boldC)
	w.merge(2, 1, split, strings.ToUpper(st.OfficeName), boldC)
	w.merge(2, split+1, last, "Độc lập - Tự do - Hạnh phúc", d.plain(true, false, 13, "center"))
	w.merge(3, split+1, last, data.PlaceDateLine(place, l.day), italicC)
	w.setHeight(5, 22)
	w.merge(5, 1, last, l.title, d.plain(true, false, 14, "center"))
	if n := strings.Count(l.subtitle, "\n"); n > 0 {
		w.setHeight(6, float64(n+1)*17)
	}
	w.merge(6, 1, last, l.subtitle, italicC)
	w.setHeight(headRow, 36)
	for i, c := range l.columns {
		w.set(headRow, i+1, c.title, d.head)
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

// autoFilter puts filter buttons on the heading row of a list from first
// to last; the sheet must not be closed yet.
func (d *document) autoFilter(first, last, cols int) error {
	if last < first {
		return nil
	}
	lastCol, _ := excelize.ColumnNumberToName(cols)
	return d.f.AutoFilter(d.w.name, fmt.Sprintf("A%d:%s%d", first-1, lastCol, last), nil)
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
func (d *document) signature(st data.Settings, row, lastColN int) {
	from := max(1, lastColN-3)
	title := strings.ToUpper(st.SignerTitle)
	if title == "" {
		title = "THỦ TRƯỞNG ĐƠN VỊ"
	}
	d.w.merge(row, from, lastColN, title, d.plain(true, false, 12, "center"))
	d.w.merge(row+1, from, lastColN, "(Ký, ghi rõ họ tên và đóng dấu)", d.plain(false, true, 11, "center"))
	d.w.merge(row+5, from, lastColN, st.SignerName, d.plain(true, false, 12, "center"))
}

// writeFailed explains a failed write of a workbook into dir: a full disk
// or a folder that may not be written is said so; otherwise other.
func writeFailed(err error, dir string, other error) error {
	if e := data.ExplainWrite(err, "xuất tệp Excel", dir); e != err {
		return e
	}
	return other
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
		return writeFailed(err, dir, fmt.Errorf("không ghi được vào thư mục %s: %w", dir, err))
	}
	tmpName := tmp.Name()
	tmp.Chmod(0o644) // CreateTemp makes it private; a report is for sharing
	if _, err := d.f.WriteTo(tmp); err != nil {
		tmp.Close()
		os.Remove(tmpName)
		return writeFailed(err, dir, fmt.Errorf("không ghi được tệp %s: %w", path, err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmpName)
		return writeFailed(err, dir, fmt.Errorf("không ghi được tệp %s: %w", path, err))
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmpName)
		return writeFailed(err, dir, fmt.Errorf("không ghi được tệp %s: %w", path, err))
	}
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("không thay được tệp %s (tệp có đang mở trong Excel không?): %w", path, err)
	}
	return nil
}
