package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// trainingScreen (Tập huấn) lists the training courses; a course opens on
// its page with the roster and the attendance grid.
type trainingScreen struct {
	u      *ui
	view   fyne.CanvasObject
	search *textEntry
	year   *widget.Select
	footer *widget.Label
	stats  *widget.Label
	list   *listTable
	rows   []data.CourseRow
	gen    int
}

func newTrainingScreen(u *ui) *trainingScreen {
	t := &trainingScreen{u: u}
	t.search = newTextEntry(u)
	t.search.SetPlaceHolder(lang.L("Tìm theo tên lớp, nội dung, địa điểm, đơn vị tổ chức… (Ctrl+F)"))
	t.search.OnChanged = func(string) { t.refresh() }
	years := []string{lang.L("Mọi năm")}
	for y := u.now().Year() + 1; y >= 2019; y-- {
		years = append(years, strconv.Itoa(y))
	}
	t.year = newSelect(years, nil)
	t.year.SetSelectedIndex(0)
	t.year.OnChanged = func(string) { t.refresh() }
	t.footer = widget.NewLabel("")
	t.stats = widget.NewLabel("")
	t.stats.Wrapping = fyne.TextWrapWord
	t.list = newListTable([]tableColumn{
		{lang.L("Lớp tập huấn"), 420}, {lang.L("Từ ngày"), 96}, {lang.L("Đến ngày"), 96}, {lang.L("Địa điểm"), 200},
		{lang.L("Số buổi"), 70}, {lang.L("Học viên"), 80}, {lang.L("Có mặt"), 80},
	}, func() int { return len(t.rows) }, t.cell)
	t.list.onOpen = func(row int) {
		if row >= 0 && row < len(t.rows) {
			u.openCourse(t.rows[row].ID)
		}
	}
	t.list.onDelete = func(row int) {
		if row >= 0 && row < len(t.rows) && !u.modalOpen() {
			c := t.rows[row]
			u.confirmDelete(trashRef{data.EntityCourse, c.ID}, lang.L("lớp «{{.Name}}» cùng danh sách học viên và điểm danh của lớp", map[string]any{"Name": c.Title}),
				tr("Đã xóa lớp «{{.Name}}»", map[string]any{"Name": c.Title}),
				func(ctx context.Context) error { return u.store.DeleteCourse(ctx, c.ID) },
				func(ctx context.Context) error { return u.store.RestoreCourse(ctx, c.ID) })
		}
	}
	t.list.onSort = func(col int, desc bool) {
		key := func(r data.CourseRow) string {
			switch col {
			case 1:
				return data.ISODate(r.Start)
			case 2:
				return data.ISODate(r.End)
			case 4:
				return strconv.Itoa(100000 + r.Sessions)
			case 5:
				return strconv.Itoa(100000 + r.Enrolled)
			case 6:
				return strconv.Itoa(100000 + r.Attended)
			case 3:
				return string(viet.SortKey(r.Location))
			}
			return string(viet.SortKey(r.Title))
		}
		sortBy(t.rows, key, desc)
		t.list.table.Refresh()
	}
	add := widget.NewButtonWithIcon(lang.L("Thêm lớp (Ctrl+N)"), theme.ContentAddIcon(), t.add)
	add.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("Mở (Enter)"), theme.DocumentCreateIcon(), func() { t.list.onOpen(t.list.selected) })
	del := widget.NewButtonWithIcon(lang.L("Xóa (Delete)"), theme.DeleteIcon(), func() { t.list.onDelete(t.list.selected) })
	u.editOnly(add, del)
	t.list.rowButtons = []*widget.Button{open, del}
	t.list.updateRowButtons()
	yearBox := sized(t.year, 140)
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Lớp tập huấn")), container.NewHBox(add, open, del)),
		container.NewBorder(nil, nil, nil, yearBox, t.search))
	t.view = container.NewBorder(top, container.NewVBox(t.footer, widget.NewSeparator(), t.stats), nil, nil, t.list.view)
	return t
}

func (t *trainingScreen) cell(row, col int) tableCell {
	r := t.rows[row]
	switch col {
	case 0:
		return tableCell{text: r.Title, bold: true}
	case 1:
		return tableCell{text: data.VNDate(r.Start)}
	case 2:
		return tableCell{text: data.VNDate(r.End)}
	case 3:
		return tableCell{text: r.Location}
	case 4:
		return tableCell{text: strconv.Itoa(r.Sessions)}
	case 5:
		return tableCell{text: strconv.Itoa(r.Enrolled)}
	}
	return tableCell{text: strconv.Itoa(r.Attended)}
}

// add opens the form for a new course.
func (t *trainingScreen) add() {
	if !t.u.modalOpen() {
		t.u.openCourseForm(0)
	}
}

// refresh reloads the courses matching the search and year, and the
// year's statistics, off the UI thread.
func (t *trainingScreen) refresh() {
	q := data.CourseQuery{Search: t.search.Text}
	if i := t.year.SelectedIndex(); i > 0 {
		q.Year, _ = strconv.Atoi(t.year.Selected)
	}
	year := q.Year
	if year == 0 {
		year = t.u.now().Year()
	}
	type loaded struct {
		rows  []data.CourseRow
		stats data.TrainingStats
	}
	t.gen++
	gen := t.gen
	background(t.u, func(ctx context.Context) (loaded, error) {
		var l loaded
		var err error
		if l.rows, err = t.u.store.Courses(ctx, q); err != nil {
			return l, err
		}
		l.stats, err = t.u.store.Training(ctx, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
		return l, err
	}, func(l loaded) {
		if gen != t.gen {
			return
		}
		t.stats.SetText(statsText(year, l.stats))
		rows := l.rows
		t.rows = rows
		t.list.clearSelection()
		t.list.table.Refresh()
		t.footer.SetText(count("{{.N}} lớp", len(rows)))
	})
}

// statsText sums up a year's training the way the report will: courses,
// participant-times, people, and people by role, gender and ethnicity.
func statsText(year int, st data.TrainingStats) string {
	head := lang.L("Năm {{.Year}}: {{.Courses}} lớp · {{.Times}} lượt người · {{.People}} người",
		map[string]any{"Year": year, "Courses": st.Courses, "Times": st.ParticipantTimes, "People": st.People})
	if st.People == 0 {
		return head
	}
	var roles []string
	for _, r := range data.Roles {
		if n := st.ByRole[r.Code]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d", lang.L(r.Name), n))
		}
	}
	genders := []string{fmt.Sprintf("%s %d", lang.L("Nam"), st.ByGender[data.GenderMale]),
		fmt.Sprintf("%s %d", lang.L("Nữ"), st.ByGender[data.GenderFemale])}
	type kv struct {
		k string
		n int
	}
	var eth []kv
	for k, n := range st.ByEthnicity {
		if k == "" {
			k = lang.L("chưa rõ")
		}
		eth = append(eth, kv{k, n})
	}
	sort.Slice(eth, func(i, j int) bool { return eth[i].n > eth[j].n || (eth[i].n == eth[j].n && eth[i].k < eth[j].k) })
	var ethText []string
	for _, e := range eth {
		ethText = append(ethText, fmt.Sprintf("%s %d", e.k, e.n))
	}
	return head + "\n" + lang.L("Theo vai trò: ") + strings.Join(roles, ", ") + "  ·  " + lang.L("Giới tính: ") +
		strings.Join(genders, ", ") + "  ·  " + lang.L("Dân tộc: ") + strings.Join(ethText, ", ")
}
