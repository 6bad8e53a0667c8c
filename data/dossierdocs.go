package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/docx"
	"github.com/ocopdesk/ocop/data/viet"
)

// The Word documents of a dossier filled from the records: Mẫu 01 with the
// commune's receipt part, the commune's Mẫu 03 report, the letter asking
// the province to evaluate a round, and the notice that a re-ranking window
// opens. data/docx lays them out; this file only fills their fields.

// docKinds maps a dossier's kind to the form's.
var docKinds = map[DossierKind]docx.Kind{KindFirst: docx.KindFirst, KindUpgrade: docx.KindUpgrade, KindRerank: docx.KindRerank}

// docRecords is what the documents of one product need from the store.
type docRecords struct {
	settings Settings
	rules    Rules
	product  Product
	producer Producer
	typeName string  // the producer's type as the forms name it: "Hợp tác xã"
	commune  Commune // the commune of the dossier (or of the producer); zero when unknown
}

// readDocRecords reads the product, its producer, the office's settings and
// rules, and the commune communeID (the producer's when 0).
func (s *Store) readDocRecords(ctx context.Context, productID, communeID int64) (docRecords, error) {
	var r docRecords
	var err error
	if r.settings, err = s.Settings(ctx); err != nil {
		return r, err
	}
	if r.rules, err = readRules(ctx, s.db); err != nil {
		return r, err
	}
	if r.product, err = readProduct(ctx, s.db, productID); err != nil {
		return r, err
	}
	if r.producer, err = readProducer(ctx, s.db, r.product.ProducerID); err != nil {
		return r, err
	}
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM producer_types WHERE code = ?", r.producer.Type).Scan(&r.typeName); err != nil &&
		!errors.Is(err, sql.ErrNoRows) {
		return r, err
	}
	if communeID == 0 {
		communeID = r.producer.CommuneID
	}
	if communeID != 0 {
		cs, err := readCommunes(ctx, s.db, "WHERE id = ?", []any{communeID})
		if err != nil {
			return r, err
		}
		if len(cs) == 1 {
			r.commune = cs[0]
		}
	}
	return r, nil
}

// communeTitle is the commune as the documents name it, "xã Thất Khê";
// "" when the dossier has none.
func (r docRecords) communeTitle() string {
	if r.commune.Name == "" {
		return ""
	}
	return r.commune.Title()
}

// issuer is the commune's People's Committee, which issues Mẫu 03, the
// letter and the notice (Điều 7.2): "Ủy ban nhân dân xã Thất Khê" from the
// dossier's commune, else the office's parent body ("UBND XÃ THẤT KHÊ"),
// else the office itself.
func (r docRecords) issuer() docx.Issuer {
	iss := docx.Issuer{Symbol: "UBND", Place: strings.TrimSpace(r.settings.PlaceName)}
	switch parent := strings.TrimSpace(r.settings.ParentBody); {
	case r.commune.Name != "":
		iss.Name = "Ủy ban nhân dân " + r.commune.Title()
	case parent != "":
		iss.Name = expandUBND(parent)
	default:
		iss.Name = strings.TrimSpace(r.settings.OfficeName)
	}
	if iss.Place == "" {
		iss.Place = r.commune.Name
	}
	return iss
}

// expandUBND writes out "UBND" at the start of a body's name, as the
// header prints the committee's name in full.
func expandUBND(name string) string {
	if f := strings.Fields(name); len(f) > 1 && strings.EqualFold(f[0], "UBND") {
		return "Ủy ban nhân dân " + strings.Join(f[1:], " ")
	}
	return name
}

// signer is who signs for the committee: the settings' signer when it is
// the chairman or a vice-chairman ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"); otherwise
// (the settings name the head of the office, who signs the office's
// reports) the documents' default "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" with
// the name left for the signer to write.
func (r docRecords) signer() docx.Signer {
	st := r.settings
	if strings.Contains(viet.Fold(st.SignerTitle), "chu tich") {
		return docx.Signer{Authority: st.SignerAuthority, Title: st.SignerTitle, Name: st.SignerName}
	}
	return docx.Signer{}
}

// address is the producer's address as written, with the commune and the
// province after it when it does not name them already.
func (r docRecords) address() string {
	addr := strings.TrimSpace(r.producer.Address)
	folded := viet.Fold(addr)
	if c := r.commune; c.Name != "" && !strings.Contains(folded, viet.Fold(c.Name)) {
		addr = joinAddress(addr, c.Title())
	}
	if p := strings.TrimSpace(r.settings.Province); p != "" && !strings.Contains(folded, viet.Fold(p)) {
		addr = joinAddress(addr, r.settings.ProvinceTitle())
	}
	return addr
}

func joinAddress(a, b string) string {
	if a == "" {
		return b
	}
	return strings.TrimRight(a, ", ") + ", " + b
}

// classification is the product's Ngành, Nhóm and Phân nhóm (Mẫu 01 item
// 3), each named as the decision in force on day words it: "Thực phẩm -
// Thực phẩm chế biến - Chế biến từ hạt, củ, quả".
func (r docRecords) classification(day time.Time) string {
	code := strings.TrimSpace(r.product.SetCode)
	if code == "" {
		return ""
	}
	parts := strings.Split(code, ".")
	var names []string
	for i := range parts {
		if n := strings.TrimSpace(r.rules.ClassName(strings.Join(parts[:i+1], "."), day)); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, " - ")
}

// representativeDetails finds the legal representative among the people
// the office trained (a participant of the producer with the same name) for
// Mẫu 03's gender and ethnicity; empty when not found.
func (s *Store) representativeDetails(ctx context.Context, p Producer) (gender, ethnicity string, err error) {
	name := viet.Fold(strings.TrimSpace(p.Representative))
	if name == "" {
		return "", "", nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT full_name, gender, ethnicity FROM participants WHERE producer_id = ? AND deleted_at IS NULL ORDER BY id", p.ID)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var full, g, e string
		if err := rows.Scan(&full, &g, &e); err != nil {
			return "", "", err
		}
		if viet.Fold(strings.TrimSpace(full)) == name {
			switch g {
			case GenderMale:
				gender = "Nam"
			case GenderFemale:
				gender = "Nữ"
			}
			return gender, e, nil
		}
	}
	return "", "", rows.Err()
}

// samplesText is Mẫu 01's "Sản phẩm mẫu (số lượng)".
func samplesText(n int) string {
	if n == 0 {
		return "Không (dịch vụ du lịch)"
	}
	return fmt.Sprintf("%02d sản phẩm", n)
}

// Mau01 returns the registration form (Mẫu 01) of dossier id filled from
// the records, with the commune's receipt part (number, date, who
// received it). The producer signs it by hand: the signing place and date
// stay dotted, as do fields the records do not hold (position, e-mail).
// ErrNotFound when there is no such dossier.
func (s *Store) Mau01(ctx context.Context, id int64) (docx.Registration, error) {
	d, err := s.Dossier(ctx, id)
	if err != nil {
		return docx.Registration{}, err
	}
	r, err := s.readDocRecords(ctx, d.ProductID, d.CommuneID)
	if err != nil {
		return docx.Registration{}, err
	}
	year := d.Round.Year
	if year == 0 {
		year = d.Received.Year()
	}
	return docx.Registration{
		Province:       r.settings.Province,
		Year:           year,
		Producer:       r.producer.Name,
		Representative: r.producer.Representative,
		Address:        r.address(),
		Phone:          r.producer.Phone,
		Product:        r.product.Name,
		Classification: r.classification(d.Received),
		Kind:           docKinds[d.Kind],
		Samples:        samplesText(d.Samples),
		ReceiptNo:      d.Receipt.String(),
		Received:       d.Received,
		ReceivedBy:     d.ReceivedBy,
	}, nil
}

// Mau03 returns the commune's report on dossier id (Mẫu 03) filled from the
// records: the committee of the dossier's commune as issuer, dated the day
// of the assessment, the producer and its representative (gender and
// ethnicity when the representative is among the people trained), and
// the four contents as the officer wrote them; a content not yet written
// stays dotted. ErrNotFound when there is no such dossier.
func (s *Store) Mau03(ctx context.Context, id int64) (docx.Assessment, error) {
	d, err := s.Dossier(ctx, id)
	if err != nil {
		return docx.Assessment{}, err
	}
	r, err := s.readDocRecords(ctx, d.ProductID, d.CommuneID)
	if err != nil {
		return docx.Assessment{}, err
	}
	gender, ethnicity, err := s.representativeDetails(ctx, r.producer)
	if err != nil {
		return docx.Assessment{}, err
	}
	a := d.Assessment
	return docx.Assessment{
		Issuer:         r.issuer(),
		Date:           a.AssessedOn,
		Producer:       r.producer.Name,
		ProducerType:   r.typeName,
		Address:        r.address(),
		Representative: r.producer.Representative,
		Gender:         gender,
		Ethnicity:      ethnicity,
		Product:        r.product.Name,
		RawMaterials:   a.Materials,
		Labour:         a.Labour,
		Idea:           a.Idea,
		Identity:       a.Identity,
		Commune:        r.communeTitle(),
		Province:       r.settings.ProvinceTitle(),
		Signer:         r.signer(),
	}, nil
}

// RoundDossiers returns the dossiers of round that go in its letter to the
// province: those assessed by the commune or already sent, in the order of
// their receipt numbers.
func (s *Store) RoundDossiers(ctx context.Context, round Round) ([]DossierRow, error) {
	rows, err := s.Dossiers(ctx, DossierQuery{Round: round})
	if err != nil {
		return nil, err
	}
	var out []DossierRow
	for _, r := range rows {
		if r.Status == DossierAssessed || r.Status == DossierSent {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Receipt, out[j].Receipt
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.CommuneCode != b.CommuneCode {
			return a.CommuneCode < b.CommuneCode
		}
		return a.Seq < b.Seq
	})
	return out, nil
}

// RoundError says that a round has nothing to send.
type RoundError struct{ Msg string }

func (e *RoundError) Error() string { return e.Msg }

// decision148 is how a letter cites the rules in force before 22/5/2026.
const decision148 = "Quyết định số 148/QĐ-TTg ngày 24 tháng 02 năm 2023 của Thủ tướng Chính phủ ban hành Bộ tiêu chí, quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm"

// RoundRequest returns the commune's letter asking the province's People's
// Committee to evaluate round (Điều 6.2a, 7.2b), listing the round's
// dossiers assessed or sent (RoundDossiers). When every dossier sent
// carries the same letter number and date, the letter has them; otherwise
// they stay dotted for the clerk. The grounds cite the decision in force on
// the letter's date (the day before the round's cut-off when not sent).
// A *RoundError when the round has no such dossier.
func (s *Store) RoundRequest(ctx context.Context, round Round) (docx.Request, error) {
	rows, err := s.RoundDossiers(ctx, round)
	if err != nil {
		return docx.Request{}, err
	}
	if len(rows) == 0 {
		return docx.Request{}, &RoundError{fmt.Sprintf("%s không có hồ sơ nào đã đánh giá cấp xã hoặc đã gửi tỉnh", round.Label())}
	}
	r, err := s.readDocRecords(ctx, rows[0].ProductID, rows[0].CommuneID)
	if err != nil {
		return docx.Request{}, err
	}
	// One letter goes for the round, from the office's own committee when
	// its parent body names a commune it covers ("UBND XÃ THẤT KHÊ").
	if c, ok, err := s.officeCommune(ctx, r.settings); err != nil {
		return docx.Request{}, err
	} else if ok {
		r.commune = c
	}
	q := docx.Request{
		Issuer:   r.issuer(),
		Commune:  r.communeTitle(),
		Province: r.settings.ProvinceTitle(),
		Round:    fmt.Sprintf("đợt %d năm %d", round.No, round.Year),
		Signer:   r.signer(),
	}
	letters := map[string]bool{}
	for _, d := range rows {
		if d.Status == DossierSent {
			letters[d.LetterNo+"\x00"+ISODate(d.LetterDate)] = true
			q.Number, q.Date = d.LetterNo, d.LetterDate
		}
	}
	if len(letters) != 1 || len(letters) == 1 && len(rows) > countSent(rows) {
		q.Number, q.Date = "", time.Time{}
	}
	// The letter's number is written whole in its header: "317/UBND-KT"
	// reads as number "317" and symbol "UBND-KT".
	if n, sym, ok := strings.Cut(q.Number, "/"); ok {
		q.Number, q.Issuer.Symbol = n, sym
	}
	day := q.Date
	if day.IsZero() {
		day = roundOf(r.rules, round.Year, round.No).CutOff.AddDate(0, 0, -1)
	}
	if strings.Contains(r.rules.RuleName(day), "148") {
		q.Basis = []string{decision148}
	}
	for _, d := range rows {
		dr, err := s.readDocRecords(ctx, d.ProductID, d.CommuneID)
		if err != nil {
			return q, err
		}
		q.Products = append(q.Products, docx.RequestItem{Product: d.Product, Producer: d.Producer, Address: dr.address(),
			Kind: docKinds[d.Kind], ReceiptNo: d.Receipt.String()})
	}
	return q, nil
}

func countSent(rows []DossierRow) int {
	n := 0
	for _, r := range rows {
		if r.Status == DossierSent {
			n++
		}
	}
	return n
}

// RerankNotice returns the notice to the producer of product productID
// that the window for filing its re-ranking dossier is open (Điều 7.6a):
// its latest certification, the window from Rules.RerankWindow, signed for
// the committee of the producer's commune. An error when the product has
// no certification.
func (s *Store) RerankNotice(ctx context.Context, productID int64) (docx.Notice, error) {
	r, err := s.readDocRecords(ctx, productID, 0)
	if err != nil {
		return docx.Notice{}, err
	}
	certs, err := s.Certifications(ctx, productID)
	if err != nil {
		return docx.Notice{}, err
	}
	var c Certification
	for _, x := range certs {
		if c.ID == 0 || x.DecisionDate.After(c.DecisionDate) {
			c = x
		}
	}
	if c.ID == 0 {
		return docx.Notice{}, fmt.Errorf("sản phẩm %q chưa có quyết định công nhận nào, nên không có hồ sơ đánh giá lại để thông báo", r.product.Name)
	}
	n := docx.Notice{
		Issuer:         r.issuer(),
		Commune:        r.communeTitle(),
		Producer:       r.producer.Name,
		Product:        r.product.Name,
		Stars:          c.Stars,
		DecisionNumber: c.DecisionNo,
		DecisionDate:   c.DecisionDate,
		Expires:        c.ValidUntil,
		Signer:         r.signer(),
	}
	switch c.IssuingLevel {
	case "tinh":
		n.DecisionBy = "Ủy ban nhân dân " + r.settings.ProvinceTitle()
	case "trung_uong":
		n.DecisionBy = "Bộ Nông nghiệp và Môi trường"
	}
	n.Opens, n.Closes = r.rules.RerankWindow(c.ValidUntil)
	return n, nil
}

// DossierAddress is the producer's address of dossier d as the documents
// write it: as typed, with the commune and the province after it when it
// does not name them.
func (s *Store) DossierAddress(ctx context.Context, d Dossier) (string, error) {
	r, err := s.readDocRecords(ctx, d.ProductID, d.CommuneID)
	if err != nil {
		return "", err
	}
	return r.address(), nil
}

// officeCommune is the commune the office's parent body names ("UBND XÃ
// THẤT KHÊ", "Ủy ban nhân dân xã Thất Khê") among the communes it covers.
func (s *Store) officeCommune(ctx context.Context, st Settings) (Commune, bool, error) {
	parent := viet.Fold(expandUBND(strings.TrimSpace(st.ParentBody)))
	name, ok := strings.CutPrefix(parent, "uy ban nhan dan ")
	if !ok {
		return Commune{}, false, nil
	}
	cs, err := readCommunes(ctx, s.db, "WHERE covered = 1", nil)
	if err != nil {
		return Commune{}, false, err
	}
	for _, c := range cs {
		if viet.Fold(c.Title()) == name || viet.Fold(c.Name) == name {
			return c, true, nil
		}
	}
	return Commune{}, false, nil
}
