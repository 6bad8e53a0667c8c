package app

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// reportsScreen (Báo cáo) writes the Excel workbook sent to the province:
// the reports chosen, for the period chosen, one sheet each.
type reportsScreen struct {
	u    *ui
	view fyne.CanvasObject

	checks    map[string]*widget.Check
	kind      *widget.Select // năm, quý, 6 tháng, khoảng ngày
	year      *widget.Select
	part      *widget.Select // quarter or half
	from, to  *dateField
	validOnly *widget.Check
	days      *textEntry
	preview   *widget.Label
	saveBtn   *widget.Button
	gen       int
	built     bool // the initial choices are set: their handlers may compute

	yearBox, partBox, fromBox, toBox fyne.CanvasObject // the period inputs as laid out

	tabs     *container.AppTabs
	province *provinceView // Tổng hợp tỉnh
}

// Period kinds of the reports screen.
const (
	periodYear = iota
	periodQuarter
	periodHalf
	periodSpan
)

func newReportsScreen(u *ui) *reportsScreen {
	r := &reportsScreen{u: u, checks: map[string]*widget.Check{}}
	titles := map[string]string{
		xlsx.ReportProducts: lang.L("Danh sách sản phẩm OCOP"),
		xlsx.ReportSummary:  lang.L("Tổng hợp (theo ngành, xã, loại hình, hạng sao; có biểu đồ)"),
		xlsx.ReportExpiring: lang.L("Sản phẩm hết hạn hoặc sắp hết hạn (kèm liên hệ chủ thể)"),
		xlsx.ReportTraining: lang.L("Kết quả tập huấn"),
		xlsx.ReportDossiers: lang.L("Hồ sơ OCOP (theo tình trạng, loại hồ sơ, kết quả; danh sách)"),
	}
	var checks []fyne.CanvasObject
	for _, n := range xlsx.Reports {
		c := widget.NewCheck(titles[n], func(bool) { r.refresh() })
		c.SetChecked(true)
		r.checks[n] = c
		checks = append(checks, c)
	}
	now := u.now()
	r.kind = newSelect([]string{lang.L("Cả năm"), lang.L("Quý"), lang.L("6 tháng"), lang.L("Từ ngày … đến ngày …")}, nil)
	var years []string
	for y := now.Year(); y >= 2019; y-- {
		years = append(years, strconv.Itoa(y))
	}
	r.year = newSelect(years, func(string) { r.refresh() })
	r.year.SetSelectedIndex(0)
	r.part = newSelect(nil, func(string) { r.refresh() })
	r.from, r.to = newDateField(u), newDateField(u)
	r.from.set(time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC))
	r.to.set(data.DateOf(now))
	r.from.onChange, r.to.onChange = r.refresh, r.refresh
	r.kind.OnChanged = func(string) { r.showPeriodInputs(); r.refresh() }
	r.validOnly = widget.NewCheck(lang.L("Danh sách sản phẩm: chỉ sản phẩm còn hiệu lực"), func(bool) { r.refresh() })
	r.days = newTextEntry(u)
	r.days.SetText(strconv.Itoa(u.settings.ExpiryWindowDays))
	r.days.OnChanged = func(string) { r.refresh() }
	r.preview = widget.NewLabel("")
	r.preview.Wrapping = fyne.TextWrapWord
	r.saveBtn = widget.NewButtonWithIcon(lang.L("Xuất báo cáo Excel…"), theme.DocumentSaveIcon(), r.save)
	r.saveBtn.Importance = widget.HighImportance

	r.yearBox, r.partBox, r.fromBox, r.toBox = sized(r.year, 110), sized(r.part, 170), sized(r.from.view, 190), sized(r.to.view, 190)
	periodRow := container.NewHBox(sized(r.kind, 220), r.yearBox, r.partBox, r.fromBox, r.toBox)
	r.kind.SetSelectedIndex(periodQuarter)
	r.part.SetSelectedIndex((int(now.Month()) - 1) / 3)
	options := formGrid(newField(lang.L("Sắp hết hạn trong (ngày)"), sized(r.days, 120), ""))
	// The choices on the left, what the workbook will hold on the right:
	// all of it in view on a 1366×768 screen.
	choices := container.NewVBox(
		section(lang.L("Kỳ báo cáo"), lang.L("Số liệu tính đến ngày cuối kỳ: hạng sao theo quyết định mới nhất trước ngày đó, tình trạng vào ngày đó."), periodRow),
		section(lang.L("Các báo cáo (mỗi báo cáo một trang tính trong cùng một tệp)"), "", container.NewVBox(checks...)),
		section(lang.L("Tùy chọn"), "", container.NewVBox(r.validOnly, options)))
	own := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHBox(r.saveBtn)), nil, nil,
		container.NewVScroll(container.NewBorder(nil, nil, choices, nil,
			container.NewPadded(container.NewVBox(section(lang.L("Báo cáo sẽ gồm"), "", r.preview))))))
	r.province = newProvinceView(u)
	r.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Báo cáo của đơn vị"), own),
		container.NewTabItem(lang.L("Tổng hợp tỉnh (gộp báo cáo các đơn vị)"), r.province.view))
	r.view = container.NewBorder(heading(lang.L("Báo cáo gửi tỉnh")), nil, nil, nil, r.tabs)
	// Workbooks dragged onto the window while Tổng hợp tỉnh is shown are added to it.
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		if u.current == screenReports && r.tabs.SelectedIndex() == 1 {
			r.province.dropped(uris)
		}
	})
	r.built = true
	return r
}

// showPeriodInputs shows the inputs the period kind needs.
func (r *reportsScreen) showPeriodInputs() {
	kind := r.kind.SelectedIndex()
	show := func(o fyne.CanvasObject, visible bool) {
		if visible {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(r.yearBox, kind != periodSpan)
	show(r.partBox, kind == periodQuarter || kind == periodHalf)
	show(r.fromBox, kind == periodSpan)
	show(r.toBox, kind == periodSpan)
	switch kind {
	case periodQuarter:
		r.part.Options = []string{lang.L("Quý I"), lang.L("Quý II"), lang.L("Quý III"), lang.L("Quý IV")}
	case periodHalf:
		r.part.Options = []string{lang.L("6 tháng đầu năm"), lang.L("6 tháng cuối năm")}
	}
	if i := r.part.SelectedIndex(); i < 0 || i >= len(r.part.Options) {
		r.part.SetSelectedIndex(0)
	}
	r.part.Refresh()
}

// period is the period chosen, or why it is not one.
func (r *reportsScreen) period() (data.Period, error) {
	y, _ := strconv.Atoi(r.year.Selected)
	switch r.kind.SelectedIndex() {
	case periodYear:
		return data.Year(y), nil
	case periodQuarter:
		return data.Quarter(y, max(0, r.part.SelectedIndex())+1), nil
	case periodHalf:
		return data.Half(y, max(0, r.part.SelectedIndex())+1), nil
	}
	from, err := r.from.get()
	if err != nil {
		return data.Period{}, err
	}
	to, err := r.to.get()
	if err != nil {
		return data.Period{}, err
	}
	p := data.Span(from, to)
	return p, p.Validate()
}

func (r *reportsScreen) chosen() []string {
	var names []string
	for _, n := range xlsx.Reports {
		if r.checks[n].Checked {
			names = append(names, n)
		}
	}
	return names
}

func (r *reportsScreen) options() (xlsx.ReportOptions, error) {
	p, err := r.period()
	if err != nil {
		return xlsx.ReportOptions{}, err
	}
	days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
	if err != nil || days < 0 || days > 3650 {
		return xlsx.ReportOptions{}, fmt.Errorf("%s", lang.L("Số ngày sắp hết hạn phải từ 0 đến 3650"))
	}
	return xlsx.ReportOptions{Period: p, ValidOnly: r.validOnly.Checked, ExpiringDays: days, Day: r.u.now()}, nil
}

// refresh works out, off the UI thread, the counts the workbook will hold.
// Only while the screen is shown: setting the initial choices, or a
// change of data while another screen is shown, computes nothing; showing
// the screen does.
func (r *reportsScreen) refresh() {
	if !r.built || r.u.current != screenReports {
		return
	}
	opt, err := r.options()
	names := r.chosen()
	switch {
	case err != nil:
		r.preview.SetText(err.Error())
		r.saveBtn.Disable()
		return
	case len(names) == 0:
		r.preview.SetText(lang.L("Chọn ít nhất một báo cáo."))
		r.saveBtn.Disable()
		return
	}
	r.saveBtn.Enable()
	isSpan := r.kind.SelectedIndex() == periodSpan
	r.gen++
	gen := r.gen
	u := r.u
	background(u, func(ctx context.Context) (string, error) {
		sum, err := u.store.Summary(ctx, opt.Period)
		if err != nil {
			return "", err
		}
		var lines []string
		head := lang.L("Kỳ: {{.Period}}", map[string]any{"Period": periodText(opt.Period)})
		if !isSpan {
			head += " (" + data.VNDate(opt.Period.From) + " – " + data.VNDate(opt.Period.To) + ")"
		}
		lines = append(lines, head)
		for _, n := range names {
			switch n {
			case xlsx.ReportProducts:
				count := sum.Products
				if opt.ValidOnly {
					count = sum.Valid
				}
				lines = append(lines, lang.L("• Danh sách: {{.N}} sản phẩm", map[string]any{"N": count}))
			case xlsx.ReportSummary:
				lines = append(lines, lang.L("• Tổng hợp: {{.Certified}} sản phẩm được công nhận (3 sao: {{.S3}}, 4 sao: {{.S4}}, 5 sao: {{.S5}}); {{.Valid}} còn hiệu lực, {{.Expired}} hết hạn; {{.New}} quyết định trong kỳ",
					map[string]any{"Certified": sum.Certified, "S3": sum.Stars[3], "S4": sum.Stars[4], "S5": sum.Stars[5],
						"Valid": sum.Valid, "Expired": sum.Expired, "New": sum.NewTotal}))
			case xlsx.ReportExpiring:
				rows, err := u.store.ExpiringProducts(ctx, opt.Period.To, opt.ExpiringDays)
				if err != nil {
					return "", err
				}
				lines = append(lines, lang.L("• Hết hạn hoặc sắp hết hạn: {{.N}} sản phẩm", map[string]any{"N": len(rows)}))
			case xlsx.ReportDossiers:
				rows, err := u.store.PeriodDossiers(ctx, opt.Period)
				if err != nil {
					return "", err
				}
				lines = append(lines, lang.L("• Hồ sơ OCOP: {{.N}} hồ sơ", map[string]any{"N": data.CountDossiers(rows, opt.Period).Total()}))
			case xlsx.ReportTraining:
				st, err := u.store.Training(ctx, opt.Period.From, opt.Period.To)
				if err != nil {
					return "", err
				}
				lines = append(lines, lang.L("• Tập huấn: {{.Courses}} lớp, {{.Times}} lượt người, {{.People}} người",
					map[string]any{"Courses": st.Courses, "Times": st.ParticipantTimes, "People": st.People}))
			}
		}
		return strings.Join(lines, "\n"), nil
	}, func(text string) {
		if gen == r.gen {
			r.preview.SetText(text)
		}
	})
}

// save asks where to write the workbook (BaoCao_OCOP_2026_Q1_ThatKhe.xlsx) and writes it.
func (r *reportsScreen) save() {
	opt, err := r.options()
	if err != nil {
		r.u.showError(err)
		return
	}
	names := r.chosen()
	u := r.u
	u.saveExcel(data.ReportFileName(u.settings, opt.Period),
		func(ctx context.Context, path string) (int, error) {
			counts, err := xlsx.WriteReports(ctx, u.store, path, names, opt)
			return len(counts), err
		},
		func(n int) string {
			return lang.L("Đã xuất {{.N}} báo cáo ({{.Period}}) ra tệp:", map[string]any{"N": n, "Period": periodText(opt.Period)})
		})
}

// exportProducts asks where to save the product list and writes it.
func (u *ui) exportProducts() {
	u.saveExcel(fmt.Sprintf("DanhSach_SanPham_OCOP_%s.xlsx", u.now().Format("2006-01-02")),
		func(ctx context.Context, path string) (int, error) {
			return xlsx.ExportProducts(ctx, u.store, path, u.now())
		},
		func(n int) string { return lang.L("Đã xuất {{.N}} sản phẩm ra tệp:", map[string]any{"N": n}) })
}

// saveExcel asks where to save a workbook and writes it with write, with a
// progress bar while it works and a way to open the folder afterwards;
// done says what was written.
func (u *ui) saveExcel(name string, write func(ctx context.Context, path string) (int, error), done func(n int) string) {
	u.saveAs(name, ".xlsx", write, done)
}

// saveAs asks where to save a file ending in ext (".xlsx", ".docx",
// ".zip") and writes it as saveExcel does.
func (u *ui) saveAs(name, ext string, write func(ctx context.Context, path string) (int, error), done func(n int) string) {
	saveFile(u.win, name, ext, func(path string) {
		progress := dialog.NewCustomWithoutButtons(lang.L("Đang ghi tệp…"), widget.NewProgressBarInfinite(), u.win)
		progress.Show()
		goBackground(func() {
			n, err := write(context.Background(), path)
			doUI(func() {
				progress.Hide()
				if err != nil {
					u.showError(err)
					return
				}
				u.exported(path, done(n))
			})
		})
	})
}

func (u *ui) exported(path, what string) {
	msg := widget.NewLabel(what)
	file := widget.NewLabel(path)
	file.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom(lang.L("Đã ghi tệp"), lang.L("Đóng"), container.NewVBox(msg, file), u.win)
	openURL := func(p string) func() {
		return func() {
			if err := u.app.OpenURL(fileURL(p)); err != nil {
				u.showError(err)
			}
			d.Hide()
		}
	}
	openFile := widget.NewButtonWithIcon(lang.L("Mở tệp"), theme.FileIcon(), openURL(path))
	openFile.Importance = widget.HighImportance
	openDir := widget.NewButtonWithIcon(lang.L("Mở thư mục"), theme.FolderOpenIcon(), openURL(filepath.Dir(path)))
	d.SetButtons([]fyne.CanvasObject{openFile, openDir, widget.NewButton(lang.L("Đóng"), d.Hide)})
	d.Show()
}

// fileURL is the file: URL of a local path, "file:///C:/…" on Windows too.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
