package xlsx

import (
	"context"
	"fmt"
	"strings"
	"time"

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
// tên) to path, for one session when sessionID is not 0, with a few blank
// numbered rows at the end for people not on the roster. It returns how
// many participants it lists.
func ExportSignIn(ctx context.Context, store *data.Store, courseID, sessionID int64, path string) (int, error) {
	st, err := store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	r, err := store.Roster(ctx, courseID)
	if err != nil {
		return 0, fmt.Errorf("lớp tập huấn số %d: %w", courseID, err)
	}
	when, day := "", r.Course.Start
	if sessionID != 0 {
		found := false
		for _, ss := range r.Sessions {
			if ss.ID == sessionID {
				when, day, found = ss.Label(), ss.Day, true
			}
		}
		if !found {
			return 0, fmt.Errorf("lớp %q không có buổi học số %d", r.Course.Title, sessionID)
		}
	}
	d, err := newDocument()
	if err != nil {
		return 0, err
	}
	defer d.f.Close()
	cols := []column{
		{"STT", 6, d.number}, {"Họ và tên", 26, d.text}, {"Năm sinh", 9, d.number}, {"Giới tính", 8, d.textCenter},
		{"Dân tộc", 10, d.textCenter}, {"Đơn vị / Chủ thể", 32, d.text}, {"Chức vụ", 18, d.text},
		{"Điện thoại", 14, d.textCenter}, {"Ký tên", 22, d.text},
	}
	const sh = "Danh sách ký tên"
	first, err := d.officialSheet(st, sheetLayout{name: sh, title: "DANH SÁCH HỌC VIÊN KÝ TÊN",
		subtitle: courseLines(r.Course, when), columns: cols, day: day})
	if err != nil {
		return 0, err
	}
	const signRow = 32 // points: room to sign by hand
	for i, p := range r.Participants {
		var year any
		if p.BirthYear != 0 {
			year = p.BirthYear
		}
		d.writeRow(cols, first+i, []any{i + 1, p.FullName, year, data.GenderLabel(p.Gender), p.Ethnicity, p.Unit(),
			data.RoleName(p.Role), p.Phone, ""}, signRow)
	}
	const blanks = 5
	for i := range blanks {
		n := len(r.Participants) + i
		d.writeRow(cols, first+n, []any{n + 1, "", "", "", "", "", "", "", ""}, signRow)
	}
	last := first + len(r.Participants) + blanks - 1
	d.signature(st, last+2, len(cols))
	if err := d.w.close(); err != nil {
		return 0, err
	}
	if err := d.save(path); err != nil {
		return 0, err
	}
	return len(r.Participants), nil
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
