package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// provinceView (Báo cáo → Tổng hợp tỉnh) reads the report workbooks the
// offices sent, shows which office and period each covers and any problem,
// and writes one provincial workbook from those that can be combined.
type provinceView struct {
	u    *ui
	view fyne.CanvasObject

	read      map[string]data.OfficeFile // files read, by path
	paths     []string                   // in the order added
	prov      data.Province              // the combination of paths
	list      *widget.List
	picked    int
	summary   *widget.Label
	problems  *widget.Label
	progress  *widget.ProgressBar
	saveBtn   *widget.Button
	removeBtn *widget.Button
	clearBtn  *widget.Button
	gen       int
}

func newProvinceView(u *ui) *provinceView {
	p := &provinceView{u: u, read: map[string]data.OfficeFile{}, picked: -1}
	p.list = widget.NewList(func() int { return len(p.prov.Files) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.ConfirmIcon())
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, icon, nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.prov.Files[i]
			box := o.(*fyne.Container)
			l, icon := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Icon)
			l.SetText(fileLine(f))
			switch {
			case f.LeftOut():
				icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
				l.Importance = widget.DangerImportance
			case len(f.Problems) > 0:
				icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
				l.Importance = widget.WarningImportance
			default:
				icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
				l.Importance = widget.MediumImportance
			}
			l.Refresh()
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.picked = i; p.removeBtn.Enable() }
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.problems = widget.NewLabel("")
	p.problems.Wrapping = fyne.TextWrapWord
	p.progress = widget.NewProgressBar()
	p.progress.Hide()

	addFile := widget.NewButtonWithIcon(lang.L("Thêm tệp…"), theme.FileIcon(), func() {
		u.chooseFile([]string{".xlsx"}, func(path string) { p.add([]string{path}) })
	})
	addDir := widget.NewButtonWithIcon(lang.L("Thêm cả thư mục…"), theme.FolderOpenIcon(), p.addFolder)
	p.removeBtn = widget.NewButtonWithIcon(lang.L("Bỏ tệp đã chọn"), theme.ContentRemoveIcon(), p.removePicked)
	p.removeBtn.Disable()
	p.clearBtn = widget.NewButtonWithIcon(lang.L("Bỏ hết"), theme.ContentClearIcon(), func() {
		p.paths = nil
		p.recombine()
	})
	p.clearBtn.Disable()
	p.saveBtn = widget.NewButtonWithIcon(lang.L("Ghi tổng hợp tỉnh…"), theme.DocumentSaveIcon(), p.save)
	p.saveBtn.Importance = widget.HighImportance
	p.saveBtn.Disable()

	top := container.NewVBox(
		widget.NewLabel(lang.L("Gộp các báo cáo Excel do OCOP Desk của các đơn vị xuất ra thành một báo cáo của tỉnh. Thêm tệp bằng nút, hoặc kéo thả tệp, thư mục vào cửa sổ. Chương trình đọc phần số liệu OCOP Desk cất trong mỗi tệp, nên không phụ thuộc cách trình bày. Những tệp sau được báo ra và không gộp: tệp bị sửa số liệu sau khi xuất, tệp không phải của OCOP Desk, tệp khác kỳ báo cáo, tệp thứ hai của cùng một đơn vị.")),
		container.NewHBox(addFile, addDir, p.removeBtn, p.clearBtn),
		p.progress)
	top.Objects[0].(*widget.Label).Wrapping = fyne.TextWrapWord
	bottom := container.NewVBox(widget.NewSeparator(), p.summary, container.NewHBox(p.saveBtn))
	split := container.NewVSplit(p.list, container.NewVScroll(p.problems))
	split.Offset = 0.55
	p.view = container.NewBorder(top, bottom, nil, nil, split)
	p.show() // what an empty choice of files says
	return p
}

// fileLine describes one workbook on a line: office, period, products, and
// what is done with it.
func fileLine(f data.OfficeFile) string {
	parts := []string{f.Name()}
	if r := f.Report; r != nil {
		parts = append(parts, f.OfficeLabel(), periodText(r.Period()),
			count("{{.N}} sản phẩm", len(r.Products)))
	}
	switch {
	case f.LeftOut():
		parts = append(parts, lang.L("KHÔNG GỘP")+": "+leftOutReason(f))
	case len(f.Problems) > 0:
		parts = append(parts, lang.L("gộp, có lưu ý"))
	default:
		parts = append(parts, lang.L("gộp"))
	}
	return strings.Join(parts, " · ")
}

func leftOutReason(f data.OfficeFile) string {
	for _, pr := range f.Problems {
		if pr.LeftOut {
			return pr.Message
		}
	}
	return ""
}

// add reads the new files among paths and combines all.
func (p *provinceView) add(paths []string) {
	for _, path := range paths {
		if !slices.Contains(p.paths, path) {
			p.paths = append(p.paths, path)
		}
	}
	p.recombine()
}

// dropped adds the workbooks dragged onto the window, and the workbooks
// of folders dragged there.
func (p *provinceView) dropped(uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		path := uri.Path()
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			paths = append(paths, workbooksIn(path)...)
		} else if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			paths = append(paths, path)
		}
	}
	if len(paths) > 0 {
		p.add(paths)
	}
}

// workbooksIn lists the .xlsx files of dir, leaving out Excel's lock files.
func workbooksIn(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var paths []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.EqualFold(filepath.Ext(name), ".xlsx") && !strings.HasPrefix(name, "~$") && !strings.HasPrefix(name, ".") {
			paths = append(paths, filepath.Join(dir, name))
		}
	}
	sort.Strings(paths)
	return paths
}

// addFolder adds every .xlsx file of a folder the user chooses.
func (p *provinceView) addFolder() {
	chooseFolder(p.u.win, func(dir string) {
		paths := workbooksIn(dir)
		if len(paths) == 0 {
			p.u.showError(fmt.Errorf("%s", lang.L("Thư mục {{.Dir}} không có tệp .xlsx nào", map[string]any{"Dir": dir})))
			return
		}
		p.add(paths)
	})
}

func (p *provinceView) removePicked() {
	if p.picked < 0 || p.picked >= len(p.prov.Files) {
		return
	}
	path := p.prov.Files[p.picked].Path
	var kept []string
	for _, x := range p.paths {
		if x != path {
			kept = append(kept, x)
		}
	}
	p.paths = kept
	p.recombine()
}

// recombine reads the files not read yet, with a progress bar, and
// combines every chosen file, off the UI thread.
func (p *provinceView) recombine() {
	u := p.u
	p.gen++
	gen := p.gen
	var todo []string
	for _, path := range p.paths {
		if _, ok := p.read[path]; !ok {
			todo = append(todo, path)
		}
	}
	paths := append([]string(nil), p.paths...)
	known := make(map[string]data.OfficeFile, len(p.read))
	for k, v := range p.read {
		known[k] = v
	}
	p.saveBtn.Disable()
	p.removeBtn.Disable()
	p.picked = -1
	p.list.UnselectAll()
	if len(todo) > 0 {
		p.progress.SetValue(0)
		p.progress.Show()
	}
	type result struct {
		read map[string]data.OfficeFile
		prov data.Province
	}
	background(u, func(ctx context.Context) (result, error) {
		for _, f := range xlsx.ReadOfficeReports(ctx, todo, func(done, total int, _ string) {
			doUI(func() {
				if gen == p.gen {
					p.progress.SetValue(float64(done) / float64(total))
				}
			})
		}) {
			known[f.Path] = f
		}
		files := make([]data.OfficeFile, 0, len(paths))
		for _, path := range paths {
			files = append(files, known[path])
		}
		prov, err := xlsx.CombineOfficeFiles(ctx, u.store, files)
		return result{known, prov}, err
	}, func(r result) {
		if gen != p.gen {
			return // a newer choice of files is being read
		}
		p.read, p.prov = r.read, r.prov
		p.progress.Hide()
		p.show()
	})
}

// show puts the combination on screen.
func (p *provinceView) show() {
	prov := p.prov
	p.list.Refresh()
	// What keeps a file out comes first, then the notes.
	var lines, notes []string
	for _, pr := range prov.Problems() {
		if pr.LeftOut {
			lines = append(lines, "✗ "+pr.String())
		} else {
			notes = append(notes, "• "+pr.String())
		}
	}
	lines = append(lines, notes...)
	switch {
	case len(prov.Files) == 0:
		lines = []string{lang.L("Lỗi và lưu ý của từng tệp sẽ hiện ở đây.")}
	case len(lines) == 0:
		lines = []string{lang.L("Không có vấn đề nào: mọi tệp đều gộp được.")}
	}
	p.problems.SetText(strings.Join(lines, "\n"))
	if len(prov.Files) == 0 {
		p.clearBtn.Disable()
	} else {
		p.clearBtn.Enable()
	}
	switch {
	case len(prov.Files) == 0:
		p.summary.SetText(lang.L("Chưa chọn tệp nào. Thêm các tệp báo cáo Excel do OCOP Desk của các đơn vị xuất ra (từng tệp hoặc cả thư mục)."))
	case len(prov.Included) == 0:
		p.summary.SetText(lang.L("Không tệp nào gộp được; xem lý do ở trên."))
	default:
		shared := 0
		for _, pr := range prov.Products {
			if len(pr.Also) > 0 {
				shared++
			}
		}
		text := lang.L("{{.Period}}: gộp {{.In}}/{{.All}} tệp, {{.Products}} sản phẩm, {{.Certified}} được công nhận (5 sao: {{.S5}}; 4 sao: {{.S4}}; 3 sao: {{.S3}}), {{.Courses}} lớp tập huấn.",
			map[string]any{"Period": periodText(prov.Period), "In": len(prov.Included), "All": len(prov.Files), "Products": prov.Total,
				"Certified": prov.Stars.Total(), "S5": prov.Stars[5], "S4": prov.Stars[4], "S3": prov.Stars[3], "Courses": prov.TrainingTotal.Courses})
		if shared > 0 {
			text += " " + lang.L("{{.N}} sản phẩm có trong báo cáo của hơn một đơn vị, chỉ tính một lần.", map[string]any{"N": shared})
		}
		d := prov.DossierTotal
		text += " " + lang.L("Hồ sơ OCOP: {{.N}} (đã gửi tỉnh {{.Sent}}, đạt {{.Passed}}, không đạt {{.Failed}}).",
			map[string]any{"N": d.Total(), "Sent": d.Status(data.DossierSent), "Passed": d.Status(data.DossierPassed), "Failed": d.Status(data.DossierFailed)})
		if prov.NoDossiers > 0 {
			text += " " + lang.L("{{.N}} tệp xuất bằng phiên bản cũ chưa có số liệu hồ sơ.", map[string]any{"N": prov.NoDossiers})
		}
		p.summary.SetText(text)
		p.saveBtn.Enable()
	}
}

// save asks where to write the provincial workbook and writes it.
func (p *provinceView) save() {
	u, prov := p.u, p.prov
	u.saveExcel(fmt.Sprintf("TongHop_OCOP_tinh_%s.xlsx", prov.Period.Code()),
		func(ctx context.Context, path string) (int, error) {
			return len(prov.Included), xlsx.WriteProvince(ctx, u.store, path, prov, xlsx.ProvinceOptions{Day: u.now()})
		},
		func(n int) string {
			return lang.L("Đã ghi báo cáo tổng hợp tỉnh ({{.Period}}, {{.N}} đơn vị) ra tệp:", map[string]any{"Period": periodText(prov.Period), "N": n})
		})
}
