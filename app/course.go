package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// coursePage shows one course: its details, its roster and the attendance
// grid (participants × sessions). A tap on a cell cycles its mark; a tap on
// a session's heading marks the whole class at once.
type coursePage struct {
	u        *ui
	id       int64
	f        *formDialog
	roster   data.Roster
	info     *widget.Label
	grid     *widget.Table
	gridView fyne.CanvasObject // the grid as laid out (it answers Esc)
	picked   int               // selected participant row, -1 for none
	remove   *widget.Button
	editBtn  *widget.Button
	future   map[int64]bool // sessions still to come the user chose to mark anyway
}

// Columns of the grid before the sessions.
const (
	gridName = iota
	gridUnit
	gridSessions // first session column
)

// openCourse opens the page of course id.
func (u *ui) openCourse(id int64) {
	if u.modalOpen() {
		return
	}
	p := &coursePage{u: u, id: id, picked: -1, future: map[int64]bool{}}
	background(u, func(ctx context.Context) (data.Roster, error) { return u.store.Roster(ctx, id) }, func(r data.Roster) {
		p.roster = r
		p.build()
		u.lastForm = p
		p.f.show()
	})
}

func (p *coursePage) build() {
	u := p.u
	p.info = widget.NewLabel("")
	p.info.Wrapping = fyne.TextWrapWord
	// A tapped grid takes the keyboard; Esc still closes the page.
	kt := &keyTable{onKey: func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyEscape {
			u.escape()
			return true
		}
		return false
	}}
	kt.Length = func() (int, int) { return len(p.roster.Participants), gridSessions + len(p.roster.Sessions) + 1 }
	kt.CreateCell = truncatedLabel
	kt.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		text, imp := p.cell(id.Row, id.Col)
		l := o.(*widget.Label)
		l.Importance = imp
		l.TextStyle.Bold = id.Col == gridName
		l.SetText(text)
	}
	kt.ShowHeaderRow = true
	kt.ExtendBaseWidget(kt)
	p.grid = &kt.Table
	p.gridView = kt
	p.grid.ShowHeaderColumn = false
	p.grid.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		return b
	}
	p.grid.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		b.SetText(p.heading(id.Col))
		b.OnTapped = nil
		if s := id.Col - gridSessions; s >= 0 && s < len(p.roster.Sessions) {
			ss := p.roster.Sessions[s]
			b.OnTapped = func() { p.sessionMenu(ss, b) }
		}
	}
	p.grid.SetColumnWidth(gridName, 200)
	p.grid.SetColumnWidth(gridUnit, 230)
	for i := range p.roster.Sessions {
		p.grid.SetColumnWidth(gridSessions+i, 150)
	}
	p.grid.SetColumnWidth(gridSessions+len(p.roster.Sessions), 110)
	p.grid.OnSelected = func(id widget.TableCellID) {
		p.grid.UnselectAll()
		p.picked = id.Row
		p.remove.Enable()
		p.editBtn.Enable()
		if s := id.Col - gridSessions; s >= 0 && s < len(p.roster.Sessions) {
			p.cycle(p.roster.Sessions[s], p.roster.Participants[id.Row])
		}
	}

	add := widget.NewButtonWithIcon(lang.L("Thêm học viên…"), theme.ContentAddIcon(), func() {
		u.openParticipantForm(0, p.id, p.enrolled(), p.reload)
	})
	add.Importance = widget.HighImportance
	p.editBtn = widget.NewButtonWithIcon(lang.L("Sửa học viên…"), theme.DocumentCreateIcon(), func() {
		if p.picked >= 0 && p.picked < len(p.roster.Participants) {
			u.openParticipantForm(p.roster.Participants[p.picked].ID, p.id, p.enrolled(), p.reload)
		}
	})
	p.remove = widget.NewButtonWithIcon(lang.L("Bỏ khỏi lớp"), theme.ContentRemoveIcon(), p.unenroll)
	importBtn := widget.NewButtonWithIcon(lang.L("Nhập từ Excel…"), theme.UploadIcon(), p.importList)
	p.editBtn.Disable()
	p.remove.Disable()
	edit := widget.NewButtonWithIcon(lang.L("Sửa thông tin lớp…"), theme.SettingsIcon(), func() { u.openCourseForm(p.id) })
	var signin *widget.Button
	signin = widget.NewButtonWithIcon(lang.L("Danh sách ký tên…"), theme.DocumentPrintIcon(), func() { p.signinMenu(signin) })
	sheet := widget.NewButtonWithIcon(lang.L("Bảng điểm danh…"), theme.DocumentSaveIcon(), func() {
		u.saveExcel(fmt.Sprintf("DiemDanh_%s.xlsx", p.fileStem()),
			func(ctx context.Context, path string) (int, error) {
				return xlsx.ExportAttendance(ctx, u.store, p.id, path, u.now())
			},
			func(n int) string {
				return lang.L("Đã xuất bảng điểm danh của {{.N}} học viên ra tệp:", map[string]any{"N": n})
			})
	})
	hint := widget.NewLabel(lang.L("Bấm vào một ô để đổi: có mặt → vắng có phép → vắng → chưa điểm danh. Bấm tiêu đề một buổi để điểm danh cả lớp."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	u.editOnly(add, importBtn, p.remove, edit)
	// The course's own buttons stand beside its details, the roster's on
	// the row above the grid: in one row they ran past a 1024-pixel screen.
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(edit, signin, sheet)), p.info),
		container.NewHBox(add, importBtn, p.editBtn, p.remove), hint)
	history := widget.NewButtonWithIcon(lang.L("Nhật ký thay đổi…"), theme.HistoryIcon(), func() {
		u.showChangeLog(data.EntityCourse, p.id, p.roster.Course.Title)
	})
	p.f = u.newFormDialog(p.roster.Course.Title, container.NewBorder(top, nil, nil, nil, p.gridView), fyne.NewSize(1140, 640), nil, nil, history)
	// Changes made elsewhere (the course form, undo) reload the page.
	u.formRefresh = p.reload
	p.f.onClose = func() { u.formRefresh = nil; u.dataChanged() }
	p.showInfo()
}

// enrolled is the set of people on the roster.
func (p *coursePage) enrolled() map[int64]bool {
	in := map[int64]bool{}
	for _, r := range p.roster.Participants {
		in[r.ID] = true
	}
	return in
}

func (p *coursePage) showInfo() {
	c := p.roster.Course
	when := data.VNDate(c.Start)
	if !c.End.Equal(c.Start) {
		when += " – " + data.VNDate(c.End)
	}
	parts := []string{when}
	if c.Location != "" {
		parts = append(parts, c.Location)
	}
	parts = append(parts, count("{{.N}} buổi", len(p.roster.Sessions)),
		count("{{.N}} học viên", len(p.roster.Participants)))
	text := ""
	for i, s := range parts {
		if i > 0 {
			text += " · "
		}
		text += s
	}
	if c.Trainers != "" {
		text += "\n" + lang.L("Báo cáo viên: {{.Who}}", map[string]any{"Who": c.Trainers})
	}
	p.info.SetText(text)
}

// heading is the text of column col's heading; a session's says how many are present.
func (p *coursePage) heading(col int) string {
	switch {
	case col == gridName:
		return lang.L("Họ và tên")
	case col == gridUnit:
		return lang.L("Đơn vị / Chủ thể")
	case col-gridSessions < len(p.roster.Sessions):
		ss := p.roster.Sessions[col-gridSessions]
		return lang.L("{{.Day}} ({{.N}}/{{.M}})", map[string]any{"Day": sessionLabel(ss),
			"N": p.roster.Count(ss.ID, data.Present), "M": len(p.roster.Participants)})
	}
	return lang.L("Số buổi có mặt")
}

func sessionLabel(ss data.Session) string {
	switch ss.Part {
	case data.SessionMorning:
		return data.VNDate(ss.Day) + " " + lang.L("sáng")
	case data.SessionAfternoon:
		return data.VNDate(ss.Day) + " " + lang.L("chiều")
	}
	return data.VNDate(ss.Day)
}

func (p *coursePage) cell(row, col int) (string, widget.Importance) {
	r := p.roster.Participants[row]
	switch {
	case col == gridName:
		return r.FullName, widget.MediumImportance
	case col == gridUnit:
		return r.Unit(), widget.MediumImportance
	case col-gridSessions < len(p.roster.Sessions):
		m := p.roster.Mark(p.roster.Sessions[col-gridSessions].ID, r.ID)
		return markText(m), markImportance(m)
	}
	n := 0
	for _, ss := range p.roster.Sessions {
		if p.roster.Mark(ss.ID, r.ID) == data.Present {
			n++
		}
	}
	return strconv.Itoa(n) + "/" + strconv.Itoa(len(p.roster.Sessions)), widget.MediumImportance
}

// markText and markImportance show a mark in words and colour.
func markText(m data.Attendance) string {
	if m == "" {
		return lang.L("chưa điểm danh")
	}
	return lang.L(m.Label())
}

func markImportance(m data.Attendance) widget.Importance {
	switch m {
	case data.Present:
		return widget.SuccessImportance
	case data.ExcusedAbsence:
		return widget.WarningImportance
	case data.Absent:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

// nextMark is the mark a tap sets after m.
func nextMark(m data.Attendance) data.Attendance {
	switch m {
	case "":
		return data.Present
	case data.Present:
		return data.ExcusedAbsence
	case data.ExcusedAbsence:
		return data.Absent
	}
	return ""
}

// cycle sets the next mark of one participant at one session.
func (p *coursePage) cycle(ss data.Session, who data.ParticipantRow) {
	next := nextMark(p.roster.Mark(ss.ID, who.ID))
	p.beforeItHappened(ss, next, func() {
		p.write(func(ctx context.Context) error { return p.u.store.SetAttendance(ctx, ss.ID, who.ID, next) })
	})
}

// beforeItHappened runs mark, asking first when it records someone present
// at a session still to come (once for each session of the page).
func (p *coursePage) beforeItHappened(ss data.Session, a data.Attendance, mark func()) {
	today := data.DateOf(p.u.now())
	if a != data.Present || !ss.Day.After(today) || p.future[ss.ID] {
		mark()
		return
	}
	d := dialog.NewConfirm(lang.L("Buổi học chưa diễn ra"),
		lang.L("Buổi {{.Day}} chưa diễn ra (hôm nay là {{.Today}}). Vẫn ghi có mặt?", map[string]any{"Day": sessionLabel(ss), "Today": data.VNDate(today)}),
		func(yes bool) {
			if yes {
				p.future[ss.ID] = true
				mark()
			}
		}, p.u.win)
	d.SetConfirmText(lang.L("Vẫn ghi có mặt"))
	d.SetDismissText(lang.L("Không"))
	p.u.showConfirm(d)
}

// sessionMenu offers to mark the whole class at a session, in a dialog:
// a pop-up menu ate the click that closed it, which users meant for the grid.
func (p *coursePage) sessionMenu(ss data.Session, _ fyne.CanvasObject) {
	var d dialog.Dialog
	mark := func(a data.Attendance) func() {
		return func() {
			d.Hide()
			p.beforeItHappened(ss, a, func() {
				p.write(func(ctx context.Context) error { return p.u.store.MarkSession(ctx, ss.ID, a) })
			})
		}
	}
	present := widget.NewButtonWithIcon(lang.L("Cả lớp có mặt"), theme.ConfirmIcon(), mark(data.Present))
	present.Importance = widget.HighImportance
	buttons := container.NewHBox(present, widget.NewButton(lang.L("Cả lớp vắng"), mark(data.Absent)),
		widget.NewButton(lang.L("Xóa điểm danh buổi này"), mark("")))
	note := widget.NewLabel(lang.L("Ghi cùng một điểm danh cho mọi học viên của buổi; sau đó bấm từng ô để sửa người khác đi."))
	note.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(lang.L("Điểm danh buổi {{.Day}}", map[string]any{"Day": sessionLabel(ss)}), lang.L("Đóng"),
		container.NewVBox(note, buttons), p.u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	p.u.showQuestion(d, mark(data.Present), d.Hide)
}

// write runs a change off the UI thread, then reloads the grid.
func (p *coursePage) write(change func(context.Context) error) {
	background(p.u, func(ctx context.Context) (struct{}, error) { return struct{}{}, change(ctx) },
		func(struct{}) { p.reload() })
}

// reload reads the roster again and redraws the page.
func (p *coursePage) reload() {
	background(p.u, func(ctx context.Context) (data.Roster, error) { return p.u.store.Roster(ctx, p.id) },
		func(r data.Roster) {
			sessionsChanged := len(r.Sessions) != len(p.roster.Sessions)
			p.roster = r
			if sessionsChanged {
				for i := range r.Sessions {
					p.grid.SetColumnWidth(gridSessions+i, 150)
				}
				p.grid.SetColumnWidth(gridSessions+len(r.Sessions), 110)
			}
			if p.picked >= len(r.Participants) {
				p.picked = -1
				p.remove.Disable()
				p.editBtn.Disable()
			}
			p.showInfo()
			p.grid.Refresh()
		})
}

// unenroll takes the selected participant off the roster, after asking.
func (p *coursePage) unenroll() {
	if p.picked < 0 || p.picked >= len(p.roster.Participants) {
		return
	}
	who := p.roster.Participants[p.picked]
	marks := map[int64]data.Attendance{}
	for _, ss := range p.roster.Sessions {
		if m := p.roster.Mark(ss.ID, who.ID); m != "" {
			marks[ss.ID] = m
		}
	}
	u := p.u
	u.confirmRemove(lang.L("học viên «{{.Name}}» khỏi lớp này (cùng điểm danh của người đó ở lớp)", map[string]any{"Name": who.FullName}),
		tr("Đã bỏ «{{.Name}}» khỏi lớp", map[string]any{"Name": who.FullName}),
		func(ctx context.Context) error { return u.store.Unenroll(ctx, p.id, who.ID) },
		func(ctx context.Context) error {
			if err := u.store.Enroll(ctx, p.id, who.ID); err != nil {
				return err
			}
			for sid, m := range marks {
				if err := u.store.SetAttendance(ctx, sid, who.ID, m); err != nil {
					return err
				}
			}
			return nil
		})
}

// signinMenu prints the sign-in sheet for the whole course or, when it has
// several sessions, for the session chosen.
func (p *coursePage) signinMenu(at fyne.CanvasObject) {
	u := p.u
	export := func(session int64, name string) func() {
		return func() {
			u.saveExcel(name,
				func(ctx context.Context, path string) (int, error) {
					return xlsx.ExportSignIn(ctx, u.store, p.id, session, path)
				},
				func(n int) string {
					return lang.L("Đã xuất danh sách ký tên của {{.N}} học viên ra tệp:", map[string]any{"N": n})
				})
		}
	}
	whole := export(0, fmt.Sprintf("DanhSach_KyTen_%s.xlsx", p.fileStem()))
	if len(p.roster.Sessions) <= 1 {
		whole()
		return
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem(lang.L("Cả lớp (mọi buổi)"), whole)}
	for _, ss := range p.roster.Sessions {
		name := fmt.Sprintf("DanhSach_KyTen_%s_%s_%s.xlsx", p.fileStem(), ss.Day.Format("2006-01-02"), ss.Part)
		items = append(items, fyne.NewMenuItem(lang.L("Buổi {{.Day}}", map[string]any{"Day": sessionLabel(ss)}), export(ss.ID, name)))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(), pos.Add(fyne.NewPos(0, at.Size().Height)))
}

// fileStem names the course in a file name: its title without tone marks,
// words joined by "_", at most 40 characters ("Tap_huan_trien_khai_...").
func (p *coursePage) fileStem() string {
	words := strings.Fields(viet.Fold(p.roster.Course.Title))
	var b strings.Builder
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		if b.Len()+len(w)+1 > 40 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if b.Len() == 0 {
		return fmt.Sprintf("Lop%d", p.id)
	}
	return b.String()
}
