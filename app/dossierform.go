package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/outbox"
	"github.com/ocopdesk/ocop/data/viet"
)

// dossierForm is one dossier: who filed it and when, the Mẫu 02 checklist,
// the commune's assessment and the result, with the next step of its path
// as the obvious button and the commune's 15 working days in view.
type dossierForm struct {
	dossierData
	u       *ui
	f       *formDialog
	initial string

	kind                         *widget.Select
	received                     *dateField
	receivedBy, samples, code    *textEntry
	note                         *textEntry
	paper, electronic            *widget.Check
	states                       []*widget.Select
	notes                        []*textEntry
	expiries                     []*dateField
	materials, labour, idea, ide *textEntry
	assessedBy                   *textEntry
	assessedOn                   *dateField
	meeting                      *widget.Check
	warnings                     *widget.Label
	sheetsTab                    *sheetsTab
}

// dossierData is what a dossier's form shows, read at once.
type dossierData struct {
	d        data.Dossier
	product  data.Product
	producer data.Producer
	deadline data.Deadline
	evidence []data.Evidence
	events   []data.DossierEvent
	requests []data.SupplementRequest
	sheets   data.DossierScore
}

// openDossier opens dossier id in its form.
func (u *ui) openDossier(id int64) {
	if u.modalOpen() {
		return
	}
	today := u.now()
	background(u, func(ctx context.Context) (dossierData, error) {
		var x dossierData
		var err error
		if x.d, err = u.store.Dossier(ctx, id); err != nil {
			return x, err
		}
		if x.product, err = u.store.Product(ctx, x.d.ProductID); err != nil {
			return x, err
		}
		if x.producer, err = u.store.Producer(ctx, x.product.ProducerID); err != nil {
			return x, err
		}
		if x.deadline, err = u.store.DossierDeadline(ctx, x.d, today); err != nil {
			return x, err
		}
		if x.evidence, err = u.store.DossierEvidence(ctx, id); err != nil {
			return x, err
		}
		if x.events, err = u.store.DossierEvents(ctx, id); err != nil {
			return x, err
		}
		if x.requests, err = u.store.SupplementRequests(ctx, id); err != nil {
			return x, err
		}
		if x.sheets, err = u.store.ScoreDossier(ctx, id, today); err != nil {
			return x, err
		}
		// The round's dates come from the rules of its year.
		rules, err := u.store.Rules(ctx)
		if err == nil && x.d.Round.Year != 0 {
			x.d.Round = rules.Round(x.d.Round.Year, x.d.Round.No)
		}
		return x, err
	}, func(x dossierData) {
		f := newDossierForm(u, x)
		u.lastForm = f
		f.f.show()
	})
}

func newDossierForm(u *ui, x dossierData) *dossierForm {
	f := &dossierForm{dossierData: x, u: u}
	d := f.d
	entry := func(text string) *textEntry {
		e := newTextEntry(u)
		e.SetText(text)
		return e
	}
	long := func(text, hint string) *textEntry {
		e := entry(text)
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetPlaceHolder(hint)
		e.SetMinRowsVisible(4)
		return e
	}
	closed := d.Status.Closed()

	// Thông tin: the receipt.
	f.kind = newSelect(kindNames(), nil)
	f.kind.SetSelectedIndex(kindIndex(d.Kind))
	f.received = newDateField(u)
	f.received.set(d.Received)
	f.receivedBy = entry(d.ReceivedBy)
	f.samples = entry(strconv.Itoa(d.Samples))
	f.code = entry(d.ProductCode)
	f.code.SetPlaceHolder(lang.L("(T)-(X)-(STT)-năm, ví dụ 20-06040-05-2026"))
	f.note = long(d.Note, "")
	f.note.SetMinRowsVisible(2)
	f.paper = widget.NewCheck(lang.L("01 bộ hồ sơ giấy"), nil)
	f.paper.SetChecked(d.PaperSet)
	f.electronic = widget.NewCheck(lang.L("01 bộ hồ sơ điện tử"), nil)
	f.electronic.SetChecked(d.ElectronicSet)
	info := formGrid(
		newField(lang.L("Số phiếu (Mẫu 01)"), widget.NewLabel(orDash(d.Receipt.String())), lang.L("Số thứ tự của xã trong năm, cấp khi tiếp nhận")),
		newField(lang.L("Lần đăng ký"), f.kind, ""),
		newField(lang.L("Ngày tiếp nhận"), f.received.view, ""),
		newField(lang.L("Người tiếp nhận"), f.receivedBy, ""),
		newField(lang.L("Đã nhận"), container.NewHBox(f.paper, f.electronic), ""),
		newField(lang.L("Số sản phẩm mẫu"), f.samples, lang.L("5 mẫu; dịch vụ du lịch không cần mẫu")),
		newField(lang.L("Mã sản phẩm trên phiếu chấm"), f.code, ""),
		newField(lang.L("Ghi chú"), f.note, ""))

	// Giấy tờ: the Mẫu 02 checklist.
	stateNames := []string{lang.L("Chưa kiểm tra"), lang.L("Có"), lang.L("Thiếu"), lang.L("Không áp dụng")}
	states := []data.EvidenceState{data.EvidenceUnchecked, data.EvidencePresent, data.EvidenceMissing, data.EvidenceNA}
	var lines []fyne.CanvasObject
	for _, e := range f.evidence {
		sel := newSelect(stateNames, nil)
		for i, st := range states {
			if st == e.State {
				sel.SetSelectedIndex(i)
			}
		}
		note := entry(e.Note)
		note.SetPlaceHolder(lang.L("ghi chú"))
		exp := newDateField(u)
		if !e.ExpiresOn.IsZero() {
			exp.set(e.ExpiresOn)
		}
		f.states, f.notes, f.expiries = append(f.states, sel), append(f.notes, note), append(f.expiries, exp)
		name := widget.NewLabel(e.Item.Name)
		name.Wrapping = fyne.TextWrapWord
		// The same columns on every line: state, note, and the expiry of a
		// paper that has one.
		expiry := fyne.CanvasObject(widget.NewLabel(""))
		if e.Item.Expires {
			expiry = container.NewBorder(nil, nil, widget.NewLabel(lang.L("hết hạn")), nil, exp.view)
		}
		right := container.NewBorder(nil, nil, sized(sel, 150), wide(expiry, 200), note)
		lines = append(lines, container.NewBorder(nil, nil, nil, wide(right, 520), name), widget.NewSeparator())
	}
	f.warnings = widget.NewLabel("")
	f.warnings.Wrapping = fyne.TextWrapWord
	f.warnings.Importance = widget.DangerImportance
	f.showWarnings()
	for i := range f.states {
		f.states[i].OnChanged = func(string) { f.showWarnings() }
		f.expiries[i].onChange = f.showWarnings
	}
	papers := container.NewBorder(f.warnings, nil, nil, nil, container.NewVScroll(container.NewVBox(lines...)))

	// Đánh giá của xã: Mẫu 03 part II.
	a := d.Assessment
	f.materials = long(a.Materials, lang.L("Sản phẩm được sản xuất từ nguyên liệu của địa phương…"))
	f.labour = long(a.Labour, lang.L("Số lao động địa phương chủ thể sử dụng…"))
	f.idea = long(a.Idea, lang.L("Sản phẩm truyền thống hay mới, ý tưởng từ đâu…"))
	f.ide = long(a.Identity, lang.L("Bản sắc, trí tuệ của địa phương trong sản phẩm…"))
	f.meeting = widget.NewCheck(lang.L("Chủ tịch UBND xã đã tổ chức họp lấy ý kiến"), nil)
	f.meeting.SetChecked(a.ChairMeeting)
	f.assessedBy = entry(a.AssessedBy)
	f.assessedOn = newDateField(u)
	if !a.AssessedOn.IsZero() {
		f.assessedOn.set(a.AssessedOn)
	}
	assess := container.NewVScroll(formGrid(
		newField(lang.L("1. Nguồn gốc sản phẩm, nguyên liệu"), f.materials, ""),
		newField(lang.L("2. Sử dụng lao động địa phương"), f.labour, ""),
		newField(lang.L("3. Nguồn gốc ý tưởng sản phẩm"), f.idea, ""),
		newField(lang.L("4. Bản sắc, trí tuệ địa phương"), f.ide, ""),
		newField("", f.meeting, ""),
		newField(lang.L("Người đánh giá"), f.assessedBy, ""),
		newField(lang.L("Ngày đánh giá"), f.assessedOn.view, "")))

	// Phiếu đánh giá: the criteria sheets kept with the dossier.
	f.sheetsTab = newSheetsTab(f)

	// Kết quả and Lịch sử: what the province decided, and every dated step.
	result := widget.NewLabel(f.resultText())
	result.Wrapping = fyne.TextWrapWord
	history := widget.NewList(func() int { return len(f.events) }, truncatedLabel, func(i widget.ListItemID, o fyne.CanvasObject) {
		e := f.events[i]
		line := data.VNDate(e.On) + " · " + lang.L(e.Status.Label())
		if e.Note != "" {
			line += " · " + e.Note
		}
		if e.Staff != "" {
			line += " · " + e.Staff
		}
		o.(*widget.Label).SetText(line)
	})

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Thông tin"), container.NewVScroll(info)),
		container.NewTabItem(lang.L("Giấy tờ (Mẫu 02)"), papers),
		container.NewTabItem(lang.L("Đánh giá của xã"), assess),
		container.NewTabItem(lang.L("Phiếu đánh giá"), f.sheetsTab.content),
		container.NewTabItem(lang.L("Kết quả"), container.NewVScroll(result)),
		container.NewTabItem(lang.L("Lịch sử"), history))

	head := widget.NewLabelWithStyle(f.product.Name+" — "+f.producer.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewRichText(f.statusSegments()...)
	status.Wrapping = fyne.TextWrapWord
	steps := container.NewHBox()
	if !closed && !u.store.ReadOnly() {
		next := data.NextSteps(d.Status)
		main := next[0]
		// A complete dossier goes on to the assessment; one with a paper
		// missing is sent back for it.
		if slices.Contains(next, data.DossierAssessed) && !slices.ContainsFunc(f.evidence, func(e data.Evidence) bool { return e.State == data.EvidenceMissing }) {
			main = data.DossierAssessed
		}
		for _, to := range next {
			steps.Add(f.stepButton(to, to == main))
		}
	}
	top := container.NewVBox(head, status, steps)
	title := lang.L("Hồ sơ {{.No}}", map[string]any{"No": orDash(d.Receipt.String())})
	logBtn := widget.NewButtonWithIcon(lang.L("Nhật ký thay đổi…"), theme.HistoryIcon(), func() {
		u.showChangeLog(data.EntityDossier, d.ID, title)
	})
	mau01 := widget.NewButtonWithIcon(lang.L("Mẫu 01…"), theme.DocumentIcon(), func() {
		u.saveAs(data.SafeFileName("Mau01 "+d.Receipt.String()+".docx"), ".docx", func(ctx context.Context, path string) (int, error) {
			return 1, outbox.ExportMau01(ctx, u.store, d.ID, path)
		}, func(int) string {
			return lang.L("Đã ghi phiếu đăng ký (Mẫu 01), phần tiếp nhận của xã đã điền, để chủ thể ký:")
		})
	})
	mau03 := widget.NewButtonWithIcon(lang.L("Mẫu 03…"), theme.DocumentIcon(), func() {
		u.saveAs(data.SafeFileName("Mau03 "+d.Receipt.String()+".docx"), ".docx", func(ctx context.Context, path string) (int, error) {
			return 1, outbox.ExportMau03(ctx, u.store, d.ID, path)
		}, func(int) string { return lang.L("Đã ghi báo cáo đánh giá của xã (Mẫu 03):") })
	})
	files := widget.NewButtonWithIcon(lang.L("Tệp đính kèm…"), theme.FileIcon(), func() { u.showAttachments(d.ID, f.evidence) })
	save := f.save
	if closed {
		save = nil // a closed dossier is a record: it is read, not edited
	}
	f.initial = f.snapshot()
	f.f = u.newFormDialog(title, container.NewBorder(top, nil, nil, nil, tabs), fyne.NewSize(1000, 660), save,
		func() bool { return f.snapshot() != f.initial }, logBtn, files, mau01, mau03)
	return f
}

// kindNames are the kinds as the choice lists them.
func kindNames() []string {
	var names []string
	for _, k := range data.DossierKinds {
		names = append(names, lang.L(k.Label()))
	}
	return names
}

func kindIndex(k data.DossierKind) int {
	for i, x := range data.DossierKinds {
		if x == k {
			return i
		}
	}
	return 0
}

// statusSegments say where the dossier stands: its status, the commune's
// working days (red, with the word, when overdue) and its round.
func (f *dossierForm) statusSegments() []widget.RichTextSegment {
	d := f.d
	seg := func(text string, colour fyne.ThemeColorName, bold bool) widget.RichTextSegment {
		return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: colour, Inline: true, TextStyle: fyne.TextStyle{Bold: bold}}}
	}
	out := []widget.RichTextSegment{seg(lang.L("Tình trạng: ")+lang.L(d.Status.Label()), theme.ColorNameForeground, true)}
	if t := deadlineText(f.deadline); t != "" {
		colour := theme.ColorNameForeground
		switch {
		case f.deadline.Overdue > 0 || f.deadline.Past:
			colour, t = theme.ColorNameError, "⚠ "+t
		case f.deadline.Counting && f.deadline.Left <= 3:
			colour = theme.ColorNameWarning
		}
		out = append(out, seg("  ·  "+lang.L("15 ngày làm việc của xã: "), theme.ColorNameForeground, false), seg(t, colour, true))
	}
	if d.Round.Year != 0 {
		r := roundText(d.Round)
		if !d.Round.CutOff.IsZero() {
			r += lang.L(" (xã đề nghị trước {{.Day}})", map[string]any{"Day": data.VNDate(d.Round.CutOff)})
		}
		out = append(out, seg("  ·  "+r, theme.ColorNameForeground, false))
	}
	return out
}

// resultText says what was sent and what the province decided.
func (f *dossierForm) resultText() string {
	d := f.d
	var lines []string
	if d.LetterNo != "" || !d.LetterDate.IsZero() {
		lines = append(lines, lang.L("Công văn gửi tỉnh: số {{.No}} ngày {{.Day}}", map[string]any{"No": orDash(d.LetterNo), "Day": data.VNDate(d.LetterDate)}))
	}
	r := d.Result
	score := ""
	if r.HasScore {
		score = r.Score.VI() + lang.L(" điểm")
	}
	switch d.Status {
	case data.DossierPassed:
		lines = append(lines, lang.L("Đạt: {{.Stars}}, {{.Score}}; Quyết định số {{.No}} ngày {{.Day}}. Quyết định công nhận đã được thêm vào lịch sử của sản phẩm.",
			map[string]any{"Stars": starsText(r.Stars), "Score": orDash(score), "No": orDash(r.DecisionNo), "Day": data.VNDate(r.DecisionDate)}))
	case data.DossierFailed:
		lines = append(lines, lang.L("Không đạt ({{.Score}}): {{.Why}}", map[string]any{"Score": orDash(score), "Why": r.Reason}))
	case data.DossierWithdrawn:
		lines = append(lines, lang.L("Rút hồ sơ ngày {{.Day}}: {{.Why}}", map[string]any{"Day": data.VNDate(d.WithdrawnOn), "Why": d.WithdrawReason}))
	}
	for _, q := range f.requests {
		line := lang.L("Yêu cầu bổ sung ngày {{.Asked}}: {{.What}}", map[string]any{"Asked": data.VNDate(q.AskedOn), "What": q.What})
		if q.CompletedOn.IsZero() {
			line += lang.L(" (hạn {{.Due}}, chưa bổ sung)", map[string]any{"Due": data.VNDate(q.Due)})
		} else {
			line += lang.L(" (đã bổ sung ngày {{.Day}})", map[string]any{"Day": data.VNDate(q.CompletedOn)})
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return lang.L("Chưa có kết quả. Khi tỉnh có quyết định, bấm «Ghi kết quả Đạt…» hoặc «Không đạt…» ở trên.")
	}
	return strings.Join(lines, "\n\n")
}

// showWarnings lists missing papers and papers that expire before the round.
func (f *dossierForm) showWarnings() {
	w := data.EvidenceWarnings(f.evidenceLines(), f.d.Round)
	f.warnings.SetText(strings.Join(w, "\n"))
	if len(w) == 0 {
		f.warnings.Hide()
	} else {
		f.warnings.Show()
	}
}

// evidenceLines are the checklist as the form shows it.
func (f *dossierForm) evidenceLines() []data.Evidence {
	states := []data.EvidenceState{data.EvidenceUnchecked, data.EvidencePresent, data.EvidenceMissing, data.EvidenceNA}
	lines := make([]data.Evidence, len(f.evidence))
	for i, e := range f.evidence {
		e.State = states[max(0, f.states[i].SelectedIndex())]
		e.Note = f.notes[i].Text
		e.ExpiresOn, _ = f.expiries[i].get()
		lines[i] = e
	}
	return lines
}

// assessment is the commune's assessment as typed.
func (f *dossierForm) assessment() data.Assessment {
	on, _ := f.assessedOn.get()
	return data.Assessment{Materials: f.materials.Text, Labour: f.labour.Text, Idea: f.idea.Text, Identity: f.ide.Text,
		ChairMeeting: f.meeting.Checked, AssessedBy: f.assessedBy.Text, AssessedOn: on}
}

func (f *dossierForm) snapshot() string {
	var b strings.Builder
	for _, s := range []string{f.kind.Selected, f.received.entry.Text, f.receivedBy.Text, f.samples.Text, f.code.Text, f.note.Text,
		fmt.Sprint(f.paper.Checked, f.electronic.Checked, f.meeting.Checked), f.materials.Text, f.labour.Text, f.idea.Text, f.ide.Text,
		f.assessedBy.Text, f.assessedOn.entry.Text} {
		b.WriteString(s + "\x00")
	}
	for i := range f.states {
		b.WriteString(f.states[i].Selected + "\x00" + f.notes[i].Text + "\x00" + f.expiries[i].entry.Text + "\x00")
	}
	return b.String()
}

// edited is the dossier with the receipt details typed, or the first problem.
func (f *dossierForm) edited() (data.Dossier, error) {
	d := f.d
	d.Kind = data.DossierKinds[max(0, f.kind.SelectedIndex())]
	day, err := f.received.get()
	if err != nil || day.IsZero() {
		return d, fmt.Errorf("%s", lang.L("Ngày tiếp nhận: nhập ngày/tháng/năm, ví dụ 12/05/2026"))
	}
	d.Received = day
	n, err := strconv.Atoi(strings.TrimSpace(f.samples.Text))
	if err != nil {
		return d, fmt.Errorf("%s", lang.L("Số sản phẩm mẫu: nhập một số, ví dụ 5"))
	}
	d.Samples, d.ReceivedBy, d.ProductCode, d.Note = n, f.receivedBy.Text, f.code.Text, f.note.Text
	d.PaperSet, d.ElectronicSet = f.paper.Checked, f.electronic.Checked
	return d, nil
}

// save stores what the form shows: the receipt details, the checklist and
// the assessment as a draft.
func (f *dossierForm) save() {
	u := f.u
	d, err := f.edited()
	if err != nil {
		u.showError(err)
		return
	}
	lines, a := f.evidenceLines(), f.assessment()
	background(u, func(ctx context.Context) (struct{}, error) {
		if err := u.store.UpdateDossier(ctx, d); err != nil {
			return struct{}{}, err
		}
		if err := u.store.SetEvidence(ctx, d.ID, lines); err != nil {
			return struct{}{}, err
		}
		if d.Status != data.DossierSent {
			if err := u.store.SaveAssessment(ctx, d.ID, a); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	}, func(struct{}) {
		f.f.close()
		u.say(lang.L("Đã lưu hồ sơ {{.No}}", map[string]any{"No": orDash(d.Receipt.String())}))
		u.dataChanged()
	})
}

// stepNames are the buttons of the path's steps.
var stepNames = map[data.DossierStatus]string{
	data.DossierNeedsMore:    "Yêu cầu bổ sung…",
	data.DossierSupplemented: "Đã nhận bổ sung",
	data.DossierAssessed:     "Hoàn thành đánh giá cấp xã",
	data.DossierSent:         "Gửi tỉnh…",
	data.DossierPassed:       "Ghi kết quả Đạt…",
	data.DossierFailed:       "Không đạt…",
	data.DossierWithdrawn:    "Rút hồ sơ…",
}

// stepButton takes the dossier to status to; main is the obvious next step.
func (f *dossierForm) stepButton(to data.DossierStatus, main bool) *widget.Button {
	b := widget.NewButton(lang.L(stepNames[to]), func() { f.step(to) })
	switch {
	case to == data.DossierWithdrawn:
		b.Importance = widget.DangerImportance
	case main:
		b.Importance = widget.HighImportance
	}
	return b
}

// step asks for what the step needs, then takes it; the data layer refuses
// a step out of order, saying what must come first.
func (f *dossierForm) step(to data.DossierStatus) {
	u, id, today := f.u, f.d.ID, data.DateOf(f.u.now())
	run := func(change func(ctx context.Context) error) {
		background(u, func(ctx context.Context) (struct{}, error) { return struct{}{}, change(ctx) }, func(struct{}) {
			f.f.close()
			u.say(lang.L("Hồ sơ {{.No}}: {{.Status}}", map[string]any{"No": orDash(f.d.Receipt.String()), "Status": lang.L(to.Label())}))
			u.dataChanged()
			u.openDossier(id)
		})
	}
	dayField := func(day time.Time) *dateField {
		d := newDateField(u)
		d.set(day)
		return d
	}
	switch to {
	case data.DossierSupplemented:
		run(func(ctx context.Context) error { return u.store.CompleteSupplement(ctx, id, today, "") })
	case data.DossierAssessed:
		a := f.assessment()
		if a.AssessedOn.IsZero() {
			a.AssessedOn = today
		}
		if a.AssessedBy == "" {
			a.AssessedBy = u.settings.StaffName
		}
		run(func(ctx context.Context) error { return u.store.CompleteAssessment(ctx, id, a) })
	case data.DossierNeedsMore:
		what := newTextEntry(u)
		what.MultiLine = true
		what.SetPlaceHolder(lang.L("giấy tờ hoặc nội dung cần bổ sung"))
		due := dayField(today.AddDate(0, 0, 10))
		f.ask(lang.L("Yêu cầu bổ sung hồ sơ"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Cần bổ sung"), what), widget.NewFormItem(lang.L("Hạn bổ sung"), due.view),
		}, func() error {
			day, err := due.get()
			if err != nil || day.IsZero() {
				return fmt.Errorf("%s", lang.L("Hạn bổ sung: nhập ngày/tháng/năm"))
			}
			run(func(ctx context.Context) error { return u.store.RequestSupplement(ctx, id, what.Text, today, day) })
			return nil
		})
	case data.DossierSent:
		no := newTextEntry(u)
		no.SetPlaceHolder(lang.L("ví dụ: 125/UBND-KT"))
		on := dayField(today)
		f.ask(lang.L("Gửi tỉnh đề nghị đánh giá"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Số công văn"), no), widget.NewFormItem(lang.L("Ngày công văn"), on.view),
		}, func() error {
			day, err := on.get()
			if err != nil || day.IsZero() {
				return fmt.Errorf("%s", lang.L("Ngày công văn: nhập ngày/tháng/năm"))
			}
			run(func(ctx context.Context) error { return u.store.SendToProvince(ctx, id, no.Text, day) })
			return nil
		})
	case data.DossierPassed, data.DossierFailed:
		score := newTextEntry(u)
		score.SetPlaceHolder(lang.L("ví dụ: 72,5"))
		stars := newSelect([]string{starsText(3), starsText(4), starsText(5)}, nil)
		no := newTextEntry(u)
		no.SetPlaceHolder(lang.L("ví dụ: 2865/QĐ-UBND"))
		on := dayField(today)
		reason := newTextEntry(u)
		items := []*widget.FormItem{widget.NewFormItem(lang.L("Điểm (trung bình của hội đồng)"), score)}
		// The council's sheets kept with the dossier give the score and its band.
		if c := f.sheets.Council; c != nil {
			score.SetText(c.Average.VI())
			if c.Stars >= 3 {
				stars.SetSelectedIndex(c.Stars - 3)
			}
			from := widget.NewLabel(lang.L("theo {{.N}} phiếu hội đồng (thẻ «Phiếu đánh giá»)", map[string]any{"N": len(c.Members)}))
			from.Importance = widget.LowImportance
			items = append(items, widget.NewFormItem("", from))
		}
		title := lang.L("Kết quả: không đạt")
		if to == data.DossierPassed {
			title = lang.L("Kết quả: đạt, được công nhận")
			items = append(items, widget.NewFormItem(lang.L("Hạng sao"), stars), widget.NewFormItem(lang.L("Số quyết định"), no),
				widget.NewFormItem(lang.L("Ngày quyết định"), on.view))
		} else {
			items = append(items, widget.NewFormItem(lang.L("Lý do"), reason), widget.NewFormItem(lang.L("Ngày có kết quả"), on.view))
		}
		f.ask(title, items, func() error {
			var r data.DossierResult
			if s := strings.TrimSpace(score.Text); s != "" {
				sc, err := data.ParseScore(s)
				if err != nil {
					return fmt.Errorf("%s: %w", lang.L("Điểm"), err)
				}
				r.Score, r.HasScore = sc, true
			}
			day, err := on.get()
			if err != nil || day.IsZero() {
				return fmt.Errorf("%s", lang.L("Ngày: nhập ngày/tháng/năm"))
			}
			r.DecisionDate, r.DecisionNo, r.Reason = day, no.Text, reason.Text
			if to == data.DossierPassed {
				if stars.SelectedIndex() < 0 {
					return fmt.Errorf("%s", lang.L("Hạng sao: chưa chọn"))
				}
				r.Stars = stars.SelectedIndex() + 3
				run(func(ctx context.Context) error { return u.store.RecordPassed(ctx, id, r) })
			} else {
				run(func(ctx context.Context) error { return u.store.RecordFailed(ctx, id, r) })
			}
			return nil
		})
	case data.DossierWithdrawn:
		why := newTextEntry(u)
		why.SetPlaceHolder(lang.L("ví dụ: chủ thể xin rút để hoàn thiện nhãn"))
		f.ask(lang.L("Rút hồ sơ"), []*widget.FormItem{widget.NewFormItem(lang.L("Lý do"), why)}, func() error {
			run(func(ctx context.Context) error { return u.store.WithdrawDossier(ctx, id, today, why.Text) })
			return nil
		})
	}
}

// ask shows a small form for a step; ok returns the first problem typed,
// which is shown with the form left open to correct it.
func (f *dossierForm) ask(title string, items []*widget.FormItem, ok func() error) {
	u := f.u
	var d *dialog.FormDialog
	d = dialog.NewForm(title, lang.L("Đồng ý"), lang.L("Hủy"), items, func(yes bool) {
		if !yes {
			return
		}
		if err := ok(); err != nil {
			u.showError(err)
			d.Show()
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	u.lastStep = d
	d.Show()
}

// newDossierForm's intake: a dossier just received, for a product on record
// (productID) or a new one.
type intakeForm struct {
	u          *ui
	f          *formDialog
	products   []data.ProductRow
	folded     []string // the products' names and producers folded, for the search
	producers  []data.ProducerRow
	rules      data.Rules
	picked     int64 // product chosen, 0 for a new product
	search     *textEntry
	matches    *widget.List
	shown      []data.ProductRow
	chosen     *widget.Label
	isNew      *widget.Check
	newName    *textEntry
	newOwner   *choiceEntry
	kind       *widget.Select
	received   *dateField
	receivedBy *textEntry
	round      *widget.Label
	fProduct   *field
}

// openNewDossier receives a dossier: for product productID (0: choose or
// create one) of kind.
func (u *ui) openNewDossier(productID int64, kind data.DossierKind) {
	type loaded struct {
		products  []data.ProductRow
		folded    []string
		producers []data.ProducerRow
		rules     data.Rules
	}
	background(u, func(ctx context.Context) (loaded, error) {
		var l loaded
		var err error
		if l.products, err = u.store.Products(ctx, data.ProductQuery{AsOf: u.now()}); err != nil {
			return l, err
		}
		// Folded once here, off the UI thread, not at every key of the search.
		l.folded = make([]string, len(l.products))
		for i, r := range l.products {
			l.folded[i] = viet.Fold(r.Name + " " + r.Producer)
		}
		if l.producers, err = u.store.Producers(ctx); err != nil {
			return l, err
		}
		l.rules, err = u.store.Rules(ctx)
		return l, err
	}, func(l loaded) {
		f := &intakeForm{u: u, products: l.products, folded: l.folded, producers: l.producers, rules: l.rules, picked: productID}
		f.build(kind)
		u.lastForm = f
		f.f.show()
		u.win.Canvas().Focus(f.search)
	})
}

func (f *intakeForm) build(kind data.DossierKind) {
	u := f.u
	f.search = newTextEntry(u)
	f.search.SetPlaceHolder(lang.L("gõ tên sản phẩm hoặc chủ thể, không cần dấu"))
	f.matches = widget.NewList(func() int { return len(f.shown) }, truncatedLabel, func(i widget.ListItemID, o fyne.CanvasObject) {
		r := f.shown[i]
		line := r.Name + " — " + r.Producer
		if r.Certified {
			line += " · " + starsText(r.Stars)
		}
		o.(*widget.Label).SetText(line)
	})
	f.matches.OnSelected = func(i widget.ListItemID) { f.pick(f.shown[i].ID) }
	f.search.OnChanged = func(q string) { f.filter(q) }
	f.chosen = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.chosen.Wrapping = fyne.TextWrapWord
	f.isNew = widget.NewCheck(lang.L("Sản phẩm mới, chưa có trong danh sách (hồ sơ lần đầu)"), nil)
	f.newName = newTextEntry(u)
	f.newName.SetPlaceHolder(lang.L("tên sản phẩm"))
	f.newOwner = newChoiceEntry(u)
	names := make([]string, len(f.producers))
	for i, p := range f.producers {
		names[i] = p.Name
	}
	f.newOwner.SetOptions(names)
	f.newOwner.SetPlaceHolder(lang.L("chủ thể (đã có trong danh sách)"))
	newBox := container.NewGridWithColumns(2, f.newName, f.newOwner)
	newBox.Hide()
	pickBox := container.NewBorder(f.search, nil, nil, nil, f.matches)
	f.isNew.OnChanged = func(on bool) {
		if on {
			newBox.Show()
			pickBox.Hide()
			f.kind.SetSelectedIndex(0)
		} else {
			newBox.Hide()
			pickBox.Show()
		}
	}
	f.kind = newSelect(kindNames(), nil)
	f.kind.SetSelectedIndex(kindIndex(kind))
	f.received = newDateField(u)
	f.received.set(u.now())
	f.receivedBy = newTextEntry(u)
	f.receivedBy.SetText(u.settings.StaffName)
	f.round = widget.NewLabel("")
	f.received.onChange = f.showRound
	f.showRound()
	list := container.NewStack(pickBox, newBox)
	height := canvas.NewRectangle(color.Transparent) // room for a few matches
	height.SetMinSize(fyne.NewSize(0, 190))
	f.fProduct = newField(lang.L("Sản phẩm *"), container.NewVBox(f.chosen, container.NewStack(height, list), f.isNew), "")
	grid := formGrid(f.fProduct,
		newField(lang.L("Lần đăng ký"), f.kind, lang.L("Nâng hạng và đánh giá lại chỉ cho sản phẩm đã được công nhận")),
		newField(lang.L("Ngày tiếp nhận"), f.received.view, ""),
		newField(lang.L("Người tiếp nhận"), f.receivedBy, ""),
		newField(lang.L("Đợt đánh giá của tỉnh"), f.round, ""))
	if f.picked != 0 {
		f.pick(f.picked)
	}
	intro := widget.NewLabel(lang.L("Chủ thể nộp hồ sơ (Mẫu 01, Mẫu 02) tại UBND xã. Chương trình cấp số phiếu tiếp nhận, tính 15 ngày làm việc để xã đánh giá và đợt đánh giá của tỉnh."))
	intro.Wrapping = fyne.TextWrapWord
	f.f = u.newFormDialog(lang.L("Tiếp nhận hồ sơ OCOP"), container.NewBorder(intro, nil, nil, nil, container.NewVScroll(grid)),
		fyne.NewSize(820, 600), f.save, func() bool { return f.picked != 0 || f.newName.Text != "" })
	f.f.saveBtn.SetText(lang.L("Tiếp nhận (Ctrl+S)"))
}

// filter lists the products matching q (at most 50).
func (f *intakeForm) filter(q string) {
	f.shown = f.shown[:0]
	if fq := viet.Fold(q); fq != "" {
		for i, r := range f.products {
			if viet.MatchesAll(f.folded[i], fq) {
				f.shown = append(f.shown, r)
				if len(f.shown) == 50 {
					break
				}
			}
		}
	}
	f.matches.UnselectAll()
	f.matches.Refresh()
}

// pick chooses product id and says which it is.
func (f *intakeForm) pick(id int64) {
	f.picked = id
	for _, r := range f.products {
		if r.ID == id {
			text := r.Name + " — " + r.Producer
			if r.Certified {
				text += " · " + starsText(r.Stars) + " · " + lang.L("hết hạn {{.Day}}", map[string]any{"Day": data.VNDate(r.ValidUntil)})
			} else {
				text += " · " + lang.L("chưa công nhận")
			}
			f.chosen.SetText(text)
			f.fProduct.setError("")
		}
	}
}

// showRound says which province round a dossier received that day goes to.
func (f *intakeForm) showRound() {
	day, err := f.received.get()
	if err != nil || day.IsZero() {
		f.round.SetText("")
		return
	}
	r := f.rules.RoundFor(day)
	f.round.SetText(roundText(r) + lang.L(" (xã đề nghị trước {{.Day}})", map[string]any{"Day": data.VNDate(r.CutOff)}))
}

// save receives the dossier, then opens it.
func (f *intakeForm) save() {
	u := f.u
	kind := data.DossierKinds[max(0, f.kind.SelectedIndex())]
	day, err := f.received.get()
	if err != nil || day.IsZero() {
		u.showError(fmt.Errorf("%s", lang.L("Ngày tiếp nhận: nhập ngày/tháng/năm, ví dụ 12/05/2026")))
		return
	}
	var newProduct *data.Product
	productID := f.picked
	if f.isNew.Checked {
		productID = 0
		owner := int64(0)
		for _, p := range f.producers {
			if p.Name == viet.Clean(f.newOwner.Text) {
				owner = p.ID
			}
		}
		switch {
		case strings.TrimSpace(f.newName.Text) == "":
			f.fProduct.setError(lang.L("Nhập tên sản phẩm mới"))
			return
		case owner == 0:
			f.fProduct.setError(lang.L("Chọn chủ thể trong danh sách (thêm chủ thể mới ở màn hình Chủ thể)"))
			return
		}
		newProduct = &data.Product{Name: f.newName.Text, ProducerID: owner}
	} else if productID == 0 {
		f.fProduct.setError(lang.L("Chọn sản phẩm: gõ tên rồi bấm vào dòng đúng"))
		return
	}
	by := f.receivedBy.Text
	background(u, func(ctx context.Context) (int64, error) {
		d, err := u.store.NewDossier(ctx, productID, kind, day)
		if err != nil {
			return 0, err
		}
		d.ReceivedBy = by
		if newProduct != nil {
			d.Samples = 5
		}
		err = u.store.ReceiveDossier(ctx, &d, newProduct)
		return d.ID, err
	}, func(id int64) {
		f.f.close()
		u.say(lang.L("Đã tiếp nhận hồ sơ"))
		u.dataChanged()
		u.openDossier(id)
	})
}

// showAttachments lists the electronic set of a dossier (its files, and
// those of each paper of the checklist), adds a file chosen from the disk
// and removes one (to the trash, with undo).
func (u *ui) showAttachments(id int64, papers []data.Evidence) {
	var files []data.Attachment
	var f *formDialog
	list := widget.NewList(func() int { return len(files) }, truncatedLabel, func(i widget.ListItemID, o fyne.CanvasObject) {
		a := files[i]
		where := lang.L("cả hồ sơ")
		if a.ItemName != "" {
			where = a.ItemName
		}
		o.(*widget.Label).SetText(a.Name + " · " + data.SizeLabel(a.Size) + " · " + where + " · " + a.AddedAt.Local().Format("02/01/2006"))
	})
	picked := -1
	open := widget.NewButtonWithIcon(lang.L("Mở tệp"), theme.FileIcon(), func() {
		if picked >= 0 && picked < len(files) {
			if err := u.app.OpenURL(fileURL(files[picked].Path)); err != nil {
				u.showError(err)
			}
		}
	})
	remove := widget.NewButtonWithIcon(lang.L("Bỏ tệp"), theme.DeleteIcon(), nil)
	open.Disable()
	remove.Disable()
	list.OnSelected = func(i widget.ListItemID) { picked = i; open.Enable(); remove.Enable(); u.keepEsc() }
	reload := func() {
		background(u, func(ctx context.Context) ([]data.Attachment, error) { return u.store.Attachments(ctx, id) }, func(a []data.Attachment) {
			files, picked = a, -1
			list.UnselectAll()
			list.Refresh()
			open.Disable()
			remove.Disable()
		})
	}
	items := []string{lang.L("Cả hồ sơ")}
	for _, p := range papers {
		items = append(items, p.Item.Name)
	}
	item := newSelect(items, nil)
	item.SetSelectedIndex(0)
	add := widget.NewButtonWithIcon(lang.L("Thêm tệp…"), theme.ContentAddIcon(), func() {
		code := ""
		if i := item.SelectedIndex(); i > 0 {
			code = papers[i-1].Item.Code
		}
		u.chooseFile([]string{".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx"}, func(path string) {
			background(u, func(ctx context.Context) (data.Attachment, error) { return u.store.AttachFile(ctx, id, code, path) },
				func(a data.Attachment) {
					u.say(lang.L("Đã đính kèm {{.Name}}", map[string]any{"Name": a.Name}))
					reload()
				})
		})
	})
	add.Importance = widget.HighImportance
	remove.OnTapped = func() {
		if picked < 0 || picked >= len(files) {
			return
		}
		a := files[picked]
		u.confirmRemove(lang.L("tệp «{{.Name}}» khỏi hồ sơ (tệp vẫn được giữ lại)", map[string]any{"Name": a.Name}),
			tr("Đã bỏ tệp «{{.Name}}»", map[string]any{"Name": a.Name}),
			func(ctx context.Context) error {
				err := u.store.RemoveAttachment(ctx, a.ID)
				doUI(reload)
				return err
			},
			func(ctx context.Context) error { return u.store.RestoreAttachment(ctx, a.ID) })
	}
	u.editOnly(add, remove)
	intro := widget.NewLabel(lang.L("Bộ hồ sơ điện tử: các tệp PDF, ảnh, Word, Excel chủ thể nộp. Tệp được chép vào thư mục «hoso» cạnh tệp dữ liệu, có mã kiểm tra, và được sao lưu cùng dữ liệu."))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Thuộc giấy tờ:")), add, item))
	f = u.newFormDialog(lang.L("Tệp đính kèm của hồ sơ"), container.NewBorder(top, container.NewHBox(open, remove), nil, nil, list),
		fyne.NewSize(820, 520), nil, nil)
	u.lastForm = f
	f.show()
	reload()
}
