package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// sheetsTab is the dossier form's "Phiếu đánh giá" tab: the sheets kept
// with the dossier (the producer's self-assessment, the office's check,
// each council member's), what each comes to, and the council's average
// that decides the stars (Điều 3.3), with where its members disagree.
type sheetsTab struct {
	f       *dossierForm // its sheets: what the tab shows
	lines   *fyne.Container
	council *widget.Label
	compare *widget.Button
	content fyne.CanvasObject
}

func newSheetsTab(f *dossierForm) *sheetsTab {
	t := &sheetsTab{f: f, lines: container.NewVBox()}
	t.council = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	t.compare = widget.NewButtonWithIcon(lang.L("So sánh phiếu hội đồng…"), theme.ViewRestoreIcon(), t.showCouncil)
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Chấm theo bộ tiêu chí của sản phẩm: chủ thể tự đánh giá (Mẫu 02, Phần III), cán bộ xã chấm thử trước khi gửi tỉnh, và phiếu của từng thành viên hội đồng; hạng sao theo điểm trung bình của hội đồng (Điều 3.3).")}
	buttons := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Chủ thể tự đánh giá…"), theme.ListIcon(), func() { t.openRole(data.RoleProducer) }),
		widget.NewButtonWithIcon(lang.L("Cán bộ xã chấm thử…"), theme.ListIcon(), func() { t.openRole(data.RoleOffice) }),
		widget.NewButtonWithIcon(lang.L("Thêm phiếu thành viên hội đồng…"), theme.ContentAddIcon(), func() { t.open(data.StoredSheet{Role: data.RoleCouncil}) }),
		widget.NewButtonWithIcon(lang.L("Nhập tệp phiếu…"), theme.FolderOpenIcon(), t.importFiles))
	if f.d.Status.Closed() || f.u.store.ReadOnly() {
		buttons.Hide()
	}
	top := container.NewVBox(intro, buttons, widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, t.compare, t.council))
	t.content = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(t.lines))
	t.show(f.sheets)
	return t
}

// show lists score's sheets and the council's line.
func (t *sheetsTab) show(score data.DossierScore) {
	t.f.sheets = score
	t.lines.RemoveAll()
	if len(score.Sheets) == 0 {
		t.lines.Add(widget.NewLabel(lang.L("Chưa có phiếu đánh giá nào.")))
	}
	editable := !t.f.d.Status.Closed() && !t.f.u.store.ReadOnly()
	for i, st := range score.Sheets {
		res := score.Results[i]
		name := &widget.Label{Text: lang.L(st.Role.Label()), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
		if st.Sheet.Member != "" {
			name.Text += " " + st.Sheet.Member
		}
		line := lang.L("{{.Summary}} · chấm ngày {{.Day}}", map[string]any{"Summary": res.Summary(), "Day": data.VNDate(st.FilledOn)})
		if res.Unanswered > 0 {
			line += " · " + lang.L("còn {{.N}} tiêu chí chưa chấm", map[string]any{"N": res.Unanswered})
		}
		result := &widget.Label{Text: line, Wrapping: fyne.TextWrapWord}
		if res.Rejected {
			result.Importance = widget.DangerImportance
		} else if res.Stars < res.BandStars {
			result.Importance = widget.WarningImportance
		}
		st := st
		open := widget.NewButtonWithIcon(lang.L("Mở"), theme.DocumentIcon(), func() { t.open(st) })
		remove := widget.NewButtonWithIcon(lang.L("Bỏ"), theme.DeleteIcon(), func() { t.remove(st) })
		if !editable {
			remove.Hide()
		}
		t.lines.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, remove), container.NewVBox(name, result)))
		t.lines.Add(widget.NewSeparator())
	}
	t.council.SetText(councilLine(score))
	if score.Council != nil && len(score.Members) > 1 {
		t.compare.Enable()
	} else {
		t.compare.Disable()
	}
}

// councilLine says what the council's sheets come to.
func councilLine(score data.DossierScore) string {
	c := score.Council
	if c == nil {
		return lang.L("Hội đồng: chưa có phiếu của thành viên nào.")
	}
	line := lang.L("Hội đồng: {{.N}} phiếu, điểm trung bình {{.Avg}}: {{.Stars}} theo khung điểm (Điều 3.3).",
		map[string]any{"N": len(c.Members), "Avg": c.Average.VI(), "Stars": starsText(c.Stars)})
	if c.Rejected > 0 {
		line += " " + lang.L("{{.N}} thành viên đánh dấu hồ sơ bị loại.", map[string]any{"N": c.Rejected})
	}
	if len(c.Disagreements) > 0 {
		d := c.Disagreements[0]
		line += " " + lang.L("Chấm khác nhau nhiều nhất: tiêu chí {{.No}} {{.Name}} ({{.Low}}–{{.High}} điểm).",
			map[string]any{"No": d.Criterion.No, "Name": d.Criterion.Name, "Low": d.Low.VI(), "High": d.High.VI()})
	}
	if len(score.Mixed) > 0 {
		line += " " + lang.L("{{.N}} phiếu theo bộ tiêu chí khác không được tính.", map[string]any{"N": len(score.Mixed)})
	}
	return line
}

// reload reads the dossier's sheets again and shows them.
func (t *sheetsTab) reload() {
	u, id := t.f.u, t.f.d.ID
	today := u.now()
	background(u, func(ctx context.Context) (data.DossierScore, error) {
		return u.store.ScoreDossier(ctx, id, today)
	}, t.show)
}

func (t *sheetsTab) who() xlsx.PartIII {
	return xlsx.PartIII{Product: t.f.product.Name, Producer: t.f.producer.Name, Representative: t.f.producer.Representative}
}

// openRole opens the dossier's sheet of role, or a new one.
func (t *sheetsTab) openRole(role data.SheetRole) {
	for _, st := range t.f.sheets.Sheets {
		if st.Role == role {
			t.open(st)
			return
		}
	}
	t.open(data.StoredSheet{Role: role})
}

func (t *sheetsTab) open(st data.StoredSheet) {
	if t.f.d.Status.Closed() && st.ID == 0 {
		return
	}
	t.f.u.openDossierSheet(t.f.d, t.f.product.SetCode, t.who(), st, t.reload)
}

// remove takes a sheet out of the dossier, asking first; Ctrl+Z brings it back.
func (t *sheetsTab) remove(st data.StoredSheet) {
	u := t.f.u
	title := st.Title()
	u.confirmRemove(lang.L("phiếu đánh giá «{{.Title}}» khỏi hồ sơ", map[string]any{"Title": title}),
		tr("Đã bỏ phiếu đánh giá «{{.Title}}»", map[string]any{"Title": title}),
		func(ctx context.Context) error {
			err := u.store.RemoveSheet(ctx, st.ID)
			doUI(t.reload)
			return err
		},
		func(ctx context.Context) error { return u.store.RestoreSheet(ctx, st.ID) })
}

// importFiles keeps council members' sheet files (saved with "Lưu ra tệp…"
// on their own computers) with the dossier: all of them, or none.
func (t *sheetsTab) importFiles() {
	u, d := t.f.u, t.f.d
	setCode := t.f.product.SetCode
	u.chooseFile([]string{".csv"}, func(path string) {
		background(u, func(ctx context.Context) (data.StoredSheet, error) {
			st := data.StoredSheet{DossierID: d.ID, Role: data.RoleCouncil, FilledOn: data.DateOf(u.now())}
			set, err := data.SheetSetFor(setCode, d)
			if err != nil {
				return st, err
			}
			if st.Sheet, err = data.ReadSheetFile(path, set.EffectiveFrom); err != nil {
				return st, err
			}
			if st.Sheet.Set != set {
				return st, fmt.Errorf("%s", lang.L("Phiếu này theo bộ tiêu chí {{.Code}}, khác bộ {{.Here}} của sản phẩm.", map[string]any{"Code": st.Sheet.Set.Code, "Here": set.Code}))
			}
			if strings.TrimSpace(st.Sheet.Member) == "" {
				return st, fmt.Errorf("%s", lang.L("Tệp {{.File}} không ghi tên thành viên hội đồng: mở bằng «Thêm phiếu thành viên hội đồng…», ghi tên rồi lưu.", map[string]any{"File": path}))
			}
			return st, u.store.SaveSheet(ctx, &st)
		}, func(st data.StoredSheet) {
			u.say(lang.L("Đã lưu phiếu đánh giá «{{.Title}}»: {{.Total}} điểm.", map[string]any{"Title": st.Title(), "Total": st.Total.VI()}))
			t.reload()
		})
	})
}

// showCouncil compares the council members' sheets: each member's total
// and stars, then the criteria they scored differently, widest first.
func (t *sheetsTab) showCouncil() {
	c, members := t.f.sheets.Council, t.f.sheets.Members
	if c == nil {
		return
	}
	u := t.f.u
	rows := container.NewVBox()
	// row is one line of the comparison: the criterion in a wide first
	// column, then a column per member and the gap.
	row := func(first fyne.CanvasObject, cells ...fyne.CanvasObject) {
		rows.Add(container.NewBorder(nil, nil, wide(first, 330), nil, container.NewGridWithColumns(len(cells), cells...)))
	}
	bold := func(s string) *widget.Label {
		return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	}
	var cells []fyne.CanvasObject
	for _, m := range members {
		cells = append(cells, bold(m.Sheet.Member))
	}
	row(bold(lang.L("Tiêu chí")), append(cells, bold(lang.L("Chênh lệch")))...)
	cells = nil
	for i := range members {
		r := c.Members[i]
		l := bold(lang.L("{{.Total}} ({{.Stars}})", map[string]any{"Total": r.Total.VI(), "Stars": starsText(r.Stars)}))
		if r.Rejected {
			l.Text = lang.L("{{.Total}} (loại)", map[string]any{"Total": r.Total.VI()})
			l.Importance = widget.DangerImportance
		}
		cells = append(cells, l)
	}
	row(bold(lang.L("Tổng điểm (trung bình {{.Avg}})", map[string]any{"Avg": c.Average.VI()})), append(cells, widget.NewLabel(""))...)
	rows.Add(widget.NewSeparator())
	for _, d := range c.Disagreements {
		cells = nil
		for _, p := range d.Points {
			l := widget.NewLabel(p.VI())
			if p == d.Low {
				l.Importance = widget.WarningImportance
			}
			cells = append(cells, l)
		}
		row(&widget.Label{Text: d.Criterion.No + " " + d.Criterion.Name, Truncation: fyne.TextTruncateEllipsis},
			append(cells, widget.NewLabel((d.High-d.Low).VI()))...)
	}
	head := &widget.Label{Text: councilLine(t.f.sheets), Wrapping: fyne.TextWrapWord}
	note := &widget.Label{Text: lang.L("Các tiêu chí các thành viên chấm khác nhau, chênh lệch lớn nhất trước; điểm thấp nhất được tô màu."), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	if len(c.Disagreements) == 0 {
		note.Text = lang.L("Các thành viên chấm giống nhau ở mọi tiêu chí.")
	}
	f := u.newFormDialog(lang.L("So sánh phiếu của hội đồng"), container.NewBorder(container.NewVBox(head, note), nil, nil, nil, container.NewVScroll(rows)),
		fyne.NewSize(960, 600), nil, nil)
	u.lastForm = f
	f.show()
}
