package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data/docx"
)

// docsStore is dossierStore with the office's details as a commune sets
// them, a representative found among the people trained, and a dossier of
// product "Thạch đen <đặc biệt> & Co" assessed on 10/06/2026 and one sent.
func docsStore(t *testing.T) (*Store, *Dossier, *Dossier) {
	t.Helper()
	s, pr := dossierStore(t)
	ctx := context.Background()
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ParentBody, st.PlaceName = "PHÒNG KINH TẾ", "UBND XÃ THẤT KHÊ", "Thất Khê"
	st.SignerAuthority, st.SignerTitle, st.SignerName = "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Nam"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCoveredCommunes(ctx, []int64{pr.CommuneID}); err != nil {
		t.Fatal(err)
	}
	pr.Representative, pr.Address, pr.Phone = "Lương Thị Hoa", "Thôn Bản Piàng", "0912 345 678"
	if err := s.UpdateProducer(ctx, *pr); err != nil {
		t.Fatal(err)
	}
	if err := s.AddParticipant(ctx, &Participant{FullName: "Lương thị Hoa", Gender: GenderFemale, Ethnicity: "Tày", Role: "chu_the", ProducerID: pr.ID}); err != nil {
		t.Fatal(err)
	}
	p := certifiedProduct(t, s, pr, "Thạch đen <đặc biệt> & Co", "I.3.c", day("2023-08-01"))
	d := receive(t, s, p, KindRerank, day("2026-06-01"))
	if err := takeStep(s, d.ID, DossierAssessed, day("2026-06-10")); err != nil {
		t.Fatal(err)
	}
	q := certifiedProduct(t, s, pr, "Miến dong", "I.3.b", day("2023-08-01"))
	e := receive(t, s, q, KindUpgrade, day("2026-06-02"))
	for _, step := range []DossierStatus{DossierAssessed, DossierSent} {
		if err := takeStep(s, e.ID, step, day("2026-06-12")); err != nil {
			t.Fatal(err)
		}
	}
	d, _ = ptr(s.Dossier(ctx, d.ID))
	e, _ = ptr(s.Dossier(ctx, e.ID))
	return s, d, e
}

func ptr(d Dossier, err error) (*Dossier, error) { return &d, err }

func TestDossierDocumentsFilledFromRecords(t *testing.T) {
	s, d, _ := docsStore(t)
	ctx := context.Background()
	m1, err := s.Mau01(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	m3, err := s.Mau03(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.RoundRequest(ctx, d.Round)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field     string
		got, want any
	}{
		{"Mẫu 01 province", m1.Province, "Lạng Sơn"},
		{"Mẫu 01 year", m1.Year, d.Round.Year},
		{"Mẫu 01 producer", m1.Producer, "HTX Thạch đen Tràng Định"},
		{"Mẫu 01 representative", m1.Representative, "Lương Thị Hoa"},
		{"Mẫu 01 address with commune and province", m1.Address, "Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn"},
		{"Mẫu 01 product", m1.Product, "Thạch đen <đặc biệt> & Co"},
		{"Mẫu 01 classification under 26/2026", m1.Classification, "Thực phẩm - Thực phẩm chế biến - " + mustRules(t, s).ClassName("I.3.c", day("2026-06-01"))},
		{"Mẫu 01 kind", m1.Kind, docx.KindRerank},
		{"Mẫu 01 samples", m1.Samples, "05 sản phẩm"},
		{"Mẫu 01 receipt", m1.ReceiptNo, "01/PĐK-20-06040-2026"},
		{"Mẫu 01 received", m1.Received, day("2026-06-01")},
		{"Mẫu 01 received by", m1.ReceivedBy, "Lương Thị Hoa"},
		{"Mẫu 03 issuer", m3.Issuer, docx.Issuer{Name: "Ủy ban nhân dân xã Thất Khê", Symbol: "UBND", Place: "Thất Khê"}},
		{"Mẫu 03 dated the assessment", m3.Date, day("2026-06-10")},
		{"Mẫu 03 type", m3.ProducerType, "Hợp tác xã"},
		{"Mẫu 03 gender from the people trained", m3.Gender, "Nữ"},
		{"Mẫu 03 ethnicity", m3.Ethnicity, "Tày"},
		{"Mẫu 03 materials", m3.RawMaterials, wholeAssessment.Materials},
		{"Mẫu 03 identity", m3.Identity, wholeAssessment.Identity},
		{"Mẫu 03 commune", m3.Commune, "xã Thất Khê"},
		{"Mẫu 03 province", m3.Province, "tỉnh Lạng Sơn"},
		{"Mẫu 03 signer (a vice-chairman signs for the committee)", m3.Signer, docx.Signer{Authority: "KT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Hoàng Văn Nam"}},
		{"letter lists both", len(q.Products), 2},
		{"letter first by receipt", q.Products[0].ReceiptNo, d.Receipt.String()},
		{"letter round", q.Round, "đợt 2 năm 2026"},
		{"letter commune", q.Commune, "xã Thất Khê"},
		{"letter number blank while one is not sent", q.Number, ""},
		{"letter kind", q.Products[1].Kind, docx.KindUpgrade},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %#v, want %#v", tc.field, tc.got, tc.want)
		}
	}
	if _, err := s.Mau03(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Mau03 of no dossier: %v, want ErrNotFound", err)
	}
	var re *RoundError
	if _, err := s.RoundRequest(ctx, Round{Year: 2030, No: 1}); !errors.As(err, &re) || !strings.Contains(err.Error(), "Đợt 1 năm 2030") {
		t.Errorf("RoundRequest of an empty round: %v", err)
	}
}

func TestRoundRequestTakesTheLetterOnceAllAreSent(t *testing.T) {
	s, d, _ := docsStore(t)
	ctx := context.Background()
	if err := takeStep(s, d.ID, DossierSent, day("2026-06-12")); err != nil {
		t.Fatal(err)
	}
	q, err := s.RoundRequest(ctx, d.Round)
	if err != nil {
		t.Fatal(err)
	}
	if q.Number != "45" || q.Issuer.Symbol != "UBND-KT" || !q.Date.Equal(day("2026-06-12")) {
		t.Errorf("letter number %q/%q of %v, want 45/UBND-KT of 12/06/2026", q.Number, q.Issuer.Symbol, q.Date)
	}
	// 2026-1's proposals (before 30/4/2026) went under 148.
	if len(q.Basis) != 0 {
		t.Errorf("a 2026-2 letter cites %v, want Decision 26/2026 (the default)", q.Basis)
	}
}

func TestRerankNotice(t *testing.T) {
	s, pr := dossierStore(t)
	ctx := context.Background()
	p := certifiedProduct(t, s, pr, "Thạch đen", "I.3.c", day("2024-12-06"))
	n, err := s.RerankNotice(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := mustRules(t, s).RerankWindow(day("2027-12-06"))
	tests := []struct {
		field     string
		got, want any
	}{
		{"expires", n.Expires, day("2027-12-06")},
		{"opens", n.Opens, opens},
		{"closes", n.Closes, closes},
		{"stars", n.Stars, 4},
		{"decision", n.DecisionNumber, "12/QĐ-UBND"},
		{"by", n.DecisionBy, "Ủy ban nhân dân tỉnh Lạng Sơn"},
		{"commune", n.Commune, "xã Thất Khê"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.field, tc.got, tc.want)
		}
	}
	bare := &Product{Name: "Chưa công nhận", ProducerID: pr.ID}
	if err := s.AddProduct(ctx, bare, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RerankNotice(ctx, bare.ID); err == nil || !strings.Contains(err.Error(), "chưa có quyết định công nhận") {
		t.Errorf("notice of an uncertified product: %v", err)
	}
}

func mustRules(t *testing.T, s *Store) Rules {
	t.Helper()
	r, err := s.Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
