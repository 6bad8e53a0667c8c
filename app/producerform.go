package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// producerForm adds or edits a producer (chủ thể) and lists its products.
type producerForm struct {
	u       *ui
	id      int64
	old     data.Producer
	f       *formDialog
	initial string

	name, address, rep, phone, regNo *textEntry
	kind                             *widget.Select
	commune                          *communeChoice
	fName, fKind                     *field
	types                            []data.ProducerType
	products                         []data.ProductRow
	productList                      *widget.List // the producer's products; a tap opens one
}

type producerFormData struct {
	types    []data.ProducerType
	communes []data.Commune
	producer data.Producer
	products []data.ProductRow
}

// openProducerForm opens the form for producer id, or a new producer when
// id is 0; saved runs after a successful save.
func (u *ui) openProducerForm(id int64, saved func(data.Producer)) {
	background(u, func(ctx context.Context) (producerFormData, error) {
		var d producerFormData
		var err error
		if d.types, err = u.store.ProducerTypes(ctx); err != nil {
			return d, err
		}
		if d.communes, err = u.store.Communes(ctx); err != nil {
			return d, err
		}
		if id != 0 {
			if d.producer, err = u.store.Producer(ctx, id); err != nil {
				return d, err
			}
			rows, err := u.store.Products(ctx, data.ProductQuery{AsOf: u.now()})
			if err != nil {
				return d, err
			}
			for _, r := range rows {
				if r.ProducerID == id {
					d.products = append(d.products, r)
				}
			}
		}
		return d, nil
	}, func(d producerFormData) {
		p := newProducerForm(u, id, d, saved)
		u.lastForm = p
		p.f.show()
		u.win.Canvas().Focus(p.name)
	})
}

func newProducerForm(u *ui, id int64, d producerFormData, saved func(data.Producer)) *producerForm {
	p := &producerForm{u: u, id: id, old: d.producer, types: d.types, products: d.products}
	entry := func(text, placeholder string) *textEntry {
		e := newTextEntry(u)
		e.SetPlaceHolder(placeholder)
		e.SetText(text)
		return e
	}
	pr := d.producer
	p.name = entry(pr.Name, lang.L("ví dụ: HTX Nông nghiệp Quốc Khánh"))
	p.name.OnChanged = func(string) { p.checkName() }
	p.address = entry(pr.Address, lang.L("thôn, xã (ghi cả tên cũ nếu có)"))
	p.rep = entry(pr.Representative, "")
	p.phone = entry(pr.Phone, "")
	p.regNo = entry(pr.RegistrationNo, "")

	var typeNames []string
	for _, t := range d.types {
		typeNames = append(typeNames, t.Name)
	}
	p.kind = newSelect(typeNames, nil)
	for i, t := range d.types {
		if t.Code == pr.Type {
			p.kind.SetSelectedIndex(i)
		}
	}
	// Covered communes first, then the rest of the province.
	p.commune = u.newCommuneChoice(d.communes, pr.CommuneID)

	p.fName = newField(lang.L("Tên chủ thể *"), p.name, "")
	p.fKind = newField(lang.L("Loại hình *"), p.kind, "")
	p.kind.OnChanged = func(string) { p.fKind.setError("") }
	form := formGrid(p.fName, p.fKind,
		newField(lang.L("Xã, phường"), p.commune.view, lang.L("Các xã thuộc địa bàn phụ trách đứng đầu danh sách")),
		newField(lang.L("Địa chỉ"), p.address, ""),
		newField(lang.L("Người đại diện"), p.rep, ""),
		newField(lang.L("Điện thoại"), p.phone, ""),
		newField(lang.L("Số đăng ký kinh doanh"), p.regNo, ""))
	p.initial = p.snapshot()

	title := lang.L("Thêm chủ thể")
	content := fyne.CanvasObject(container.NewVScroll(form))
	size := fyne.NewSize(760, 600)
	var extra []fyne.CanvasObject
	if id != 0 {
		title = lang.L("Chủ thể: {{.Name}}", map[string]any{"Name": pr.Name})
		// The producer's details beside its products, all in view.
		content = container.NewGridWithColumns(2, container.NewVScroll(form), p.productsBox())
		size = fyne.NewSize(1100, 560)
		extra = append(extra,
			widget.NewButtonWithIcon(lang.L("Nhật ký thay đổi…"), theme.HistoryIcon(), func() {
				u.showChangeLog(data.EntityProducer, id, p.name.Text)
			}),
			widget.NewButtonWithIcon(lang.L("Xóa chủ thể"), theme.DeleteIcon(), func() {
				p.f.close()
				u.deleteProducer(id, pr.Name)
			}))
		u.editOnly(extra[len(extra)-1])
	}
	save := func() {
		ok := p.checkName()
		if p.kind.SelectedIndex() < 0 {
			p.fKind.setError(lang.L("Bắt buộc chọn loại hình"))
			ok = false
		}
		if !ok {
			if p.fName.errorText() != "" {
				u.win.Canvas().Focus(p.name)
			}
			return
		}
		got := data.Producer{ID: id, Name: p.name.Text, Type: d.types[p.kind.SelectedIndex()].Code,
			Address: p.address.Text, Representative: p.rep.Text, Phone: p.phone.Text, RegistrationNo: p.regNo.Text}
		got.CommuneID = p.commune.id()
		background(u, func(ctx context.Context) (data.Producer, error) {
			if id == 0 {
				err := u.store.AddProducer(ctx, &got)
				return got, err
			}
			return got, u.store.UpdateProducer(ctx, got)
		}, func(got data.Producer) {
			p.f.close()
			if id == 0 {
				u.say(lang.L("Đã thêm chủ thể «{{.Name}}»", map[string]any{"Name": got.Name}))
			} else if p.snapshot() != p.initial {
				old := p.old
				u.pushUndo(tr("Đã sửa chủ thể «{{.Name}}»", map[string]any{"Name": got.Name}),
					func(ctx context.Context) error { return u.store.UpdateProducer(ctx, old) })
			}
			u.dataChanged()
			if saved != nil {
				saved(got)
			}
		})
	}
	p.f = u.newFormDialog(title, content, size, save,
		func() bool { return p.snapshot() != p.initial }, extra...)
	return p
}

func (p *producerForm) snapshot() string {
	return strings.Join([]string{p.name.Text, p.kind.Selected, p.commune.sel.Selected, p.address.Text, p.rep.Text,
		p.phone.Text, p.regNo.Text}, "\x00")
}

func (p *producerForm) checkName() bool {
	if viet.Clean(p.name.Text) == "" {
		p.fName.setError(lang.L("Bắt buộc nhập tên chủ thể"))
		return false
	}
	p.fName.setError("")
	return true
}

// productsBox lists the producer's products; a tap opens one.
func (p *producerForm) productsBox() fyne.CanvasObject {
	u := p.u
	list := widget.NewList(func() int { return len(p.products) },
		func() fyne.CanvasObject { return widget.NewLabel("SP") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := p.products[i]
			text := r.Name
			if r.Certified {
				text += " · " + starsText(r.Stars) + " · " + lang.L(r.Status.Label())
			} else {
				text += " · " + lang.L(r.Status.Label())
			}
			o.(*widget.Label).SetText(text)
		})
	p.productList = list
	// The product opens in the producer's place, after asking when the
	// producer's form has unsaved changes.
	list.OnSelected = func(i widget.ListItemID) {
		id := p.products[i].ID
		list.UnselectAll()
		p.f.closeThen(func() { u.openProductForm(id, 0) })
	}
	add := widget.NewButtonWithIcon(lang.L("Thêm sản phẩm của chủ thể này…"), theme.ContentAddIcon(), func() {
		p.f.closeThen(func() { u.openProductForm(0, p.id) })
	})
	u.editOnly(add)
	sub := count("{{.N}} sản phẩm", len(p.products))
	// Heading and count above, the add button below, and the list, as tall
	// as the form, in between.
	return container.NewBorder(section(lang.L("Sản phẩm"), sub, nil), add, nil, nil, list)
}
