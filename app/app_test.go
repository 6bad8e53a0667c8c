package app

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// newTestUI opens the main window on a fresh database (with the demo data
// when demo is true) in Fyne's test driver.
func newTestUI(t *testing.T, demo bool) *ui {
	t.Helper()
	u := newUnbuiltTestUI(t, demo)
	onUI(func() { u.win.SetContent(u.build()) })
	return u
}

// newUnbuiltTestUI is newTestUI before the window's content is built.
func newUnbuiltTestUI(t *testing.T, demo bool) *ui {
	t.Helper()
	a := test.NewTempApp(t)
	// Cleanups run last-registered first: let background work end before
	// the test app is torn down.
	t.Cleanup(pending.Wait)
	setLanguage("vi")
	store, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	today := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	if demo {
		if _, err := store.FillDemo(context.Background(), today); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := store.Settings(context.Background())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 700))
	u := newUI(a, w, store, Options{Version: "test"}, st)
	u.now = func() time.Time { return today }
	return u
}

// uiMu stands in for Fyne's UI thread, which the test driver does not have.
var uiMu sync.Mutex

func init() {
	// Status messages outlive a test: one clearing itself in the next
	// test's app would race with it. Only TestStatusMessagesClear waits.
	messageLife = 24 * time.Hour
	doUI = func(f func()) {
		uiMu.Lock()
		defer uiMu.Unlock()
		f()
	}
}

// onUI runs f as if on the UI thread.
func onUI(f func()) { doUI(f) }

// eventually waits for cond, which background loads make true a moment later.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		onUI(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestOverviewShowsFigures(t *testing.T) {
	u := newTestUI(t, true)
	o := u.overview
	eventually(t, "overview figures", func() bool { return o.figures[figProducts].Text == "24" })
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{AsOf: u.now()})
	sum := data.Summarize(rows)
	for key, want := range map[string]int{figValid: sum.ByStatus[data.StatusValid], figExpiring: sum.ByStatus[data.StatusExpiring],
		figExpired: sum.ByStatus[data.StatusExpired], figProducers: 10} {
		if got := o.figures[key].Text; got != strconv.Itoa(want) {
			t.Errorf("figure %s = %s, want %d", key, got, want)
		}
	}
	if !strings.Contains(o.notice.Text, "Cần chú ý") || len(o.rows) != len(sum.Attention) {
		t.Errorf("notice %q with %d rows, want %d", o.notice.Text, len(o.rows), len(sum.Attention))
	}
	// The charts show the summary report's figures for the period ending today.
	rep, _ := u.store.Summary(context.Background(), data.Span(u.now(), u.now()))
	eventually(t, "charts", func() bool {
		return len(o.byCommune.items) == len(rep.ByCommune) && strings.HasPrefix(o.training.Text, "3 lớp tập huấn")
	})
	onUI(func() {
		row := o.byStars.box.Objects[1].(*fyne.Container) // 4 sao
		if got := row.Objects[2].(*widget.Label).Text; got != strconv.Itoa(rep.Stars[4]) {
			t.Errorf("4-star bar says %s, the summary %d", got, rep.Stars[4])
		}
	})
	if o.date.Text != "Thất Khê, ngày 28 tháng 11 năm 2026" {
		t.Errorf("date line %q", o.date.Text)
	}
	// Tapping a notice opens the product: selected in the list, its form open.
	first := o.rows[0]
	onUI(func() { o.list.Select(0) })
	p := u.products
	eventually(t, "product selected", func() bool {
		return u.current == screenProducts && p.list.selected >= 0 && p.rows.At(p.list.selected).ID == first.ID
	})
	eventually(t, "product form", func() bool {
		f, ok := u.lastForm.(*productForm)
		return ok && f.id == first.ID && u.modalOpen()
	})
}

func TestProductListSearchFilterSort(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducts) })
	p := u.products
	eventually(t, "25 products", func() bool { return p.footer.Text == "25 / 25 sản phẩm" })

	onUI(func() { test.Type(p.search, "thach den trang dinh") })
	eventually(t, "search result", func() bool { return p.rows.Len() == 1 && p.footer.Text == "1 / 25 sản phẩm" })
	if p.rows.At(0).Name != "Thạch đen Tràng Định" {
		t.Errorf("search found %q", p.rows.At(0).Name)
	}
	if got := p.cell(0, colStars).text; got != "4 sao" {
		t.Errorf("stars cell %q", got)
	}

	onUI(func() { p.search.SetText("") })
	onUI(func() { p.status.SetSelectedIndex(3) }) // Hết hạn
	all, _ := u.store.Products(context.Background(), data.ProductQuery{AsOf: u.now()})
	expired := data.Summarize(all).ByStatus[data.StatusExpired]
	want := strconv.Itoa(expired) + " / 25 sản phẩm"
	eventually(t, "expired filter", func() bool { return p.footer.Text == want })
	for i := range p.rows.Len() {
		r := p.rows.At(i)
		if r.Status != data.StatusExpired {
			t.Errorf("%s shown under Hết hạn with status %s", r.Name, r.Status)
		}
		c := p.cell(i, colStatus)
		if c.text != "Hết hạn" || c.icon == nil || c.importance != widget.DangerImportance {
			t.Errorf("expired row cell = %+v: needs a word, an icon and a colour", c)
		}
	}

	// Sorting by score, descending on the second tap.
	onUI(func() { p.status.SetSelectedIndex(0) })
	onUI(func() { p.list.sortBy(colScore) })
	onUI(func() { p.list.sortBy(colScore) })
	eventually(t, "sorted by score", func() bool {
		return p.rows.Len() == 25 && p.rows.At(0).Name == "Chè Shan tuyết Kháng Chiến"
	})
	for i := 1; i < p.rows.Len(); i++ {
		if p.rows.At(i).Score > p.rows.At(i-1).Score {
			t.Fatalf("not descending at %d: %v after %v", i, p.rows.At(i).Score, p.rows.At(i-1).Score)
		}
	}
}

func TestProducersScreen(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducers) })
	p := u.producers
	eventually(t, "producers", func() bool { return p.footer.Text == "10 / 10 chủ thể" })
	onUI(func() { test.Type(p.search, "tan tien") })
	eventually(t, "producer search", func() bool { return len(p.rows) == 1 })
	if p.rows[0].Name != "HTX Hồi Quế Tân Tiến" || p.rows[0].Products != 3 {
		t.Errorf("found %+v", p.rows[0])
	}
	// Mở and Xóa act on the selected row: offered only while there is one.
	rowButtons := func() (open, del bool) {
		onUI(func() {
			objs := []fyne.CanvasObject{p.view}
			open, del = buttonIn(objs, "Mở (Enter)") != nil, buttonIn(objs, "Xóa (Delete)") != nil
		})
		return
	}
	if open, del := rowButtons(); open || del {
		t.Errorf("with no row selected: Mở enabled %v, Xóa enabled %v", open, del)
	}
	onUI(func() { p.list.selectRow(0) })
	if open, del := rowButtons(); !open || !del {
		t.Errorf("with a row selected: Mở enabled %v, Xóa enabled %v", open, del)
	}
	onUI(func() { test.Type(p.search, "x") })
	eventually(t, "the search narrowed", func() bool { return len(p.rows) == 0 })
	if open, _ := rowButtons(); open {
		t.Error("Mở still enabled after the selected row went away")
	}
}

func TestFirstStartAsksForOffice(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() {
		if u.office.Text != "Chưa nhập thông tin đơn vị" {
			t.Errorf("sidebar says %q before set-up", u.office.Text)
		}
		u.showFirstStart()
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatal("no first-start dialog")
		}
		// Saving without an office name is refused with the reason.
		if _, err := newOfficeForm(u).get(); err == nil {
			t.Error("an empty office form was accepted")
		}
		form := newOfficeForm(u)
		form.set(u.settings)
		form.office.SetText("PHÒNG KINH TẾ")
		form.parent.SetText("UBND XÃ ĐOÀN KẾT")
		st, err := form.get()
		if err != nil {
			t.Fatal(err)
		}
		if err := u.store.SaveSettings(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		u.settingsChanged(st)
		if u.office.Text != "UBND XÃ ĐOÀN KẾT\nPHÒNG KINH TẾ" {
			t.Errorf("sidebar says %q", u.office.Text)
		}
	})
}

// snapshot saves the window as drawn, in the program's theme, into the
// folder OCOP_SHOT_DIR when it is set: pictures to look at and for the
// README (OCOP_SHOT_DIR=$PWD/assets/screenshots go test ./app -run X).
func snapshot(u *ui, name string) {
	dir := os.Getenv("OCOP_SHOT_DIR")
	if dir == "" {
		return
	}
	onUI(func() {
		u.app.Settings().SetTheme(ocopTheme{})
		out, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return
		}
		png.Encode(out, u.win.Canvas().Capture())
		out.Close()
	})
}

// Every screen fits a 1024×768 screen: the window never has to grow past it.
func TestScreensFitA1024Screen(t *testing.T) {
	u := newTestUI(t, true)
	for i := range u.screens {
		onUI(func() {
			u.app.Settings().SetTheme(ocopTheme{})
			u.show(i)
		})
		pending.Wait() // measured with its data in: the figures and lists widen a screen
		onUI(func() {
			if m := u.win.Content().MinSize(); m.Width > 1000 || m.Height > 700 {
				t.Errorf("%s needs %.0f×%.0f", u.screens[i].title, m.Width, m.Height)
			}
		})
	}
}

// Tổng quan with a national roll-up's figures (six digits) still fits: the
// cards' figures get smaller, the charts' bars shorter.
func TestOverviewOfALargeRollUpFitsA1024Screen(t *testing.T) {
	u := newTestUI(t, true)
	pending.Wait()
	big := data.Overview{Producers: 25010}
	big.Summary = data.Summary{Products: 100024, Certified: 100024,
		ByStatus: map[data.Status]int{data.StatusValid: 28035, data.StatusExpiring: 8376, data.StatusExpired: 63613}}
	big.Report = data.ReportSummary{Stars: data.StarCounts{3: 33349, 4: 33341, 5: 33334}, Expired: 63613, Uncertified: 1,
		ByCommune: []data.NamedCount{{Name: "Hoàng Văn Thụ", Stars: data.StarCounts{3: 154000}}}}
	big.Dossiers = data.DossierSummary{Open: 12345, Overdue: 2345}
	for i := range 16565 {
		big.Reranks = append(big.Reranks, data.RerankDue{State: []data.RerankState{data.RerankMissed, data.RerankOpen}[i%2]})
	}
	onUI(func() {
		u.app.Settings().SetTheme(ocopTheme{})
		u.show(screenOverview)
		u.overview.show(big)
		if m := u.win.Content().MinSize(); m.Width > 1000 {
			t.Errorf("Tổng quan with six-digit figures needs %.0f wide", m.Width)
		}
		if f := u.overview.figures[figProducts]; f.Text != "100024" || f.TextSize >= 30 {
			t.Errorf("products card %q in %.0f-point type", f.Text, f.TextSize)
		}
	})
}

// cutOff lists the buttons and entries, among objs, whose right end lies
// past width (a window's edge): on screen they are cut off.
func cutOff(objs []fyne.CanvasObject, width float32) []string {
	var out []string
	d := fyne.CurrentApp().Driver()
	var inScroll []fyne.CanvasObject // tables' and lists' cells scroll; they are not cut off
	eachObject(objs, func(o fyne.CanvasObject) {
		switch o.(type) {
		case *widget.Table, *widget.List, *keyTable:
			inScroll = append(inScroll, o)
		}
	})
	inside := func(o fyne.CanvasObject) bool {
		p, s := d.AbsolutePositionForObject(o), o.Size()
		for _, sc := range inScroll {
			q, ss := d.AbsolutePositionForObject(sc), sc.Size()
			if p.X >= q.X && p.Y >= q.Y && p.Y+s.Height <= q.Y+ss.Height+1 {
				return true
			}
		}
		return false
	}
	eachObject(objs, func(o fyne.CanvasObject) {
		if !o.Visible() || inside(o) {
			return
		}
		// A scroll that scrolls only up and down cuts off what is wider than it.
		if sc, ok := o.(*container.Scroll); ok && sc.Direction == container.ScrollVerticalOnly && sc.Content != nil {
			if need := sc.Content.MinSize().Width; need > sc.Size().Width+1 {
				out = append(out, fmt.Sprintf("a form %.0f wide in %.0f", need, sc.Size().Width))
			}
			return
		}
		name := ""
		switch w := o.(type) {
		case *widget.Button:
			name = "button " + w.Text
		case *widget.Select:
			name = "choice " + w.Selected
		case *textEntry:
			name = "entry " + w.PlaceHolder
		default:
			return
		}
		if x := d.AbsolutePositionForObject(o).X + o.Size().Width; x > width+1 {
			out = append(out, fmt.Sprintf("%s (right end at %.0f)", name, x))
		}
	})
	return out
}

// At 1024×768 the window opens 1008 wide: nothing on any screen is cut
// off at its right edge ("Xuất Excel…" and "Bỏ lọc" were).
func TestNothingCutOffOnA1024Screen(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.win.Resize(windowSize(fyne.NewSize(1024, 728))) })
	for i := range u.screens {
		onUI(func() {
			u.show(i)
			w := u.win.Canvas().Size().Width
			if bad := cutOff([]fyne.CanvasObject{u.win.Content()}, w); len(bad) > 0 {
				t.Errorf("%s, %.0f wide: %v", u.screens[i].title, w, bad)
			}
		})
	}
	// The first-start dialog.
	onUI(func() { u.showFirstStart() })
	eventually(t, "first start", func() bool { fs, _ := u.lastForm.(*firstStart); return fs != nil && len(fs.form.provinces) > 0 })
	onUI(func() {
		w := u.win.Canvas().Size().Width
		if bad := cutOff([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, w); len(bad) > 0 {
			t.Errorf("first start: %v", bad)
		}
		u.win.Canvas().Overlays().Top().Hide()
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	})
	// A course's page.
	openDemoCourse(t, u, "Phát triển sản phẩm")
	onUI(func() {
		w := u.win.Canvas().Size().Width
		if bad := cutOff([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, w); len(bad) > 0 {
			t.Errorf("course page: %v", bad)
		}
	})
}

// The first start asks for the province first, then offers its communes:
// an office of Lâm Đồng finds Thuận Hạnh, not Lạng Sơn's communes, and
// its reports then carry its province.
func TestFirstStartChoosesTheProvince(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() { u.showFirstStart() })
	var fs *firstStart
	eventually(t, "first start", func() bool {
		fs, _ = u.lastForm.(*firstStart)
		return fs != nil && len(fs.form.provinces) == 34 && len(fs.communes.all) > 0
	})
	has := func(name string) bool {
		for _, i := range fs.communes.shown {
			if fs.communes.all[i].Name == name {
				return true
			}
		}
		return false
	}
	onUI(func() {
		if fs.form.province.Selected != "Tỉnh Lạng Sơn" || !has("Thất Khê") {
			t.Errorf("before a choice: %q, Thất Khê listed %v", fs.form.province.Selected, has("Thất Khê"))
		}
		fs.form.province.SetSelected("Tỉnh Lâm Đồng")
	})
	eventually(t, "Lâm Đồng's communes", func() bool { return fs.communes.province == "68" && has("Thuận Hạnh") && !has("Thất Khê") })
	onUI(func() {
		fs.communes.search.SetText("thuan hanh")
		if len(fs.communes.shown) != 1 {
			t.Fatalf("search found %d", len(fs.communes.shown))
		}
		fs.communes.selected[fs.communes.all[fs.communes.shown[0]].ID] = true
		fs.form.office.SetText("UBND XÃ THUẬN HẠNH")
		fs.form.place.SetText("Thuận Hạnh")
	})
	var st data.Settings
	var err error
	onUI(func() { st, err = fs.form.get() })
	if err != nil || st.ProvinceCode != "68" || st.Province != "Lâm Đồng" {
		t.Fatalf("settings %q %q, %v", st.ProvinceCode, st.Province, err)
	}
	if err := u.store.SaveOffice(context.Background(), st, fs.communes.ids()); err != nil {
		t.Fatal(err)
	}
	got, _ := u.store.Settings(context.Background())
	if got.ProvinceCode != "68" || got.Province != "Lâm Đồng" {
		t.Errorf("stored %q %q", got.ProvinceCode, got.Province)
	}
}
