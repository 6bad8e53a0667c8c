package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ocopdesk/ocop/data"
)

func windowTextOverlays(u *ui) string {
	var b strings.Builder
	onUI(func() {
		for _, o := range u.win.Canvas().Overlays().List() {
			eachObject([]fyne.CanvasObject{o}, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok {
					b.WriteString(l.Text + "\n")
				}
			})
		}
	})
	return b.String()
}

// openedDossier waits for the dossier form to open on dossier id (0: any).
func openedDossier(t *testing.T, u *ui, status data.DossierStatus) *dossierForm {
	t.Helper()
	var f *dossierForm
	eventually(t, "dossier form "+string(status), func() bool {
		f, _ = u.lastForm.(*dossierForm)
		return f != nil && u.modalOpen() && f.d.Status == status
	})
	return f
}

// stepFields returns the entries of the step form shown, in order, and its
// (last) choice; call it on the UI goroutine (inside onUI).
func stepFields(u *ui) (entries []*textEntry, sel *widget.Select) {
	eachObject([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *textEntry:
			entries = append(entries, w)
		case *widget.Select:
			sel = w
		}
	})
	return entries, sel
}

// fillStep fills the open step form's entries in order and confirms it.
func fillStep(t *testing.T, u *ui, texts ...string) {
	t.Helper()
	eventually(t, "step form", func() bool { return u.lastStep != nil && u.win.Canvas().Overlays().Top() != nil })
	onUI(func() {
		entries, sel := stepFields(u)
		for i, text := range texts {
			if i < len(entries) && text != "" {
				entries[i].SetText(text)
			}
		}
		if sel != nil {
			sel.SetSelectedIndex(1) // 4 sao
		}
	})
	tapButton(t, u, "Đồng ý")
}

// One dossier from receipt to certificate, as a commune officer goes: the
// receipt gives its number and the 15 working days, the checklist and the
// assessment are saved, a step out of order is refused, and Đạt adds the
// certification to the product.
func TestDossierFromReceiptToCertificate(t *testing.T) {
	u := newTestUI(t, true)
	onUI(func() { u.show(screenDossiers) })
	s := u.dossiers
	eventually(t, "demo dossiers", func() bool { return s.loaded && len(s.all) > 0 })
	before := len(s.all)
	press(u, fyne.KeyN)
	var in *intakeForm
	eventually(t, "intake form", func() bool { in, _ = u.lastForm.(*intakeForm); return in != nil })
	onUI(func() {
		test.Type(in.search, "hat de rang")
		if len(in.shown) != 1 {
			t.Fatalf("%d products found", len(in.shown))
		}
		in.matches.Select(0)
		if !strings.Contains(in.chosen.Text, "Hạt dẻ rang Nà Pàn") || !strings.HasPrefix(in.round.Text, "Đợt") {
			t.Errorf("chosen %q, round %q", in.chosen.Text, in.round.Text)
		}
	})
	// That product has a dossier open: the receipt is refused, saying which.
	press(u, fyne.KeyS)
	waitButton(t, u, "Đồng ý")
	if text := windowTextOverlays(u); !strings.Contains(text, "đang có hồ sơ số 01/PĐK-20-06001-2026") {
		t.Errorf("refusal says:\n%s", text)
	}
	tapButton(t, u, "Đồng ý")
	// A new product, received with its dossier.
	onUI(func() {
		in.isNew.SetChecked(true)
		in.newName.SetText("Mứt gừng Thất Khê")
		in.newOwner.SetText("HTX Du lịch cộng đồng Nà Pàn")
	})
	press(u, fyne.KeyS)
	f := openedDossier(t, u, data.DossierReceived)
	eventually(t, "the new dossier listed", func() bool { return len(s.all) == before+1 })
	onUI(func() {
		if !strings.Contains(f.d.Receipt.String(), "/PĐK-20-") || !strings.Contains(f.deadline.Label(), "còn 15 ngày làm việc") {
			t.Errorf("receipt %q, deadline %q", f.d.Receipt.String(), f.deadline.Label())
		}
		// A step out of order is not offered: sending before the assessment.
		for _, b := range []string{"Gửi tỉnh…", "Ghi kết quả Đạt…"} {
			if buttonIn([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, b) != nil {
				t.Errorf("%q offered to a dossier just received", b)
			}
		}
		f.states[0].SetSelectedIndex(1)
		f.states[1].SetSelectedIndex(2) // missing
		f.materials.SetText("Hạt dẻ thu hái tại xã Đoàn Kết.")
		f.labour.SetText("12 lao động địa phương.")
		f.idea.SetText("Sản phẩm truyền thống.")
		f.ide.SetText("Cách rang của người Tày.")
	})
	onUI(func() {
		if !strings.Contains(f.warnings.Text, "Thiếu:") {
			t.Errorf("no warning for a missing paper: %q", f.warnings.Text)
		}
	})
	id := f.d.ID
	press(u, fyne.KeyS)
	eventually(t, "saved", func() bool { return !u.modalOpen() })
	ev, _ := u.store.DossierEvidence(context.Background(), id)
	if ev[0].State != data.EvidencePresent || ev[1].State != data.EvidenceMissing {
		t.Errorf("checklist stored %v, %v", ev[0].State, ev[1].State)
	}
	// The data layer refuses a step out of order, saying what comes first.
	if err := u.store.SendToProvince(context.Background(), id, "1/UBND", u.now()); err == nil || !strings.Contains(err.Error(), "chưa được đánh giá cấp xã") {
		t.Errorf("sent before the assessment: %v", err)
	}
	onUI(func() { u.openDossier(id) })
	openedDossier(t, u, data.DossierReceived)
	tapInForm(t, u, "Hoàn thành đánh giá cấp xã")
	openedDossier(t, u, data.DossierAssessed)
	tapInForm(t, u, "Gửi tỉnh…")
	fillStep(t, u, "125/UBND-KT")
	openedDossier(t, u, data.DossierSent)
	tapInForm(t, u, "Ghi kết quả Đạt…")
	fillStep(t, u, "74,5", "2865/QĐ-UBND")
	f = openedDossier(t, u, data.DossierPassed)
	onUI(func() {
		if f.d.CertificationID == 0 || !strings.Contains(f.resultText(), "Đạt: 4 sao, 74,5 điểm") {
			t.Errorf("result %q, certification %d", f.resultText(), f.d.CertificationID)
		}
	})
	certs, _ := u.store.Certifications(context.Background(), f.d.ProductID)
	if len(certs) == 0 || certs[len(certs)-1].DecisionNo != "2865/QĐ-UBND" || certs[len(certs)-1].Stars != 4 {
		t.Errorf("product's certifications %+v", certs)
	}
	snapshot(u, "ho-so-dat.png")
}

// Tổng quan counts the dossiers and lists the certificates whose
// re-ranking window is open, each with the button that receives its
// dossier, filled from the product.
func TestOverviewDossiersAndReranking(t *testing.T) {
	u := newTestUI(t, true)
	o := u.overview
	sum, _ := u.store.DossierSummary(context.Background(), u.now())
	eventually(t, "dossier card", func() bool { return o.figures[figDossiers].Text == strconv.Itoa(sum.Open) })
	onUI(func() {
		if want := "Hồ sơ đang xử lý, " + strconv.Itoa(sum.Overdue) + " quá hạn"; sum.Overdue == 0 || o.labels[figDossiers].Text != want {
			t.Errorf("card says %q, want %q", o.labels[figDossiers].Text, want)
		}
		if len(o.due) == 0 {
			t.Fatal("no certificate in its re-ranking window in the demo")
		}
		u.showReranks(o.due)
	})
	due := map[int64]string{}
	for _, d := range o.due {
		due[d.Product.ID] = d.Product.Name
	}
	tapInForm(t, u, "Tiếp nhận hồ sơ đánh giá lại")
	var in *intakeForm
	eventually(t, "intake form", func() bool { in, _ = u.lastForm.(*intakeForm); return in != nil && u.modalOpen() })
	onUI(func() {
		if name, ok := due[in.picked]; !ok || in.kind.Selected != "Đánh giá lại" || !strings.Contains(in.chosen.Text, name) {
			t.Errorf("intake for %d (%q, %q), not one of %v", in.picked, in.kind.Selected, in.chosen.Text, due)
		}
	})
}

// A product's form lists its dossiers; one opens from there.
func TestProductFormListsItsDossiers(t *testing.T) {
	u := newTestUI(t, true)
	rows, _ := u.store.Dossiers(context.Background(), data.DossierQuery{AsOf: u.now()})
	d := rows[0]
	onUI(func() { u.openProductForm(d.ProductID, 0) })
	var p *productForm
	eventually(t, "product form", func() bool { p, _ = u.lastForm.(*productForm); return p != nil && u.modalOpen() })
	if len(p.dossiers) == 0 {
		t.Fatal("the product's dossiers are not listed")
	}
	// The form keeps within a 1024-pixel window whatever its dossiers say.
	onUI(func() {
		u.win.Resize(windowSize(fyne.NewSize(1024, 728)))
		if m := u.win.Canvas().Overlays().Top().MinSize(); m.Width > 1000 {
			t.Errorf("product form needs %.0f wide", m.Width)
		}
	})
	tapInForm(t, u, "Mở")
	f := openedDossier(t, u, d.Status)
	if f.d.ID != d.ID {
		t.Errorf("opened dossier %d, want %d", f.d.ID, d.ID)
	}
}

// A dossier's files: one attached to a paper of the checklist is listed
// with it, and removing it asks first and can be undone.
func TestDossierAttachments(t *testing.T) {
	u := newTestUI(t, true)
	rows, _ := u.store.Dossiers(context.Background(), data.DossierQuery{AsOf: u.now()})
	id := rows[0].ID
	src := filepath.Join(t.TempDir(), "Giấy ATTP.pdf")
	if err := os.WriteFile(src, []byte("%PDF-1.4 thử"), 0o644); err != nil {
		t.Fatal(err)
	}
	papers, _ := u.store.DossierEvidence(context.Background(), id)
	if _, err := u.store.AttachFile(context.Background(), id, papers[1].Item.Code, src); err != nil {
		t.Fatal(err)
	}
	onUI(func() { u.showAttachments(id, papers) })
	var list *widget.List
	eventually(t, "files listed", func() bool {
		eachObject([]fyne.CanvasObject{u.win.Canvas().Overlays().Top()}, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.List); ok {
				list = l
			}
		})
		return list != nil && list.Length() == 1
	})
	onUI(func() { list.Select(0) })
	tapInForm(t, u, "Bỏ tệp")
	tapButton(t, u, "Bỏ")
	eventually(t, "removed", func() bool {
		a, _ := u.store.Attachments(context.Background(), id)
		return len(a) == 0 && list.Length() == 0
	})
}

// Cài đặt → Ngày nghỉ lễ sets how the commune's 15 days count after a
// "Cần bổ sung"; the default is to count again from the complete dossier.
func TestDeadlineRuleInSettings(t *testing.T) {
	u := newTestUI(t, true)
	var h *holidaysView
	onUI(func() {
		h = newHolidaysView(u)
		h.refresh()
	})
	eventually(t, "rule shown", func() bool { return h.rule.SelectedIndex() == 0 })
	onUI(func() { h.rule.SetSelectedIndex(1) })
	eventually(t, "rule saved", func() bool {
		r, _ := u.store.DossierDeadlineRule(context.Background())
		return r == data.DeadlineFromReceipt
	})
}
