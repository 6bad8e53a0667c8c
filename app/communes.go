package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// communePicker lets the office tick the communes it covers among its
// province's, with a search box over their names and a way to add an old
// (pre-2025) name.
type communePicker struct {
	u        *ui
	view     fyne.CanvasObject
	search   *textEntry
	list     *widget.List
	count    *widget.Label
	all      []data.Commune
	shown    []int // indexes into all
	selected map[int64]bool
	province string // the code of the province listed
}

func newCommunePicker(u *ui) *communePicker {
	c := &communePicker{u: u, selected: map[int64]bool{}}
	c.search = newTextEntry(u)
	c.search.SetPlaceHolder(lang.L("Tìm xã, phường…"))
	c.search.OnChanged = func(string) { c.filter() }
	c.count = widget.NewLabel("")
	c.list = widget.NewList(func() int { return len(c.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			cm := c.all[c.shown[id]]
			check := o.(*widget.Check)
			check.OnChanged = nil
			check.SetText(cm.Kind + " " + cm.Name)
			check.SetChecked(c.selected[cm.ID])
			check.OnChanged = func(on bool) {
				c.selected[cm.ID] = on
				c.updateCount()
			}
		})
	add := widget.NewButtonWithIcon(lang.L("Thêm tên cũ…"), theme.ContentAddIcon(), c.addOld)
	c.u.editOnly(add)
	c.view = container.NewBorder(container.NewBorder(nil, nil, nil, add, c.search), c.count, nil, nil, c.list)
	return c
}

// load lists the communes of the province with code (and any the office
// covers elsewhere), those covered first and ticked.
func (c *communePicker) load(province string) {
	background(c.u, func(ctx context.Context) ([]data.Commune, error) {
		list, err := c.u.store.ProvinceCommunes(ctx, province)
		if err != nil {
			return nil, err
		}
		mine, err := c.u.store.Communes(ctx)
		seen := map[int64]bool{}
		for _, cm := range list {
			seen[cm.ID] = true
		}
		for _, cm := range mine {
			if cm.Covered && !seen[cm.ID] {
				list = append(list, cm)
			}
		}
		return list, err
	}, func(all []data.Commune) {
		// The communes already covered come first, so the office sees its area at once.
		c.all = coveredFirst(all)
		c.selected = map[int64]bool{}
		for _, cm := range all {
			if cm.Covered {
				c.selected[cm.ID] = true
			}
		}
		c.province = province
		c.filter()
	})
}

func (c *communePicker) filter() {
	q := viet.Fold(c.search.Text)
	c.shown = c.shown[:0]
	for i, cm := range c.all {
		if viet.MatchesAll(viet.Fold(cm.Kind+" "+cm.Name), q) {
			c.shown = append(c.shown, i)
		}
	}
	c.list.Refresh()
	c.updateCount()
}

func (c *communePicker) updateCount() {
	c.count.SetText(lang.L("Đơn vị phụ trách {{.N}} xã, phường", map[string]any{"N": len(c.ids())}))
}

func (c *communePicker) ids() []int64 {
	var ids []int64
	for _, cm := range c.all {
		if c.selected[cm.ID] {
			ids = append(ids, cm.ID)
		}
	}
	return ids
}

// addOld adds a commune name that is not in the list, such as one that
// existed before the 2025 reorganisation and still appears in old records.
func (c *communePicker) addOld() {
	name := newTextEntry(c.u)
	name.SetPlaceHolder(lang.L("ví dụ: Thất Khê (cũ)"))
	kind := newSelect([]string{"xã", "phường", "thị trấn"}, nil)
	kind.SetSelected("xã")
	d := dialog.NewForm(lang.L("Thêm xã, phường"), lang.L("Thêm"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Tên"), name), widget.NewFormItem(lang.L("Loại"), kind),
	}, func(ok bool) {
		if !ok {
			return
		}
		cm := data.Commune{Name: name.Text, Kind: kind.Selected, ProvinceCode: c.province, Covered: true}
		background(c.u, func(ctx context.Context) (int64, error) { return c.u.store.AddCommune(ctx, cm) }, func(id int64) {
			c.selected[id] = true
			selected := c.selected
			background(c.u, c.u.store.Communes, func(all []data.Commune) {
				c.all, c.selected = all, selected
				c.filter()
			})
		})
	}, c.u.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height)) // room for the hint
	d.Show()
}

// coveredFirst orders communes with the office's own first, then the rest
// of the province, each in the order given.
func coveredFirst(communes []data.Commune) []data.Commune {
	var out []data.Commune
	for _, covered := range []bool{true, false} {
		for _, c := range communes {
			if c.Covered == covered {
				out = append(out, c)
			}
		}
	}
	return out
}

// communeSelect is a form's commune choice: "(chưa rõ)", then the communes
// covered first, with selected (an id, 0 for none) chosen. It returns the
// select and the communes in the order of its options after the first.
func communeSelect(communes []data.Commune, selected int64) (*widget.Select, []data.Commune) {
	ordered := coveredFirst(communes)
	names := []string{lang.L("(chưa rõ)")}
	for _, c := range ordered {
		names = append(names, c.Name)
	}
	sel := newSelect(names, nil)
	sel.SetSelectedIndex(0)
	for i, c := range ordered {
		if c.ID == selected {
			sel.SetSelectedIndex(i + 1)
		}
	}
	return sel, ordered
}
