package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// newTestStarter opens the window the way Start does, on the database at
// path, in Fyne's test driver.
func newTestStarter(t *testing.T, path string) *starter {
	t.Helper()
	a := test.NewTempApp(t)
	t.Cleanup(pending.Wait)
	setLanguage("vi")
	return newTestStarterIn(t, a, path)
}

// newTestStarterIn is another copy of the program in the same test app
// (a second test app would reset caches the first copy's window uses).
func newTestStarterIn(t *testing.T, a fyne.App, path string) *starter {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 700))
	s := &starter{app: a, win: w, path: path, opt: Options{Version: "test"}}
	onUI(s.begin)
	t.Cleanup(s.close)
	return s
}

// windowText is every label's text in the window, joined by new lines.
func windowText(w fyne.Window) string {
	var b strings.Builder
	onUI(func() {
		eachObject([]fyne.CanvasObject{w.Content()}, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	})
	return b.String()
}

func tapInWindow(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var b *widget.Button
	onUI(func() { b = buttonIn([]fyne.CanvasObject{w.Content()}, text) })
	if b == nil {
		t.Fatalf("no button %q in the window:\n%s", text, windowText(w))
	}
	onUI(func() { test.Tap(b) })
}

var testToday = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func demoDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ocop.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.FillDemo(context.Background(), testToday); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSecondCopyOffersViewOnlyOrTheFirstWindow(t *testing.T) {
	path := demoDatabase(t)
	first, err := data.LockDatabase(path) // the first copy
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()

	s := newTestStarter(t, path)
	text := windowText(s.win)
	if !strings.Contains(text, "Dữ liệu đang được mở ở cửa sổ khác") || !strings.Contains(text, "đang được một cửa sổ OCOP Desk khác sử dụng") {
		t.Fatalf("the second copy says:\n%s", text)
	}
	tapInWindow(t, s.win, "Mở chỉ để xem")
	if s.ui == nil || !s.store.ReadOnly() {
		t.Fatalf("not viewing read-only:\n%s", windowText(s.win))
	}
	if !strings.Contains(s.win.Title(), "chỉ xem") || !strings.Contains(s.ui.status.Text, "CHỈ XEM") {
		t.Errorf("title %q, status %q", s.win.Title(), s.ui.status.Text)
	}
	eventually(t, "the product list", func() bool { return s.ui.products.view != nil })
	rows, err := s.store.Products(context.Background(), data.ProductQuery{})
	if err != nil || len(rows) != 25 {
		t.Errorf("viewer reads %d products, %v", len(rows), err)
	}
	// Buttons that change data are not offered; a form opens to read, with no Lưu.
	var addShown, saveOffered bool
	onUI(func() {
		addShown = buttonIn([]fyne.CanvasObject{s.ui.products.view}, "Thêm (Ctrl+N)") != nil
		s.ui.openProductForm(rows0(t, s.store), 0)
	})
	eventually(t, "the form", func() bool { return s.ui.topModal() != nil })
	var reEval, deleteShown bool
	onUI(func() {
		top := s.ui.topModal()
		saveOffered = top.saveBtn.Visible() || top.save != nil
		objs := []fyne.CanvasObject{s.win.Canvas().Overlays().Top()}
		reEval = buttonIn(objs, "Thêm đánh giá lại…") != nil
		deleteShown = buttonIn(objs, "Xóa sản phẩm") != nil
	})
	if addShown || saveOffered || reEval || deleteShown {
		t.Errorf("the viewer offers Thêm (%v), Lưu (%v), Thêm đánh giá lại (%v) or Xóa sản phẩm (%v)", addShown, saveOffered, reEval, deleteShown)
	}
	// A change tried in the viewer is refused with the reason.
	if err := s.store.DeleteProduct(context.Background(), rows[0].ID); err == nil || !strings.Contains(err.Error(), "chỉ để xem") {
		t.Errorf("delete in the viewer: %v", err)
	}

	// A third copy asks the first to come forward instead.
	pending.Wait()
	third := newTestStarterIn(t, s.app, path)
	tapInWindow(t, third.win, "Chuyển đến cửa sổ đang mở")
	if third.err != nil || !first.RaiseRequested() {
		t.Errorf("the first copy was not asked to come forward (err %v)", third.err)
	}
}

func rows0(t *testing.T, s *data.Store) int64 {
	rows, err := s.Products(context.Background(), data.ProductQuery{})
	if err != nil || len(rows) == 0 {
		t.Fatal("no products", err)
	}
	return rows[0].ID
}

func TestDamagedDatabaseOffersTheNewestBackup(t *testing.T) {
	path := demoDatabase(t)
	s0, _ := data.Open(path)
	if _, err := s0.BackupBefore(context.Background(), "thu"); err != nil {
		t.Fatal(err)
	}
	s0.Close()
	// Half the file is lost (a copy cut short, a disk error).
	whole, _ := os.ReadFile(path)
	junk := whole[:len(whole)/2]
	os.WriteFile(path, junk, 0o644)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")

	s := newTestStarter(t, path)
	text := windowText(s.win)
	for _, want := range []string{"Không mở được cơ sở dữ liệu", "Tệp ", "bị hỏng, không đọc được dữ liệu", "Tệp dữ liệu không bị thay đổi", "Bản sao lưu tốt gần nhất", "25 sản phẩm"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != string(junk) {
		t.Fatal("the damaged file was written to")
	}
	tapInWindow(t, s.win, "Khôi phục bản sao lưu gần nhất")
	if s.ui == nil {
		t.Fatalf("the program is not shown after the restore:\n%s", windowText(s.win))
	}
	if rows, _ := s.store.Products(context.Background(), data.ProductQuery{}); len(rows) != 25 {
		t.Errorf("%d products after the restore, want 25", len(rows))
	}
	if !strings.Contains(s.ui.message.Text, "Đã khôi phục") {
		t.Errorf("status says %q", s.ui.message.Text)
	}
	kept, _ := filepath.Glob(path + ".hong-2*[0-9]")
	if len(kept) != 1 {
		t.Fatalf("damaged file kept as %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(junk) {
		t.Error("the damaged file was not kept as it was")
	}
}

func TestDamagedDatabaseWithoutBackups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ocop.db")
	os.WriteFile(path, []byte("Đây là một bảng tính, không phải cơ sở dữ liệu"), 0o644)
	s := newTestStarter(t, path)
	text := windowText(s.win)
	for _, want := range []string{"không phải là cơ sở dữ liệu của OCOP Desk", "Không tìm thấy bản sao lưu nào", "Tệp dữ liệu không bị thay đổi"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	if s.ui != nil || s.err == nil {
		t.Error("the program opened a file that is not a database")
	}
	var b *widget.Button
	onUI(func() { b = buttonIn([]fyne.CanvasObject{s.win.Content()}, "Chọn tệp sao lưu khác…") })
	if b == nil {
		t.Error("no way offered to choose a backup elsewhere")
	}
}

// The window opens no larger than the screen's work area (at 1024×768 it
// opened at 1200×700, off the screen).
func TestWindowFitsTheScreen(t *testing.T) {
	for _, tc := range []struct{ area, want fyne.Size }{
		{fyne.Size{}, fyne.NewSize(1200, 700)},
		{fyne.NewSize(1920, 1040), fyne.NewSize(1200, 700)},
		{fyne.NewSize(1024, 728), fyne.NewSize(1008, 680)},
		{fyne.NewSize(1366, 728), fyne.NewSize(1200, 680)},
	} {
		if got := windowSize(tc.area); got != tc.want {
			t.Errorf("work area %v: window %v, want %v", tc.area, got, tc.want)
		}
	}
}
