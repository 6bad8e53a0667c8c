package xlsx

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// signInCourse adds to the demo data a course of three sessions (08/12
// morning and afternoon, 09/12 all day) with every demo participant and
// new ones up to 25 on its roster.
func signInCourse(t *testing.T, s *data.Store) data.Roster {
	t.Helper()
	ctx := context.Background()
	c := &data.Course{Title: "Tập huấn kỹ năng xây dựng hồ sơ sản phẩm OCOP", Start: day("2026-12-08"), End: day("2026-12-09"),
		Location: "Hội trường UBND xã Thất Khê"}
	sessions := []data.Session{
		{Day: day("2026-12-08"), Part: data.SessionMorning}, {Day: day("2026-12-08"), Part: data.SessionAfternoon},
		{Day: day("2026-12-09"), Part: data.SessionFullDay},
	}
	if err := s.AddCourse(ctx, c, sessions); err != nil {
		t.Fatal(err)
	}
	people, _ := s.Participants(ctx)
	var ids []int64
	for _, p := range people {
		ids = append(ids, p.ID)
	}
	more := []struct{ name, title string }{
		{"Hoàng Thị Phương Thảo", "Chủ tịch Hội Phụ nữ xã"}, {"Lý Văn Bình", "Trưởng thôn Nà Pàn"},
		{"Nông Văn Dũng", "Phó Giám đốc Hợp tác xã Nông nghiệp Thạch đen"}, {"Triệu Thị Hoa", ""},
		{"Vi Văn Khải", "Kế toán HTX"}, {"Đàm Thị Ngọc", "Chủ hộ kinh doanh"}, {"Lương Thị Hồng", "Công chức Văn hóa - Xã hội"},
		{"Ma Văn Tùng", "Bí thư Đoàn xã"}, {"Hà Thị Lý", "Thủ quỹ HTX"},
	}
	for _, m := range more {
		p := &data.Participant{FullName: m.name, JobTitle: m.title, Gender: data.GenderFemale, BirthYear: 1990, Ethnicity: "Tày"}
		if err := s.AddParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if err := s.Enroll(ctx, c.ID, ids...); err != nil {
		t.Fatal(err)
	}
	r, err := s.Roster(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestExportSignIn(t *testing.T) {
	s, _ := demoStore(t)
	ctx := context.Background()
	roster := signInCourse(t, s)
	if len(roster.Participants) != 25 {
		t.Fatalf("%d participants on the roster, want 25", len(roster.Participants))
	}
	person := []string{"STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Đơn vị / Chủ thể", "Chức vụ", "Điện thoại"}
	cases := []struct {
		name      string
		session   int64
		signs     []string // the "Ký tên" headings
		landscape bool
		subtitle  string
	}{
		{"one session", roster.Sessions[1].ID, []string{"Ký tên"}, false, "08/12/2026 (chiều)"},
		{"whole course", 0, []string{"Ký tên 08/12 sáng", "Ký tên 08/12 chiều", "Ký tên 09/12"}, true, "08/12/2026 – 09/12/2026"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "KyTen.xlsx")
			n, err := ExportSignIn(ctx, s, roster.Course.ID, c.session, out)
			if err != nil {
				t.Fatal(err)
			}
			if n != 25 {
				t.Errorf("%d participants exported, 25 enrolled", n)
			}
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sh := f.GetSheetName(0)
			get := func(col, row int) string {
				cell, _ := excelize.CoordinatesToCellName(col, row)
				v, _ := f.GetCellValue(sh, cell)
				return v
			}
			if get(1, 5) != "DANH SÁCH HỌC VIÊN KÝ TÊN" || !strings.Contains(get(1, 6), roster.Course.Title) ||
				!strings.Contains(get(1, 6), c.subtitle) {
				t.Errorf("title %q, subtitle %q, want it to say %q", get(1, 5), get(1, 6), c.subtitle)
			}
			head := append(slices.Clone(person), c.signs...)
			for i, want := range head {
				if got := get(i+1, 8); got != want {
					t.Errorf("heading %d = %q, want %q", i+1, got, want)
				}
			}
			if extra := get(len(head)+1, 8); extra != "" {
				t.Errorf("a heading %q after the last sign-in column", extra)
			}
			// Each person's row: the job title under Chức vụ, every signing cell empty.
			for i, p := range roster.Participants {
				row := 9 + i
				if get(2, row) != p.FullName || get(6, row) != p.Unit() || get(7, row) != p.JobTitle {
					t.Errorf("row %d: %q %q %q, want %q %q %q", row, get(2, row), get(6, row), get(7, row), p.FullName, p.Unit(), p.JobTitle)
				}
				for k := range c.signs {
					if v := get(9+k, row); v != "" {
						t.Errorf("row %d: signing cell %d holds %q", row, k+1, v)
					}
				}
				if h, _ := f.GetRowHeight(sh, row); h < 36 {
					t.Errorf("row %d is %.0f points high: no room to sign", row, h)
				}
			}
			// Blank numbered rows for walk-ins, with room to sign.
			if last := get(1, 9+n+4); last != strconv.Itoa(n+5) {
				t.Errorf("last blank row numbered %q, want %d", last, n+5)
			}
			layout, _ := f.GetPageLayout(sh)
			if layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil ||
				(*layout.Orientation == "landscape") != c.landscape {
				t.Errorf("page size %v orientation %v, want A4 landscape %v", layout.Size, layout.Orientation, c.landscape)
			}
			// The columns fit the page's width, each signing column wide enough to sign in.
			width, page := 0.0, map[bool]float64{false: portraitWidth, true: landscapeWidth}[c.landscape]
			for i := range head {
				name, _ := excelize.ColumnNumberToName(i + 1)
				w, _ := f.GetColWidth(sh, name)
				width += w
				if i >= len(person) && w < 12 {
					t.Errorf("%q is %.1f wide: too narrow to sign in", head[i], w)
				}
			}
			if width > page+0.5 {
				t.Errorf("columns %.1f wide, the page has %.0f", width, page)
			}
			// Text does not touch the cell's border.
			style, _ := f.GetCellStyle(sh, "G9")
			if st, _ := f.GetStyle(style); st == nil || st.Alignment == nil || st.Alignment.Indent < 1 {
				t.Errorf("Chức vụ cells have no padding: %+v", st)
			}
			if names := f.GetDefinedName(); len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
				t.Errorf("no repeated heading row when printed: %+v", names)
			}
		})
	}
	if _, err := ExportSignIn(ctx, s, roster.Course.ID, 999999, filepath.Join(t.TempDir(), "x.xlsx")); err == nil {
		t.Error("a session of another course was accepted")
	}
}

func TestSignInLayoutFitsTheWidth(t *testing.T) {
	for n := 1; n <= 8; n++ {
		l := signInLayout(n)
		total := l.sign * float64(n)
		for _, w := range l.widths {
			total += w
		}
		page := map[bool]float64{false: portraitWidth, true: landscapeWidth}[l.landscape]
		// Up to four sessions the columns fit the page unscaled; past that
		// the page is scaled to its width, the signing columns kept.
		if l.landscape != (n > 1) || (n <= 4 && total > page+0.5) || l.sign < 12 {
			t.Errorf("%d sessions: landscape %v, %.1f wide on a page of %.0f, signing columns %.1f", n, l.landscape, total, page, l.sign)
		}
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
