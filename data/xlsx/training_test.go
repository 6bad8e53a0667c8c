package xlsx

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

func TestExportSignIn(t *testing.T) {
	s, _ := demoStore(t)
	ctx := context.Background()
	courses, _ := s.Courses(ctx, data.CourseQuery{})
	var course data.CourseRow
	for _, c := range courses {
		if c.Enrolled > course.Enrolled {
			course = c
		}
	}
	roster, _ := s.Roster(ctx, course.ID)
	out := filepath.Join(t.TempDir(), "KyTen.xlsx")
	n, err := ExportSignIn(ctx, s, course.ID, roster.Sessions[1].ID, out)
	if err != nil {
		t.Fatal(err)
	}
	if n != course.Enrolled || n == 0 {
		t.Errorf("%d participants exported, %d enrolled", n, course.Enrolled)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	get := func(cell string) string { v, _ := f.GetCellValue(sh, cell); return v }
	if get("A5") != "DANH SÁCH HỌC VIÊN KÝ TÊN" || !strings.Contains(get("A6"), course.Title) ||
		!strings.Contains(get("A6"), roster.Sessions[1].Label()) {
		t.Errorf("title %q, subtitle %q", get("A5"), get("A6"))
	}
	head := []string{"STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Đơn vị / Chủ thể", "Chức vụ", "Điện thoại", "Ký tên"}
	for i, want := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 8)
		if got := get(cell); got != want {
			t.Errorf("heading %s = %q, want %q", cell, got, want)
		}
	}
	first := roster.Participants[0]
	if get("B9") != first.FullName || get("F9") != first.Unit() || get("I9") != "" {
		t.Errorf("first row: %q %q %q", get("B9"), get("F9"), get("I9"))
	}
	// Blank numbered rows for walk-ins, with room to sign.
	if last := get("A" + strconv.Itoa(9+n+4)); last != strconv.Itoa(n+5) {
		t.Errorf("last blank row numbered %q, want %d", last, n+5)
	}
	if h, _ := f.GetRowHeight(sh, 9); h < 28 {
		t.Errorf("row height %.0f leaves no room to sign", h)
	}
	if names := f.GetDefinedName(); len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("no repeated heading row when printed: %+v", names)
	}
	if _, err := ExportSignIn(ctx, s, course.ID, 999999, out); err == nil {
		t.Error("a session of another course was accepted")
	}
}

func TestExportAttendance(t *testing.T) {
	s, today := demoStore(t)
	ctx := context.Background()
	courses, _ := s.Courses(ctx, data.CourseQuery{})
	var course data.CourseRow
	for _, c := range courses {
		if c.Attended > 0 && c.Sessions == 2 {
			course = c
		}
	}
	roster, _ := s.Roster(ctx, course.ID)
	out := filepath.Join(t.TempDir(), "DiemDanh.xlsx")
	n, err := ExportAttendance(ctx, s, course.ID, out, today)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	get := func(cell string) string { v, _ := f.GetCellValue(sh, cell); return v }
	// Columns: STT, name, year, gender, ethnicity, unit, one per session, total.
	totalsRow := strconv.Itoa(9 + n)
	for k, ss := range roster.Sessions {
		col, _ := excelize.ColumnNumberToName(7 + k)
		if got, want := get(col+totalsRow), strconv.Itoa(roster.Count(ss.ID, data.Present)); got != want {
			t.Errorf("present at %s: %s, want %s", ss.Label(), got, want)
		}
	}
	for i, p := range roster.Participants {
		present := 0
		for _, ss := range roster.Sessions {
			if roster.Mark(ss.ID, p.ID) == data.Present {
				present++
			}
		}
		col, _ := excelize.ColumnNumberToName(7 + len(roster.Sessions))
		if got := get(col + strconv.Itoa(9+i)); got != strconv.Itoa(present) {
			t.Errorf("%s: %s sessions, want %d", p.FullName, got, present)
		}
	}
}
