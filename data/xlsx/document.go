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
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
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
	layout                                      sheetLayout       // of the sheet being written
	summary                                     chan summaryRead  // the summary read ahead, when asked for
	expiring                                    chan expiringRead // the expiring list read ahead, when asked for
}

func newDocument() (*document, error) {
	f := excelize.NewFile()
	f.SetZipWriter(newParallelZip)
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

// unwrapped is a left-aligned style whose text runs over the empty cells
// to its right.
func (d *document) unwrapped(bold, italic bool, size float64) int {
	id, _ := d.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: font, Size: size, Bold: bold, Italic: italic},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"},
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
	// A report sent to someone (every report but the training lists) has
	// a number line, "Kính gửi" under its title and "Nơi nhận" beside the
	// signature, from the settings.
	addressed bool
	number    string // the report's number; dots for the clerk to fill in when empty
	recipient string // Kính gửi; the settings' when empty
	portrait  bool   // A4 upright, for a narrow table
}

// headRow is the row of the table's heading: row 8, or 9 under the
// "Kính gửi" line of a report.
func (l sheetLayout) headRow() int {
	if l.addressed {
		return 9
	}
	return 8
}

// officialSheet starts a sheet: the document header (parent body and
// office with the short rule under it, national motto with its rule, the
// number line and the place-date line, title, subtitle, "Kính gửi" when
// addressed) and the table's heading row, with the page set up for A4
// landscape. It returns the row where the table's body starts (a section
// title goes two rows above it); d.w writes the rest, and d.w.close ends
// the sheet.
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
	headRow := l.headRow()
	frozen := fmt.Sprintf("A%d", headRow+1)
	w := &sheetWriter{f: f, name: sh}
	d.w = w
	d.layout = l
	if l.stream {
		// The sheet's properties are written when the stream starts, its
		// columns and panes with the first row.
		fit := false
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
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: frozen, ActivePane: "bottomLeft"}); err != nil {
				return 0, err
			}
		}
	} else {
		for i, c := range l.columns {
			name, _ := excelize.ColumnNumberToName(i + 1)
			f.SetColWidth(sh, name, name, c.width)
		}
		if !l.noList {
			if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: frozen, ActivePane: "bottomLeft"}); err != nil {
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
	office := strings.ToUpper(st.OfficeName)
	const motto = "Độc lập - Tự do - Hạnh phúc"
	w.setHeight(1, 18)
	w.merge(1, 1, split, strings.ToUpper(st.ParentBody), normalC)
	w.merge(1, split+1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", boldC)
	w.setHeight(2, 18)
	w.merge(2, 1, split, office, boldC)
	w.merge(2, split+1, last, motto, d.plain(true, false, 13, "center"))
	w.setHeight(3, 28)
	if l.addressed {
		number := strings.TrimSpace(l.number)
		if number == "" {
			number = "……"
		}
		w.merge(3, 1, split, "Số: "+number+"/"+st.ReportSymbol(), normalC)
	}
	w.merge(3, split+1, last, viet.PlaceDateLine(place, l.day), italicC)
	// The short rules: under the office's name a third to a half of its
	// length, under the motto as long as the motto (Nghị định 30, Phụ lục I).
	if office != "" {
		if err := d.rule(l.columns, 1, split, textWidth(office, 12, true)*2/5); err != nil {
			return 0, err
		}
	}
	if err := d.rule(l.columns, split+1, last, textWidth(motto, 13, true)); err != nil {
		return 0, err
	}
	w.setHeight(4, 12)
	w.setHeight(5, 22)
	w.merge(5, 1, last, l.title, d.plain(true, false, 14, "center"))
	subtitleLines := strings.Count(l.subtitle, "\n") + 1
	w.setHeight(6, float64(subtitleLines)*17)
	w.merge(6, 1, last, l.subtitle, italicC)
	w.setHeight(7, 20)
	if l.addressed {
		recipient := l.recipient
		if recipient == "" {
			recipient = st.ReportRecipient()
		}
		w.setHeight(7, 26)
		w.merge(7, 1, last, "Kính gửi: "+recipient+".", d.plain(false, false, 13, "center"))
		w.setHeight(8, 20)
	}
	w.setHeight(headRow, 36)
	for i, c := range l.columns {
		w.set(headRow, i+1, c.title, d.head)
	}
	// A fixed scale rather than "fit to width": Excel ignores manual page
	// breaks on a sheet fitted to the page, and keepWithSignature needs them.
	size, orient, scale := 9, "landscape", pageScale(l.columns, l.portrait)
	if l.portrait {
		orient = "portrait"
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, AdjustTo: &scale}); err != nil {
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
	// Text no longer than a line takes one (most cells): no need to cut it
	// into words. Bytes are at least as many as characters.
	if len(text) <= perLine || utf8.RuneCountInString(text) <= perLine {
		return 1
	}
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

// signature writes the signature block under the table from row, bottom
// right: the signer's authority ("KT. CHỦ TỊCH") when set over the title
// ("PHÓ CHỦ TỊCH"), space to sign, the name; and, bottom left of a report,
// "Nơi nhận:" and its list. It returns the block's last row.
func (d *document) signature(st data.Settings, row, lastColN int) int {
	from := max(1, lastColN-3)
	title := strings.ToUpper(strings.TrimSpace(st.SignerTitle))
	if title == "" {
		title = "THỦ TRƯỞNG ĐƠN VỊ"
	}
	bold := d.plain(true, false, 12, "center")
	type cell struct {
		text  string
		style int
	}
	var right, left []cell
	if a := strings.ToUpper(strings.TrimSpace(st.SignerAuthority)); a != "" {
		right = append(right, cell{a, bold})
	}
	right = append(right, cell{title, bold})
	if !d.layout.addressed {
		right = append(right, cell{"(Ký, ghi rõ họ tên và đóng dấu)", d.plain(false, true, 11, "center")})
	}
	right = append(right, cell{}, cell{}, cell{}, cell{st.SignerName, bold}) // room to sign and stamp
	if d.layout.addressed {
		// "Nơi nhận:" level with the signer's first line, its list below.
		left = append(left, cell{"Nơi nhận:", d.unwrapped(true, true, 12)})
		copies := st.ReportCopies()
		copyStyle := d.unwrapped(false, false, 11)
		for i, c := range copies {
			mark := ";"
			if i == len(copies)-1 {
				mark = "."
			}
			left = append(left, cell{"- " + c + mark, copyStyle})
		}
	}
	n := max(len(left), len(right))
	for i := range n { // in row order, for the StreamWriter
		r := row + i
		d.w.setHeight(r, signatureRowHeight)
		// In column A alone, running over the empty cells beside it: merged
		// over the table's columns it would read back as a product's name.
		if i < len(left) && from > 1 {
			d.w.set(r, 1, left[i].text, left[i].style)
		}
		if i < len(right) && right[i].text != "" {
			d.w.merge(r, from, lastColN, right[i].text, right[i].style)
		}
	}
	return row + n - 1
}

// signatureRowHeight is the height of each row of the signature block.
const signatureRowHeight = 18

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

// colPixels is the width in pixels of a column width units wide, as
// excelize and Excel work it out (7-pixel digits, 5 pixels of padding).
func colPixels(width float64) float64 { return math.Ceil(width*7 + 0.5 + 5) }

// textWidth estimates the width in pixels of text in Times New Roman at
// size points: capitals and lower-case letters of average width.
func textWidth(text string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range text {
		switch {
		case r == ' ':
			w += 0.25
		case unicode.IsUpper(r):
			w += 0.70
		case unicode.IsLower(r):
			w += 0.47
		default:
			w += 0.5
		}
	}
	if bold {
		w *= 1.05
	}
	return w * size * 96 / 72
}

// rule draws a short horizontal line of length pixels, centred under
// columns from..to of row 2 (at the top of row 3). A drawn line rather than
// a cell border, whose length would be the columns'.
func (d *document) rule(cols []column, from, to int, length float64) error {
	start, width := 0.0, 0.0
	for i, c := range cols {
		switch {
		case i+1 < from:
			start += colPixels(c.width)
		case i+1 <= to:
			width += colPixels(c.width)
		}
	}
	length = min(length, width)
	x := start + (width-length)/2
	col := 0
	for col < len(cols)-1 && x >= colPixels(cols[col].width) {
		x -= colPixels(cols[col].width)
		col++
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, 3)
	yes := true
	return d.f.AddShape(d.w.name, &excelize.Shape{
		Cell: cell, Type: "line", Width: uint(length), Height: 1,
		Format: excelize.GraphicOptions{OffsetX: int(x), OffsetY: 1, Positioning: "oneCell", PrintObject: &yes, Locked: &yes},
		Line:   excelize.LineOptions{Width: 0.75, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"000000"}}},
	})
}

// pageScale is the print scale (per cent) at which columns fit the width of
// A4 landscape with half-inch margins (770 points; upright, 523). Excel
// prints a width unit in about 5.3 points; LibreOffice, without the Calibri
// metrics the unit is defined by, in up to 7: the scale is for the wider.
func pageScale(cols []column, portrait bool) uint {
	units := 0.0
	for _, c := range cols {
		units += c.width
	}
	width := 770.0
	if portrait {
		width = 523
	}
	return uint(min(100, width/(units*7)*100))
}

// pageHeight is the height, in the sheet's points, that one printed page of
// a sheet at scale holds: A4 landscape (or upright) less the margins and the footer,
// with some to spare since Excel and LibreOffice lay out rows a little
// differently.
func pageHeight(scale uint, portrait bool) float64 {
	height := 595.0
	if portrait {
		height = 842
	}
	return (height - 72 - 12) * 100 / float64(scale) * 0.95
}

// rowSpan is rows from..to that are to print on one page when they fit.
type rowSpan struct{ from, to int }

// paginate breaks the current sheet into printed pages by hand so that no
// span is cut across two pages when it fits on one, and says so with
// manual page breaks, which Excel and LibreOffice both follow: without
// them each lays out the pages its own way, and a signature block can end
// up alone on the last page. Spans are in row order; the rows between
// them may be cut anywhere. The heading row repeats at the top of each
// page of a list. Excel keeps at most 1026 manual breaks, so only the last
// 1000 are written: those that keep the end of a long list together.
func (d *document) paginate(spans []rowSpan) error {
	if len(spans) == 0 {
		return nil
	}
	page := pageHeight(pageScale(d.layout.columns, d.layout.portrait), d.layout.portrait)
	repeat := 0.0
	if !d.layout.noList {
		repeat = d.w.rowHeight(d.layout.headRow())
	}
	var breaks []int
	used := 0.0
	next := 1
	place := func(from, to int) {
		h := 0.0
		for r := from; r <= to; r++ {
			h += d.w.rowHeight(r)
		}
		if used > repeat && used+h > page && h <= page-repeat {
			breaks = append(breaks, from)
			used = repeat
		}
		used += h
		for used > page { // taller than a page: runs on
			used -= page - repeat
		}
	}
	for _, s := range spans {
		for r := next; r < s.from; r++ {
			place(r, r)
		}
		place(s.from, s.to)
		next = s.to + 1
	}
	if len(breaks) > 1000 {
		breaks = breaks[len(breaks)-1000:]
	}
	for _, r := range breaks {
		if err := d.f.InsertPageBreak(d.w.name, fmt.Sprintf("A%d", r)); err != nil {
			return err
		}
	}
	return nil
}

// keepWithSignature paginates a list from first to last followed by its
// signature block ending at end: the block prints on the page of the
// list's last rows, never alone.
func (d *document) keepWithSignature(first, last, end int) error {
	keep := max(first, last-2) // the last three rows go with the block
	return d.paginate([]rowSpan{{1, first}, {keep, end}})
}
