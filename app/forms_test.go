package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// press sends Ctrl+key to the window as the keyboard would.
func press(u *ui, key fyne.KeyName) {
	onUI(func() { u.shortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}) })
}

// waitButton waits for a button labelled text in the top dialog.
func waitButton(t *testing.T, u *ui, text string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); findButton(u, text) == nil; {
		if time.Now().After(deadline) {
			t.Fatalf("no button %q in the top dialog", text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// tapButton taps the button labelled text in the window's top overlay
// (a dialog), waiting for it to appear; it fails when none does.
func tapButton(t *testing.T, u *ui, text string) {
	t.Helper()
	var found *widget.Button
	deadline := time.Now().Add(5 * time.Second)
	for found == nil && time.Now().Before(deadline) {
		found = findButton(u, text)
		if found == nil {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if found == nil {
		t.Fatalf("no button %q in the top dialog", text)
	}
	onUI(func() { test.Tap(found) })
}

func findButton(u *ui, text string) *widget.Button {
	var found *widget.Button
	onUI(func() {
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			found = buttonIn([]fyne.CanvasObject{top}, text)
		}
	})
	return found
}

// buttonIn returns the enabled button labelled text among objs and their
// descendants.
func buttonIn(objs []fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	eachObject(objs, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && !b.Disabled() && b.Visible() {
			found = b
		}
	})
	return found
}

// eachObject calls fn on objs and everything inside them: a container's
// objects and a widget's rendered parts (not inside buttons and labels).
func eachObject(objs []fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	for _, o := range objs {
		fn(o)
		switch x := o.(type) {
		case *widget.Button, *widget.Label:
		case *fyne.Container:
			eachObject(x.Objects, fn)
		case fyne.Widget:
			eachObject(test.WidgetRenderer(x).Objects(), fn)
		}
	}
}

// openNewProductForm presses Ctrl+N on the product list and returns the form.
func openNewProductForm(t *testing.T, u *ui) *productForm {
	t.Helper()
	onUI(func() { u.show(screenProducts) })
	press(u, fyne.KeyN)
	var f *productForm
	eventually(t, "new product form", func() bool {
		f, _ = u.lastForm.(*productForm)
		return f != nil && u.modalOpen()
	})
	return f
}

func productCount(t *testing.T, u *ui) int {
	t.Helper()
	c, err := u.store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Products
}

func TestAddProductThroughForm(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	onUI(func() {
		test.Type(f.name, "Miến dong Bình Gia")
		f.producer.SetText("HTX Hồi Quế Tân Tiến – Tân Tiến")
		f.set.SetSelectedIndex(3)
		test.Type(f.cert.no, "1203/QĐ-UBND")
		test.Type(f.cert.date.entry, "7/7/2023")
		test.Type(f.cert.score, "66,36")
	})
	onUI(func() {
		if got := f.cert.stars.Selected; got != "3 sao" {
			t.Errorf("stars follow the score's band: got %q, want 3 sao", got)
		}
		if got := f.cert.until.entry.Text; got != "07/07/2026" {
			t.Errorf("valid-until filled as %q, want 07/07/2026", got)
		}
	})
	press(u, fyne.KeyS)
	eventually(t, "form closed", func() bool { return !u.modalOpen() })
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{Search: "mien dong binh gia", AsOf: u.now()})
	if len(rows) != 1 {
		t.Fatalf("%d products found after saving", len(rows))
	}
	r := rows[0]
	if r.Producer != "HTX Hồi Quế Tân Tiến" || r.Stars != 3 || r.Score != 6636 || r.DecisionNo != "1203/QĐ-UBND" ||
		data.VNDate(r.DecisionDate) != "07/07/2023" || r.SetCode == "" {
		t.Errorf("stored %+v", r)
	}
	p := u.products
	eventually(t, "new product selected in the list", func() bool {
		return p.list.selected >= 0 && p.rows.At(p.list.selected).ID == r.ID && p.footer.Text == "26 / 26 sản phẩm"
	})
}

func TestInvalidProductShowsWhyAndWritesNothing(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	before := productCount(t, u)
	onUI(func() {
		test.Type(f.cert.score, "120")
		test.Type(f.cert.date.entry, "31/02/2024")
	})
	press(u, fyne.KeyS)
	onUI(func() {
		for _, c := range []struct {
			f    *field
			want string
		}{
			{f.fName, "Bắt buộc nhập tên sản phẩm"},
			{f.fProd, "Bắt buộc chọn chủ thể"},
			{f.cert.fDate, "Ngày không hợp lệ"},
			{f.cert.fScore, "Điểm không hợp lệ"},
			{f.cert.fStars, "Chọn hạng sao"},
		} {
			if !strings.Contains(c.f.errorText(), c.want) {
				t.Errorf("%s: message %q, want %q", c.f.label, c.f.errorText(), c.want)
			}
		}
		if !u.modalOpen() {
			t.Error("the form closed on invalid input")
		}
		if u.win.Canvas().Focused() != f.name {
			t.Error("focus is not on the first wrong field")
		}
	})
	if n := productCount(t, u); n != before {
		t.Errorf("%d products after invalid input, want %d", n, before)
	}
	// Correcting a field clears its message as the user types.
	onUI(func() {
		test.Type(f.name, "Miến dong")
		f.cert.score.SetText("66,36")
		if f.fName.errorText() != "" || f.cert.fScore.errorText() != "" {
			t.Errorf("messages stay after correcting: %q, %q", f.fName.errorText(), f.cert.fScore.errorText())
		}
	})
}

func TestStarsDifferentFromScoreAsk(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	before := productCount(t, u)
	onUI(func() {
		test.Type(f.name, "Rượu ngô men lá Bắc Sơn")
		f.producer.SetText("HTX Hồi Quế Tân Tiến – Tân Tiến")
		test.Type(f.cert.date.entry, "07/07/2023")
		test.Type(f.cert.score, "66,36")
		f.cert.stars.SetSelectedIndex(3) // 4 sao, above the band
		if !strings.Contains(f.cert.fStars.hint.String(), "theo điểm thì đạt 3 sao") {
			t.Errorf("stars hint %q", f.cert.fStars.hint.String())
		}
	})
	press(u, fyne.KeyS)
	// A question, and nothing saved until it is answered.
	tapButton(t, u, "Sửa lại")
	if n := productCount(t, u); n != before || !u.modalOpen() {
		t.Fatalf("saved (%d products) or closed before the user confirmed", n)
	}
	press(u, fyne.KeyS)
	tapButton(t, u, "Lưu 4 sao")
	eventually(t, "saved with 4 stars", func() bool { return !u.modalOpen() })
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{Search: "ruou ngo men la bac son"})
	if len(rows) != 1 || rows[0].Stars != 4 {
		t.Errorf("stored %+v", rows)
	}
}

func TestEditProductAndUndo(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducts) })
	p := u.products
	eventually(t, "list", func() bool { return p.rows.Len() == 25 })
	var target data.ProductRow
	onUI(func() {
		p.list.selectRow(0)
		target = *p.rows.At(0)
		p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter opens the selected row
	})
	var f *productForm
	eventually(t, "edit form", func() bool { f, _ = u.lastForm.(*productForm); return f != nil && f.id == target.ID })
	onUI(func() {
		if f.name.Text != target.Name || len(f.history) == 0 {
			t.Errorf("form shows %q with %d decisions", f.name.Text, len(f.history))
		}
		f.name.SetText(target.Name + " đặc biệt")
	})
	press(u, fyne.KeyS)
	eventually(t, "saved", func() bool { return !u.modalOpen() })
	got, _ := u.store.Product(context.Background(), target.ID)
	if got.Name != target.Name+" đặc biệt" {
		t.Fatalf("stored name %q", got.Name)
	}
	log, _ := u.store.ChangeLog(context.Background(), data.EntityProduct, target.ID)
	if len(log) == 0 || log[0].Action != data.ActionEdit || !strings.Contains(log[0].Details, "đặc biệt") {
		t.Errorf("change log %+v", log)
	}
	onUI(u.undoLast)
	eventually(t, "edit undone", func() bool {
		got, _ := u.store.Product(context.Background(), target.ID)
		return got.Name == target.Name
	})
}

func TestDeleteProductAndUndo(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducts) })
	p := u.products
	eventually(t, "list", func() bool { return p.rows.Len() == 25 })
	var victim data.ProductRow
	onUI(func() {
		p.list.selectRow(2)
		victim = *p.rows.At(2)
		p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	// The Delete key asks first; saying no keeps the product.
	tapButton(t, u, "Không xóa")
	if productCount(t, u) != 25 {
		t.Fatal("deleted without confirmation")
	}
	onUI(func() { p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) })
	tapButton(t, u, "Xóa")
	eventually(t, "product gone", func() bool { return p.footer.Text == "24 / 24 sản phẩm" })
	for i := range p.rows.Len() {
		if p.rows.At(i).ID == victim.ID {
			t.Fatal("deleted product still listed")
		}
	}
	trash, _ := u.store.Trash(context.Background())
	if len(trash) != 1 || trash[0].ID != victim.ID {
		t.Errorf("trash %+v", trash)
	}
	onUI(func() {
		if !strings.Contains(u.message.Text, victim.Name) || u.undoBtn.Disabled() {
			t.Errorf("status %q, undo disabled %v", u.message.Text, u.undoBtn.Disabled())
		}
	})
	// Ctrl+Z brings it back with its certification.
	onUI(func() { u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&fyne.ShortcutUndo{}) })
	eventually(t, "product back", func() bool { return p.footer.Text == "25 / 25 sản phẩm" })
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{AsOf: u.now()})
	for _, r := range rows {
		if r.ID == victim.ID && r.DecisionNo != victim.DecisionNo {
			t.Errorf("restored without its decision: %+v", r)
		}
	}
}

func TestProducerWithProductsIsNotDeleted(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducers) })
	p := u.producers
	eventually(t, "producers", func() bool { return len(p.rows) == 10 })
	var name string
	onUI(func() {
		p.list.selectRow(0)
		name = p.rows[0].Name
		p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	// Instead of asking to delete, the program explains and offers the products.
	eventually(t, "explanation", func() bool { return u.win.Canvas().Overlays().Top() != nil })
	onUI(func() {
		if n := len(u.win.Canvas().Overlays().List()); n != 1 {
			t.Errorf("%d dialogs open, want only the explanation", n)
		}
	})
	tapButton(t, u, "Xem các sản phẩm")
	var f *producerForm
	eventually(t, "producer form", func() bool { f, _ = u.lastForm.(*producerForm); return f != nil && len(f.products) > 0 })
	if list, _ := u.store.Producers(context.Background()); len(list) != 10 {
		t.Errorf("%d producers after a refused delete", len(list))
	}
	onUI(func() {
		if f.name.Text != name {
			t.Errorf("form for %q, want %q", f.name.Text, name)
		}
	})
}

func TestEscAsksBeforeLosingTyping(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	onUI(func() { test.Type(f.name, "Chè") })
	onUI(func() { f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	tapButton(t, u, "Quay lại")
	onUI(func() {
		if !u.modalOpen() || f.name.Text != "Chè" {
			t.Error("typing lost after choosing to go back")
		}
	})
	// Esc while asking also goes back, without asking twice.
	onUI(func() { f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	onUI(func() { f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	if findButton(u, "Bỏ thay đổi") != nil {
		t.Error("second Esc left the question open")
	}
	onUI(func() {
		if !u.modalOpen() || f.f.asking != nil {
			t.Error("second Esc did not go back to the form")
		}
	})
	onUI(func() { f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	tapButton(t, u, "Bỏ thay đổi")
	onUI(func() {
		if u.modalOpen() {
			t.Error("form still open after discarding")
		}
	})
	// An untouched form closes at once.
	f = openNewProductForm(t, u)
	onUI(func() { f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	onUI(func() {
		if u.modalOpen() {
			t.Error("untouched form did not close on Esc")
		}
	})
}

func TestCalendarInVietnamese(t *testing.T) {
	test.NewTempApp(t)
	setLanguage("vi")
	var got time.Time
	cal := newCalendar(time.Date(2023, 7, 7, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
		func(d time.Time) { got = d })
	w := test.NewTempWindow(t, cal)
	var labels []string
	var day15 *widget.Button
	var prevYear *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			labels = append(labels, x.Text)
		case *widget.Button:
			if x.Text == "15" {
				day15 = x
			}
			if x.Text == "" && prevYear == nil {
				prevYear = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(w.Content())
	if !slices.Contains(labels, "Tháng 7 năm 2023") || !slices.Contains(labels, "T2") || !slices.Contains(labels, "CN") {
		t.Errorf("labels %v", labels)
	}
	test.Tap(day15)
	if !got.Equal(time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("picked %v", got)
	}
	test.Tap(prevYear)
	labels = nil
	walk(w.Content())
	if !slices.Contains(labels, "Tháng 7 năm 2022") {
		t.Errorf("after the previous-year button: %v", labels)
	}
}

// The built-in typing turns Telex keys into Vietnamese in a form's field,
// and Ctrl+Shift+V turns it off and on again.
func TestBuiltInTyping(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.settings.Typing = "telex" })
	f := openNewProductForm(t, u)
	onUI(func() {
		test.Type(f.name, "Thajch dden Trangf Ddinhj")
		if f.name.Text != "Thạch đen Tràng Định" {
			t.Errorf("Telex typed %q", f.name.Text)
		}
	})
	onUI(func() {
		u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	})
	onUI(func() {
		f.name.SetText("")
		test.Type(f.name, "Thajch")
		if f.name.Text != "Thajch" || u.settings.Typing != "" {
			t.Errorf("after Ctrl+Shift+V: %q, typing %q", f.name.Text, u.settings.Typing)
		}
		u.toggleTyping() // back on: Telex again
		u.settings.Typing = "vni"
		f.name.SetText("")
		test.Type(f.name, "Nguye64n Va8n D9u7c1")
		if f.name.Text != "Nguyễn Văn Đức" {
			t.Errorf("VNI typed %q", f.name.Text)
		}
	})
}

// Cài đặt → Sao lưu lists the backups with what they hold and restores one
// after saying what it contains.
func TestBackupsView(t *testing.T) {
	u := newTestUI(t, true)
	ctx := context.Background()
	saved, err := u.store.BackupBefore(ctx, "thu")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := u.store.Products(ctx, data.ProductQuery{})
	if err := u.store.DeleteProduct(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	// The office renamed itself after the backup.
	st := u.settings
	st.OfficeName = "PHÒNG ĐỔI TÊN"
	if err := u.store.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	onUI(func() { u.settingsChanged(st) })
	var b *backupsView
	onUI(func() {
		u.show(screenSettings)
		b = newBackupsView(u)
		b.refresh()
	})
	eventually(t, "backups listed", func() bool { return len(b.items) == 1 })
	onUI(func() {
		if line := backupLine(b.items[0]); !strings.Contains(line, "25 sản phẩm, 10 chủ thể, 3 lớp, 16 học viên") || !strings.Contains(line, "trước khi thu") {
			t.Errorf("backup line %q", line)
		}
		b.confirmRestore(b.items[0])
	})
	// The question says what is there now beside what the backup holds.
	waitButton(t, u, "Khôi phục")
	var question string
	onUI(func() {
		eachObject([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				question += l.Text + "\n"
			}
		})
	})
	if !strings.Contains(question, "Hiện có 24 sản phẩm, 10 chủ thể, 3 lớp, 16 học viên.") ||
		!strings.Contains(question, "trước khi thu) có 25 sản phẩm, 10 chủ thể, 3 lớp, 16 học viên.") {
		t.Errorf("restore question:\n%s", question)
	}
	tapButton(t, u, "Khôi phục")
	eventually(t, "restored", func() bool {
		n, _ := u.store.Products(ctx, data.ProductQuery{})
		return len(n) == 25 && strings.Contains(u.message.Text, filepath.Base(saved))
	})
	// Every screen shows the restored data: the settings too.
	onUI(func() {
		if u.settings.OfficeName == "PHÒNG ĐỔI TÊN" || strings.Contains(u.office.Text, "ĐỔI TÊN") {
			t.Errorf("after the restore the window still shows the replaced settings: %q", u.office.Text)
		}
		u.show(screenProducts)
	})
	eventually(t, "restored list", func() bool { return u.products.rows.Len() == 25 })
}

// How many backups are kept is set in Cài đặt → Sao lưu; a wrong number
// is refused with the reason and nothing is saved.
func TestBackupKeepCounts(t *testing.T) {
	u := newTestUI(t, true)
	ctx := context.Background()
	var b *backupsView
	onUI(func() {
		b = newBackupsView(u)
		b.refresh()
	})
	if b.keepDaily.Text != "30" || b.keepBefore.Text != "10" {
		t.Fatalf("shown %q/%q, want the defaults 30/10", b.keepDaily.Text, b.keepBefore.Text)
	}
	onUI(func() {
		b.keepDaily.SetText("0")
		b.saveKeep()
	})
	tapButton(t, u, "Đồng ý") // the error dialog
	if st, _ := u.store.Settings(ctx); st.KeepDaily != 30 {
		t.Errorf("a wrong count was saved: %d", st.KeepDaily)
	}
	onUI(func() {
		b.keepDaily.SetText("7")
		b.keepBefore.SetText("3")
		b.saveKeep()
	})
	eventually(t, "saved", func() bool {
		st, _ := u.store.Settings(ctx)
		return st.KeepDaily == 7 && st.KeepBefore == 3 && strings.Contains(u.message.Text, "giữ 7 bản sao lưu hằng ngày")
	})
	// Saving the office details keeps the counts.
	var f *officeForm
	onUI(func() {
		f = newOfficeForm(u)
		f.set(u.settings)
	})
	pending.Wait() // the province choice fills off the UI thread
	var st data.Settings
	var err error
	onUI(func() { st, err = f.get() })
	if err != nil || st.KeepDaily != 7 || st.KeepBefore != 3 {
		t.Errorf("office form gives %d/%d, %v", st.KeepDaily, st.KeepBefore, err)
	}
}

// Opening one of a producer's products from its form, with the form
// changed, asks first; going back keeps the typing.
func TestProducerFormAsksBeforeOpeningAProduct(t *testing.T) {
	u := newTestUI(t, true)
	rows, _ := u.store.Products(context.Background(), data.ProductQuery{})
	id := rows[0].ProducerID
	onUI(func() { u.openProducerForm(id, nil) })
	var f *producerForm
	eventually(t, "producer form", func() bool { f, _ = u.lastForm.(*producerForm); return f != nil && len(f.products) > 0 })
	onUI(func() {
		f.phone.SetText("0912 345 678")
		f.productList.Select(0)
	})
	tapButton(t, u, "Quay lại")
	onUI(func() {
		if u.lastForm != f || !u.modalOpen() || f.phone.Text != "0912 345 678" {
			t.Error("the producer's form was closed or its typing lost")
		}
		f.productList.Select(0)
	})
	tapButton(t, u, "Bỏ thay đổi")
	eventually(t, "the product's form", func() bool { _, ok := u.lastForm.(*productForm); return ok })
}

// Esc with the calendar open closes the calendar, not the form under it.
func TestEscClosesTheCalendarFirst(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	onUI(func() {
		box := f.cert.date.view.(*fyne.Container)
		for _, o := range box.Objects {
			if b, ok := o.(*widget.Button); ok {
				test.Tap(b)
			}
		}
	})
	onUI(func() {
		if u.popup == nil || !u.popup.Visible() {
			t.Fatal("the calendar did not open")
		}
		u.escape()
	})
	onUI(func() {
		if u.popup != nil || !u.modalOpen() {
			t.Errorf("after Esc: calendar %v, form open %v", u.popup, u.modalOpen())
		}
		u.escape()
	})
	onUI(func() {
		if u.modalOpen() {
			t.Error("a second Esc did not close the (unchanged) form")
		}
	})
}

// In the producer field, Down opens the list of the producers matching
// what was typed.
func TestProducerChoiceOpensOnDown(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	onUI(func() {
		test.Type(f.producer, "que")
		f.producer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	})
	onUI(func() {
		top := u.win.Canvas().Overlays().Top()
		items := -1
		eachObject([]fyne.CanvasObject{top}, func(o fyne.CanvasObject) {
			switch m := o.(type) {
			case *widget.Menu:
				items = len(m.Items)
			case *widget.PopUpMenu:
				items = len(m.Items)
			}
		})
		if items != 1 {
			t.Errorf("Down opened %T with %d choices, want a menu of the one producer matching «que»", top, items)
		}
	})
}

// A delete restored from the trash leaves nothing for Hoàn tác to undo:
// the button goes grey instead of "undoing" the restore.
func TestUndoForgetsADeleteRestoredFromTheTrash(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducts) })
	p := u.products
	eventually(t, "list", func() bool { return p.rows.Len() == 25 })
	onUI(func() {
		p.list.selectRow(0)
		p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	tapButton(t, u, "Xóa")
	eventually(t, "product gone", func() bool { return p.footer.Text == "24 / 24 sản phẩm" })
	onUI(func() {
		if u.undoBtn.Disabled() {
			t.Fatal("undo not offered after a delete")
		}
		u.showTrash()
	})
	eventually(t, "trash open", func() bool { return u.modalOpen() })
	onUI(func() {
		var list *widget.List
		eachObject([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.List); ok {
				list = l
			}
		})
		list.Select(0)
	})
	tapButton(t, u, "Khôi phục")
	eventually(t, "product back", func() bool { return p.footer.Text == "25 / 25 sản phẩm" })
	onUI(func() {
		if !u.undoBtn.Disabled() || len(u.undo) != 0 {
			t.Errorf("undo still offered after the trash restore: %d steps", len(u.undo))
		}
	})
}

// Ctrl+Shift+V, Cài đặt and the status bar show one typing state: saving
// Cài đặt after the shortcut keeps the typing the shortcut chose.
func TestTypingShortcutAndSettingsAgree(t *testing.T) {
	u := newTestUI(t, true)
	var s *settingsScreen
	onUI(func() {
		u.show(screenSettings)
		s = newSettingsScreen(u)
		s.refresh()
	})
	toggle := func() {
		onUI(func() {
			u.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
		})
	}
	toggle()
	onUI(func() {
		if got := s.form.typing.Selected; got != "Telex" || u.message.Text != "Bộ gõ tiếng Việt: Telex" {
			t.Errorf("after Ctrl+Shift+V the settings show %q, the status bar %q", got, u.message.Text)
		}
		s.save()
	})
	eventually(t, "saved", func() bool {
		st, _ := u.store.Settings(context.Background())
		return st.Typing == "telex"
	})
	// "Đã lưu cài đặt." is said in a dialog; it is closed before going on,
	// as a user would, so the shortcuts below reach the window.
	tapButton(t, u, "Đồng ý")
	onUI(func() {
		if u.settings.Typing != "telex" {
			t.Errorf("saving Cài đặt turned typing to %q", u.settings.Typing)
		}
	})
	// Choosing in Cài đặt is the same state the shortcut toggles.
	onUI(func() { s.form.typing.SetSelected("VNI") })
	onUI(func() {
		if u.settings.Typing != "vni" || u.message.Text != "Bộ gõ tiếng Việt: VNI" {
			t.Errorf("choosing VNI: typing %q, status %q", u.settings.Typing, u.message.Text)
		}
	})
	toggle()
	onUI(func() {
		if s.form.typing.SelectedIndex() != 0 || u.settings.Typing != "" {
			t.Errorf("off by the shortcut, the settings show %q", s.form.typing.Selected)
		}
	})
	eventually(t, "off saved", func() bool {
		st, _ := u.store.Settings(context.Background())
		return st.Typing == ""
	})
}

// A question answers Enter (yes) and Esc (no), as dialogs do elsewhere.
func TestQuestionsAnswerEnterAndEsc(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenProducts) })
	p := u.products
	eventually(t, "list", func() bool { return p.rows.Len() == 25 })
	key := func(name fyne.KeyName) {
		onUI(func() {
			u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: name})
		})
	}
	onUI(func() {
		p.list.selectRow(0)
		p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	eventually(t, "question", func() bool { return u.asking != nil })
	key(fyne.KeyEscape)
	eventually(t, "question gone", func() bool { return u.asking == nil })
	if productCount(t, u) != 25 {
		t.Fatal("Esc deleted the product")
	}
	onUI(func() { p.list.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) })
	eventually(t, "question again", func() bool { return u.asking != nil })
	key(fyne.KeyReturn)
	eventually(t, "deleted by Enter", func() bool { return p.footer.Text == "24 / 24 sản phẩm" })
}

// The status bar says what was done for a while, then clears.
func TestStatusMessagesClear(t *testing.T) {
	u := newTestUI(t, false)
	old := messageLife
	messageLife = 50 * time.Millisecond
	t.Cleanup(func() { messageLife = old })
	onUI(func() { u.say("Đã lưu") })
	eventually(t, "message cleared", func() bool { return u.message.Text == "" })
	// A newer message is not cut short by the older one's clock.
	onUI(func() { u.say("một") })
	time.Sleep(30 * time.Millisecond)
	onUI(func() { u.say("hai") })
	time.Sleep(35 * time.Millisecond)
	onUI(func() {
		if u.message.Text != "hai" {
			t.Errorf("the newer message was cleared early: %q", u.message.Text)
		}
	})
	eventually(t, "newer message cleared", func() bool { return u.message.Text == "" })
	time.Sleep(60 * time.Millisecond) // every clock of this test has run
}

// After an export the dialog opens the file itself as well as its folder.
func TestExportedOffersTheFile(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() { u.exported("/tmp/Báo cáo.xlsx", "Đã xuất") })
	if findButton(u, "Mở thư mục") == nil {
		t.Error("no Mở thư mục")
	}
	tapButton(t, u, "Mở tệp")
	if got := fileURL("/tmp/Báo cáo.xlsx").String(); got != "file:///tmp/B%C3%A1o%20c%C3%A1o.xlsx" {
		t.Errorf("file URL %q", got)
	}
	if got := fileURL(`C:/Users/ocop/BaoCao.xlsx`).String(); got != "file:///C:/Users/ocop/BaoCao.xlsx" {
		t.Errorf("Windows file URL %q", got)
	}
}

// A decision reads as documents cite one, its "QĐ" once.
func TestDecisionTitle(t *testing.T) {
	setLanguage("vi")
	c := data.Certification{DecisionNo: "1203/QĐ-UBND", DecisionDate: time.Date(2023, 7, 7, 0, 0, 0, 0, time.UTC), IssuingLevel: "tinh"}
	if got := certTitle(c); got != "Quyết định số 1203/QĐ-UBND ngày 07/07/2023 · Cấp tỉnh" {
		t.Errorf("title %q", got)
	}
	c.DecisionNo = ""
	if got := certTitle(c); !strings.HasPrefix(got, "Quyết định (chưa ghi số) ngày 07/07/2023") {
		t.Errorf("title without a number %q", got)
	}
}

// Cài đặt → Sao lưu reminds to copy a backup to a USB stick once the set
// days have passed, and a copy saved to a chosen file quiets it.
func TestBackupsRemindToCopyOut(t *testing.T) {
	u := newTestUI(t, true)
	ctx := context.Background()
	if _, err := u.store.BackupBefore(ctx, "thu"); err != nil {
		t.Fatal(err)
	}
	var b *backupsView
	onUI(func() {
		u.now = func() time.Time { return time.Now().AddDate(0, 0, 9) }
		b = newBackupsView(u)
		b.refresh()
	})
	eventually(t, "reminder", func() bool {
		return strings.Contains(b.copyOut.Text, "Chưa lần nào chép dữ liệu ra USB") && b.copyOut.Importance == widget.DangerImportance
	})
	if err := u.store.CopiedOut(ctx, u.now()); err != nil {
		t.Fatal(err)
	}
	st, _ := u.store.Settings(ctx)
	onUI(func() {
		u.settings = st
		b.refresh()
	})
	eventually(t, "quiet", func() bool {
		return strings.HasPrefix(b.copyOut.Text, "Lần chép ra USB hay ổ khác gần nhất") && b.copyOut.Importance != widget.DangerImportance
	})
	// The number of days is a setting kept with the backup counts.
	onUI(func() {
		b.remind.SetText("0")
		b.saveKeep()
	})
	eventually(t, "saved", func() bool { st, _ := u.store.Settings(ctx); return st.RemindCopyDays == 0 })
}

// A producer across the border: its commune is found in another province
// by name, without marks, and joins the form's choice.
func TestCommuneOfAnotherProvince(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.openProducerForm(0, nil) })
	var f *producerForm
	eventually(t, "producer form", func() bool { f, _ = u.lastForm.(*producerForm); return f != nil })
	onUI(func() { f.commune.elsewhere() })
	var search *textEntry
	var list *widget.List
	eventually(t, "search dialog", func() bool {
		top := u.win.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		eachObject([]fyne.CanvasObject{top}, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *textEntry:
				search = w
			case *widget.List:
				list = w
			}
		})
		return search != nil && list != nil
	})
	onUI(func() {
		search.SetText("thuan hanh lam dong")
		if list.Length() != 1 {
			t.Fatalf("%d communes found", list.Length())
		}
		list.Select(0)
	})
	all, _ := u.store.AllCommunes(context.Background())
	onUI(func() {
		got := f.commune.id()
		for _, c := range all {
			if c.ID == got && (c.Name != "Thuận Hạnh" || c.ProvinceCode != "68") {
				t.Errorf("chose %+v", c)
			}
		}
		if got == 0 || f.commune.sel.Selected != "xã Thuận Hạnh, tỉnh Lâm Đồng" {
			t.Errorf("choice shows %q (id %d)", f.commune.sel.Selected, got)
		}
	})
}

// The product form names the classification of the rule in force today:
// Decision 26/2026/QĐ-TTg and its set names since 22/5/2026.
func TestProductFormSaysTheRuleInForce(t *testing.T) {
	u := newTestUI(t, true)
	f := openNewProductForm(t, u)
	onUI(func() {
		if f.fSet.help != "Theo Phụ lục I, Quyết định 26/2026/QĐ-TTg" {
			t.Errorf("set hint %q", f.fSet.help)
		}
		found := false
		for _, o := range f.set.Options {
			if strings.Contains(o, "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong") {
				found = true
			}
		}
		if !found {
			t.Errorf("the set names are not 26/2026's: %v", f.set.Options)
		}
	})
}
