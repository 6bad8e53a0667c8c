package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/outbox"
	"github.com/ocopdesk/ocop/data/viet"
	"github.com/ocopdesk/ocop/data/xlsx"
)

// dossiersScreen (Hồ sơ OCOP) lists the dossiers the commune received, with
// their status, round and the working days left of the commune's 15; a
// dossier opens in its form, where the next step is the obvious button.
type dossiersScreen struct {
	u       *ui
	view    fyne.CanvasObject
	search  *textEntry
	status  *widget.Select
	round   *widget.Select
	kind    *widget.Select
	footer  *widget.Label
	list    *listTable
	all     []data.DossierRow // as loaded
	rows    []data.DossierRow // as filtered and sorted
	rounds  []data.Round      // the round choice's, after "Mọi đợt"
	gen     int
	loaded  bool
	sortCol int
	desc    bool
}

func newDossiersScreen(u *ui) *dossiersScreen {
	s := &dossiersScreen{u: u, sortCol: -1}
	s.search = newTextEntry(u)
	s.search.SetPlaceHolder(lang.L("Tìm theo sản phẩm, chủ thể, số phiếu, xã… (Ctrl+F)"))
	statuses := []string{lang.L("Mọi tình trạng"), lang.L("Đang xử lý")}
	for _, st := range data.DossierStatuses {
		statuses = append(statuses, lang.L(st.Label()))
	}
	s.status = newSelect(statuses, nil)
	s.status.SetSelectedIndex(0)
	kinds := []string{lang.L("Mọi loại hồ sơ")}
	for _, k := range data.DossierKinds {
		kinds = append(kinds, lang.L(k.Label()))
	}
	s.kind = newSelect(kinds, nil)
	s.kind.SetSelectedIndex(0)
	s.round = newSelect([]string{lang.L("Mọi đợt")}, nil)
	s.round.SetSelectedIndex(0)
	// Handlers after the initial choices: building the screen runs no query.
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.status.OnChanged = func(string) { s.applyFilter() }
	s.kind.OnChanged = func(string) { s.applyFilter() }
	s.round.OnChanged = func(string) { s.applyFilter() }
	s.footer = widget.NewLabel("")
	s.list = newListTable([]tableColumn{
		{lang.L("Số phiếu"), 170}, {lang.L("Sản phẩm"), 230}, {lang.L("Chủ thể"), 200}, {lang.L("Loại"), 100},
		{lang.L("Ngày nhận"), 100}, {lang.L("Tình trạng"), 150}, {lang.L("Đợt"), 100}, {lang.L("Thời hạn của xã"), 220},
	}, func() int { return len(s.rows) }, s.cell)
	s.list.onOpen = func(row int) {
		if row >= 0 && row < len(s.rows) {
			u.openDossier(s.rows[row].ID)
		}
	}
	s.list.onDelete = func(row int) {
		if row >= 0 && row < len(s.rows) && !u.modalOpen() {
			d := s.rows[row]
			u.confirmDelete(trashRef{data.EntityDossier, d.ID},
				lang.L("hồ sơ {{.No}} của sản phẩm «{{.Name}}»", map[string]any{"No": orDash(d.Receipt.String()), "Name": d.Product}),
				tr("Đã xóa hồ sơ {{.No}}", map[string]any{"No": orDash(d.Receipt.String())}),
				func(ctx context.Context) error { return u.store.DeleteDossier(ctx, d.ID) },
				func(ctx context.Context) error { return u.store.RestoreDossier(ctx, d.ID) })
		}
	}
	s.list.onSort = func(col int, desc bool) {
		s.sortCol, s.desc = col, desc
		s.sortRows()
		s.list.table.Refresh()
	}
	s.list.rowTint = func(row int) color.Color {
		if row < len(s.rows) && s.rows[row].Deadline.Overdue > 0 {
			return expiredTint
		}
		return color.Transparent
	}
	add := widget.NewButtonWithIcon(lang.L("Tiếp nhận hồ sơ (Ctrl+N)"), theme.ContentAddIcon(), s.add)
	add.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("Mở (Enter)"), theme.DocumentCreateIcon(), func() { s.list.onOpen(s.list.selected) })
	del := widget.NewButtonWithIcon(lang.L("Xóa (Delete)"), theme.DeleteIcon(), func() { s.list.onDelete(s.list.selected) })
	send := widget.NewButtonWithIcon(lang.L("Gửi tỉnh theo đợt…"), theme.MailSendIcon(), s.sendRound)
	u.editOnly(add, del)
	s.list.rowButtons = []*widget.Button{open, del}
	s.list.updateRowButtons()
	filters := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Lọc:")), nil,
		container.NewGridWithColumns(3, s.status, s.round, s.kind))
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.L("Hồ sơ OCOP")), nil, s.search),
		container.NewHBox(add, open, del, send), filters)
	s.view = container.NewBorder(top, s.footer, nil, nil, s.list.view)
	return s
}

// refresh loads the dossiers, with their deadlines today, off the UI thread.
func (s *dossiersScreen) refresh() {
	s.gen++
	gen := s.gen
	today := s.u.now()
	background(s.u, func(ctx context.Context) ([]data.DossierRow, error) {
		return s.u.store.Dossiers(ctx, data.DossierQuery{AsOf: today})
	}, func(rows []data.DossierRow) {
		if gen != s.gen {
			return
		}
		s.all, s.loaded = rows, true
		s.fillRounds()
		s.applyFilter()
	})
}

// fillRounds offers the rounds the dossiers go to, newest first.
func (s *dossiersScreen) fillRounds() {
	var rounds []data.Round
	for _, r := range s.all {
		if r.Round.Year != 0 && !slices.ContainsFunc(rounds, func(x data.Round) bool { return x.String() == r.Round.String() }) {
			rounds = append(rounds, r.Round)
		}
	}
	slices.SortFunc(rounds, func(a, b data.Round) int { return -cmpRound(a, b) })
	chosen := ""
	if i := s.round.SelectedIndex(); i > 0 && i <= len(s.rounds) {
		chosen = s.rounds[i-1].String()
	}
	s.rounds = rounds
	names := []string{lang.L("Mọi đợt")}
	pick := 0
	for i, r := range rounds {
		names = append(names, roundText(r))
		if r.String() == chosen {
			pick = i + 1
		}
	}
	changed := s.round.OnChanged
	s.round.OnChanged = nil
	s.round.SetOptions(names)
	s.round.SetSelectedIndex(pick)
	s.round.OnChanged = changed
}

func cmpRound(a, b data.Round) int {
	if a.Year != b.Year {
		return a.Year - b.Year
	}
	return a.No - b.No
}

// roundText names a round: "Đợt 2 năm 2026".
func roundText(r data.Round) string {
	if r.Year == 0 {
		return ""
	}
	return lang.L("Đợt {{.No}} năm {{.Year}}", map[string]any{"No": r.No, "Year": r.Year})
}

// applyFilter shows the loaded dossiers that match the search and choices.
func (s *dossiersScreen) applyFilter() {
	q := viet.Fold(s.search.Text)
	var rows []data.DossierRow
	for _, r := range s.all {
		switch i := s.status.SelectedIndex(); {
		case i == 1 && r.Status.Closed():
			continue
		case i >= 2 && r.Status != data.DossierStatuses[i-2]:
			continue
		}
		if i := s.kind.SelectedIndex(); i > 0 && r.Kind != data.DossierKinds[i-1] {
			continue
		}
		if i := s.round.SelectedIndex(); i > 0 && i <= len(s.rounds) && r.Round.String() != s.rounds[i-1].String() {
			continue
		}
		if q != "" && !viet.MatchesAll(viet.Fold(r.Product+" "+r.Producer+" "+r.Receipt.String()+" "+r.Commune+" "+r.ProductCode), q) {
			continue
		}
		rows = append(rows, r)
	}
	s.rows = rows
	s.sortRows()
	s.list.clearSelection()
	s.list.table.Refresh()
	overdue := 0
	for _, r := range s.all {
		if r.Deadline.Overdue > 0 {
			overdue++
		}
	}
	text := lang.L("{{.N}} / {{.All}} hồ sơ", map[string]any{"N": len(rows), "All": len(s.all)})
	if overdue > 0 {
		text += " · " + lang.L("{{.N}} hồ sơ quá hạn 15 ngày làm việc của xã", map[string]any{"N": overdue})
	}
	s.footer.SetText(text)
}

// sortRows orders the rows by the column chosen, newest receipt first by default.
func (s *dossiersScreen) sortRows() {
	if s.sortCol < 0 {
		return
	}
	key := func(r data.DossierRow) string {
		switch s.sortCol {
		case 0:
			return fmt.Sprintf("%04d%s%06d", r.Receipt.Year, r.Receipt.CommuneCode, r.Receipt.Seq)
		case 1:
			return string(viet.SortKey(r.Product))
		case 2:
			return string(viet.SortKey(r.Producer))
		case 3:
			return string(r.Kind)
		case 4:
			return data.ISODate(r.Received)
		case 5:
			return strconv.Itoa(slices.Index(data.DossierStatuses, r.Status) + 10)
		case 6:
			return fmt.Sprintf("%04d%d", r.Round.Year, r.Round.No)
		}
		n, ok := r.Deadline.DaysLeft()
		if !ok {
			n = 100000
		}
		return strconv.Itoa(n + 50000)
	}
	sortBy(s.rows, key, s.desc)
}

func (s *dossiersScreen) cell(row, col int) tableCell {
	r := s.rows[row]
	switch col {
	case 0:
		return tableCell{text: orDash(r.Receipt.String())}
	case 1:
		return tableCell{text: r.Product, bold: true}
	case 2:
		return tableCell{text: r.Producer}
	case 3:
		return tableCell{text: lang.L(r.Kind.Label())}
	case 4:
		return tableCell{text: data.VNDate(r.Received)}
	case 5:
		return statusCell(r.Status)
	case 6:
		return tableCell{text: roundText(r.Round)}
	}
	return deadlineCell(r.Deadline)
}

// statusCell shows a dossier's status with an icon for a result.
func statusCell(st data.DossierStatus) tableCell {
	c := tableCell{text: lang.L(st.Label())}
	switch st {
	case data.DossierPassed:
		c.icon, c.importance = theme.ConfirmIcon(), widget.SuccessImportance
	case data.DossierFailed:
		c.icon, c.importance = theme.CancelIcon(), widget.DangerImportance
	case data.DossierNeedsMore:
		c.icon, c.importance = theme.WarningIcon(), widget.WarningImportance
	}
	return c
}

// deadlineCell shows the commune's working days: red with an icon and the
// words when overdue, amber when due within three working days.
func deadlineCell(d data.Deadline) tableCell {
	c := tableCell{text: deadlineText(d)}
	switch {
	case d.Overdue > 0 || d.Past:
		c.icon, c.importance = theme.ErrorIcon(), widget.DangerImportance
	case d.Counting && d.Left <= 3:
		c.icon, c.importance = theme.WarningIcon(), widget.WarningImportance
	case d.Waiting:
		c.icon = theme.HistoryIcon()
	}
	return c
}

// deadlineText is a deadline in the interface's words, with its day.
func deadlineText(d data.Deadline) string {
	switch {
	case d.Waiting:
		return lang.L("chờ bổ sung (15 ngày tạm dừng)")
	case !d.Counting:
		return ""
	case d.Overdue > 0:
		return lang.L("quá hạn {{.N}} ngày làm việc", map[string]any{"N": d.Overdue})
	case d.Past:
		return lang.L("hết hạn ngày {{.Day}}", map[string]any{"Day": data.VNDate(d.Due)})
	case d.Left == 0:
		return lang.L("hết hạn hôm nay")
	}
	return lang.L("còn {{.N}} ngày làm việc (đến {{.Day}})", map[string]any{"N": d.Left, "Day": data.VNDate(d.Due)})
}

// add opens the form for a dossier just received.
func (s *dossiersScreen) add() {
	if !s.u.modalOpen() {
		s.u.openNewDossier(0, data.KindFirst)
	}
}

// sendRound prepares what goes to the province for a round: the letter
// asking it to evaluate the round's products, the list of the round's
// dossiers, and the whole set (letter, list, each dossier's Mẫu 03 and
// its files) as one .zip, named so the province finds its way.
func (s *dossiersScreen) sendRound() {
	u := s.u
	if len(s.rounds) == 0 {
		u.showError(fmt.Errorf("%s", lang.L("Chưa có hồ sơ nào thuộc một đợt đánh giá.")))
		return
	}
	names := make([]string, len(s.rounds))
	for i, r := range s.rounds {
		names[i] = roundText(r)
	}
	pick := newSelect(names, nil)
	pick.SetSelectedIndex(0)
	round := func() data.Round { return s.rounds[max(0, pick.SelectedIndex())] }
	var d dialog.Dialog
	letter := widget.NewButtonWithIcon(lang.L("Công văn đề nghị tỉnh đánh giá (.docx)…"), theme.DocumentIcon(), func() {
		r := round()
		d.Hide()
		u.saveAs("Cong-van-de-nghi_"+r.String()+".docx", ".docx", func(ctx context.Context, path string) (int, error) {
			return outbox.ExportRequest(ctx, u.store, r, path)
		}, func(n int) string {
			return lang.L("Đã ghi công văn đề nghị đánh giá {{.N}} sản phẩm của {{.Round}}:", map[string]any{"N": n, "Round": roundText(r)})
		})
	})
	list := widget.NewButtonWithIcon(lang.L("Danh sách hồ sơ của đợt (.xlsx)…"), theme.ListIcon(), func() {
		r := round()
		d.Hide()
		u.saveExcel("Danh-sach-ho-so_"+r.String()+".xlsx", func(ctx context.Context, path string) (int, error) {
			return xlsx.WriteRoundList(ctx, u.store, r, path, u.now())
		}, func(n int) string { return lang.L("Đã ghi danh sách {{.N}} hồ sơ:", map[string]any{"N": n}) })
	})
	all := widget.NewButtonWithIcon(lang.L("Chuẩn bị gửi tỉnh: cả bộ (.zip)…"), theme.FolderIcon(), func() {
		r := round()
		d.Hide()
		chooseFolder(u.win, func(dir string) {
			progress := dialog.NewCustomWithoutButtons(lang.L("Đang ghi tệp…"), widget.NewProgressBarInfinite(), u.win)
			progress.Show()
			goBackground(func() {
				path, err := outbox.PrepareRound(context.Background(), u.store, r, dir, u.now())
				doUI(func() {
					progress.Hide()
					if err != nil {
						u.showError(err)
						return
					}
					u.exported(path, lang.L("Đã chuẩn bị bộ hồ sơ gửi tỉnh của {{.Round}} (công văn, danh sách, Mẫu 03 và tệp của từng hồ sơ):", map[string]any{"Round": roundText(r)}))
				})
			})
		})
	})
	all.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("Gồm các hồ sơ của đợt đã được xã đánh giá hoặc đã gửi tỉnh."))
	intro.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(lang.L("Gửi tỉnh theo đợt"), lang.L("Đóng"),
		container.NewVBox(intro, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Đợt:")), nil, pick), letter, list, all), u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
}
