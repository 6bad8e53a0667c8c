package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// openDemoCourse shows the training screen and opens the demo course whose
// title contains title.
func openDemoCourse(t *testing.T, u *ui, title string) *coursePage {
	t.Helper()
	onUI(func() { u.show(screenTraining) })
	tr := u.training
	eventually(t, "courses", func() bool { return len(tr.rows) == 3 && tr.footer.Text == "3 lớp" })
	onUI(func() {
		for i, r := range tr.rows {
			if strings.Contains(r.Title, title) {
				tr.list.selectRow(i)
				tr.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			}
		}
	})
	var p *coursePage
	eventually(t, "course page", func() bool { p, _ = u.lastForm.(*coursePage); return p != nil && u.modalOpen() })
	return p
}

func TestAttendanceGrid(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "phần mềm")
	onUI(func() {
		if got := p.heading(gridSessions); !strings.HasSuffix(got, "(4/4)") {
			t.Errorf("session heading %q, want 4 of 4 present", got)
		}
		if text, imp := p.cell(0, gridSessions); text != "Có mặt" || imp != widget.SuccessImportance {
			t.Errorf("first mark %q %v", text, imp)
		}
	})
	// A tap on a cell moves it to the next mark: present -> excused.
	var who data.ParticipantRow
	onUI(func() {
		who = p.roster.Participants[0]
		p.grid.Select(widget.TableCellID{Row: 0, Col: gridSessions})
	})
	eventually(t, "count after one tap", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(3/4)") })
	onUI(func() {
		if text, _ := p.cell(0, gridSessions); text != "Vắng có phép" {
			t.Errorf("after a tap the cell says %q", text)
		}
		if got := p.heading(gridSessions + 1); got != "Số buổi có mặt" {
			t.Errorf("last heading %q", got)
		}
		if text, _ := p.cell(0, gridSessions+1); text != "0/1" {
			t.Errorf("sessions attended %q, want 0/1", text)
		}
	})
	r, _ := u.store.Roster(context.Background(), p.id)
	if m := r.Mark(r.Sessions[0].ID, who.ID); m != data.ExcusedAbsence {
		t.Errorf("stored mark %q", m)
	}
	// Two more taps: absent, then not recorded.
	onUI(func() { p.grid.Select(widget.TableCellID{Row: 0, Col: gridSessions}) })
	eventually(t, "absent", func() bool { text, _ := p.cell(0, gridSessions); return text == "Vắng" })
	onUI(func() { p.grid.Select(widget.TableCellID{Row: 0, Col: gridSessions}) })
	eventually(t, "cleared", func() bool { text, _ := p.cell(0, gridSessions); return text == "chưa điểm danh" })
	// Closing the page shows the new count in the course list.
	onUI(func() { p.f.cancel() })
	tr := u.training
	eventually(t, "list count", func() bool {
		for _, c := range tr.rows {
			if strings.Contains(c.Title, "phần mềm") {
				return c.Attended == 3
			}
		}
		return false
	})
}

func TestWholeClassAndParticipants(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "xúc tiến") // upcoming: 6 enrolled, nothing marked
	onUI(func() {
		if len(p.roster.Participants) != 6 || !strings.HasSuffix(p.heading(gridSessions), "(0/6)") {
			t.Fatalf("%d participants, heading %q", len(p.roster.Participants), p.heading(gridSessions))
		}
	})
	// Whole class present at the first session, then one exception.
	ss := p.roster.Sessions[0]
	onUI(func() {
		p.write(func(ctx context.Context) error { return u.store.MarkSession(ctx, ss.ID, data.Present) })
	})
	eventually(t, "whole class", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(6/6)") })
	onUI(func() { p.grid.Select(widget.TableCellID{Row: 2, Col: gridSessions}) })
	eventually(t, "one exception", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(5/6)") })

	// Adding someone already on record: the form offers them instead of a duplicate.
	onUI(func() { u.openParticipantForm(0, p.id, p.enrolled(), p.reload) })
	var f *participantForm
	eventually(t, "participant form", func() bool { f, _ = u.lastForm.(*participantForm); return f != nil })
	onUI(func() { test.Type(f.name, "nguyen thi thu") })
	eventually(t, "match offered", func() bool { return len(f.matches) == 1 && f.matches[0].FullName == "Nguyễn Thị Thu" })
	tapInForm(t, u, "Dùng người này")
	eventually(t, "enrolled", func() bool { return len(p.roster.Participants) == 7 })

	// A new person is stored once and enrolled.
	before, _ := u.store.Participants(context.Background())
	onUI(func() { u.openParticipantForm(0, p.id, p.enrolled(), p.reload) })
	eventually(t, "second form", func() bool { g, _ := u.lastForm.(*participantForm); return g != nil && g != f })
	f = u.lastForm.(*participantForm)
	onUI(func() {
		test.Type(f.name, "Lý Thị Hoa")
		test.Type(f.year, "1999")
		test.Type(f.jobTitle, "Giám đốc HTX")
		f.ethnicity.SetText("tay")
		f.gender.SetSelectedIndex(2)
	})
	onUI(func() { f.f.save() })
	eventually(t, "new participant enrolled", func() bool { return len(p.roster.Participants) == 8 })
	after, _ := u.store.Participants(context.Background())
	if len(after) != len(before)+1 {
		t.Errorf("%d participants, want %d", len(after), len(before)+1)
	}
	for _, r := range after {
		if r.FullName == "Lý Thị Hoa" && (r.Ethnicity != "Tày" || r.BirthYear != 1999 || r.Gender != data.GenderFemale ||
			r.JobTitle != "Giám đốc HTX") {
			t.Errorf("stored %+v", r)
		}
	}
}

func TestInvalidParticipantShowsWhy(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "xúc tiến")
	onUI(func() { u.openParticipantForm(0, p.id, p.enrolled(), p.reload) })
	var f *participantForm
	eventually(t, "participant form", func() bool { f, _ = u.lastForm.(*participantForm); return f != nil })
	before, _ := u.store.Participants(context.Background())
	onUI(func() {
		test.Type(f.year, "19a0")
		f.ethnicity.SetText("Kinh Thượng")
		f.save()
		for _, c := range []struct {
			f    *field
			want string
		}{{f.fName, "Bắt buộc nhập họ và tên"}, {f.fYear, "Năm sinh không hợp lệ"}, {f.fEth, "54 dân tộc"}} {
			if !strings.Contains(c.f.errorText(), c.want) {
				t.Errorf("%s: %q, want %q", c.f.label, c.f.errorText(), c.want)
			}
		}
	})
	after, _ := u.store.Participants(context.Background())
	if len(after) != len(before) {
		t.Error("invalid participant stored")
	}
}

func TestNewCourseThroughForm(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenTraining) })
	press(u, fyne.KeyN)
	var f *courseForm
	eventually(t, "course form", func() bool { f, _ = u.lastForm.(*courseForm); return f != nil })
	onUI(func() {
		test.Type(f.title, "Tập huấn bán hàng trực tuyến")
		test.Type(f.start.entry, "15/01/2027")
		if f.end.entry.Text != "15/01/2027" {
			t.Errorf("end date %q does not follow the start", f.end.entry.Text)
		}
		// Typing in the filled end date replaces it rather than adding to it.
		test.Type(f.end.entry, "16/01/2027")
		if f.end.entry.Text != "16/01/2027" {
			t.Errorf("typing over the filled end date gave %q", f.end.entry.Text)
		}
		f.halfDays.SetChecked(true)
	})
	press(u, fyne.KeyS)
	var p *coursePage
	eventually(t, "course page opens", func() bool { p, _ = u.lastForm.(*coursePage); return p != nil })
	onUI(func() {
		if len(p.roster.Sessions) != 4 || p.roster.Sessions[0].Part != data.SessionMorning {
			t.Errorf("sessions %+v, want morning and afternoon of two days", p.roster.Sessions)
		}
	})
}

// tapInForm taps the button labelled text anywhere in the window's overlays.
func tapInForm(t *testing.T, u *ui, text string) {
	t.Helper()
	var found *widget.Button
	onUI(func() { found = buttonIn(u.win.Canvas().Overlays().List(), text) })
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	onUI(func() { test.Tap(found) })
}

func TestTrainingStatisticsLine(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenTraining) })
	tr := u.training
	// Demo: 12 people attend the first course, 4 the second (2 of them also
	// in the first), the third is still to come.
	eventually(t, "statistics", func() bool {
		return strings.HasPrefix(tr.stats.Text, "Năm 2026: 3 lớp · 16 lượt người · 14 người")
	})
	if !strings.Contains(tr.stats.Text, "Chủ thể OCOP 10") || !strings.Contains(tr.stats.Text, "Tày") {
		t.Errorf("statistics %q", tr.stats.Text)
	}
}

func TestImportParticipantList(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "xúc tiến")
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"DANH SÁCH HỌC VIÊN"},
		{"STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Đơn vị"},
		{1, "Nguyễn Thị Thu", 1987, "Nữ", "Kinh", "UBND xã Thất Khê"}, // on record already
		{2, "Lục Văn Đạt", 1992, "Nam", "Nùng", "HTX Nông sản Quốc Khánh"},
		{3, "Sầm Thị Nga", 1989, "Nữ", "Tày Mường", ""}, // not an ethnic group
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	path := filepath.Join(t.TempDir(), "HocVien.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	groups, _ := u.store.EthnicGroups(context.Background())
	tables, err := xlsx.ReadTables(path)
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() { p.previewList("HocVien.xlsx", tables, groups, nil) })
	var preview *participantImport
	eventually(t, "preview", func() bool { preview, _ = u.lastForm.(*participantImport); return preview != nil })
	onUI(func() {
		if len(preview.people) != 2 || len(preview.problems) != 1 || preview.f.saveBtn.Text != "Nhập 2 người (Ctrl+S)" {
			t.Errorf("%d people, %d problems, import button %q", len(preview.people), len(preview.problems), preview.f.saveBtn.Text)
		}
		if !strings.Contains(personLine(preview.people[1]), "Lục Văn Đạt · 1992 · Nam · Nùng · HTX Nông sản Quốc Khánh") {
			t.Errorf("person line %q", personLine(preview.people[1]))
		}
		preview.tabs.SelectIndex(2)
	})
	snapshot(u, "nhap-hoc-vien-cot.png")
	onUI(func() {
		preview.tabs.SelectIndex(0)
		// The year column taken for nothing: the people are read without it; taken back, with it.
		preview.maps[0].Columns["year"], preview.maps[0].Columns["org"] = preview.maps[0].Columns["org"], preview.maps[0].Columns["year"]
		preview.recompute()
	})
	onUI(func() {
		if len(preview.problems) != 3 { // "UBND xã Thất Khê" is not a year, nor the others
			t.Errorf("with the columns swapped: %v", preview.problems)
		}
		preview.maps[0].Columns["year"], preview.maps[0].Columns["org"] = preview.maps[0].Columns["org"], preview.maps[0].Columns["year"]
		preview.recompute()
		if len(preview.people) != 2 || !strings.Contains(preview.summary.Text, "đọc được 2 người") {
			t.Errorf("swapped back: %d people, %q", len(preview.people), preview.summary.Text)
		}
	})
	before, _ := u.store.Participants(context.Background())
	press(u, fyne.KeyS)
	eventually(t, "roster grows", func() bool { return len(p.roster.Participants) == 8 })
	after, _ := u.store.Participants(context.Background())
	if len(after) != len(before)+1 {
		t.Errorf("%d participants stored, want %d (one new, one reused)", len(after), len(before)+1)
	}
	onUI(func() {
		if !strings.Contains(u.message.Text, "1 người mới, 1 người đã có") {
			t.Errorf("status %q", u.message.Text)
		}
	})
}

// Esc closes the course page even when the attendance grid, just tapped,
// has the keyboard.
func TestEscClosesCoursePageFromTheGrid(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "phần mềm")
	onUI(func() {
		g := p.gridView.(fyne.Focusable)
		u.win.Canvas().Focus(g)
		g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	onUI(func() {
		if u.modalOpen() {
			t.Error("Esc in the grid did not close the course page")
		}
	})
}

// Saving a participant with several wrong fields shows every message at
// once, like the other forms.
func TestParticipantFormShowsEveryProblem(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "phần mềm")
	onUI(func() { u.openParticipantForm(0, p.id, p.enrolled(), p.reload) })
	var f *participantForm
	eventually(t, "participant form", func() bool { f, _ = u.lastForm.(*participantForm); return f != nil })
	onUI(func() {
		f.year.SetText("19x8")
		f.ethnicity.SetText("Tày Mường")
		f.save()
	})
	onUI(func() {
		if f.fName.errorText() == "" || f.fYear.errorText() == "" || f.fEth.errorText() == "" {
			t.Errorf("messages: name %q, year %q, ethnicity %q", f.fName.errorText(), f.fYear.errorText(), f.fEth.errorText())
		}
	})
}

func TestCourseFileStem(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "phần mềm")
	if got := p.fileStem(); got != "Danh_Gia_Phan_Hang_San_Pham_Ocop_Tren" {
		t.Errorf("file stem %q", got)
	}
}

// A session's header opens a dialog (a pop-up menu ate the next click);
// marking a session still to come present asks first.
func TestWholeClassAtAFutureSessionAsks(t *testing.T) {
	u := newTestUI(t, true)
	p := openDemoCourse(t, u, "xúc tiến") // upcoming: its sessions are after today
	ss := p.roster.Sessions[0]
	onUI(func() {
		if !ss.Day.After(u.now()) {
			t.Fatalf("session %v is not to come", ss.Day)
		}
		p.sessionMenu(ss, nil)
	})
	tapButton(t, u, "Cả lớp có mặt")
	waitButton(t, u, "Vẫn ghi có mặt")
	onUI(func() {
		if strings.HasSuffix(p.heading(gridSessions), "(6/6)") {
			t.Error("marked before the question was answered")
		}
	})
	tapButton(t, u, "Vẫn ghi có mặt")
	eventually(t, "whole class", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(6/6)") })
	// Asked once per session: Enter in the session's dialog marks again at once.
	onUI(func() { p.write(func(ctx context.Context) error { return u.store.MarkSession(ctx, ss.ID, "") }) })
	eventually(t, "cleared", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(0/6)") })
	onUI(func() { p.sessionMenu(ss, nil) })
	waitButton(t, u, "Cả lớp có mặt")
	onUI(func() { u.answer(true) })
	eventually(t, "whole class by Enter", func() bool { return strings.HasSuffix(p.heading(gridSessions), "(6/6)") })
}
