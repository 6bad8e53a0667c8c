package app

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// participantImport previews a list of participants for a course: the
// people read, every problem, and which column was taken for each field
// (the user can correct it), before anyone is enrolled.
type participantImport struct {
	p        *coursePage
	file     string
	tables   []xlsx.Table
	maps     []xlsx.Mapping
	groups   []string // the 54 ethnic groups
	people   []xlsx.ImportedParticipant
	problems []xlsx.Problem

	f       *formDialog
	summary *widget.Label
	rows    *widget.List
	probs   *widget.List
	tabs    *container.AppTabs
	res     *data.CommuneResolver // finds the commune of an address, old names too
}

// importList asks for a list of participants (.xlsx or .csv), shows what
// it holds and every problem, and enrolls the people once confirmed.
func (p *coursePage) importList() {
	u := p.u
	u.chooseFile(xlsx.ImportExtensions, func(path string) {
		type read struct {
			tables []xlsx.Table
			groups []string
			res    *data.CommuneResolver
		}
		background(u, func(ctx context.Context) (read, error) {
			groups, err := u.store.EthnicGroups(ctx)
			if err != nil {
				return read{}, err
			}
			// Old addresses find the commune they belong to now.
			res, err := u.store.CommuneResolver(ctx)
			if err != nil {
				return read{}, err
			}
			tables, err := xlsx.ReadTables(path)
			return read{tables, groups, res}, err
		}, func(got read) { p.previewList(filepath.Base(path), got.tables, got.groups, got.res) })
	})
}

// previewList opens the preview of the sheets read from file.
func (p *coursePage) previewList(file string, tables []xlsx.Table, groups []string, res *data.CommuneResolver) {
	im := &participantImport{p: p, file: file, tables: tables, groups: groups, res: res}
	for _, t := range tables {
		if m, ok := xlsx.DetectParticipantMapping(t); ok {
			im.maps = append(im.maps, m)
		}
	}
	if len(im.maps) == 0 {
		p.u.showError(fmt.Errorf("%s", lang.L("Tệp {{.File}}: không tìm thấy dòng tiêu đề có cột \"Họ và tên\" ở trang nào.", map[string]any{"File": file})))
		return
	}
	im.show()
}

// show builds the preview and opens it.
func (im *participantImport) show() {
	u := im.p.u
	im.summary = widget.NewLabel("")
	im.summary.Wrapping = fyne.TextWrapWord
	im.rows = widget.NewList(func() int { return len(im.people) },
		truncatedLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(personLine(im.people[i])) })
	im.probs = problemList(func() []xlsx.Problem { return im.problems })
	im.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Những người sẽ nhập"), im.rows),
		container.NewTabItem(lang.L("Lỗi"), im.probs),
		container.NewTabItem(lang.L("Cột"), mappingEditor(im.maps, xlsx.ParticipantFields, im.recompute)))
	im.f = u.newFormDialog(lang.L("Nhập danh sách học viên: {{.File}}", map[string]any{"File": im.file}),
		container.NewBorder(im.summary, nil, nil, nil, im.tabs), fyne.NewSize(1000, 600), im.commit, nil)
	im.recompute()
	u.lastForm = im
	im.f.show()
}

// personLine describes one person read: where, who, and what was read.
func personLine(pp xlsx.ImportedParticipant) string {
	line := fmt.Sprintf("%s:%d · %s", pp.Sheet, pp.Row, pp.FullName)
	if pp.BirthYear != 0 {
		line += fmt.Sprintf(" · %d", pp.BirthYear)
	}
	for _, s := range []string{data.GenderLabel(pp.Gender), pp.Ethnicity, pp.Organisation, pp.Phone, pp.CommuneNote} {
		if s != "" {
			line += " · " + s
		}
	}
	return line
}

// recompute reads the people again with the current columns.
func (im *participantImport) recompute() {
	im.people, im.problems = xlsx.ParticipantsOf(im.tables, im.maps, im.groups, im.res)
	text := lang.L("Tệp {{.File}}: đọc được {{.N}} người. Người đã có trong danh sách học viên (cùng họ tên và năm sinh) được dùng lại, không tạo trùng.",
		map[string]any{"File": im.file, "N": len(im.people)})
	if len(im.problems) > 0 {
		text += " " + lang.L("{{.N}} dòng có lỗi (xem thẻ Lỗi) không được nhập; sửa trong tệp, hoặc chọn lại cột ở thẻ Cột.", map[string]any{"N": len(im.problems)})
	}
	im.summary.SetText(text)
	im.rows.Refresh()
	im.probs.Refresh()
	im.f.saveBtn.SetText(lang.L("Nhập {{.N}} người (Ctrl+S)", map[string]any{"N": len(im.people)}))
	if len(im.people) == 0 {
		im.f.saveBtn.Disable()
	} else {
		im.f.saveBtn.Enable()
	}
}

// commit enrolls the people read in one transaction.
func (im *participantImport) commit() {
	u, p := im.p.u, im.p
	if len(im.people) == 0 {
		return
	}
	list := make([]data.Participant, len(im.people))
	for i, pp := range im.people {
		list[i] = pp.Participant
	}
	background(u, func(ctx context.Context) (data.ImportResult, error) { return u.store.EnrollImported(ctx, p.id, list) },
		func(res data.ImportResult) {
			im.f.close()
			u.say(lang.L("Đã nhập từ {{.File}}: {{.Added}} người mới, {{.Reused}} người đã có; {{.Enrolled}} người được thêm vào lớp.",
				map[string]any{"File": im.file, "Added": res.Added, "Reused": res.Reused, "Enrolled": res.Enrolled}))
			p.reload()
		})
}
