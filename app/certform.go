package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// certFields are the inputs of one recognition decision (quyết định công
// nhận). The new-product form embeds them; a re-evaluation or a correction
// opens them in their own form.
type certFields struct {
	u     *ui
	rules data.Rules

	no, score, note            *textEntry
	date, until                *dateField
	level, stars               *widget.Select
	fNo, fDate, fScore, fStars *field
	fUntil, fLevel, fNote      *field
	view                       fyne.CanvasObject
	optional                   bool // all empty means "not recognised yet"
	untilAuto                  bool // valid-until follows the decision date
	settingUntil               bool
	starsAuto                  bool // stars follow the score's band until picked by hand
	settingStars               bool
	initial                    string
}

func newCertFields(u *ui, rules data.Rules, optional bool) *certFields {
	c := &certFields{u: u, rules: rules, optional: optional, untilAuto: true, starsAuto: true}
	c.no = newTextEntry(u)
	c.no.SetPlaceHolder(lang.L("ví dụ: 2412/QĐ-UBND"))
	c.date = newDateField(u)
	c.until = newDateField(u)
	c.score = newTextEntry(u)
	c.score.SetPlaceHolder(lang.L("ví dụ: 66,36"))
	c.note = newTextEntry(u)
	var levels []string
	for _, l := range data.IssuingLevels {
		levels = append(levels, lang.L(l.Name))
	}
	c.level = newSelect(levels, nil)
	c.level.SetSelectedIndex(2) // cấp tỉnh
	var stars []string
	for i := 1; i <= 5; i++ {
		stars = append(stars, starsText(i))
	}
	c.stars = newSelect(stars, nil)
	c.stars.PlaceHolder = lang.L("(chọn)")

	c.fNo = newField(lang.L("Số quyết định"), c.no, "")
	c.fDate = newField(lang.L("Ngày quyết định *"), c.date.view, lang.L("ngày/tháng/năm, hoặc bấm lịch"))
	c.fLevel = newField(lang.L("Cấp công nhận"), c.level, "")
	c.fScore = newField(lang.L("Điểm"), c.score, lang.L("từ 0 đến 100, tối đa hai chữ số thập phân"))
	c.fStars = newField(lang.L("Hạng sao *"), c.stars, "")
	c.fUntil = newField(lang.L("Hiệu lực đến"), c.until.view, "")
	c.fNote = newField(lang.L("Ghi chú"), c.note, "")

	c.date.onChange = func() {
		c.checkDate()
		if t, err := c.date.get(); err == nil && !t.IsZero() && c.untilAuto {
			c.settingUntil = true
			c.until.set(c.rules.ValidUntil(t))
			c.settingUntil = false
		}
		c.followBand()
	}
	c.until.onChange = func() {
		if !c.settingUntil {
			c.untilAuto = c.until.entry.Text == ""
		}
		c.checkUntil()
	}
	c.score.OnChanged = func(string) { c.checkScore(); c.followBand() }
	c.stars.OnChanged = func(string) {
		if !c.settingStars {
			c.starsAuto = false
		}
		c.fStars.setError("")
		c.showBand()
	}
	c.view = formGrid(c.fNo, c.fDate, c.fLevel, c.fScore, c.fStars, c.fUntil, c.fNote)
	c.showUntilHelp()
	return c
}

// set fills the inputs from cert.
func (c *certFields) set(cert data.Certification) {
	c.no.SetText(cert.DecisionNo)
	c.settingUntil = true
	c.date.set(cert.DecisionDate)
	c.until.set(cert.ValidUntil)
	c.settingUntil = false
	c.untilAuto = cert.ValidUntil.Equal(c.rules.ValidUntil(cert.DecisionDate))
	for i, l := range data.IssuingLevels {
		if l.Code == cert.IssuingLevel {
			c.level.SetSelectedIndex(i)
		}
	}
	if cert.HasScore {
		c.score.SetText(cert.Score.VI())
	}
	if cert.Stars >= 1 && cert.Stars <= 5 {
		c.stars.SetSelectedIndex(cert.Stars - 1)
	}
	c.starsAuto = false
	c.note.SetText(cert.Note)
	c.initial = c.snapshot()
	c.showBand()
}

func (c *certFields) snapshot() string {
	return strings.Join([]string{c.no.Text, c.date.entry.Text, c.level.Selected, c.score.Text, c.stars.Selected,
		c.until.entry.Text, c.note.Text}, "\x00")
}

func (c *certFields) changed() bool { return c.snapshot() != c.initial }

// empty reports whether nothing was typed (the level keeps its default).
func (c *certFields) empty() bool {
	return strings.TrimSpace(c.no.Text+c.date.entry.Text+c.score.Text+c.until.entry.Text+c.note.Text) == "" &&
		c.stars.SelectedIndex() < 0
}

func (c *certFields) checkDate() bool {
	t, err := c.date.get()
	switch {
	case err != nil:
		c.fDate.setError(lang.L("Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 07/07/2023"))
	case t.IsZero():
		c.fDate.setError(lang.L("Bắt buộc nhập ngày quyết định"))
	case t.After(c.u.now().AddDate(0, 1, 0)):
		c.fDate.setError(lang.L("Ngày quyết định ở tương lai, hãy kiểm tra lại"))
	default:
		c.fDate.setError("")
		return true
	}
	return false
}

func (c *certFields) checkUntil() bool {
	t, err := c.until.get()
	switch {
	case err != nil:
		c.fUntil.setError(lang.L("Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 07/07/2026"))
		return false
	case !t.IsZero():
		if d, err := c.date.get(); err == nil && !d.IsZero() && t.Before(d) {
			c.fUntil.setError(lang.L("Hiệu lực đến trước ngày quyết định"))
			return false
		}
	}
	c.showUntilHelp()
	return true
}

func (c *certFields) showUntilHelp() {
	d, _ := c.date.get()
	if d.IsZero() {
		d = c.u.now()
	}
	c.fUntil.help = lang.L("Để trống thì tự tính: {{.Months}} tháng kể từ ngày quyết định", map[string]any{"Months": c.rules.ValidityMonths(d)})
	c.fUntil.setError("")
}

func (c *certFields) checkScore() bool {
	if strings.TrimSpace(c.score.Text) == "" {
		c.fScore.setError("")
		return true
	}
	if _, err := data.ParseScore(c.score.Text); err != nil {
		c.fScore.setError(lang.L("Điểm không hợp lệ: nhập số từ 0 đến 100, tối đa hai chữ số thập phân (ví dụ 66,36 hoặc 66.36)"))
		return false
	}
	c.fScore.setError("")
	return true
}

// band returns the stars the score earns on the decision date, 0 when
// either is missing or below the lowest band.
func (c *certFields) band() int {
	sc, err := data.ParseScore(c.score.Text)
	d, derr := c.date.get()
	if err != nil || derr != nil {
		return 0
	}
	if d.IsZero() {
		d = c.u.now()
	}
	return c.rules.StarsForScore(sc, d)
}

// followBand selects the stars of the score's band while the user has not
// picked stars by hand, then says which band the score falls in.
func (c *certFields) followBand() {
	if b := c.band(); c.starsAuto && c.stars.SelectedIndex() != b-1 {
		c.settingStars = true
		if b > 0 {
			c.stars.SetSelectedIndex(b - 1)
		} else {
			c.stars.ClearSelected()
		}
		c.settingStars = false
	}
	c.showBand()
}

// showBand says under the stars which band the score falls in.
func (c *certFields) showBand() {
	if c.fStars.errorText() != "" {
		return
	}
	b := c.band()
	switch {
	case b == 0:
		c.fStars.help = ""
	case c.stars.SelectedIndex() >= 0 && c.stars.SelectedIndex()+1 != b:
		c.fStars.help = lang.L("Lưu ý: theo điểm thì đạt {{.Stars}}; hạng ghi theo quyết định công nhận", map[string]any{"Stars": starsText(b)})
	default:
		c.fStars.help = lang.L("Theo điểm: {{.Stars}}", map[string]any{"Stars": starsText(b)})
	}
	c.fStars.setError("")
}

// get validates every input, showing each problem beside its field, and
// returns the decision. ok is false when something must be corrected.
func (c *certFields) get() (cert data.Certification, ok bool) {
	ok = c.checkDate()
	ok = c.checkScore() && ok
	ok = c.checkUntil() && ok
	if c.stars.SelectedIndex() < 0 {
		c.fStars.setError(lang.L("Chọn hạng sao (1 đến 5) ghi trong quyết định"))
		ok = false
	}
	if !ok {
		return cert, false
	}
	cert.DecisionNo = c.no.Text
	cert.DecisionDate, _ = c.date.get()
	cert.ValidUntil, _ = c.until.get()
	cert.IssuingLevel = data.IssuingLevels[max(0, c.level.SelectedIndex())].Code
	if strings.TrimSpace(c.score.Text) != "" {
		cert.Score, _ = data.ParseScore(c.score.Text)
		cert.HasScore = true
	}
	cert.Stars = c.stars.SelectedIndex() + 1
	cert.Note = c.note.Text
	return cert, true
}

// firstError returns the focusable input of the first field showing an error.
func (c *certFields) firstError() fyne.Focusable {
	for _, p := range []struct {
		f *field
		w fyne.Focusable
	}{{c.fDate, c.date.entry}, {c.fScore, c.score}, {c.fStars, nil}, {c.fUntil, c.until.entry}} {
		if p.f.errorText() != "" {
			return p.w
		}
	}
	return nil
}

// confirmStars asks, when the stars differ from the score's band, whether
// to keep them: the decision is what counts. then runs when confirmed.
func (c *certFields) confirmStars(cert data.Certification, then func()) {
	b := c.band()
	if !cert.HasScore || b == 0 || b == cert.Stars {
		then()
		return
	}
	msg := lang.L("Điểm {{.Score}} thuộc hạng {{.Band}} theo thang điểm áp dụng ngày {{.Date}}, nhưng đã chọn {{.Stars}}.\n\nHạng sao ghi theo quyết định công nhận. Vẫn lưu {{.Stars}}?",
		map[string]any{"Score": cert.Score.VI(), "Band": starsText(b), "Date": data.VNDate(cert.DecisionDate), "Stars": starsText(cert.Stars)})
	d := dialog.NewConfirm(lang.L("Hạng sao khác với điểm"), msg, func(yes bool) {
		if yes {
			then()
		}
	}, c.u.win)
	d.SetConfirmText(fmt.Sprintf(lang.L("Lưu %s"), starsText(cert.Stars)))
	d.SetDismissText(lang.L("Sửa lại"))
	c.u.showConfirm(d)
}

// openCertForm adds a re-evaluation to a product (cert.ID == 0) or
// corrects a decision; done runs after saving.
func (u *ui) openCertForm(product string, cert data.Certification, done func()) {
	background(u, u.store.Rules, func(rules data.Rules) {
		c := newCertFields(u, rules, false)
		title := lang.L("Thêm quyết định công nhận (đánh giá lại): {{.Name}}", map[string]any{"Name": product})
		if cert.ID != 0 {
			title = lang.L("Sửa quyết định công nhận: {{.Name}}", map[string]any{"Name": product})
			c.set(cert)
		} else {
			c.initial = c.snapshot()
		}
		var f *formDialog
		save := func() {
			got, ok := c.get()
			if !ok {
				if w := c.firstError(); w != nil {
					u.win.Canvas().Focus(w)
				}
				return
			}
			got.ID, got.ProductID = cert.ID, cert.ProductID
			c.confirmStars(got, func() {
				background(u, func(ctx context.Context) (struct{}, error) {
					if got.ID == 0 {
						return struct{}{}, u.store.AddCertification(ctx, &got)
					}
					return struct{}{}, u.store.UpdateCertification(ctx, got)
				}, func(struct{}) {
					f.close()
					if cert.ID != 0 {
						old := cert
						u.pushUndo(tr("Sửa quyết định {{.No}}", map[string]any{"No": got.DecisionNo}),
							func(ctx context.Context) error { return u.store.UpdateCertification(ctx, old) })
					} else {
						u.say(lang.L("Đã thêm quyết định công nhận cho «{{.Name}}»", map[string]any{"Name": product}))
					}
					done()
				})
			})
		}
		f = u.newFormDialog(title, container.NewVScroll(c.view), fyne.NewSize(660, 600), save, c.changed)
		u.lastForm = c
		f.show()
		u.win.Canvas().Focus(c.no)
	})
}

// certLine is one decision on one line.
func certLine(c data.Certification) string { return certTitle(c) + " · " + certDetail(c) }

// certTitle names a decision as documents cite one: "Quyết định số
// 12/QĐ-UBND ngày 07/07/2023 · Cấp tỉnh" (a "QĐ" before the number
// doubled the one in it).
func certTitle(c data.Certification) string {
	title := lang.L("Quyết định số {{.No}} ngày {{.Date}}", map[string]any{"No": c.DecisionNo, "Date": data.VNDate(c.DecisionDate)})
	if strings.TrimSpace(c.DecisionNo) == "" {
		title = lang.L("Quyết định (chưa ghi số) ngày {{.Date}}", map[string]any{"Date": data.VNDate(c.DecisionDate)})
	}
	for _, l := range data.IssuingLevels {
		if l.Code == c.IssuingLevel {
			title += " · " + lang.L(l.Name)
		}
	}
	return title
}

// certDetail is what a decision gave: "4 sao · 78,5 điểm · hiệu lực đến 07/07/2026".
func certDetail(c data.Certification) string {
	parts := []string{starsText(c.Stars)}
	if c.HasScore {
		parts = append(parts, lang.L("{{.Score}} điểm", map[string]any{"Score": c.Score.VI()}))
	}
	parts = append(parts, lang.L("hiệu lực đến {{.Date}}", map[string]any{"Date": data.VNDate(c.ValidUntil)}))
	return strings.Join(parts, " · ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
