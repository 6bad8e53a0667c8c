package app

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// importForm previews the import of a product list: what each sheet's
// columns were taken to mean (the user can correct it), what each row will
// do, and every problem, before anything is written.
type importForm struct {
	u       *ui
	file    string
	tables  []xlsx.Table
	maps    []xlsx.Mapping
	ref     xlsx.Reference
	f       *formDialog
	update  *widget.Check
	summary *widget.Label
	// The decision of the rows that name none: the one of the list's
	// title, which the user may correct.
	decisionLine *widget.Label
	decisionNo   *textEntry
	decisionDate *dateField
	title        xlsx.Decision
	plan         data.ImportPreview
	sheets       int // the sheets the planned rows come from
	issues       []xlsx.Problem
	rows         *widget.Table
	probs        *widget.List
	gen          int

	// Rows whose address names an old commune split in 2025: the user
	// picks the commune, never the program.
	choices  map[rowKey]int64 // chosen commune by row
	splits   []data.ImportRow // the rows to choose for, as last read
	splitBox *fyne.Container
	splitTab *container.TabItem
	tabs     *container.AppTabs
}

// rowKey names a row of the file.
type rowKey struct {
	sheet string
	row   int
}

// importProducts asks for a product list (.xlsx or .csv) and previews it.
func (u *ui) importProducts() {
	u.chooseFile(xlsx.ImportExtensions, u.previewImportFile)
}

// previewImportFile reads path off the UI thread and opens the preview.
func (u *ui) previewImportFile(path string) {
	type read struct {
		tables []xlsx.Table
		ref    xlsx.Reference
	}
	progress := dialog.NewCustomWithoutButtons(lang.L("Đang đọc tệp…"), widget.NewProgressBarInfinite(), u.win)
	progress.Show()
	goBackground(func() {
		var got read
		tables, err := xlsx.ReadTables(path)
		if err == nil {
			got.tables = tables
			// The whole country's communes and the 2025 conversion table:
			// old addresses find the commune they belong to now.
			got.ref, err = xlsx.ReferenceOf(context.Background(), u.store)
		}
		doUI(func() {
			progress.Hide()
			if err != nil {
				u.showError(err)
				return
			}
			f := &importForm{u: u, file: filepath.Base(path), tables: got.tables, ref: got.ref, choices: map[rowKey]int64{}}
			for _, t := range got.tables {
				if m, ok := xlsx.DetectProductMapping(t); ok {
					f.maps = append(f.maps, m)
				}
			}
			if len(f.maps) == 0 {
				u.showError(fmt.Errorf("%s", lang.L("Tệp {{.File}}: không tìm thấy dòng tiêu đề có cột \"Tên sản phẩm\" ở trang nào.", map[string]any{"File": f.file})))
				return
			}
			f.build()
			u.lastForm = f
			f.f.show()
			f.recompute()
		})
	})
}

func (f *importForm) build() {
	u := f.u
	f.update = widget.NewCheck(lang.L("Sản phẩm đã có (cùng tên sản phẩm và chủ thể): bổ sung quyết định và thông tin còn thiếu"), func(bool) { f.recompute() })
	f.update.SetChecked(true)
	f.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.summary.Wrapping = fyne.TextWrapWord
	f.decisionLine = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.decisionLine.Wrapping = fyne.TextWrapWord
	f.decisionNo = newTextEntry(u)
	f.decisionNo.SetPlaceHolder(lang.L("ví dụ: 2865/QĐ-UBND"))
	f.decisionDate = newDateField(u)
	for _, m := range f.maps {
		if m.Decision.Given() {
			f.title = m.Decision
			f.decisionNo.SetText(m.Decision.No)
			if !m.Decision.Date.IsZero() {
				f.decisionDate.set(m.Decision.Date)
			}
			break
		}
	}
	// Set after the title's values, so that building recomputes nothing.
	f.decisionNo.OnChanged = func(string) { f.decisionChanged() }
	f.decisionDate.onChange = f.decisionChanged
	decision := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Quyết định cho các dòng không ghi quyết định: số")), nil,
		container.NewGridWithColumns(2, f.decisionNo,
			container.NewBorder(nil, nil, widget.NewLabel(lang.L("ngày")), nil, f.decisionDate.view)))

	mapping := mappingEditor(f.maps, xlsx.ProductFields, f.recompute)

	f.rows = widget.NewTableWithHeaders(
		func() (int, int) { return len(f.plan.Rows), 7 },
		truncatedLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := f.plan.Rows[id.Row]
			text := ""
			switch id.Col {
			case 0:
				// The sheet's name only when the rows come from several.
				text = fmt.Sprintf("%d", r.Row)
				if f.sheets > 1 {
					text = fmt.Sprintf("%s:%d", r.Sheet, r.Row)
				}
			case 1:
				text = r.Product
			case 2:
				text = r.Producer
			case 3:
				if r.Cert != nil {
					text = starsText(r.Cert.Stars) + " · " + data.VNDate(r.Cert.DecisionDate)
				}
			case 4:
				text = actionText(r)
			case 5:
				text = r.Address
			case 6:
				text = f.communeText(r.ImportRow)
			}
			o.(*widget.Label).SetText(text)
		})
	f.rows.ShowHeaderColumn = false
	f.rows.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	f.rows.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText([]string{lang.L("Dòng"), lang.L("Sản phẩm"), lang.L("Chủ thể"), lang.L("Quyết định"),
			lang.L("Sẽ làm"), lang.L("Địa chỉ"), lang.L("Xã, phường")}[id.Col])
	}
	for c, w := range []float32{120, 200, 200, 150, 260, 230, 320} {
		f.rows.SetColumnWidth(c, w)
	}
	f.probs = problemList(func() []xlsx.Problem { return f.issues })
	f.splitBox = container.NewVBox()
	f.splitTab = container.NewTabItem(lang.L("Chọn xã"), container.NewVScroll(f.splitBox))
	f.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Các dòng sẽ nhập"), f.rows),
		container.NewTabItem(lang.L("Lỗi"), f.probs),
		container.NewTabItem(lang.L("Cột"), mapping))
	top := container.NewVBox(f.decisionLine, f.summary, decision, f.update)
	f.f = u.newFormDialog(lang.L("Nhập danh sách sản phẩm: {{.File}}", map[string]any{"File": f.file}),
		container.NewBorder(top, nil, nil, nil, f.tabs), fyne.NewSize(1140, 640), f.commit, nil)
	f.f.saveBtn.SetText(lang.L("Nhập (Ctrl+S)"))
}

// actionText says what committing a planned row does.
func actionText(r data.PlannedRow) string {
	var text string
	switch {
	case r.DossierID != 0:
		text = lang.L("Đánh giá lại, đóng hồ sơ số {{.No}}", map[string]any{"No": r.Receipt})
	case r.Reevaluation():
		text = lang.L("Đánh giá lại (thêm chứng nhận)")
	default:
		text = lang.L(r.Action.Label())
	}
	if r.NewProducer {
		text += lang.L(" + chủ thể mới")
	}
	if r.Note != "" {
		text += "; " + r.Note
	}
	return text
}

// decisionChanged gives every sheet the decision typed for the rows that
// name none (none when both fields are empty) and plans the rows again.
// A date still being typed changes nothing yet.
func (f *importForm) decisionChanged() {
	day, err := f.decisionDate.get()
	if err != nil {
		return
	}
	d := xlsx.Decision{No: strings.TrimSpace(f.decisionNo.Text), Date: day, Source: "nhập tay"}
	if d.No == f.title.No && d.Date.Equal(f.title.Date) {
		d = f.title
	}
	for i := range f.maps {
		f.maps[i].Decision = d
	}
	f.recompute()
}

// problemList lists an import's problems, one red line each, as problems
// returns them when the list is refreshed.
func problemList(problems func() []xlsx.Problem) *widget.List {
	return widget.NewList(func() int { return len(problems()) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Importance = widget.DangerImportance
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(problems()[i].String()) })
}

// mappingEditor shows, for each sheet of maps, which column holds each of
// fields, as choices the user can correct; changed is called after each
// correction, which it writes into maps.
func mappingEditor(maps []xlsx.Mapping, fields []struct{ Key, Name string }, changed func()) fyne.CanvasObject {
	var lines []fyne.CanvasObject
	for i := range maps {
		m := &maps[i]
		options := []string{lang.L("(không có)")}
		for c, h := range m.Headings {
			col, _ := columnName(c)
			options = append(options, fmt.Sprintf("%s – %s", col, strings.TrimSpace(h)))
		}
		grid := container.NewGridWithColumns(4)
		for _, fd := range fields {
			key := fd.Key
			sel := newSelect(options, nil)
			if c, ok := m.Columns[key]; ok && c+1 < len(options) {
				sel.SetSelectedIndex(c + 1)
			} else {
				sel.SetSelectedIndex(0)
			}
			sel.OnChanged = func(string) {
				if i := sel.SelectedIndex(); i > 0 {
					m.Columns[key] = i - 1
				} else {
					delete(m.Columns, key)
				}
				changed()
			}
			grid.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L(fd.Name)), nil, sel))
		}
		title := lang.L("Trang «{{.Sheet}}»: dòng tiêu đề {{.Row}}, bảng mã {{.Code}}",
			map[string]any{"Sheet": m.Sheet, "Row": m.HeadRow + 1, "Code": m.Legacy.String()})
		lines = append(lines, widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), grid)
	}
	return container.NewVScroll(container.NewVBox(lines...))
}

// columnName is the spreadsheet name of column c (0-based): A, B, … AA.
func columnName(c int) (string, error) {
	name := ""
	for n := c + 1; n > 0; n = (n - 1) / 26 {
		name = string(rune('A'+(n-1)%26)) + name
	}
	return name, nil
}

// recompute reads the rows again with the current mappings and works out,
// off the UI thread, what importing them would do.
func (f *importForm) recompute() {
	f.gen++
	gen, update := f.gen, f.update.Checked
	mappings := make([]xlsx.Mapping, len(f.maps))
	for i, m := range f.maps {
		m.Columns = maps.Clone(m.Columns)
		mappings[i] = m
	}
	type result struct {
		plan      data.ImportPreview
		issues    []xlsx.Problem
		splits    []data.ImportRow
		decisions []string
	}
	choices := maps.Clone(f.choices)
	background(f.u, func(ctx context.Context) (result, error) {
		var rows []data.ImportRow
		var issues []xlsx.Problem
		for _, m := range mappings {
			for _, t := range f.tables {
				if t.Sheet == m.Sheet {
					r, p := xlsx.ProductRows(t, m, f.ref)
					rows, issues = append(rows, r...), append(issues, p...)
				}
			}
		}
		var splits []data.ImportRow
		chosen := map[rowKey]bool{}
		for i := range rows {
			r := &rows[i]
			if len(r.CommuneChoices) == 0 {
				continue
			}
			k := rowKey{r.Sheet, r.Row}
			if id, ok := choices[k]; ok && r.ChooseCommune(id) == nil {
				chosen[k] = true
			}
			splits = append(splits, *r)
		}
		// A chosen row's "choose a commune" problem is answered.
		kept := issues[:0]
		for _, p := range issues {
			if !chosen[rowKey{p.Sheet, p.Row}] || !strings.Contains(p.Reason, "chưa chọn thì chủ thể sẽ chưa có xã") {
				kept = append(kept, p)
			}
		}
		plan, err := f.u.store.PreviewImport(ctx, rows, update)
		return result{plan, kept, splits, xlsx.DecisionLines(mappings, rows)}, err
	}, func(r result) {
		if gen != f.gen {
			return
		}
		f.plan, f.issues = r.plan, r.issues
		seen := map[string]bool{}
		for _, row := range f.plan.Rows {
			seen[row.Sheet] = true
		}
		f.sheets = len(seen)
		f.showSplits(r.splits)
		text := lang.L("{{.N}} dòng sản phẩm: {{.What}}.", map[string]any{"N": len(r.plan.Rows), "What": r.plan.SummaryLine()})
		if len(r.issues) > 0 {
			text += " " + lang.L("{{.N}} lỗi (xem thẻ Lỗi): dòng có lỗi ở tên, chủ thể hay quyết định không được nhập.", map[string]any{"N": len(r.issues)})
		}
		f.summary.SetText(text)
		f.decisionLine.SetText(strings.Join(r.decisions, "\n"))
		if len(r.decisions) == 0 {
			f.decisionLine.Hide()
		} else {
			f.decisionLine.Show()
		}
		f.rows.Refresh()
		f.probs.Refresh()
		if len(r.plan.Rows) == 0 {
			f.f.saveBtn.Disable()
		} else {
			f.f.saveBtn.Enable()
		}
	})
}

// communeText says which commune a row's address gave, and how an old
// name was read.
func (f *importForm) communeText(r data.ImportRow) string {
	if r.CommuneNote != "" && (r.CommuneID == 0 || len(r.CommuneChoices) == 0) {
		if r.CommuneID == 0 {
			return lang.L("CẦN CHỌN: ") + r.CommuneNote
		}
		return r.CommuneNote
	}
	for _, c := range append(r.CommuneChoices, f.ref.Communes...) {
		if c.ID == r.CommuneID && r.CommuneID != 0 {
			return f.place(c)
		}
	}
	return ""
}

func (f *importForm) place(c data.Commune) string {
	if f.ref.Resolver != nil {
		return f.ref.Resolver.Place(c)
	}
	return c.Title()
}

// showSplits lists the rows whose old commune was split in 2025, each with
// a choice of the communes it may now be; the tab shows while there are any.
func (f *importForm) showSplits(rows []data.ImportRow) {
	f.splits = rows
	f.splitBox.RemoveAll()
	open := 0
	for _, r := range rows {
		options := make([]string, len(r.CommuneChoices))
		for i, c := range r.CommuneChoices {
			options[i] = f.place(c)
		}
		sel := newSelect(options, nil)
		sel.PlaceHolder = lang.L("(chọn xã, phường hiện nay)")
		k := rowKey{r.Sheet, r.Row}
		for i, c := range r.CommuneChoices {
			if id, ok := f.choices[k]; ok && c.ID == id {
				sel.SetSelectedIndex(i)
			}
		}
		if sel.SelectedIndex() < 0 {
			open++
		}
		choices := r.CommuneChoices
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i >= 0 {
				f.choices[k] = choices[i].ID
				f.recompute()
			}
		}
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s:%d · %s · %s", r.Sheet, r.Row, r.Product, r.Address), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		note := widget.NewLabel(r.CommuneNote)
		note.Wrapping = fyne.TextWrapWord
		f.splitBox.Add(container.NewVBox(head, note, sel, widget.NewSeparator()))
	}
	f.splitTab.Text = lang.L("Chọn xã ({{.N}})", map[string]any{"N": open})
	has := slices.Contains(f.tabs.Items, f.splitTab)
	switch {
	case len(rows) > 0 && !has:
		f.tabs.Append(f.splitTab)
	case len(rows) == 0 && has:
		f.tabs.Remove(f.splitTab)
	}
	f.tabs.Refresh()
}

// commit writes the import in one transaction and offers to undo it.
func (f *importForm) commit() {
	u := f.u
	plan := f.plan
	if len(plan.Rows) == 0 {
		return
	}
	background(u, func(ctx context.Context) (data.ImportProductsResult, error) {
		return u.store.CommitImport(ctx, f.file, plan)
	},
		func(res data.ImportProductsResult) {
			f.f.close()
			u.pushUndo(tr("Đã nhập từ {{.File}}: {{.Products}} sản phẩm mới, {{.Producers}} chủ thể mới, {{.Decisions}} quyết định",
				map[string]any{"File": f.file, "Products": res.Products, "Producers": res.Producers, "Decisions": res.Decisions}),
				func(ctx context.Context) error { return u.store.UndoImport(ctx, res.ImportID) })
			u.dataChanged()
		})
}
