package app

import (
	"context"
	"fmt"
	"path/filepath"
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
	plan    data.ImportPreview
	issues  []xlsx.Problem
	rows    *widget.Table
	probs   *widget.List
	gen     int
}

// importProducts asks for a product list (.xlsx or .csv) and previews it.
func (u *ui) importProducts() {
	u.chooseFile([]string{".xlsx", ".csv", ".xls"}, u.previewImportFile)
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
			got.ref.Communes, err = u.store.Communes(context.Background())
		}
		if err == nil {
			got.ref.Classes, err = u.store.Classification(context.Background())
		}
		doUI(func() {
			progress.Hide()
			if err != nil {
				u.showError(err)
				return
			}
			f := &importForm{u: u, file: filepath.Base(path), tables: got.tables, ref: got.ref}
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

	mapping := mappingEditor(f.maps, xlsx.ProductFields, f.recompute)

	f.rows = widget.NewTableWithHeaders(
		func() (int, int) { return len(f.plan.Rows), 6 },
		truncatedLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := f.plan.Rows[id.Row]
			text := ""
			switch id.Col {
			case 0:
				text = fmt.Sprintf("%s:%d", r.Sheet, r.Row)
			case 1:
				text = r.Product
			case 2:
				text = r.Producer
			case 3:
				if r.Cert != nil {
					text = starsText(r.Cert.Stars) + " · " + data.VNDate(r.Cert.DecisionDate)
				}
			case 4:
				text = lang.L(r.Action.Label())
				if r.NewProducer {
					text += lang.L(" + chủ thể mới")
				}
			case 5:
				text = r.Address
			}
			o.(*widget.Label).SetText(text)
		})
	f.rows.ShowHeaderColumn = false
	f.rows.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	f.rows.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText([]string{lang.L("Dòng"), lang.L("Sản phẩm"), lang.L("Chủ thể"), lang.L("Quyết định"),
			lang.L("Sẽ làm"), lang.L("Địa chỉ")}[id.Col])
	}
	for c, w := range []float32{165, 220, 220, 150, 215, 230} {
		f.rows.SetColumnWidth(c, w)
	}
	f.probs = problemList(func() []xlsx.Problem { return f.issues })
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Các dòng sẽ nhập"), f.rows),
		container.NewTabItem(lang.L("Lỗi"), f.probs),
		container.NewTabItem(lang.L("Cột"), mapping))
	top := container.NewVBox(f.summary, f.update)
	f.f = u.newFormDialog(lang.L("Nhập danh sách sản phẩm: {{.File}}", map[string]any{"File": f.file}),
		container.NewBorder(top, nil, nil, nil, tabs), fyne.NewSize(1140, 640), f.commit, nil)
	f.f.saveBtn.SetText(lang.L("Nhập (Ctrl+S)"))
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
	maps := make([]xlsx.Mapping, len(f.maps))
	for i, m := range f.maps {
		cols := map[string]int{}
		for k, v := range m.Columns {
			cols[k] = v
		}
		m.Columns = cols
		maps[i] = m
	}
	type result struct {
		plan   data.ImportPreview
		issues []xlsx.Problem
	}
	background(f.u, func(ctx context.Context) (result, error) {
		var rows []data.ImportRow
		var issues []xlsx.Problem
		for _, m := range maps {
			for _, t := range f.tables {
				if t.Sheet == m.Sheet {
					r, p := xlsx.ProductRows(t, m, f.ref)
					rows, issues = append(rows, r...), append(issues, p...)
				}
			}
		}
		plan, err := f.u.store.PreviewImport(ctx, rows, update)
		return result{plan, issues}, err
	}, func(r result) {
		if gen != f.gen {
			return
		}
		f.plan, f.issues = r.plan, r.issues
		text := lang.L("{{.N}} dòng sản phẩm: {{.What}}.", map[string]any{"N": len(r.plan.Rows), "What": r.plan.SummaryLine()})
		if len(r.issues) > 0 {
			text += " " + lang.L("{{.N}} lỗi (xem thẻ Lỗi): dòng có lỗi ở tên, chủ thể hay quyết định không được nhập.", map[string]any{"N": len(r.issues)})
		}
		f.summary.SetText(text)
		f.rows.Refresh()
		f.probs.Refresh()
		if len(r.plan.Rows) == 0 {
			f.f.saveBtn.Disable()
		} else {
			f.f.saveBtn.Enable()
		}
	})
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
