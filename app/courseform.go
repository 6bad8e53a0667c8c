package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// courseForm adds a course or edits its details.
type courseForm struct {
	u       *ui
	id      int64
	old     data.Course
	f       *formDialog
	initial string

	title, topics, location, organiser, trainers, funding, target, note *textEntry
	start, end                                                          *dateField
	halfDays                                                            *widget.Check
	fTitle, fStart, fEnd                                                *field
	endFollows                                                          bool // the end date follows the start
}

// openCourseForm opens the form for course id, or a new course when id is 0.
func (u *ui) openCourseForm(id int64) {
	background(u, func(ctx context.Context) (data.Course, error) {
		if id == 0 {
			return data.Course{}, nil
		}
		return u.store.Course(ctx, id)
	}, func(c data.Course) {
		f := newCourseForm(u, id, c)
		u.lastForm = f
		f.f.show()
		u.win.Canvas().Focus(f.title)
	})
}

func newCourseForm(u *ui, id int64, c data.Course) *courseForm {
	f := &courseForm{u: u, id: id, old: c}
	entry := func(text, placeholder string) *textEntry {
		e := newTextEntry(u)
		e.SetPlaceHolder(placeholder)
		e.SetText(text)
		return e
	}
	f.title = entry(c.Title, lang.L("ví dụ: Tập huấn triển khai Chương trình OCOP"))
	f.title.OnChanged = func(string) { f.checkTitle() }
	f.topics = entry(c.Topics, lang.L("các chuyên đề, cách nhau bằng dấu chấm phẩy"))
	f.location = entry(c.Location, lang.L("ví dụ: Hội trường UBND xã"))
	f.organiser = entry(c.Organiser, "")
	f.trainers = entry(c.Trainers, "")
	f.funding = entry(c.Funding, lang.L("ví dụ: Ngân sách tỉnh"))
	f.target = entry(c.TargetGroup, lang.L("ví dụ: Chủ thể OCOP, cán bộ xã"))
	f.note = entry(c.Note, "")
	f.start, f.end = newDateField(u), newDateField(u)
	if id != 0 {
		f.start.set(c.Start)
		f.end.set(c.End)
	}
	f.start.onChange = func() {
		// A one-day course is the common case: the end follows the start until changed.
		if t, err := f.start.get(); err == nil && !t.IsZero() && (f.end.entry.Text == "" || f.endFollows) {
			f.end.fill(t) // its onChange clears endFollows
			f.endFollows = true
		}
		f.checkDates()
	}
	f.end.onChange = func() { f.endFollows = false; f.checkDates() }
	f.halfDays = widget.NewCheck(lang.L("Mỗi ngày hai buổi (sáng, chiều)"), nil)
	f.fTitle = newField(lang.L("Tên lớp *"), f.title, "")
	f.fStart = newField(lang.L("Từ ngày *"), f.start.view, lang.L("ngày/tháng/năm, hoặc bấm lịch"))
	f.fEnd = newField(lang.L("Đến ngày *"), f.end.view, "")
	fields := []*field{f.fTitle, newField(lang.L("Nội dung"), f.topics, ""), f.fStart, f.fEnd}
	if id == 0 {
		fields = append(fields, newField(lang.L("Buổi học"), f.halfDays,
			lang.L("Mỗi ngày của lớp là một buổi điểm danh; đánh dấu nếu điểm danh riêng buổi sáng và buổi chiều")))
	}
	fields = append(fields, newField(lang.L("Địa điểm"), f.location, ""), newField(lang.L("Đơn vị tổ chức"), f.organiser, ""),
		newField(lang.L("Báo cáo viên"), f.trainers, ""), newField(lang.L("Nguồn kinh phí"), f.funding, ""),
		newField(lang.L("Đối tượng"), f.target, ""), newField(lang.L("Ghi chú"), f.note, ""))
	f.initial = f.snapshot()
	title := lang.L("Thêm lớp tập huấn")
	if id != 0 {
		title = lang.L("Sửa thông tin lớp: {{.Name}}", map[string]any{"Name": c.Title})
	}
	f.f = u.newFormDialog(title, container.NewVScroll(formGrid(fields...)), fyne.NewSize(760, 620), f.save,
		func() bool { return f.snapshot() != f.initial })
	return f
}

func (f *courseForm) snapshot() string {
	return strings.Join([]string{f.title.Text, f.topics.Text, f.start.entry.Text, f.end.entry.Text, f.location.Text,
		f.organiser.Text, f.trainers.Text, f.funding.Text, f.target.Text, f.note.Text}, "\x00")
}

func (f *courseForm) checkTitle() bool {
	if viet.Clean(f.title.Text) == "" {
		f.fTitle.setError(lang.L("Bắt buộc nhập tên lớp"))
		return false
	}
	f.fTitle.setError("")
	return true
}

func (f *courseForm) checkDates() bool {
	ok := true
	start, err := f.start.get()
	switch {
	case err != nil:
		f.fStart.setError(lang.L("Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 11/05/2023"))
		ok = false
	case start.IsZero():
		f.fStart.setError(lang.L("Bắt buộc nhập ngày bắt đầu"))
		ok = false
	default:
		f.fStart.setError("")
	}
	end, err := f.end.get()
	switch {
	case err != nil:
		f.fEnd.setError(lang.L("Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 12/05/2023"))
		ok = false
	case end.IsZero():
		f.fEnd.setError(lang.L("Bắt buộc nhập ngày kết thúc"))
		ok = false
	case !start.IsZero() && end.Before(start):
		f.fEnd.setError(lang.L("Ngày kết thúc trước ngày bắt đầu"))
		ok = false
	case !start.IsZero() && end.Sub(start).Hours() > 366*24:
		f.fEnd.setError(lang.L("Lớp dài hơn một năm, hãy kiểm tra lại"))
		ok = false
	default:
		f.fEnd.setError("")
	}
	return ok
}

func (f *courseForm) save() {
	u := f.u
	titleOK := f.checkTitle()
	if !f.checkDates() || !titleOK {
		switch {
		case !titleOK:
			u.win.Canvas().Focus(f.title)
		case f.fStart.errorText() != "":
			u.win.Canvas().Focus(f.start.entry)
		default:
			u.win.Canvas().Focus(f.end.entry)
		}
		return
	}
	c := data.Course{ID: f.id, Title: f.title.Text, Topics: f.topics.Text, Location: f.location.Text, Organiser: f.organiser.Text,
		Trainers: f.trainers.Text, Funding: f.funding.Text, TargetGroup: f.target.Text, Note: f.note.Text}
	c.Start, _ = f.start.get()
	c.End, _ = f.end.get()
	var sessions []data.Session
	if f.id == 0 && f.halfDays.Checked {
		for d := c.Start; !d.After(c.End); d = d.AddDate(0, 0, 1) {
			sessions = append(sessions, data.Session{Day: d, Part: data.SessionMorning}, data.Session{Day: d, Part: data.SessionAfternoon})
		}
	}
	background(u, func(ctx context.Context) (int64, error) {
		if f.id == 0 {
			err := u.store.AddCourse(ctx, &c, sessions)
			return c.ID, err
		}
		return c.ID, u.store.UpdateCourse(ctx, c)
	}, func(id int64) {
		f.f.close()
		if f.id == 0 {
			u.say(lang.L("Đã thêm lớp «{{.Name}}»", map[string]any{"Name": viet.Clean(c.Title)}))
			u.dataChanged()
			u.openCourse(id)
			return
		}
		if f.snapshot() != f.initial {
			old := f.old
			u.pushUndo(tr("Đã sửa lớp «{{.Name}}»", map[string]any{"Name": viet.Clean(c.Title)}),
				func(ctx context.Context) error { return u.store.UpdateCourse(ctx, old) })
		}
		u.dataChanged()
	})
}
