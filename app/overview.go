package app

import (
	"context"
	"image/color"
	"runtime/debug"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/outbox"
	"github.com/ocopdesk/ocop/data/viet"
)

// overviewScreen (Tổng quan) shows the office's figures at a glance and the
// certificates that need attention.
type overviewScreen struct {
	u       *ui
	view    fyne.CanvasObject
	date    *widget.Label
	figures map[string]*canvas.Text
	labels  map[string]*widget.Label // under the figures
	notice  *widget.Label
	hint    *widget.Label // "Bấm vào một dòng…", under a list that has rows
	list    *widget.List
	rows    []data.ProductRow // needing attention

	byStars, byCommune *barChart
	training           *widget.Label
	due                []data.RerankDue // windows open, closing or missed
	last               data.Overview    // the figures shown
	shown              bool
}

const (
	figProducts  = "products"
	figValid     = "valid"
	figExpiring  = "expiring"
	figExpired   = "expired"
	figProducers = "producers"
	figDossiers  = "dossiers"
	figReranks   = "reranks"
)

func newOverviewScreen(u *ui) *overviewScreen {
	o := &overviewScreen{u: u, figures: map[string]*canvas.Text{}, labels: map[string]*widget.Label{}}
	o.date = widget.NewLabel("")
	card := func(key, title string, c fyne.ThemeColorName, ic fyne.Resource) fyne.CanvasObject {
		n := canvas.NewText("–", theme.Color(c))
		n.TextSize = 30
		n.TextStyle.Bold = true
		o.figures[key] = n
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.StrokeColor = cardBorder
		bg.StrokeWidth = 1
		bg.CornerRadius = 6
		label := widget.NewLabel(title)
		label.Wrapping = fyne.TextWrapWord
		o.labels[key] = label
		return container.NewStack(bg, container.NewPadded(container.NewBorder(
			nil, nil, container.NewCenter(widget.NewIcon(ic)), nil, container.NewVBox(n, label))))
	}
	// The dossiers' cards open what they count.
	tappable := func(c fyne.CanvasObject, tapped func()) fyne.CanvasObject {
		return container.NewStack(&widget.Button{Importance: widget.LowImportance, OnTapped: tapped}, c)
	}
	cards := container.NewGridWithColumns(7,
		card(figProducts, lang.L("Sản phẩm đã công nhận"), theme.ColorNamePrimary, theme.ListIcon()),
		card(figValid, lang.L("Còn hạn"), theme.ColorNameSuccess, theme.ConfirmIcon()),
		card(figExpiring, lang.L("Sắp hết hạn"), theme.ColorNameWarning, theme.WarningIcon()),
		card(figExpired, lang.L("Hết hạn"), theme.ColorNameError, theme.ErrorIcon()),
		card(figProducers, lang.L("Chủ thể"), theme.ColorNamePrimary, theme.AccountIcon()),
		tappable(card(figDossiers, lang.L("Hồ sơ đang xử lý"), theme.ColorNamePrimary, theme.FolderOpenIcon()), func() { u.show(screenDossiers) }),
		tappable(card(figReranks, lang.L("Cần đánh giá lại"), theme.ColorNameWarning, theme.HistoryIcon()), func() { u.showReranks(o.due) }),
	)
	o.notice = widget.NewLabel("")
	o.hint = widget.NewLabel(lang.L("Bấm vào một dòng để mở sản phẩm."))
	o.hint.Hide()
	o.notice.Wrapping = fyne.TextWrapWord
	o.notice.TextStyle.Bold = true
	o.list = widget.NewList(
		func() int { return len(o.rows) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			when := widget.NewLabel("")
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), when, name)
		},
		func(id widget.ListItemID, obj fyne.CanvasObject) {
			r := o.rows[id]
			box := obj.(*fyne.Container)
			name := box.Objects[0].(*widget.Label)
			ic := box.Objects[1].(*widget.Icon)
			when := box.Objects[2].(*widget.Label)
			name.SetText(r.Name + " — " + r.Producer)
			ic.SetResource(statusIcon(r.Status))
			when.Importance = statusImportance(r.Status)
			text := lang.L("Hết hạn ngày {{.Date}}", map[string]any{"Date": data.VNDate(r.ValidUntil)})
			if r.Status == data.StatusExpired {
				text = lang.L("Hết hạn từ {{.Date}}", map[string]any{"Date": data.VNDate(r.ValidUntil)})
			}
			if d, ok := o.last.DueFor(r.ID); ok {
				text += " · " + rerankText(d)
			}
			when.SetText(text)
		})
	o.list.OnSelected = func(id widget.ListItemID) {
		o.list.UnselectAll()
		u.openFromAlert(o.rows[id].ID)
	}
	o.byStars, o.byCommune = newBarChart(56), newBarList(56)
	o.training = widget.NewLabel("")
	o.training.Wrapping = fyne.TextWrapWord

	box := func(title string, content fyne.CanvasObject) fyne.CanvasObject {
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.StrokeColor = cardBorder
		bg.StrokeWidth = 1
		bg.CornerRadius = 6
		head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord // a narrow window wraps it rather than growing
		return container.NewStack(bg, container.NewPadded(container.NewBorder(head, nil, nil, nil, content)))
	}
	charts := container.NewGridWithColumns(3,
		box(lang.L("Theo hạng sao và tình trạng"), o.byStars.view),
		box(lang.L("Sản phẩm được công nhận theo xã, phường"), o.byCommune.view),
		box(lang.L("Tập huấn năm nay"), o.training))
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading(lang.L("Tổng quan")), o.date),
		cards,
		charts,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, o.notice),
		o.hint,
	)
	o.view = container.NewBorder(top, nil, nil, nil, o.list)
	return o
}

// refresh shows the office's figures today: the store's one summary,
// worked out again only when the data changed.
func (o *overviewScreen) refresh() {
	today := o.u.now()
	o.date.SetText(viet.PlaceDateLine(placeOf(o.u.settings), today))
	background(o.u, func(ctx context.Context) (data.Overview, error) {
		return o.u.store.Overview(ctx, today)
	}, func(d data.Overview) {
		if o.shown && d.Version == o.last.Version && d.Day.Equal(o.last.Day) {
			return // what is on screen already
		}
		o.last, o.shown = d, true
		o.show(d)
		timing("overview figures")
		// The first figures read the whole product list: what that left
		// behind (its slices read side by side, the sort keys, the copies)
		// goes back to the system now rather than minutes later.
		releaseAfterStart.Do(func() { go debug.FreeOSMemory() })
	})
}

var releaseAfterStart sync.Once

func (o *overviewScreen) show(d data.Overview) {
	s := d.Summary
	set := func(key string, n int) {
		o.figures[key].Text = strconv.Itoa(n)
		o.figures[key].Refresh()
	}
	defer o.fitFigures()
	set(figProducts, s.Certified)
	set(figValid, s.ByStatus[data.StatusValid])
	set(figExpiring, s.ByStatus[data.StatusExpiring])
	set(figExpired, s.ByStatus[data.StatusExpired])
	set(figProducers, d.Producers)
	o.rows = s.Attention
	o.due = d.Reranks
	o.notice.SetText(o.u.attentionText(s))
	o.list.Refresh()
	// The hint is for a list there is.
	if len(o.rows) == 0 {
		o.hint.Hide()
	} else {
		o.hint.Show()
	}
	set(figDossiers, d.Dossiers.Open)
	o.labels[figDossiers].SetText(dossierCardText(d.Dossiers))
	set(figReranks, len(o.due))
	o.labels[figReranks].SetText(rerankCardText(o.due))

	r := d.Report
	var stars []barItem
	for k := 5; k >= 3; k-- {
		stars = append(stars, barItem{starsText(k), r.Stars[k], starTint(k)})
	}
	stars = append(stars, barItem{lang.L("trong đó hết hạn"), r.Expired, theme.Color(theme.ColorNameError)},
		barItem{lang.L("Chưa công nhận"), r.Uncertified, theme.Color(theme.ColorNameDisabled)})
	o.byStars.set(stars)
	var communes []barItem
	for _, c := range r.ByCommune {
		communes = append(communes, barItem{c.Name, c.Stars.Total(), theme.Color(theme.ColorNamePrimary)})
	}
	o.byCommune.set(communes)
	t := d.Training
	o.training.SetText(lang.L("{{.Courses}} lớp tập huấn\n{{.Times}} lượt người tham gia\n{{.People}} người được tập huấn\nNam {{.Men}}, nữ {{.Women}}",
		map[string]any{"Courses": t.Courses, "Times": t.ParticipantTimes, "People": t.People,
			"Men": t.ByGender[data.GenderMale], "Women": t.ByGender[data.GenderFemale]}))
}

// fitFigures sets the cards' figures in one size: smaller when one has
// five digits or more, so that seven cards still fit a 1024-pixel screen
// (a province's roll-up, a national one).
func (o *overviewScreen) fitFigures() {
	digits := 4
	for _, f := range o.figures {
		digits = max(digits, len(f.Text))
	}
	for _, f := range o.figures {
		f.TextSize = 120 / float32(digits)
		f.Refresh()
	}
}

// starTint is the green of k stars: darker for more stars, as in the
// summary report's chart.
func starTint(k int) color.Color {
	switch {
	case k >= 5:
		return green
	case k == 4:
		return color.NRGBA{R: 0x43, G: 0xa0, B: 0x47, A: 0xff}
	}
	return color.NRGBA{R: 0xa5, G: 0xd6, B: 0xa7, A: 0xff}
}

// attentionText is the expiry notice of the overview and of the start.
func (u *ui) attentionText(s data.Summary) string {
	if len(s.Attention) == 0 {
		return lang.L("Không có giấy chứng nhận nào sắp hết hạn hoặc đã hết hạn.")
	}
	return lang.L("Cần chú ý: {{.Expiring}} giấy chứng nhận sắp hết hạn trong {{.Days}} ngày tới, {{.Expired}} đã hết hạn.",
		map[string]any{"Expiring": s.ByStatus[data.StatusExpiring], "Days": u.settings.ExpiryWindowDays, "Expired": s.ByStatus[data.StatusExpired]})
}

// openFromAlert shows a product of an expiry notice: selected in the list,
// with its form open to add the re-evaluation.
func (u *ui) openFromAlert(id int64) {
	u.products.openProduct(id)
	u.openProductForm(id, 0)
}

// alertAtStart tells, when the program starts, which certificates are
// expiring or expired; each line opens its product.
func (u *ui) alertAtStart() {
	today := u.now()
	background(u, func(ctx context.Context) (data.Overview, error) {
		return u.store.Overview(ctx, today) // the summary Tổng quan shows, worked out once
	}, func(a data.Overview) {
		s := a.Summary
		if len(s.Attention) == 0 || u.modalOpen() {
			return
		}
		var f *formDialog
		list := widget.NewList(func() int { return len(s.Attention) },
			func() fyne.CanvasObject {
				return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), widget.NewLabel(""), widget.NewLabel(""))
			},
			func(i widget.ListItemID, o fyne.CanvasObject) {
				r := s.Attention[i]
				box := o.(*fyne.Container)
				name, ic, when := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Icon), box.Objects[2].(*widget.Label)
				name.Truncation = fyne.TextTruncateEllipsis
				name.SetText(r.Name + " — " + r.Producer)
				ic.SetResource(statusIcon(r.Status))
				when.Importance = statusImportance(r.Status)
				text := lang.L(r.Status.Label()) + " · " + data.VNDate(r.ValidUntil)
				if d, ok := a.DueFor(r.ID); ok {
					text += " · " + rerankText(d)
				}
				when.SetText(text)
			})
		list.OnSelected = func(i widget.ListItemID) {
			f.close()
			u.openFromAlert(s.Attention[i].ID)
		}
		notice := widget.NewLabelWithStyle(u.attentionText(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		notice.Wrapping = fyne.TextWrapWord
		hint := widget.NewLabel(lang.L("Bấm vào một dòng để mở sản phẩm và thêm quyết định đánh giá lại. Danh sách này luôn có ở màn hình Tổng quan."))
		hint.Wrapping = fyne.TextWrapWord
		f = u.newFormDialog(lang.L("Giấy chứng nhận cần chú ý"), container.NewBorder(container.NewVBox(notice, hint), nil, nil, nil, list),
			fyne.NewSize(760, 480), nil, nil)
		f.show()
		timing("expiry alert")
	})
}

// placeOf is the place name of dated lines: the office's place, else its province.
func placeOf(st data.Settings) string {
	if st.PlaceName != "" {
		return st.PlaceName
	}
	return st.Province
}

// dossierCardText is what the dossiers' card says under its figure.
func dossierCardText(s data.DossierSummary) string {
	if s.Overdue == 0 {
		return lang.L("Hồ sơ đang xử lý")
	}
	return lang.L("Hồ sơ đang xử lý, {{.N}} quá hạn", map[string]any{"N": s.Overdue})
}

// rerankCardText is what the re-ranking card says under its figure.
func rerankCardText(due []data.RerankDue) string {
	var missed int
	for _, r := range due {
		if r.State == data.RerankMissed {
			missed++
		}
	}
	if missed == 0 {
		return lang.L("Cần đánh giá lại")
	}
	return lang.L("Cần đánh giá lại, {{.N}} đã lỡ hạn", map[string]any{"N": missed})
}

// rerankText says where a certificate stands against its re-ranking window.
func rerankText(d data.RerankDue) string {
	switch d.State {
	case data.RerankOpen, data.RerankClosing:
		return lang.L("nộp hồ sơ đánh giá lại đến {{.Day}}", map[string]any{"Day": data.VNDate(d.Closes)})
	case data.RerankMissed:
		return lang.L("đã lỡ hạn nộp đánh giá lại ({{.Day}})", map[string]any{"Day": data.VNDate(d.Closes)})
	case data.RerankFiled:
		return lang.L("đã nộp hồ sơ đánh giá lại")
	case data.RerankNotYet:
		return lang.L("nộp hồ sơ đánh giá lại từ {{.Day}}", map[string]any{"Day": data.VNDate(d.Opens)})
	}
	return ""
}

// showReranks lists the certificates whose re-ranking window is open,
// closing or missed, each with the button that receives its re-ranking
// dossier, filled from the product.
func (u *ui) showReranks(due []data.RerankDue) {
	if u.modalOpen() {
		return
	}
	var f *formDialog
	list := widget.NewList(func() int { return len(due) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()),
				container.NewHBox(widget.NewLabel(""), widget.NewButton(lang.L("Tiếp nhận hồ sơ đánh giá lại"), nil),
					widget.NewButtonWithIcon(lang.L("Thông báo…"), theme.DocumentIcon(), nil)), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := due[i]
			box := o.(*fyne.Container)
			name, right := box.Objects[0].(*widget.Label), box.Objects[2].(*fyne.Container)
			when, start := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Button)
			name.SetText(d.Product.Name + " — " + d.Product.Producer)
			when.SetText(starsText(d.Product.Stars) + " · " + lang.L(d.State.Label()) + " · " + rerankText(d))
			when.Importance = widget.WarningImportance
			if d.State == data.RerankMissed {
				when.Importance = widget.DangerImportance
			}
			id, product := d.Product.ID, d.Product.Name
			start.OnTapped = func() {
				f.close()
				u.openNewDossier(id, data.KindRerank)
			}
			// The notice the commune sends the producer when its window opens.
			right.Objects[2].(*widget.Button).OnTapped = func() {
				u.saveAs(data.SafeFileName("Thong-bao-danh-gia-lai "+product+".docx"), ".docx", func(ctx context.Context, path string) (int, error) {
					return 1, outbox.ExportNotice(ctx, u.store, id, path)
				}, func(int) string {
					return lang.L("Đã ghi thông báo gửi chủ thể về thời gian nộp hồ sơ đánh giá lại:")
				})
			}
			u.editOnly(start)
		})
	intro := widget.NewLabel(lang.L("Chủ thể nộp hồ sơ đánh giá lại không sớm hơn 180 ngày và không muộn hơn 120 ngày trước khi giấy chứng nhận hết hạn (Điều 7, Quyết định 26/2026/QĐ-TTg)."))
	intro.Wrapping = fyne.TextWrapWord
	content := fyne.CanvasObject(list)
	if len(due) == 0 {
		content = widget.NewLabel(lang.L("Không có giấy chứng nhận nào đang trong thời gian nộp hồ sơ đánh giá lại."))
	}
	f = u.newFormDialog(lang.L("Đánh giá lại giấy chứng nhận"), container.NewBorder(intro, nil, nil, nil, content), fyne.NewSize(940, 520), nil, nil)
	u.lastForm = f
	f.show()
}
