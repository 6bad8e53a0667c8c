package app

import (
	"context"
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
)

// participantForm adds a participant to a course, offering people already
// on record whose folded name, year of birth or phone match, so that one
// person is stored once; or it edits a participant.
type participantForm struct {
	u        *ui
	id       int64 // 0 for a new participant
	courseID int64
	f        *formDialog
	initial  string
	done     func()
	enrolled map[int64]bool // people already on the course's roster

	name, year, org, phone *textEntry
	jobTitle               *textEntry
	ethnicity, producer    *choiceEntry
	gender, role           *widget.Select
	commune                *communeChoice
	fName, fYear, fEth     *field
	matchBox               *fyne.Container
	matches                []data.Match
	matchGen               int

	ethnicities []string
	producers   []data.ProducerRow
}

type participantFormData struct {
	ethnicities []string
	producers   []data.ProducerRow
	communes    []data.Commune
	person      data.Participant
}

// openParticipantForm opens the form for participant id (0 for a new one)
// of course courseID; done runs after a save.
func (u *ui) openParticipantForm(id, courseID int64, enrolled map[int64]bool, done func()) {
	background(u, func(ctx context.Context) (participantFormData, error) {
		var d participantFormData
		var err error
		if d.ethnicities, err = u.store.EthnicGroups(ctx); err != nil {
			return d, err
		}
		if d.producers, err = u.store.Producers(ctx); err != nil {
			return d, err
		}
		if d.communes, err = u.store.Communes(ctx); err != nil {
			return d, err
		}
		if id != 0 {
			d.person, err = u.store.Participant(ctx, id)
		}
		return d, err
	}, func(d participantFormData) {
		p := newParticipantForm(u, id, courseID, d, done)
		p.enrolled = enrolled
		u.lastForm = p
		p.f.show()
		u.win.Canvas().Focus(p.name)
	})
}

func newParticipantForm(u *ui, id, courseID int64, d participantFormData, done func()) *participantForm {
	p := &participantForm{u: u, id: id, courseID: courseID, done: done, ethnicities: d.ethnicities, producers: d.producers}
	person := d.person
	entry := func(text, placeholder string) *textEntry {
		e := newTextEntry(u)
		e.SetPlaceHolder(placeholder)
		e.SetText(text)
		return e
	}
	p.name = entry(person.FullName, lang.L("ví dụ: Hoàng Văn Thắng"))
	p.year = entry("", lang.L("ví dụ: 1980"))
	if person.BirthYear != 0 {
		p.year.SetText(strconv.Itoa(person.BirthYear))
	}
	p.org = entry(person.Organisation, lang.L("cơ quan, hội đồng, doanh nghiệp…"))
	p.phone = entry(person.Phone, "")
	p.jobTitle = entry(person.JobTitle, lang.L("ví dụ: Giám đốc HTX, Chủ tịch UBND xã"))
	p.gender = newSelect([]string{lang.L("(chưa rõ)"), lang.L("Nam"), lang.L("Nữ")}, nil)
	p.gender.SetSelectedIndex(map[string]int{data.GenderMale: 1, data.GenderFemale: 2}[person.Gender])
	var roles []string
	for _, r := range data.Roles {
		roles = append(roles, lang.L(r.Name))
	}
	p.role = newSelect(roles, nil)
	p.role.SetSelectedIndex(len(data.Roles) - 1)
	for i, r := range data.Roles {
		if r.Code == person.Role {
			p.role.SetSelectedIndex(i)
		}
	}
	p.ethnicity = newChoiceEntry(u)
	p.ethnicity.SetPlaceHolder(lang.L("gõ để lọc, ví dụ: tay"))
	p.ethnicity.SetOptions(d.ethnicities)
	p.ethnicity.SetText(person.Ethnicity)
	p.ethnicity.OnChanged = func(s string) {
		p.fEth.setError("")
		q := viet.Fold(s)
		var opts []string
		for _, e := range p.ethnicities {
			if strings.HasPrefix(viet.Fold(e), q) {
				opts = append(opts, e)
			}
		}
		p.ethnicity.SetOptions(opts)
	}
	p.producer = newChoiceEntry(u)
	p.producer.SetPlaceHolder(lang.L("nếu là chủ thể OCOP hoặc người lao động của chủ thể"))
	var producerNames []string
	for _, r := range d.producers {
		producerNames = append(producerNames, r.Name)
		if r.ID == person.ProducerID {
			p.producer.SetText(r.Name)
		}
	}
	p.producer.SetOptions(producerNames)
	p.commune = u.newCommuneChoice(d.communes, person.CommuneID)

	p.fName = newField(lang.L("Họ và tên *"), p.name, "")
	p.fYear = newField(lang.L("Năm sinh"), p.year, "")
	p.fEth = newField(lang.L("Dân tộc"), p.ethnicity, "")
	p.matchBox = container.NewVBox()
	p.name.OnChanged = func(string) { p.fName.setError(""); p.findMatches() }
	p.year.OnChanged = func(string) { p.checkYear(); p.findMatches() }
	p.phone.OnChanged = func(string) { p.findMatches() }
	form := formGrid(p.fName, newField(lang.L("Giới tính"), p.gender, ""), p.fYear, p.fEth,
		newField(lang.L("Vai trò"), p.role, ""), newField(lang.L("Chức vụ"), p.jobTitle, ""),
		newField(lang.L("Chủ thể"), p.producer, ""),
		newField(lang.L("Đơn vị"), p.org, lang.L("Để trống nếu đã chọn chủ thể")),
		newField(lang.L("Xã, phường"), p.commune.view, ""), newField(lang.L("Điện thoại"), p.phone, ""))
	p.initial = p.snapshot()
	title := lang.L("Thêm học viên vào lớp")
	if id != 0 {
		title = lang.L("Học viên: {{.Name}}", map[string]any{"Name": person.FullName})
	}
	content := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(330, 400), container.NewVScroll(p.matchBox)), form)
	p.f = u.newFormDialog(title, content, fyne.NewSize(1040, 600), p.save, func() bool { return p.snapshot() != p.initial })
	return p
}

func (p *participantForm) snapshot() string {
	return strings.Join([]string{p.name.Text, p.year.Text, p.gender.Selected, p.ethnicity.Text, p.role.Selected,
		p.producer.Text, p.org.Text, p.commune.sel.Selected, p.phone.Text, p.jobTitle.Text}, "\x00")
}

func (p *participantForm) birthYear() (int, bool) {
	s := strings.TrimSpace(p.year.Text)
	if s == "" {
		return 0, true
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > p.u.now().Year() {
		return 0, false
	}
	return y, true
}

func (p *participantForm) checkYear() bool {
	if _, ok := p.birthYear(); !ok {
		p.fYear.setError(lang.L("Năm sinh không hợp lệ: nhập bốn chữ số, ví dụ 1980"))
		return false
	}
	p.fYear.setError("")
	return true
}

// findMatches looks, off the UI thread, for people on record who may be
// the one being typed, and lists them beside the form.
func (p *participantForm) findMatches() {
	if p.id != 0 {
		return
	}
	name, phone := p.name.Text, p.phone.Text
	year, _ := p.birthYear()
	p.matchGen++
	gen := p.matchGen
	background(p.u, func(ctx context.Context) ([]data.Match, error) {
		if len(strings.Fields(name)) < 2 && len(phone) < 6 {
			return nil, nil
		}
		return p.u.store.MatchParticipants(ctx, name, year, phone)
	}, func(m []data.Match) {
		if gen != p.matchGen {
			return
		}
		p.matches = m
		p.showMatches()
	})
}

func (p *participantForm) showMatches() {
	p.matchBox.RemoveAll()
	if len(p.matches) == 0 {
		p.matchBox.Refresh()
		return
	}
	head := widget.NewLabelWithStyle(lang.L("Có thể người này đã có trong danh sách:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	p.matchBox.Add(head)
	for _, m := range p.matches {
		m := m
		facts := []string{}
		if m.BirthYear != 0 {
			facts = append(facts, strconv.Itoa(m.BirthYear))
		}
		if m.Unit() != "" {
			facts = append(facts, m.Unit())
		}
		if m.Phone != "" {
			facts = append(facts, m.Phone)
		}
		info := widget.NewLabel(m.FullName + "\n" + strings.Join(facts, " · "))
		info.Wrapping = fyne.TextWrapWord
		use := widget.NewButtonWithIcon(lang.L("Dùng người này"), theme.ConfirmIcon(), func() { p.useExisting(m.ID, m.FullName) })
		if m.Strong {
			use.Importance = widget.HighImportance
		}
		if p.enrolled[m.ID] {
			use.SetText(lang.L("Đã có trong lớp này"))
			use.Disable()
		}
		p.matchBox.Add(container.NewVBox(info, use, widget.NewSeparator()))
	}
	p.matchBox.Refresh()
}

// useExisting enrolls a person already on record instead of adding a new one.
func (p *participantForm) useExisting(id int64, name string) {
	u := p.u
	background(u, func(ctx context.Context) (struct{}, error) { return struct{}{}, u.store.Enroll(ctx, p.courseID, id) },
		func(struct{}) {
			p.f.close()
			u.say(lang.L("Đã thêm «{{.Name}}» vào lớp", map[string]any{"Name": name}))
			if p.done != nil {
				p.done()
			}
		})
}

func (p *participantForm) get() (data.Participant, bool) {
	ok := true
	if viet.Clean(p.name.Text) == "" {
		p.fName.setError(lang.L("Bắt buộc nhập họ và tên"))
		ok = false
	}
	if !p.checkYear() {
		ok = false
	}
	eth := viet.Clean(p.ethnicity.Text)
	if eth != "" {
		found := ""
		for _, e := range p.ethnicities {
			if viet.Fold(e) == viet.Fold(eth) {
				found = e
			}
		}
		if found == "" {
			p.fEth.setError(lang.L("Không có trong danh mục 54 dân tộc; chọn trong danh sách"))
			ok = false
		}
		eth = found
	}
	year, _ := p.birthYear()
	person := data.Participant{ID: p.id, FullName: p.name.Text, BirthYear: year, Ethnicity: eth, Organisation: p.org.Text,
		Phone: p.phone.Text, JobTitle: p.jobTitle.Text, Gender: []string{"", data.GenderMale, data.GenderFemale}[max(0, p.gender.SelectedIndex())],
		Role: data.Roles[max(0, p.role.SelectedIndex())].Code}
	for _, r := range p.producers {
		if r.Name == viet.Clean(p.producer.Text) {
			person.ProducerID = r.ID
		}
	}
	person.CommuneID = p.commune.id()
	return person, ok
}

func (p *participantForm) save() {
	u := p.u
	person, ok := p.get()
	if !ok {
		switch {
		case p.fName.errorText() != "":
			u.win.Canvas().Focus(p.name)
		case p.fYear.errorText() != "":
			u.win.Canvas().Focus(p.year)
		default:
			u.win.Canvas().Focus(p.ethnicity)
		}
		return
	}
	store := func() {
		background(u, func(ctx context.Context) (struct{}, error) {
			if p.id != 0 {
				return struct{}{}, u.store.UpdateParticipant(ctx, person)
			}
			if err := u.store.AddParticipant(ctx, &person); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, u.store.Enroll(ctx, p.courseID, person.ID)
		}, func(struct{}) {
			p.f.close()
			u.say(lang.L("Đã lưu học viên «{{.Name}}»", map[string]any{"Name": viet.Clean(person.FullName)}))
			if p.done != nil {
				p.done()
			}
		})
	}
	// A strong match not chosen: ask before storing the same person twice.
	if p.id == 0 && len(p.matches) > 0 && p.matches[0].Strong {
		m := p.matches[0]
		d := dialog.NewConfirm(lang.L("Có thể trùng người"),
			lang.L("«{{.Name}}» ({{.Year}}) đã có trong danh sách học viên. Thêm một người mới trùng tên?",
				map[string]any{"Name": m.FullName, "Year": yearOrDash(m.BirthYear)}),
			func(yes bool) {
				if yes {
					store()
				}
			}, u.win)
		d.SetConfirmText(lang.L("Vẫn thêm người mới"))
		d.SetDismissText(lang.L("Quay lại"))
		u.showConfirm(d)
		return
	}
	store()
}

func yearOrDash(y int) string {
	if y == 0 {
		return "–"
	}
	return strconv.Itoa(y)
}
