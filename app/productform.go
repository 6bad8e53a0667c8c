package app

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// productForm adds or edits a product. A new product may be entered with
// its first recognition decision; an existing one shows its history of
// decisions, where a re-evaluation is added.
type productForm struct {
	u       *ui
	id      int64 // 0 for a new product
	old     data.Product
	f       *formDialog
	initial string

	name, note     *textEntry
	producer       *choiceEntry
	set            *widget.Select
	fName, fProd   *field
	fSet, fNote    *field
	producers      []data.ProducerRow
	producerByText map[string]int64
	setCodes       []string // parallel to set's options; "" for none
	cert           *certFields

	history     []data.Certification
	historyList *widget.List
	picked      int // selected history row, -1 for none
	dossiers    []data.DossierRow
}

// productFormData is what the form needs from the store, loaded off the UI thread.
type productFormData struct {
	producers []data.ProducerRow
	classes   []data.Class
	rules     data.Rules
	product   data.Product
	history   []data.Certification
	dossiers  []data.DossierRow
}

// openProductForm opens the form for product id, or a new product when id
// is 0 (producerID, when not 0, is preselected).
func (u *ui) openProductForm(id, producerID int64) {
	if u.modalOpen() {
		return
	}
	background(u, func(ctx context.Context) (productFormData, error) {
		var d productFormData
		var err error
		if d.producers, err = u.store.Producers(ctx); err != nil {
			return d, err
		}
		// The set names of the rule in force today (26/2026 renamed a few).
		if d.classes, err = u.store.ClassificationOn(ctx, u.now()); err != nil {
			return d, err
		}
		if d.rules, err = u.store.Rules(ctx); err != nil {
			return d, err
		}
		if id != 0 {
			if d.product, err = u.store.Product(ctx, id); err != nil {
				return d, err
			}
			if d.history, err = u.store.Certifications(ctx, id); err != nil {
				return d, err
			}
			d.dossiers, err = u.store.Dossiers(ctx, data.DossierQuery{ProductID: id, AsOf: u.now()})
		} else {
			d.product.ProducerID = producerID
		}
		return d, err
	}, func(d productFormData) {
		p := newProductForm(u, id, d)
		u.lastForm = p
		p.show()
	})
}

func newProductForm(u *ui, id int64, d productFormData) *productForm {
	p := &productForm{u: u, id: id, old: d.product, history: d.history, picked: -1, dossiers: d.dossiers}
	p.name = newTextEntry(u)
	p.name.SetPlaceHolder(lang.L("ví dụ: Thạch đen Tràng Định"))
	p.name.OnChanged = func(string) { p.checkName() }
	p.note = newTextEntry(u)
	p.note.MultiLine = true
	p.note.Wrapping = fyne.TextWrapWord
	p.note.SetMinRowsVisible(2)

	p.setProducers(d.producers)
	p.producer = newChoiceEntry(u)
	p.producer.SetPlaceHolder(lang.L("gõ vài chữ của tên để lọc, rồi ↓ để chọn"))
	p.producer.OnChanged = func(s string) { p.filterProducers(s); p.fProd.setError("") }
	p.filterProducers("")
	newProducer := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
		u.openProducerForm(0, func(pr data.Producer) {
			background(u, u.store.Producers, func(rows []data.ProducerRow) {
				p.setProducers(rows)
				p.selectProducer(pr.ID)
			})
		})
	})
	u.editOnly(newProducer)

	setNames := []string{lang.L("(chưa phân loại)")}
	p.setCodes = []string{""}
	for _, c := range d.classes {
		if c.Level == "bo" {
			setNames = append(setNames, c.Code+" – "+c.Name)
			p.setCodes = append(p.setCodes, c.Code)
		}
	}
	p.set = newSelect(setNames, nil)
	p.set.SetSelectedIndex(0)

	p.fName = newField(lang.L("Tên sản phẩm *"), p.name, "")
	p.fProd = newField(lang.L("Chủ thể *"), container.NewBorder(nil, nil, nil, newProducer, p.producer),
		lang.L("Chưa có trong danh sách? Bấm + để thêm chủ thể mới"))
	p.fSet = newField(lang.L("Bộ sản phẩm"), p.set, lang.L("Theo Phụ lục I, {{.Rule}}", map[string]any{"Rule": d.rules.RuleName(u.now())}))
	p.fNote = newField(lang.L("Ghi chú"), p.note, "")

	p.name.SetText(d.product.Name)
	p.note.SetText(d.product.Note)
	p.selectProducer(d.product.ProducerID)
	for i, c := range p.setCodes {
		if c == d.product.SetCode && c != "" {
			p.set.SetSelectedIndex(i)
		}
	}
	p.fName.setError("")

	productBox := section(lang.L("Sản phẩm"), "", formGrid(p.fName, p.fProd, p.fSet, p.fNote))
	var second fyne.CanvasObject
	title := lang.L("Thêm sản phẩm")
	var extra []fyne.CanvasObject
	if id == 0 {
		p.cert = newCertFields(u, d.rules, true)
		p.cert.initial = p.cert.snapshot()
		second = section(lang.L("Quyết định công nhận"), lang.L("Để trống cả phần này nếu sản phẩm chưa được công nhận; khi đã nhập quyết định, các ô có dấu * là bắt buộc"), p.cert.view)
	} else {
		title = lang.L("Sản phẩm: {{.Name}}", map[string]any{"Name": d.product.Name})
		second = container.NewVBox(p.historyBox(), p.dossierBox())
		extra = append(extra,
			// A what-if on the set chosen in the form, saved or not.
			widget.NewButtonWithIcon(lang.L("Tự đánh giá…"), theme.ListIcon(), func() {
				u.openScoreSheet(p.setCodes[max(0, p.set.SelectedIndex())], p.name.Text, u.now())
			}),
			widget.NewButtonWithIcon(lang.L("Nhật ký thay đổi…"), theme.HistoryIcon(), func() {
				u.showChangeLog(data.EntityProduct, id, p.name.Text)
			}),
			widget.NewButtonWithIcon(lang.L("Xóa sản phẩm"), theme.DeleteIcon(), func() {
				p.f.close()
				u.deleteProduct(id, d.product.Name)
			}))
		u.editOnly(extra[len(extra)-1])
	}
	p.initial = p.snapshot()
	// Two columns, so that the whole form fits a 1366×768 screen without scrolling.
	content := container.NewVScroll(container.NewGridWithColumns(2, container.NewVBox(productBox), second))
	p.f = u.newFormDialog(title, content, fyne.NewSize(1120, 600), p.save, p.changed, extra...)
	p.f.onClose = func() { u.formRefresh = nil }
	return p
}

func (p *productForm) show() {
	p.f.show()
	p.u.win.Canvas().Focus(p.name)
}

// setProducers keeps the producers the form can choose from, named so that
// two of the same name in different communes can be told apart.
func (p *productForm) setProducers(rows []data.ProducerRow) {
	p.producers = rows
	p.producerByText = map[string]int64{}
	for _, r := range rows {
		p.producerByText[producerText(r)] = r.ID
	}
}

func producerText(r data.ProducerRow) string {
	if r.Commune != "" {
		return r.Name + " – " + r.Commune
	}
	return r.Name
}

// filterProducers offers the producers whose name matches what is typed.
func (p *productForm) filterProducers(typed string) {
	if _, exact := p.producerByText[typed]; exact {
		return
	}
	q := viet.Fold(typed)
	var opts []string
	for _, r := range p.producers {
		if viet.MatchesAll(viet.Fold(producerText(r)), q) {
			opts = append(opts, producerText(r))
			if len(opts) == 50 {
				break
			}
		}
	}
	p.producer.SetOptions(opts)
}

func (p *productForm) selectProducer(id int64) {
	for _, r := range p.producers {
		if r.ID == id {
			p.producer.SetText(producerText(r))
		}
	}
}

// producerID returns the chosen producer: the option picked, or the one
// producer whose name is exactly what was typed.
func (p *productForm) producerID() int64 {
	typed := strings.TrimSpace(p.producer.Text)
	if id, ok := p.producerByText[typed]; ok {
		return id
	}
	var found int64
	for _, r := range p.producers {
		if viet.Fold(r.Name) == viet.Fold(typed) {
			if found != 0 {
				return 0 // two of that name: the user must pick
			}
			found = r.ID
		}
	}
	return found
}

func (p *productForm) snapshot() string {
	return strings.Join([]string{p.name.Text, p.producer.Text, p.set.Selected, p.note.Text}, "\x00")
}

func (p *productForm) changed() bool {
	return p.snapshot() != p.initial || (p.cert != nil && p.cert.changed())
}

func (p *productForm) checkName() bool {
	if viet.Clean(p.name.Text) == "" {
		p.fName.setError(lang.L("Bắt buộc nhập tên sản phẩm"))
		return false
	}
	p.fName.setError("")
	return true
}

// save validates the form, shows each problem beside its field, and stores
// the product when all is well.
func (p *productForm) save() {
	u := p.u
	ok := p.checkName()
	pr := data.Product{ID: p.id, Name: p.name.Text, ProducerID: p.producerID(), Note: p.note.Text,
		SetCode: p.setCodes[max(0, p.set.SelectedIndex())]}
	if pr.ProducerID == 0 {
		msg := lang.L("Chọn chủ thể trong danh sách (gõ để lọc), hoặc bấm + để thêm chủ thể mới")
		if strings.TrimSpace(p.producer.Text) == "" {
			msg = lang.L("Bắt buộc chọn chủ thể")
		}
		p.fProd.setError(msg)
		ok = false
	}
	var cert *data.Certification
	if p.cert != nil && !p.cert.empty() {
		c, certOK := p.cert.get()
		ok = ok && certOK
		cert = &c
	}
	if !ok {
		switch {
		case p.fName.errorText() != "":
			u.win.Canvas().Focus(p.name)
		case p.fProd.errorText() != "":
			u.win.Canvas().Focus(p.producer)
		case p.cert != nil:
			if w := p.cert.firstError(); w != nil {
				u.win.Canvas().Focus(w)
			}
		}
		return
	}
	store := func() {
		background(u, func(ctx context.Context) (int64, error) {
			if p.id == 0 {
				err := u.store.AddProduct(ctx, &pr, cert)
				return pr.ID, err
			}
			return pr.ID, u.store.UpdateProduct(ctx, pr)
		}, func(id int64) {
			p.f.close()
			if p.id == 0 {
				u.say(lang.L("Đã thêm sản phẩm «{{.Name}}»", map[string]any{"Name": viet.Clean(pr.Name)}))
			} else if p.snapshot() != p.initial {
				old := p.old
				u.pushUndo(tr("Đã sửa sản phẩm «{{.Name}}»", map[string]any{"Name": viet.Clean(pr.Name)}),
					func(ctx context.Context) error { return u.store.UpdateProduct(ctx, old) })
			}
			u.products.openProduct(id)
		})
	}
	if cert != nil {
		p.cert.confirmStars(*cert, store)
		return
	}
	store()
}

// dossierBox lists the product's dossiers, each opening its form, with the
// button that receives a new one (đánh giá lại for a certified product).
func (p *productForm) dossierBox() fyne.CanvasObject {
	u := p.u
	kind := data.KindFirst
	if len(p.history) > 0 {
		kind = data.KindRerank
	}
	add := widget.NewButtonWithIcon(lang.L("Tiếp nhận hồ sơ…"), theme.ContentAddIcon(), func() {
		p.f.closeThen(func() { u.openNewDossier(p.id, kind) })
	})
	u.editOnly(add)
	lines := container.NewVBox(container.NewHBox(add))
	if len(p.dossiers) == 0 {
		lines.Add(widget.NewLabel(lang.L("Chưa có hồ sơ nào.")))
	}
	for _, d := range p.dossiers {
		id := d.ID
		text := orDash(d.Receipt.String()) + " · " + lang.L(d.Kind.Label()) + " · " + data.VNDate(d.Received) + " · " + lang.L(d.Status.Label())
		if dl := deadlineText(d.Deadline); dl != "" {
			text += " · " + dl
		}
		// A line that does not fit ends in "…" rather than widening the form.
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if d.Deadline.Overdue > 0 {
			l.Importance = widget.DangerImportance
		}
		b := widget.NewButtonWithIcon(lang.L("Mở"), theme.FolderOpenIcon(), func() { p.f.closeThen(func() { u.openDossier(id) }) })
		b.Importance = widget.LowImportance
		lines.Add(container.NewBorder(nil, nil, nil, b, l))
	}
	return section(lang.L("Hồ sơ đánh giá"), lang.L("Hồ sơ chủ thể nộp tại xã, từ tiếp nhận đến kết quả"), lines)
}

// historyBox lists the product's decisions, newest (current) first, with
// buttons to add a re-evaluation, correct or delete one.
func (p *productForm) historyBox() fyne.CanvasObject {
	u := p.u
	p.historyList = widget.NewList(func() int { return len(p.history) },
		func() fyne.CanvasObject {
			title, detail := widget.NewLabel("QĐ"), widget.NewLabel("")
			title.Truncation, detail.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-12), title, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			title, detail := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
			c := p.history[i]
			text := certTitle(c)
			if i == 0 {
				text = lang.L("Hiện hành: ") + text
			}
			title.TextStyle.Bold = i == 0
			title.SetText(text)
			detail.SetText(certDetail(c))
		})
	edit := widget.NewButtonWithIcon(lang.L("Sửa…"), theme.DocumentCreateIcon(), nil)
	del := widget.NewButtonWithIcon(lang.L("Xóa"), theme.DeleteIcon(), nil)
	edit.Disable()
	del.Disable()
	p.historyList.OnSelected = func(i widget.ListItemID) { p.picked = i; edit.Enable(); del.Enable(); u.keepEsc() }
	p.historyList.OnUnselected = func(widget.ListItemID) { p.picked = -1; edit.Disable(); del.Disable() }
	reload := func() {
		background(u, func(ctx context.Context) ([]data.Certification, error) { return u.store.Certifications(ctx, p.id) },
			func(h []data.Certification) {
				p.history = h
				p.historyList.UnselectAll()
				p.historyList.Refresh()
			})
	}
	// Deleting, undoing or adding a decision reloads the list.
	u.formRefresh = reload
	add := widget.NewButtonWithIcon(lang.L("Thêm đánh giá lại…"), theme.ContentAddIcon(), func() {
		u.openCertForm(p.name.Text, data.Certification{ProductID: p.id}, u.dataChanged)
	})
	u.editOnly(add, del)
	edit.OnTapped = func() {
		if p.picked >= 0 {
			u.openCertForm(p.name.Text, p.history[p.picked], u.dataChanged)
		}
	}
	del.OnTapped = func() {
		if p.picked < 0 {
			return
		}
		c := p.history[p.picked]
		u.confirmDelete(trashRef{"certification", c.ID}, lang.L("quyết định {{.Line}}", map[string]any{"Line": certLine(c)}),
			tr("Đã xóa quyết định {{.No}}", map[string]any{"No": orDash(c.DecisionNo)}),
			func(ctx context.Context) error { return u.store.DeleteCertification(ctx, c.ID) },
			func(ctx context.Context) error { return u.store.RestoreCertification(ctx, c.ID) })
	}
	empty := widget.NewLabel(lang.L("Chưa có quyết định công nhận nào."))
	if len(p.history) > 0 {
		empty.Hide()
	}
	height := canvas.NewRectangle(color.Transparent)
	height.SetMinSize(fyne.NewSize(0, 4*60))
	list := container.NewStack(height, p.historyList)
	return section(lang.L("Lịch sử công nhận"), lang.L("Quyết định mới nhất là hiện hành; danh sách sản phẩm hiển thị quyết định này"),
		container.NewVBox(container.NewHBox(add, edit, del), empty, list))
}
