package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// scoreSheet is the "Tự đánh giá" form: a product scored against the
// criteria set of its bộ sản phẩm (Mẫu 02, Phần III), one choice and one
// evidence note per criterion and the rejection grounds as a checklist,
// with the result and "Để đạt N sao" answering every choice. Opened from a
// product it is a what-if that lives in memory, saved to and opened from
// CSV; opened from a dossier (target) it is kept with the dossier.
type scoreSheet struct {
	u        *ui
	f        *formDialog
	set      *data.CriteriaSet
	sheet    *data.Sheet
	rules    data.Rules
	settings data.Settings
	day      time.Time
	saved    string // the sheet as CSV when opened or last saved
	who      xlsx.PartIII
	target   *sheetTarget // nil for a what-if
	member   *textEntry   // a council member's name, for a dossier's council sheet

	choices  []*widget.Select // per set.Criteria
	got      []*widget.Label  // per set.Criteria: "2/3 điểm"
	full     []*widget.Label  // per set.Criteria: the chosen option's whole text
	evidence []*textEntry     // per set.Criteria
	grounds  []*widget.Check  // per set.Grounds
	parts    *widget.Label
	result   *widget.RichText
	next     *widget.Label
	scroll   *container.Scroll // the rows
}

// scoreSheetOpen is how many of the criteria with the most points open the
// "Để đạt" panel lists after the minimums.
const scoreSheetOpen = 5

// sheetTarget is the dossier a sheet is kept with, and the sheet as kept
// (ID 0 until first saved; Role says whose it is).
type sheetTarget struct {
	stored  data.StoredSheet
	onSaved func()
}

// openScoreSheet opens an empty sheet of the criteria set of setCode in
// force on day, for the product named title: a what-if, not kept.
func (u *ui) openScoreSheet(setCode, title string, day time.Time) {
	u.openSheet(setCode, xlsx.PartIII{Product: title}, day, nil)
}

// openDossierSheet opens sheet st of dossier d (a new one when st.ID is 0
// and st.Sheet nil), kept with the dossier when saved; onSaved runs then.
func (u *ui) openDossierSheet(d data.Dossier, setCode string, who xlsx.PartIII, st data.StoredSheet, onSaved func()) {
	day := d.Received // the criteria and bands of the dossier's date
	if day.IsZero() {
		day = u.now()
	}
	st.DossierID = d.ID
	u.openSheet(setCode, who, day, &sheetTarget{stored: st, onSaved: onSaved})
}

func (u *ui) openSheet(setCode string, who xlsx.PartIII, day time.Time, target *sheetTarget) {
	if strings.TrimSpace(setCode) == "" {
		u.showError(fmt.Errorf("%s", lang.L("Sản phẩm chưa có bộ sản phẩm: chọn bộ sản phẩm của sản phẩm trước, rồi mới tự đánh giá theo bộ tiêu chí của bộ đó.")))
		return
	}
	type loaded struct {
		set   *data.CriteriaSet
		rules data.Rules
		st    data.Settings
	}
	background(u, func(ctx context.Context) (loaded, error) {
		var x loaded
		var err error
		if x.set, err = data.CriteriaSetFor(setCode, day); err != nil {
			return x, err
		}
		if x.rules, err = u.store.Rules(ctx); err != nil {
			return x, err
		}
		x.st, err = u.store.Settings(ctx)
		return x, err
	}, func(x loaded) {
		s := newScoreSheet(u, x.set, x.rules, x.st, who, day, target)
		u.lastForm = s
		s.f.show()
	})
}

func newScoreSheet(u *ui, set *data.CriteriaSet, rules data.Rules, st data.Settings, who xlsx.PartIII, day time.Time, target *sheetTarget) *scoreSheet {
	s := &scoreSheet{u: u, set: set, sheet: data.NewSheet(set), rules: rules, settings: st, who: who, day: day, target: target}
	product := who.Product
	n := len(set.Criteria)
	s.choices, s.got, s.full, s.evidence = make([]*widget.Select, n), make([]*widget.Label, n), make([]*widget.Label, n), make([]*textEntry, n)
	s.parts = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	s.result = widget.NewRichText()
	s.result.Wrapping = fyne.TextWrapWord
	s.next = &widget.Label{Wrapping: fyne.TextWrapWord}

	rows := container.NewVBox()
	if len(set.Grounds) > 0 {
		rows.Add(&widget.Label{Text: lang.L("Hồ sơ bị loại khi (đánh dấu nếu có):"), TextStyle: fyne.TextStyle{Bold: true}})
	}
	for i, g := range set.Grounds {
		c := &widget.Check{OnChanged: func(on bool) {
			s.sheet.Grounds[i] = on
			s.rescore()
		}}
		s.grounds = append(s.grounds, c)
		rows.Add(container.NewBorder(nil, nil, c, nil, &widget.Label{Text: g.Text, Wrapping: fyne.TextWrapWord}))
	}
	for _, p := range set.Parts {
		rows.Add(widget.NewSeparator())
		rows.Add(&widget.Label{Text: lang.L("Phần {{.Code}}: {{.Name}} ({{.Points}} điểm)", map[string]any{"Code": p.Code, "Name": p.Name, "Points": p.Points.VI()}),
			TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance, Wrapping: fyne.TextWrapWord})
		for _, sec := range p.Sections {
			rows.Add(&widget.Label{Text: lang.L("{{.No}}. {{.Name}} ({{.Points}} điểm)", map[string]any{"No": sec.No, "Name": sec.Name, "Points": sec.Points.VI()}),
				TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
			for _, c := range sec.Items {
				rows.Add(s.row(c))
			}
		}
	}
	saveCSV := widget.NewButtonWithIcon(lang.L("Lưu ra tệp…"), theme.DocumentSaveIcon(), s.saveCSV)
	openCSV := widget.NewButtonWithIcon(lang.L("Mở từ tệp…"), theme.FolderOpenIcon(), s.openCSV)
	printBtn := widget.NewButtonWithIcon(lang.L("In phiếu (Excel)…"), theme.DocumentPrintIcon(), s.print)
	partIII := widget.NewButtonWithIcon(lang.L("In Phần III (Excel)…"), theme.DocumentPrintIcon(), s.printPartIII)
	top := container.NewVBox(
		&widget.Label{Text: lang.L("Bộ tiêu chí số {{.No}}: {{.Name}} ({{.Source}})", map[string]any{"No": set.No, "Name": set.Name, "Source": set.Source}), Wrapping: fyne.TextWrapWord})
	title := lang.L("Tự đánh giá: {{.Name}}", map[string]any{"Name": product})
	var save func()
	if target != nil {
		save = s.saveToDossier
		title = lang.L("Phiếu đánh giá: {{.Who}} — {{.Name}}", map[string]any{"Who": lang.L(target.stored.Role.Label()), "Name": product})
		if target.stored.Role == data.RoleCouncil {
			s.member = newTextEntry(u)
			s.member.SetPlaceHolder(lang.L("họ và tên thành viên hội đồng"))
			s.member.OnChanged = func(name string) { s.sheet.Member = strings.TrimSpace(name) }
			top.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Thành viên hội đồng:")), nil, s.member))
		}
	}
	top.Add(s.parts)
	top.Add(s.result)
	top.Add(widget.NewSeparator())
	side := container.NewBorder(&widget.Label{Text: lang.L("Việc cần làm"), TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, container.NewVScroll(s.next))
	s.scroll = container.NewVScroll(rows)
	content := container.NewBorder(top, nil, nil, container.New(&fixedWidth{width: 290}, side), s.scroll)
	s.f = u.newFormDialog(title, content, fyne.NewSize(1000, 700), save,
		func() bool { return s.csv() != s.saved }, saveCSV, openCSV, printBtn, partIII)
	if target != nil && target.stored.Sheet != nil {
		s.load(target.stored.Sheet.Copy())
		if s.member != nil {
			s.member.SetText(s.sheet.Member)
		}
	}
	s.saved = s.csv()
	s.rescore()
	return s
}

// saveToDossier keeps the sheet with its dossier and closes it.
func (s *scoreSheet) saveToDossier() {
	st := s.target.stored
	st.Sheet = s.sheet.Copy()
	if st.FilledOn.IsZero() {
		st.FilledOn = data.DateOf(s.u.now())
	}
	background(s.u, func(ctx context.Context) (data.StoredSheet, error) {
		return st, s.u.store.SaveSheet(ctx, &st)
	}, func(st data.StoredSheet) {
		s.target.stored = st
		s.saved = s.csv()
		s.f.close()
		s.u.say(lang.L("Đã lưu phiếu đánh giá «{{.Title}}»: {{.Total}} điểm.", map[string]any{"Title": st.Title(), "Total": st.Total.VI()}))
		if s.target.onSaved != nil {
			s.target.onSaved()
		}
	})
}

// row is one criterion: its number, name and points over its choice and
// evidence note; a heading over sub-criteria is its name alone.
func (s *scoreSheet) row(c *data.Criterion) fyne.CanvasObject {
	name := &widget.Label{Text: c.No + ". " + c.Name, Wrapping: fyne.TextWrapWord}
	if c.Index < 0 {
		name.TextStyle = fyne.TextStyle{Italic: true}
		return name
	}
	i := c.Index
	var labels []string
	for _, o := range c.Options {
		labels = append(labels, optionLabel(o))
	}
	s.got[i] = &widget.Label{Text: "", Alignment: fyne.TextAlignTrailing}
	s.full[i] = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	s.full[i].Hide()
	sel := newSelect(labels, nil)
	sel.OnChanged = func(string) {
		s.sheet.Choices[i] = sel.SelectedIndex()
		s.showChoice(c)
		s.rescore()
	}
	s.choices[i] = sel
	ev := newTextEntry(s.u)
	ev.SetPlaceHolder(lang.L("Minh chứng"))
	ev.OnChanged = func(text string) { s.sheet.Evidence[i] = text }
	s.evidence[i] = ev
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, s.got[i], name),
		container.NewBorder(nil, nil, nil, container.New(&fixedWidth{width: 190}, ev), sel),
		s.full[i])
}

// optionLabel is an option as its choice lists it: the start of its text
// (a long one would make the list wider than the window), its points and
// the star minimum it carries.
func optionLabel(o data.CriterionOption) string {
	text := o.Text
	if o.Case != "" {
		text = strings.SplitN(o.Case, " ", 2)[0] + " " + text
	}
	if utf8.RuneCountInString(text) > 80 {
		text = string([]rune(text)[:78]) + "…"
	}
	out := lang.L("{{.Text}} — {{.Points}} điểm", map[string]any{"Text": text, "Points": o.Points.VI()})
	if o.MinStars > 0 {
		out += " " + lang.L("(tối thiểu {{.N}} sao)", map[string]any{"N": o.MinStars})
	}
	return out
}

// showChoice updates criterion c's points and the whole text of its
// chosen option when the choice cut it short.
func (s *scoreSheet) showChoice(c *data.Criterion) {
	i := c.Index
	o := s.sheet.Chosen(c)
	if o == nil {
		s.got[i].SetText("")
		s.full[i].Hide()
		return
	}
	s.got[i].SetText(lang.L("{{.Got}}/{{.Max}} điểm", map[string]any{"Got": o.Points.VI(), "Max": c.Points.VI()}))
	if utf8.RuneCountInString(o.Text) > 78 {
		s.full[i].SetText(o.Text)
		s.full[i].Show()
	} else {
		s.full[i].Hide()
	}
}

// rescore adds up the sheet and shows the result: only labels change, so
// a choice answers at once.
func (s *scoreSheet) rescore() {
	res := s.rules.ScoreSheet(s.sheet, s.day)
	var parts []string
	for _, p := range res.Parts {
		parts = append(parts, p.Code+" "+p.Points.VI()+"/"+p.Max.VI())
	}
	line := strings.Join(parts, " · ") + " · " + lang.L("Tổng {{.Total}}/{{.Max}} điểm", map[string]any{"Total": res.Total.VI(), "Max": s.set.Points().VI()})
	line += " · " + lang.L("Khung điểm: {{.N}} sao", map[string]any{"N": res.BandStars})
	if res.Unanswered > 0 {
		line += " · " + lang.L("còn {{.N}} tiêu chí chưa chấm", map[string]any{"N": res.Unanswered})
	}
	s.parts.SetText(line)
	colour := theme.ColorNameForeground
	if res.Rejected {
		colour = theme.ColorNameError
	} else if res.Stars < res.BandStars {
		colour = theme.ColorNameWarning
	}
	s.result.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: res.Summary(),
		Style: widget.RichTextStyle{ColorName: colour, TextStyle: fyne.TextStyle{Bold: true}}}}
	s.result.Refresh()
	if lines := res.Next.Lines(scoreSheetOpen); len(lines) > 0 {
		s.next.SetText(strings.Join(lines, "\n"))
	} else if res.Rejected {
		s.next.SetText(lang.L("Hồ sơ bị loại: bỏ đánh dấu lý do loại khi hồ sơ đã khắc phục."))
	} else {
		s.next.SetText(lang.L("Đã đạt 5 sao."))
	}
}

// csv is the sheet as Lưu phiếu writes it, to tell whether it changed.
func (s *scoreSheet) csv() string {
	var b bytes.Buffer
	data.WriteSheetCSV(&b, s.sheet)
	return b.String()
}

func (s *scoreSheet) fileName(ext string) string {
	return data.SafeFileName("PhieuDanhGia " + s.who.Product + " " + s.set.Code + ext)
}

// saveCSV writes the sheet to a CSV file chosen by the user.
func (s *scoreSheet) saveCSV() {
	text := s.csv()
	s.u.saveAs(s.fileName(".csv"), ".csv", func(_ context.Context, path string) (int, error) {
		return 1, writeFileAtomic(path, []byte(text))
	}, func(int) string {
		s.saved = text
		return lang.L("Đã lưu phiếu đánh giá:")
	})
}

// openCSV replaces the sheet with one read from a CSV file of the same set.
func (s *scoreSheet) openCSV() {
	s.u.chooseFile([]string{".csv"}, func(path string) {
		sheet, err := data.ReadSheetFile(path, s.day)
		if err != nil {
			s.u.showError(err)
			return
		}
		if sheet.Set != s.set {
			s.u.showError(fmt.Errorf("%s", lang.L("Phiếu này theo bộ tiêu chí {{.Code}}, khác bộ {{.Here}} của sản phẩm.", map[string]any{"Code": sheet.Set.Code, "Here": s.set.Code})))
			return
		}
		s.load(sheet)
		if s.member != nil {
			// A member's own file names the member.
			if sheet.Member != "" {
				s.member.SetText(sheet.Member)
			}
			s.sheet.Member = strings.TrimSpace(s.member.Text)
		}
		if s.target == nil {
			s.saved = s.csv()
		}
	})
}

// load shows sheet in the form's widgets, without their handlers.
func (s *scoreSheet) load(sheet *data.Sheet) {
	s.sheet = sheet
	for _, c := range s.set.Criteria {
		i := c.Index
		sel := s.choices[i]
		h := sel.OnChanged
		sel.OnChanged = nil
		if sheet.Choices[i] >= 0 {
			sel.SetSelectedIndex(sheet.Choices[i])
		} else {
			sel.ClearSelected()
		}
		sel.OnChanged = h
		s.showChoice(c)
		e := s.evidence[i]
		eh := e.OnChanged
		e.OnChanged = nil
		e.SetText(sheet.Evidence[i])
		e.OnChanged = eh
	}
	for i, c := range s.grounds {
		h := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(sheet.Grounds[i])
		c.OnChanged = h
	}
	s.rescore()
}

// print writes the sheet as the set's phiếu đánh giá in Excel.
func (s *scoreSheet) print() {
	sheet, res := s.sheet, s.rules.ScoreSheet(s.sheet, s.day)
	s.u.saveAs(s.fileName(".xlsx"), ".xlsx", func(_ context.Context, path string) (int, error) {
		return 1, xlsx.WriteScoreSheet(s.settings, s.set, sheet, res, s.who.Product, path, s.u.now())
	}, func(int) string { return lang.L("Đã ghi phiếu đánh giá (Excel):") })
}

// printPartIII writes the sheet as the producer's Phần III of Mẫu 02.
func (s *scoreSheet) printPartIII() {
	sheet, res, who := s.sheet, s.rules.ScoreSheet(s.sheet, s.day), s.who
	s.u.saveAs(data.SafeFileName("Phan III "+s.who.Product+".xlsx"), ".xlsx", func(_ context.Context, path string) (int, error) {
		return 1, xlsx.WritePartIII(s.settings, who, s.set, sheet, res, path, s.u.now())
	}, func(int) string {
		return lang.L("Đã ghi Phần III của báo cáo tự đánh giá (Excel), để chủ thể ký:")
	})
}

// writeFileAtomic writes raw to a temporary file beside path and renames it
// over path, so a failed write never leaves half a file.
func writeFileAtomic(path string, raw []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// fixedWidth lays its objects out one over the other at a fixed width.
type fixedWidth struct{ width float32 }

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
