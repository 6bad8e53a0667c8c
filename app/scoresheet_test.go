package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

// openedScoreSheet waits for the Tự đánh giá form to open.
func openedScoreSheet(t *testing.T, u *ui) *scoreSheet {
	t.Helper()
	var s *scoreSheet
	eventually(t, "score sheet", func() bool { s, _ = u.lastForm.(*scoreSheet); return s != nil && u.modalOpen() })
	return s
}

// An officer fills a sheet from the dossier's form: the total, the stars
// and the "Để đạt" list follow every choice; one option below a 5-star
// minimum holds a 98-point product at 4 stars and says where; a ticked
// ground says "hồ sơ bị loại" in red; the sheet saved as CSV opens again.
func TestScoreSheetFollowsEveryChoice(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.win.Resize(windowSize(fyne.NewSize(1024, 728))) })
	rows, _ := u.store.Dossiers(context.Background(), data.DossierQuery{AsOf: u.now()})
	var id int64
	for _, r := range rows {
		if p, err := u.store.Product(context.Background(), r.ProductID); err == nil && p.SetCode == "I.3.c" {
			id = r.ID
			break
		}
	}
	if id == 0 {
		// No demo dossier of that set: score the first product's set as a what-if.
		onUI(func() { u.openScoreSheet("I.3.c", "Mứt gừng Thất Khê", u.now()) })
	} else {
		onUI(func() { u.openDossier(id) })
		eventually(t, "dossier form", func() bool { f, _ := u.lastForm.(*dossierForm); return f != nil })
		onUI(func() {
			w := u.win.Canvas().Size().Width
			if bad := cutOff([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, w); len(bad) > 0 {
				t.Errorf("dossier form, %.0f wide: %v", w, bad)
			}
		})
		onUI(func() { u.lastForm.(*dossierForm).sheetsTab.openRole(data.RoleProducer) })
	}
	s := openedScoreSheet(t, u)
	text := func() (parts, result, next string, colour fyne.ThemeColorName) {
		onUI(func() {
			parts, next = s.parts.Text, s.next.Text
			seg := s.result.Segments[0].(*widget.TextSegment)
			result, colour = seg.Text, seg.Style.ColorName
		})
		return
	}
	parts, result, next, _ := text()
	if !strings.Contains(parts, "A 0/40 · B 0/25 · C 0/35 · Tổng 0/100 điểm") || !strings.Contains(result, "0 điểm") || !strings.Contains(next, "Để đạt 3 sao:") {
		t.Errorf("empty sheet: %q / %q / %q", parts, result, next)
	}
	// The best option everywhere, chosen through each criterion's choice.
	onUI(func() {
		for _, sel := range s.choices {
			sel.SetSelectedIndex(len(sel.Options) - 1)
		}
	})
	parts, result, next, _ = text()
	if !strings.Contains(parts, "A 40/40 · B 25/25 · C 35/35 · Tổng 100/100 điểm") || result != "100 điểm: dự kiến 5 sao" || next != "Đã đạt 5 sao." {
		t.Errorf("best sheet: %q / %q / %q", parts, result, next)
	}
	// 1.5 one option down: 2 points, the 4-star minimum but not the 5-star one.
	c := s.set.Criterion("1.5")
	onUI(func() { s.choices[c.Index].SetSelectedIndex(2) })
	parts, result, next, colour := text()
	if !strings.Contains(parts, "Tổng 99/100 điểm") || !strings.Contains(result, "chưa đạt mức tối thiểu 5 sao ở tiêu chí 1.5 Liên kết chuỗi trong sản xuất: dự kiến 4 sao") {
		t.Errorf("held at 4 stars: %q / %q", parts, result)
	}
	if colour != theme.ColorNameWarning {
		t.Errorf("held result in %s", colour)
	}
	if !strings.HasPrefix(next, "Để đạt 5 sao:\n- tiêu chí 1.5 Liên kết chuỗi trong sản xuất: cần đạt «") {
		t.Errorf("Để đạt: %q", next)
	}
	if got := s.got[c.Index].Text; got != "2/3 điểm" {
		t.Errorf("1.5 shows %q", got)
	}
	// A rejection ground.
	onUI(func() { s.grounds[0].SetChecked(true) })
	_, result, _, colour = text()
	if !strings.Contains(result, "hồ sơ bị loại: Giả mạo hồ sơ") || colour != theme.ColorNameError {
		t.Errorf("rejected: %q in %s", result, colour)
	}
	snapshot(u, "tu-danh-gia.png")
	onUI(func() { s.scroll.ScrollToOffset(fyne.NewPos(0, 2400)) })
	snapshot(u, "tu-danh-gia-2.png")
	onUI(func() {
		w := u.win.Canvas().Size().Width
		if bad := cutOff([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, w); len(bad) > 0 {
			t.Errorf("score sheet, %.0f wide: %v", w, bad)
		}
	})
	// Saved and opened again: the same choices, evidence and ground.
	var saved string
	onUI(func() {
		s.evidence[c.Index].SetText("Hợp đồng với 3 HTX")
		saved = s.csv()
		if !s.f.changed() {
			t.Error("a filled sheet does not count as changed")
		}
	})
	sheet, err := data.ReadSheetCSV(strings.NewReader(saved), u.now())
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		s.load(data.NewSheet(s.set))
		if s.choices[c.Index].Selected != "" || s.parts.Text == parts {
			t.Errorf("cleared sheet still shows %q, %q", s.choices[c.Index].Selected, s.parts.Text)
		}
		s.load(sheet)
		var b bytes.Buffer
		data.WriteSheetCSV(&b, s.sheet)
		if b.String() != saved || s.evidence[c.Index].Text != "Hợp đồng với 3 HTX" || !s.grounds[0].Checked {
			t.Error("the sheet opened again differs from the one saved")
		}
	})
}

// A product with no set cannot be scored: the officer is told to choose its set.
func TestScoreSheetNeedsTheProductsSet(t *testing.T) {
	u := newTestUI(t, false)
	onUI(func() { u.openScoreSheet("", "Mứt gừng", u.now()) })
	if text := windowTextOverlays(u); !strings.Contains(text, "chọn bộ sản phẩm của sản phẩm trước") {
		t.Errorf("error says:\n%s", text)
	}
}

// From a product's form, Tự đánh giá… scores it against the set chosen in
// the form, a what-if before any dossier.
func TestScoreSheetFromTheProductForm(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.win.Resize(windowSize(fyne.NewSize(1024, 728))) })
	rows, _ := u.store.Dossiers(context.Background(), data.DossierQuery{AsOf: u.now()})
	pr, err := u.store.Product(context.Background(), rows[0].ProductID)
	if err != nil || pr.SetCode == "" {
		t.Fatalf("product %+v: %v", pr, err)
	}
	onUI(func() { u.openProductForm(pr.ID, 0) })
	eventually(t, "product form", func() bool { p, _ := u.lastForm.(*productForm); return p != nil && u.modalOpen() })
	onUI(func() {
		w := u.win.Canvas().Size().Width
		// The form's own row of buttons, the new one among them, fits.
		for _, b := range cutOff([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, w) {
			for _, name := range []string{"Tự đánh giá…", "Nhật ký thay đổi…", "Xóa sản phẩm", "Hủy (Esc)", "Lưu (Ctrl+S)"} {
				if strings.HasPrefix(b, "button "+name+" ") {
					t.Errorf("product form, %.0f wide: %s", w, b)
				}
			}
		}
	})
	tapButton(t, u, "Tự đánh giá…")
	s := openedScoreSheet(t, u)
	if s.set.Code != pr.SetCode || s.who.Product != pr.Name {
		t.Errorf("sheet of set %s for %q, want %s for %q", s.set.Code, s.who.Product, pr.SetCode, pr.Name)
	}
}

// A province officer keeps each council member's sheet with the dossier:
// the tab shows each total and the council's average (Điều 3.3), the
// comparison names the criterion where members differ, the result step
// takes its score and stars from the average, and a removed sheet leaves
// the average.
func TestCouncilSheetsGiveTheResult(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.win.Resize(windowSize(fyne.NewSize(1024, 728))) })
	ctx := context.Background()
	rows, _ := u.store.Dossiers(ctx, data.DossierQuery{Status: data.DossierSent, AsOf: u.now()})
	if len(rows) == 0 {
		t.Fatal("no dossier sent to the province in the demo")
	}
	id := rows[0].ID
	onUI(func() { u.openDossier(id) })
	f := openedDossier(t, u, data.DossierSent)

	// Two members: one gives the best option everywhere, the other one
	// option less on 1.1.
	var lost data.Score
	for i, member := range []string{"Nguyễn Văn Bình", "Hoàng Thu Trang"} {
		onUI(func() { u.lastForm = nil; f.sheetsTab.open(data.StoredSheet{Role: data.RoleCouncil}) })
		s := openedScoreSheet(t, u)
		c := s.set.Criterion("1.1")
		onUI(func() {
			s.member.SetText(member)
			for _, sel := range s.choices {
				sel.SetSelectedIndex(len(sel.Options) - 1)
			}
			if i == 1 {
				s.choices[c.Index].SetSelectedIndex(len(c.Options) - 2)
				lost = c.Options[len(c.Options)-1].Points - c.Options[len(c.Options)-2].Points
			}
		})
		press(u, fyne.KeyS)
		eventually(t, "sheet saved", func() bool { return u.topModal() == f.f })
	}
	// A member's name is needed, and one sheet per member.
	onUI(func() { u.lastForm = nil; f.sheetsTab.open(data.StoredSheet{Role: data.RoleCouncil}) })
	s := openedScoreSheet(t, u)
	press(u, fyne.KeyS)
	if text := waitText(u, "ghi họ tên thành viên"); !strings.Contains(text, "ghi họ tên thành viên") {
		t.Errorf("a nameless member's sheet saved? dialog says:\n%s", text)
	}
	onUI(func() {
		u.win.Canvas().Overlays().Top().Hide()
		s.f.close()
	})

	total := data.Score(10000) - lost
	avg := data.Score((10000 + int(total) + 1) / 2)
	var line string
	eventually(t, "council line", func() bool {
		line = f.sheetsTab.council.Text
		return len(f.sheets.Members) == 2
	})
	onUI(func() {
		eachObject([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, func(o fyne.CanvasObject) {
			if tabs, ok := o.(*container.AppTabs); ok {
				for _, it := range tabs.Items {
					if it.Text == "Phiếu đánh giá" {
						tabs.Select(it)
					}
				}
			}
		})
	})
	want := "Hội đồng: 2 phiếu, điểm trung bình " + avg.VI() + ": "
	if !strings.HasPrefix(line, want) || !strings.Contains(line, "tiêu chí 1.1") {
		t.Errorf("council line %q, want %q… naming 1.1", line, want)
	}
	snapshot(u, "phieu-hoi-dong.png")

	tapButton(t, u, "So sánh phiếu hội đồng…")
	eventually(t, "comparison", func() bool { return u.topModal() != f.f })
	text := waitText(u, "Hoàng Thu Trang")
	for _, w := range []string{"Nguyễn Văn Bình", "Hoàng Thu Trang", "1.1 ", "100", total.VI(), avg.VI()} {
		if !strings.Contains(text, w) {
			t.Errorf("comparison lacks %q:\n%s", w, text)
		}
	}
	snapshot(u, "so-sanh-hoi-dong.png")
	onUI(func() { u.topModal().close() })

	// Bình's sheet removed (asked first): the average is Trang's alone.
	onUI(func() {
		for _, st := range f.sheets.Sheets {
			if st.Sheet.Member == "Nguyễn Văn Bình" {
				f.sheetsTab.remove(st)
			}
		}
	})
	eventually(t, "question", func() bool { return u.asking != nil })
	tapButton(t, u, "Bỏ")
	eventually(t, "one sheet left", func() bool {
		line = f.sheetsTab.council.Text
		return len(f.sheets.Members) == 1
	})
	avg = total
	if want := "Hội đồng: 1 phiếu, điểm trung bình " + avg.VI() + ": "; !strings.HasPrefix(line, want) {
		t.Errorf("after the removal %q, want %q…", line, want)
	}

	// The result step takes the average.
	rules, err := u.store.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tapInForm(t, u, "Ghi kết quả Đạt…")
	eventually(t, "step form", func() bool { return u.lastStep != nil && u.win.Canvas().Overlays().Top() != nil })
	onUI(func() {
		entries, sel := stepFields(u)
		if len(entries) == 0 || entries[0].Text != avg.VI() {
			t.Errorf("score filled %v, want %s", entries, avg.VI())
		}
		if sel == nil || sel.Selected != starsText(rules.StarsForScore(avg, u.now())) {
			t.Errorf("stars chosen %v", sel)
		}
		u.lastStep.Hide()
	})
}

// waitText waits up to 5 s for the window's dialogs to show want and
// returns their text.
func waitText(u *ui, want string) string {
	var text string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if text = windowTextOverlays(u); strings.Contains(text, want) {
			break
		}
	}
	return text
}
