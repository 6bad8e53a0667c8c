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

// communeChoice is a form's commune: "(chưa rõ)", then the communes
// covered first and the rest of the province, and a button for a commune
// of another province (a producer across the border), which joins the
// choice once picked.
type communeChoice struct {
	u    *ui
	sel  *widget.Select
	list []data.Commune // the options after the first, in order
	view fyne.CanvasObject
}

func (u *ui) newCommuneChoice(communes []data.Commune, selected int64) *communeChoice {
	c := &communeChoice{u: u, list: coveredFirst(communes)}
	names := []string{lang.L("(chưa rõ)")}
	for _, cm := range c.list {
		names = append(names, cm.Name)
	}
	c.sel = newSelect(names, nil)
	c.sel.SetSelectedIndex(0)
	for i, cm := range c.list {
		if cm.ID == selected {
			c.sel.SetSelectedIndex(i + 1)
		}
	}
	other := widget.NewButtonWithIcon(lang.L("Tỉnh khác…"), theme.SearchIcon(), c.elsewhere)
	other.Importance = widget.LowImportance
	c.view = container.NewBorder(nil, nil, nil, other, c.sel)
	return c
}

// id is the commune chosen, 0 for none.
func (c *communeChoice) id() int64 {
	if i := c.sel.SelectedIndex(); i > 0 && i <= len(c.list) {
		return c.list[i-1].ID
	}
	return 0
}

// elsewhere finds a commune anywhere in the country by its name (no marks
// needed) and chooses it.
func (c *communeChoice) elsewhere() {
	u := c.u
	type found struct {
		all    []data.Commune
		folded []string              // each commune with its province, folded once for the search
		res    *data.CommuneResolver // names a commune with its province
	}
	background(u, func(ctx context.Context) (found, error) {
		all, err := u.store.AllCommunes(ctx)
		if err != nil {
			return found{}, err
		}
		res, err := u.store.CommuneResolver(ctx)
		if err != nil {
			return found{}, err
		}
		folded := make([]string, len(all))
		for i, cm := range all {
			folded[i] = viet.Fold(res.Place(cm))
		}
		return found{all, folded, res}, nil
	}, func(f found) {
		all, folded, res := f.all, f.folded, f.res
		search := newTextEntry(u)
		search.SetPlaceHolder(lang.L("Gõ tên xã, phường hoặc tỉnh, ví dụ: thuan hanh lam dong"))
		var shown []data.Commune
		list := widget.NewList(func() int { return len(shown) }, truncatedLabel,
			func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(res.Place(shown[i])) })
		filter := func(q string) {
			shown = shown[:0]
			if q = viet.Fold(q); q != "" {
				for i, cm := range all {
					if viet.MatchesAll(folded[i], q) {
						shown = append(shown, cm)
						if len(shown) == 200 {
							break
						}
					}
				}
			}
			list.Refresh()
		}
		search.OnChanged = filter
		var d dialog.Dialog
		list.OnSelected = func(i widget.ListItemID) {
			cm := shown[i]
			d.Hide()
			for j, have := range c.list {
				if have.ID == cm.ID {
					c.sel.SetSelectedIndex(j + 1)
					return
				}
			}
			c.list = append(c.list, cm)
			c.sel.SetOptions(append(c.sel.Options, res.Place(cm)))
			c.sel.SetSelectedIndex(len(c.list))
		}
		d = dialog.NewCustom(lang.L("Xã, phường ở tỉnh khác"), lang.L("Đóng"),
			container.NewBorder(search, nil, nil, nil, list), u.win)
		d.Resize(fyne.NewSize(620, 460))
		d.Show()
		u.win.Canvas().Focus(search)
	})
}
