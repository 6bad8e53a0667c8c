package xlsx

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// courseLines is the subtitle of a course's sheets: its title, dates and place.
func courseLines(c data.Course, when string) string {
	lines := []string{"Lớp: " + c.Title}
	if when == "" {
		when = data.VNDate(c.Start)
		if !c.End.Equal(c.Start) {
			when += " – " + data.VNDate(c.End)
		}
	}
	place := "Thời gian: " + when
	if c.Location != "" {
		place += "; địa điểm: " + c.Location
	}
	return strings.Join(append(lines, place), "\n")
}

// writeRow writes one table row of the current sheet: strings as text
// (never formulas), other values as they are, each with its column's
// style; the row is at least height points high, and high enough for its
// wrapped text.
func (d *document) writeRow(cols []column, row int, vals []any, height float64) error {
	texts := make([]string, len(vals))
	for c, v := range vals {
		if t, ok := v.(string); ok {
			texts[c] = t
		}
	}
	d.w.setHeight(row, max(height, rowHeight(cols, texts)))
	for c, v := range vals {
		if err := d.w.set(row, c+1, v, cols[c].style); err != nil {
			return err
		}
	}
	return nil
}

// ExportSignIn writes the sign-in sheet of a course (Danh sách học viên ký
// tên) to path: for one session when sessionID is not 0, with one "Ký tên"
// column; for the whole course, one "Ký tên" column per session, headed
// with its day and part ("Ký tên 08/12 sáng"). A few blank numbered rows at
// the end are for people not on the roster. It returns how many
// participants it lists.
func ExportSignIn(ctx context.Context, store *data.Store, courseID, sessionID int64, path string) (int, error) {
	st, err := store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	r, err := store.Roster(ctx, courseID)
	if err != nil {
		return 0, fmt.Errorf("lớp tập huấn số %d: %w", courseID, err)
	}
	when, day, sessions := "", r.Course.Start, r.Sessions
	if sessionID != 0 {
		sessions = nil
		for _, ss := range r.Sessions {
			if ss.ID == sessionID {
				when, day, sessions = ss.Label(), ss.Day, []data.Session{ss}
			}
		}
		if sessions == nil {
			return 0, fmt.Errorf("lớp %q không có buổi học số %d", r.Course.Title, sessionID)
		}
	}
	d, err := newDocument()
	if err != nil {
		return 0, err
	}
	defer d.f.Close()
	l := signInLayout(len(sessions))
	// Cells with room around the writing: text indented from the border,
	// every row tall enough to sign in.
	pad := func(align string) int {
		border := []excelize.Border{
			{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
			{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
		}
		a := &excelize.Alignment{Horizontal: align, Vertical: "center", WrapText: true}
		if align == "left" {
			a.Indent = 1
		}
		id, _ := d.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12}, Border: border, Alignment: a})
		return id
	}
	text, centre := pad("left"), pad("center")
	w := l.widths
	cols := []column{
		{"STT", w[0], centre}, {"Họ và tên", w[1], text}, {"Năm sinh", w[2], centre}, {"Giới tính", w[3], centre},
		{"Dân tộc", w[4], centre}, {"Đơn vị / Chủ thể", w[5], text}, {"Chức vụ", w[6], text}, {"Điện thoại", w[7], centre},
	}
	for _, ss := range sessions {
		title := "Ký tên"
		if len(sessions) > 1 {
			title += " " + signInDay(ss)
		}
		cols = append(cols, column{title, l.sign, centre})
	}
	// Row heights are worked out on the width left inside the padding.
	inner := make([]column, len(cols))
	for i, c := range cols {
		inner[i] = column{c.title, max(1, c.width-1.5), c.style}
	}
	const sh = "Danh sách ký tên"
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: "DANH SÁCH HỌC VIÊN KÝ TÊN",
		subtitle: courseLines(r.Course, when), columns: cols, day: day, portrait: !l.landscape})
	if err != nil {
		return 0, err
	}
	const signRow = 40 // points (1.4 cm): room to sign by hand
	blankSigns := make([]any, len(sessions))
	for i := range blankSigns {
		blankSigns[i] = ""
	}
	write := func(row int, vals []any) error {
		texts := make([]string, len(vals))
		for c, v := range vals {
			if t, ok := v.(string); ok {
				texts[c] = t
			}
		}
		d.w.setHeight(row, max(signRow, rowHeight(inner, texts)))
		for c, v := range vals {
			if err := d.w.set(row, c+1, v, cols[c].style); err != nil {
				return err
			}
		}
		return nil
	}
	for i, p := range r.Participants {
		var year any
		if p.BirthYear != 0 {
			year = p.BirthYear
		}
		vals := []any{i + 1, p.FullName, year, data.GenderLabel(p.Gender), p.Ethnicity, p.Unit(), p.JobTitle, p.Phone}
		if err := write(first+i, append(vals, blankSigns...)); err != nil {
			return 0, err
		}
	}
	const blanks = 5
	for i := range blanks {
		n := len(r.Participants) + i
		if err := write(first+n, append([]any{n + 1, "", "", "", "", "", "", ""}, blankSigns...)); err != nil {
			return 0, err
		}
	}
	last := first + len(r.Participants) + blanks - 1
	end := d.signature(st, last+2, len(cols))
	if err := d.keepWithSignature(first, last, end); err != nil {
		return 0, err
	}
	if err := d.w.close(); err != nil {
		return 0, err
	}
	if err := d.save(path); err != nil {
		return 0, err
	}
	return len(r.Participants), nil
}

// signInDay names a session in a sign-in heading: "08/12 sáng", "09/12".
func signInDay(ss data.Session) string {
	day := ss.Day.Format("02/01")
	switch ss.Part {
	case data.SessionMorning:
		return day + " sáng"
	case data.SessionAfternoon:
		return day + " chiều"
	}
	return day
}

// signInPage is how a sign-in sheet fills its A4 page: the widths of its
// eight columns about the person, the width of each "Ký tên" column and
// the orientation.
type signInPage struct {
	widths    [8]float64
	sign      float64
	landscape bool
}

// The width an A4 page has for a sign-in sheet's columns, in Excel's
// width units, inside the sheets' margins of 0.5 inch (about 7 pixels a
// unit and 5 more a column, at 96 pixels an inch). LibreOffice prints a
// unit wider; pageScale scales the page so that it fits there too.
const (
	portraitWidth  = 92
	landscapeWidth = 138
)

// signInLayout fits a sign-in sheet of n "Ký tên" columns to the width of
// A4: one session on a portrait page, more on a landscape one. Signing
// columns get room first (at least 12 units, about 2.5 cm); the columns
// about the person take what is left, between their narrow widths (text
// wraps, rows grow) and their wide ones. Past four sessions the page is
// scaled down to fit its width.
func signInLayout(n int) signInPage {
	narrow := [8]float64{4.5, 18, 6, 5.5, 6.5, 14.5, 12, 12}
	wide := [8]float64{5, 24, 7, 7, 8, 24, 17, 13}
	sum := func(w [8]float64) float64 {
		t := 0.0
		for _, x := range w {
			t += x
		}
		return t
	}
	const minSign, goodSign, maxSign = 12, 16, 24
	n = max(1, n)
	l := signInPage{landscape: n > 1}
	page := float64(portraitWidth)
	if l.landscape {
		page = landscapeWidth
	}
	l.sign = min(goodSign, max(minSign, (page-sum(narrow))/float64(n)))
	room := page - l.sign*float64(n)
	k := min(1, max(0, (room-sum(narrow))/(sum(wide)-sum(narrow))))
	for i := range l.widths {
		l.widths[i] = narrow[i] + k*(wide[i]-narrow[i])
	}
	if k == 1 {
		l.sign = min(maxSign, l.sign+(room-sum(wide))/float64(n))
	}
	return l
}

// attendanceMark is how the attendance sheet writes a mark.
func attendanceMark(a data.Attendance) string {
	switch a {
	case data.Present:
		return "x"
	case data.ExcusedAbsence:
		return "P"
	case data.Absent:
		return "V"
	}
	return ""
}

// ExportAttendance writes a course's attendance sheet (Bảng điểm danh):
// who attended which session, the sessions each person attended, and the
// number present per session. It returns how many participants it lists.
func ExportAttendance(ctx context.Context, store *data.Store, courseID int64, path string, day time.Time) (int, error) {
	st, err := store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	r, err := store.Roster(ctx, courseID)
	if err != nil {
		return 0, fmt.Errorf("lớp tập huấn số %d: %w", courseID, err)
	}
	d, err := newDocument()
	if err != nil {
		return 0, err
	}
	defer d.f.Close()
	cols := []column{{"STT", 6, d.number}, {"Họ và tên", 26, d.text}, {"Năm sinh", 9, d.number}, {"Giới tính", 8, d.textCenter},
		{"Dân tộc", 10, d.textCenter}, {"Đơn vị / Chủ thể", 28, d.text}}
	for _, ss := range r.Sessions {
		cols = append(cols, column{"Buổi " + ss.Label(), 12, d.textCenter})
	}
	cols = append(cols, column{"Số buổi có mặt", 10, d.number})
	const sh = "Điểm danh"
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: "BẢNG ĐIỂM DANH HỌC VIÊN",
		subtitle: courseLines(r.Course, ""), columns: cols, day: day})
	if err != nil {
		return 0, err
	}
	for i, p := range r.Participants {
		var year any
		if p.BirthYear != 0 {
			year = p.BirthYear
		}
		vals := []any{i + 1, p.FullName, year, data.GenderLabel(p.Gender), p.Ethnicity, p.Unit()}
		present := 0
		for _, ss := range r.Sessions {
			m := r.Mark(ss.ID, p.ID)
			if m == data.Present {
				present++
			}
			vals = append(vals, attendanceMark(m))
		}
		d.writeRow(cols, first+i, append(vals, present), 0)
	}
	totals := first + len(r.Participants)
	vals := []any{"", "Số học viên có mặt", "", "", "", ""}
	for _, ss := range r.Sessions {
		vals = append(vals, r.Count(ss.ID, data.Present))
	}
	vals = append(vals, "")
	d.totalsRow(cols, totals, vals)
	d.w.merge(totals+1, 1, len(cols), "Ghi chú: x – có mặt; P – vắng có phép; V – vắng không phép; để trống – chưa điểm danh.",
		d.plain(false, true, 11, "left"))
	d.signature(st, totals+3, len(cols))
	if err := d.w.close(); err != nil {
		return 0, err
	}
	if err := d.save(path); err != nil {
		return 0, err
	}
	return len(r.Participants), nil
}
