package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// A dossier (hồ sơ OCOP) is what a producer files at the commune for one
// product (Decision 26/2026/QĐ-TTg, Điều 6-7): the commune receives it,
// may ask for more papers, assesses four local contents (Mẫu 03), sends it
// to the province with a letter, and the province's result comes back:
// Đạt, which is the product's certification, or Không đạt. This file holds
// the dossier and its status path; dossierdue.go its deadlines, rounds and
// the re-ranking window; evidence.go its Mẫu 02 checklist.

// EntityDossier is the change log entity of a dossier.
const EntityDossier = "dossier"

// DossierKind is the kind of a dossier (Điều 6.1; Mẫu 01 item 4).
type DossierKind string

// The kinds, with the codes the store and the command line use.
const (
	KindFirst   DossierKind = "lan_dau"      // lần đầu
	KindUpgrade DossierKind = "nang_hang"    // nâng hạng
	KindRerank  DossierKind = "danh_gia_lai" // đánh giá lại (phân hạng lại)
)

// DossierKinds lists the kinds in the order of Mẫu 01.
var DossierKinds = []DossierKind{KindFirst, KindUpgrade, KindRerank}

// Label names the kind as Mẫu 01 does.
func (k DossierKind) Label() string {
	switch k {
	case KindFirst:
		return "Lần đầu"
	case KindUpgrade:
		return "Nâng hạng"
	case KindRerank:
		return "Đánh giá lại"
	}
	return string(k)
}

func (k DossierKind) valid() bool { return k == KindFirst || k == KindUpgrade || k == KindRerank }

// DossierStatus is where a dossier stands on its path.
type DossierStatus string

// The statuses, in path order, with the ASCII codes the command line prints.
const (
	DossierReceived     DossierStatus = "da_tiep_nhan"   // Đã tiếp nhận
	DossierNeedsMore    DossierStatus = "can_bo_sung"    // Cần bổ sung
	DossierSupplemented DossierStatus = "da_bo_sung"     // Đã bổ sung
	DossierAssessed     DossierStatus = "da_danh_gia_xa" // Đã đánh giá cấp xã
	DossierSent         DossierStatus = "da_gui_tinh"    // Đã gửi tỉnh
	DossierPassed       DossierStatus = "dat"            // Đạt
	DossierFailed       DossierStatus = "khong_dat"      // Không đạt
	DossierWithdrawn    DossierStatus = "rut_ho_so"      // Rút hồ sơ
)

// DossierStatuses lists every status in path order.
var DossierStatuses = []DossierStatus{DossierReceived, DossierNeedsMore, DossierSupplemented, DossierAssessed,
	DossierSent, DossierPassed, DossierFailed, DossierWithdrawn}

// Label returns the Vietnamese name of the status.
func (s DossierStatus) Label() string {
	switch s {
	case DossierReceived:
		return "Đã tiếp nhận"
	case DossierNeedsMore:
		return "Cần bổ sung"
	case DossierSupplemented:
		return "Đã bổ sung"
	case DossierAssessed:
		return "Đã đánh giá cấp xã"
	case DossierSent:
		return "Đã gửi tỉnh"
	case DossierPassed:
		return "Đạt"
	case DossierFailed:
		return "Không đạt"
	case DossierWithdrawn:
		return "Rút hồ sơ"
	}
	return string(s)
}

// Closed reports whether the dossier's path has ended: a result, or withdrawn.
func (s DossierStatus) Closed() bool {
	return s == DossierPassed || s == DossierFailed || s == DossierWithdrawn
}

// ParseDossierStatus reads a status code ("da_gui_tinh").
func ParseDossierStatus(code string) (DossierStatus, error) {
	for _, s := range DossierStatuses {
		if string(s) == strings.TrimSpace(code) {
			return s, nil
		}
	}
	codes := make([]string, len(DossierStatuses))
	for i, s := range DossierStatuses {
		codes[i] = string(s)
	}
	return "", fmt.Errorf("tình trạng hồ sơ %q không có; dùng một trong: %s", code, strings.Join(codes, ", "))
}

// dossierSteps are the steps allowed from each status (Đã tiếp nhận →
// (Cần bổ sung ↔ Đã bổ sung) → Đã đánh giá cấp xã → Đã gửi tỉnh → Đạt or
// Không đạt; Rút hồ sơ at any point before a result).
var dossierSteps = map[DossierStatus][]DossierStatus{
	DossierReceived:     {DossierNeedsMore, DossierAssessed, DossierWithdrawn},
	DossierNeedsMore:    {DossierSupplemented, DossierWithdrawn},
	DossierSupplemented: {DossierNeedsMore, DossierAssessed, DossierWithdrawn},
	DossierAssessed:     {DossierSent, DossierWithdrawn},
	DossierSent:         {DossierPassed, DossierFailed, DossierWithdrawn},
}

// NextSteps returns the steps a dossier in status s can take, the usual
// next one first: the form's obvious button is the first.
func NextSteps(s DossierStatus) []DossierStatus {
	return append([]DossierStatus(nil), dossierSteps[s]...)
}

// StepError refuses a step out of order, saying what must come first.
type StepError struct {
	From, To DossierStatus
	Msg      string // "Chưa thể gửi tỉnh: hồ sơ chưa được đánh giá cấp xã"
}

func (e *StepError) Error() string { return e.Msg }

// stepVerb names the step to as the refusal starts it.
func stepVerb(to DossierStatus) string {
	switch to {
	case DossierNeedsMore:
		return "yêu cầu bổ sung"
	case DossierSupplemented:
		return "ghi nhận đã bổ sung"
	case DossierAssessed:
		return "ghi đánh giá cấp xã"
	case DossierSent:
		return "gửi tỉnh"
	case DossierPassed, DossierFailed:
		return "ghi kết quả"
	case DossierWithdrawn:
		return "rút hồ sơ"
	}
	return "chuyển sang " + to.Label()
}

// CheckStep returns nil when a dossier in status from may go to to, or a
// *StepError saying why not and what must come first.
func CheckStep(from, to DossierStatus) error {
	for _, s := range dossierSteps[from] {
		if s == to {
			return nil
		}
	}
	verb := stepVerb(to)
	refuse := func(reason string) error {
		return &StepError{From: from, To: to, Msg: "Chưa thể " + verb + ": " + reason}
	}
	never := func(reason string) error {
		return &StepError{From: from, To: to, Msg: "Không thể " + verb + ": " + reason}
	}
	switch from {
	case DossierPassed, DossierFailed:
		return never("hồ sơ đã có kết quả (" + from.Label() + ")")
	case DossierWithdrawn:
		return never("hồ sơ đã được rút")
	}
	switch to {
	case DossierSupplemented:
		return refuse("hồ sơ không có yêu cầu bổ sung nào đang chờ")
	case DossierNeedsMore:
		if from == DossierNeedsMore {
			return refuse("hồ sơ đang chờ bổ sung theo yêu cầu trước; hãy ghi nhận đã bổ sung trước")
		}
		return never("hồ sơ đã được đánh giá cấp xã")
	case DossierAssessed:
		if from == DossierNeedsMore {
			return refuse("hồ sơ đang chờ chủ thể bổ sung; hãy ghi nhận đã bổ sung trước")
		}
		return never("hồ sơ đã được đánh giá cấp xã")
	case DossierSent:
		switch from {
		case DossierNeedsMore:
			return refuse("hồ sơ đang chờ chủ thể bổ sung và chưa được đánh giá cấp xã")
		case DossierSent:
			return never("hồ sơ đã được gửi tỉnh")
		}
		return refuse("hồ sơ chưa được đánh giá cấp xã")
	case DossierPassed, DossierFailed:
		return refuse("hồ sơ chưa được gửi tỉnh")
	}
	return refuse("bước này không có trên đường đi của hồ sơ")
}

// ReceiptNo is the commune's receipt number of Mẫu 01 ("Phiếu số:
// ……/PĐK-(Mã tỉnh)-(Mã xã)-(Năm)"): the running number of the commune and
// year, the province and commune codes (Decision 19/2025/QĐ-TTg) and the year.
type ReceiptNo struct {
	Seq          int
	ProvinceCode string
	CommuneCode  string
	Year         int
}

// String formats the number as the form reads: "05/PĐK-20-06040-2026".
func (r ReceiptNo) String() string {
	if r.Seq == 0 {
		return ""
	}
	return fmt.Sprintf("%02d/PĐK-%s-%s-%d", r.Seq, r.ProvinceCode, r.CommuneCode, r.Year)
}

// ProductCode is the code the scoring sheets carry, "(T)-(X)-(STT)-năm":
// province code, commune code, the commune's running number and the year of
// evaluation: "20-06040-05-2026".
func ProductCode(provinceCode, communeCode string, seq, year int) string {
	return fmt.Sprintf("%s-%s-%02d-%d", provinceCode, communeCode, seq, year)
}

// Assessment is the commune's assessment of a dossier (Mẫu 03 part II,
// Điều 7.2): four contents, each a paragraph, whether the chairman held a
// meeting, and who assessed it and when.
type Assessment struct {
	Materials    string // 1. nguồn gốc sản phẩm, nguyên liệu địa phương
	Labour       string // 2. sử dụng lao động địa phương
	Idea         string // 3. nguồn gốc ý tưởng sản phẩm (truyền thống / mới)
	Identity     string // 4. bản sắc, trí tuệ địa phương
	ChairMeeting bool   // Chủ tịch UBND xã tổ chức họp lấy ý kiến
	AssessedBy   string
	AssessedOn   time.Time
}

// DossierResult is the province's result.
type DossierResult struct {
	Score        Score
	HasScore     bool
	Stars        int // Đạt: the stars of the decision
	DecisionNo   string
	DecisionDate time.Time // Đạt: the decision; Không đạt: the day the result was notified
	Reason       string    // Không đạt: why
}

// Dossier is one dossier of a product.
type Dossier struct {
	ID            int64
	ProductID     int64
	Kind          DossierKind
	Received      time.Time
	ReceivedBy    string
	CommuneID     int64 // the commune whose People's Committee received it
	Receipt       ReceiptNo
	PaperSet      bool // 01 bộ hồ sơ giấy received
	ElectronicSet bool // 01 bộ hồ sơ điện tử received
	Samples       int  // sản phẩm mẫu received (5; none for tourism services)
	ProductCode   string
	Round         Round // the province round it goes to (year and number stored; dates from the rules)
	Status        DossierStatus
	// CompleteOn is the day the dossier was last complete: the day
	// received, or the day the latest "Cần bổ sung" request was met.
	CompleteOn      time.Time
	Assessment      Assessment
	LetterNo        string
	LetterDate      time.Time
	Result          DossierResult
	CertificationID int64 // the certification Đạt created
	WithdrawnOn     time.Time
	WithdrawReason  string
	Note            string
}

// DefaultSamples is how many product samples a dossier of set setCode
// comes with: five, none for tourism services (set VI; Điều 6.2.d).
func DefaultSamples(setCode string) int {
	if GroupOf(setCode) == "VI" {
		return 0
	}
	return 5
}

// DossierEvent is one dated step of a dossier.
type DossierEvent struct {
	ID     int64
	Status DossierStatus
	On     time.Time
	Staff  string
	Note   string
}

// SupplementRequest is one "Cần bổ sung" request: what the producer must
// add, when it was asked, by when, and when it came (zero while waiting).
type SupplementRequest struct {
	ID          int64
	DossierID   int64
	What        string
	AskedOn     time.Time
	Due         time.Time
	CompletedOn time.Time
}

const dossierColumns = `id, product_id, kind, received_on, received_by, COALESCE(commune_id, 0) AS commune_id, receipt_seq, province_code,
	commune_code, receipt_year, paper_set, electronic_set, samples, product_code, round_year, round_no, status, complete_on,
	assess_materials, assess_labour, assess_idea, assess_identity, chair_meeting, assessed_by, COALESCE(assessed_on, ''),
	letter_no, COALESCE(letter_date, ''), result_score, COALESCE(result_stars, 0), decision_no, COALESCE(decision_date, ''),
	result_reason, COALESCE(certification_id, 0), COALESCE(withdrawn_on, ''), withdraw_reason, note`

func scanDossier(sc interface{ Scan(...any) error }, extra ...any) (Dossier, error) {
	var d Dossier
	var received, complete, assessed, letter, decided, withdrawn string
	var score sql.NullInt64
	dest := append([]any{&d.ID, &d.ProductID, &d.Kind, &received, &d.ReceivedBy, &d.CommuneID, &d.Receipt.Seq,
		&d.Receipt.ProvinceCode, &d.Receipt.CommuneCode, &d.Receipt.Year, &d.PaperSet, &d.ElectronicSet, &d.Samples,
		&d.ProductCode, &d.Round.Year, &d.Round.No, &d.Status, &complete, &d.Assessment.Materials, &d.Assessment.Labour,
		&d.Assessment.Idea, &d.Assessment.Identity, &d.Assessment.ChairMeeting, &d.Assessment.AssessedBy, &assessed,
		&d.LetterNo, &letter, &score, &d.Result.Stars, &d.Result.DecisionNo, &decided, &d.Result.Reason,
		&d.CertificationID, &withdrawn, &d.WithdrawReason, &d.Note}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return d, err
	}
	parse := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	d.Received, d.CompleteOn, d.Assessment.AssessedOn = parse(received), parse(complete), parse(assessed)
	d.LetterDate, d.Result.DecisionDate, d.WithdrawnOn = parse(letter), parse(decided), parse(withdrawn)
	d.Result.Score, d.Result.HasScore = Score(score.Int64), score.Valid
	return d, nil
}

func readDossier(ctx context.Context, ex execer, id int64) (Dossier, error) {
	d, err := scanDossier(ex.QueryRowContext(ctx, "SELECT "+dossierColumns+" FROM dossiers WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	return d, err
}

// Dossier returns one dossier that is not in the trash.
func (s *Store) Dossier(ctx context.Context, id int64) (Dossier, error) {
	return readDossier(ctx, s.db, id)
}

// DossierEvents returns the steps of a dossier, oldest first.
func (s *Store) DossierEvents(ctx context.Context, id int64) ([]DossierEvent, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, status, on_date, staff, note FROM dossier_events WHERE dossier_id = ? ORDER BY on_date, id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DossierEvent
	for rows.Next() {
		var e DossierEvent
		var on string
		if err := rows.Scan(&e.ID, &e.Status, &on, &e.Staff, &e.Note); err != nil {
			return nil, err
		}
		e.On, _ = time.Parse(time.DateOnly, on)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SupplementRequests returns a dossier's "Cần bổ sung" requests, oldest first.
func (s *Store) SupplementRequests(ctx context.Context, id int64) ([]SupplementRequest, error) {
	return readRequests(ctx, s.db, id)
}

func readRequests(ctx context.Context, ex execer, id int64) ([]SupplementRequest, error) {
	rows, err := ex.QueryContext(ctx, `SELECT id, what, asked_on, COALESCE(due_on, ''), COALESCE(completed_on, '')
		FROM dossier_requests WHERE dossier_id = ? AND deleted_at IS NULL ORDER BY asked_on, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SupplementRequest
	for rows.Next() {
		r := SupplementRequest{DossierID: id}
		var asked, due, done string
		if err := rows.Scan(&r.ID, &r.What, &asked, &due, &done); err != nil {
			return nil, err
		}
		r.AskedOn, _ = time.Parse(time.DateOnly, asked)
		r.Due, _ = time.Parse(time.DateOnly, due)
		r.CompletedOn, _ = time.Parse(time.DateOnly, done)
		out = append(out, r)
	}
	return out, rows.Err()
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ISODate(t)
}

// NewDossier returns a dossier for product productID received on today,
// filled from the product and the settings as the form opens: the commune
// of its producer, the samples its set needs, the round, today's staff as
// the receiver. Nothing is stored until ReceiveDossier.
func (s *Store) NewDossier(ctx context.Context, productID int64, kind DossierKind, today time.Time) (Dossier, error) {
	d := Dossier{ProductID: productID, Kind: kind, Received: DateOf(today), PaperSet: true, ElectronicSet: true,
		Samples: 5, Status: DossierReceived}
	st, err := s.Settings(ctx)
	if err != nil {
		return d, err
	}
	d.ReceivedBy = st.StaffName
	if productID != 0 {
		p, err := s.Product(ctx, productID)
		if err != nil {
			return d, err
		}
		pr, err := s.Producer(ctx, p.ProducerID)
		if err != nil {
			return d, err
		}
		d.CommuneID, d.Samples = pr.CommuneID, DefaultSamples(p.SetCode)
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return d, err
	}
	d.Round = rules.RoundFor(d.Received)
	return d, nil
}

// NewRerankDossier returns the re-ranking dossier (đánh giá lại) of a
// certified product, filled from the product: the button beside a
// certificate whose re-ranking window is open starts here.
func (s *Store) NewRerankDossier(ctx context.Context, productID int64, today time.Time) (Dossier, error) {
	return s.NewDossier(ctx, productID, KindRerank, today)
}

// validateIntake checks what the receipt form asks for.
func (d *Dossier) validateIntake() error {
	d.ReceivedBy, d.ProductCode, d.Note = viet.Clean(d.ReceivedBy), viet.Clean(d.ProductCode), strings.TrimSpace(d.Note)
	switch {
	case !d.Kind.valid():
		return &FieldError{"Lần đăng ký đánh giá", "chưa chọn lần đầu, nâng hạng hay đánh giá lại"}
	case d.Received.IsZero():
		return &FieldError{"Ngày tiếp nhận", "chưa nhập"}
	case d.Samples < 0 || d.Samples > 1000:
		return &FieldError{"Sản phẩm mẫu", fmt.Sprintf("số mẫu %d không hợp lệ (thường là 5; dịch vụ du lịch: 0)", d.Samples)}
	case d.Round.Year != 0 && (d.Round.No < 1 || d.Round.No > 9 || d.Round.Year < 2000 || d.Round.Year > 2200):
		return &FieldError{"Đợt đánh giá", fmt.Sprintf("đợt %s không hợp lệ (ví dụ 2026-2)", d.Round)}
	}
	return nil
}

// ReceiveDossier stores a dossier just received, sets its ID and gives it
// the next receipt number of its commune and year. When newProduct is not
// nil the dossier is for a product the program does not know yet: it is
// created with it, "chưa công nhận", in the same transaction. A product
// with a dossier still open is refused, and so is a nâng hạng or đánh giá
// lại dossier of a product never certified.
func (s *Store) ReceiveDossier(ctx context.Context, d *Dossier, newProduct *Product) error {
	if err := d.validateIntake(); err != nil {
		return err
	}
	if newProduct != nil {
		if d.Kind != KindFirst {
			return &FieldError{"Lần đăng ký đánh giá", "sản phẩm mới chỉ có hồ sơ lần đầu; hồ sơ " +
				strings.ToLower(d.Kind.Label()) + " là của sản phẩm đã được công nhận"}
		}
		if err := newProduct.Validate(); err != nil {
			return err
		}
	} else if d.ProductID == 0 {
		return &FieldError{"Sản phẩm", "chưa chọn"}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if newProduct != nil {
			if err := addProduct(ctx, tx, newProduct); err != nil {
				return err
			}
			if err := logChange(ctx, tx, EntityProduct, newProduct.ID, ActionAdd, newProduct.Name+" (hồ sơ đăng ký lần đầu)"); err != nil {
				return err
			}
			d.ProductID = newProduct.ID
		}
		return receiveDossier(ctx, tx, d)
	})
}

func receiveDossier(ctx context.Context, tx *sql.Tx, d *Dossier) error {
	p, err := readProduct(ctx, tx, d.ProductID)
	if err != nil {
		return fmt.Errorf("Sản phẩm: %w", err)
	}
	var open int64
	var openStatus DossierStatus
	var seq, year int
	var pc, cc string
	err = tx.QueryRowContext(ctx, `SELECT id, status, receipt_seq, province_code, commune_code, receipt_year FROM dossiers
		WHERE product_id = ? AND deleted_at IS NULL AND status NOT IN ('dat', 'khong_dat', 'rut_ho_so')`, d.ProductID).
		Scan(&open, &openStatus, &seq, &pc, &cc, &year)
	if err == nil {
		return &FieldError{"Sản phẩm", fmt.Sprintf("%q đang có hồ sơ số %s (%s) chưa có kết quả; hãy rút hồ sơ đó hoặc chờ kết quả",
			p.Name, ReceiptNo{seq, pc, cc, year}, openStatus.Label())}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if d.Kind != KindFirst {
		var certs int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM certifications WHERE product_id = ? AND deleted_at IS NULL",
			d.ProductID).Scan(&certs); err != nil {
			return err
		}
		if certs == 0 {
			return &FieldError{"Lần đăng ký đánh giá", fmt.Sprintf("sản phẩm %q chưa được công nhận, nên chỉ có hồ sơ lần đầu", p.Name)}
		}
	}
	if d.CommuneID == 0 {
		pr, err := readProducer(ctx, tx, p.ProducerID)
		if err != nil {
			return err
		}
		d.CommuneID = pr.CommuneID
	}
	if d.CommuneID == 0 {
		return &FieldError{"Xã tiếp nhận", "chưa chọn (chủ thể của sản phẩm chưa ghi xã)"}
	}
	var cname string
	err = tx.QueryRowContext(ctx, "SELECT name, COALESCE(code, ''), province_code FROM communes WHERE id = ?", d.CommuneID).
		Scan(&cname, &d.Receipt.CommuneCode, &d.Receipt.ProvinceCode)
	if errors.Is(err, sql.ErrNoRows) {
		return &FieldError{"Xã tiếp nhận", "không có trong danh mục"}
	} else if err != nil {
		return err
	}
	if d.Receipt.CommuneCode == "" {
		return &FieldError{"Xã tiếp nhận", fmt.Sprintf("%q là tên tự thêm, không có mã xã để ghi số phiếu; hãy chọn xã, phường hiện nay", cname)}
	}
	if d.Receipt.ProvinceCode == "" {
		st, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		d.Receipt.ProvinceCode = st.ProvinceCode
	}
	d.Received = DateOf(d.Received)
	d.Receipt.Year = d.Received.Year()
	// Numbers once given stay given: the trash keeps its numbers too.
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM dossiers WHERE commune_code = ? AND receipt_year = ?",
		d.Receipt.CommuneCode, d.Receipt.Year).Scan(&d.Receipt.Seq); err != nil {
		return err
	}
	rules, err := readRules(ctx, tx)
	if err != nil {
		return err
	}
	if d.Round.Year == 0 {
		d.Round = rules.RoundFor(d.Received)
	}
	if d.Round.Year == 0 {
		return &FieldError{"Đợt đánh giá", "chưa nhập (bảng quy trình không có đợt nào)"}
	}
	d.Round = roundOf(rules, d.Round.Year, d.Round.No)
	if d.ProductCode == "" {
		d.ProductCode = ProductCode(d.Receipt.ProvinceCode, d.Receipt.CommuneCode, d.Receipt.Seq, d.Round.Year)
	}
	d.Status, d.CompleteOn = DossierReceived, d.Received
	res, err := tx.ExecContext(ctx, `INSERT INTO dossiers(product_id, kind, received_on, received_by, commune_id, receipt_seq,
		province_code, commune_code, receipt_year, paper_set, electronic_set, samples, product_code, round_year, round_no,
		status, complete_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ProductID, d.Kind, ISODate(d.Received), d.ReceivedBy, d.CommuneID, d.Receipt.Seq, d.Receipt.ProvinceCode,
		d.Receipt.CommuneCode, d.Receipt.Year, d.PaperSet, d.ElectronicSet, d.Samples, d.ProductCode, d.Round.Year,
		d.Round.No, d.Status, ISODate(d.CompleteOn), d.Note)
	if err != nil {
		return err
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	sets := []string{}
	if d.PaperSet {
		sets = append(sets, "hồ sơ giấy")
	}
	if d.ElectronicSet {
		sets = append(sets, "hồ sơ điện tử")
	}
	note := fmt.Sprintf("%s, phiếu số %s; %s; %d sản phẩm mẫu; %s", d.Kind.Label(), d.Receipt, strings.Join(sets, ", "), d.Samples, d.Round.Label())
	if err := addDossierEvent(ctx, tx, d.ID, DossierReceived, d.Received, note); err != nil {
		return err
	}
	return logChange(ctx, tx, EntityDossier, d.ID, ActionAdd, fmt.Sprintf("Tiếp nhận hồ sơ %s của sản phẩm %q ngày %s (%s)",
		d.Receipt, p.Name, VNDate(d.Received), note))
}

func addDossierEvent(ctx context.Context, tx *sql.Tx, id int64, status DossierStatus, on time.Time, note string) error {
	st, err := readSettings(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO dossier_events(dossier_id, status, on_date, staff, note) VALUES (?, ?, ?, ?, ?)",
		id, status, ISODate(on), st.StaffName, note)
	return err
}

// UpdateDossier saves the receipt details of a dossier that may still
// change: who received it, the sets and samples received, the product code,
// the round and the note. Its status and steps change only through the
// step methods.
func (s *Store) UpdateDossier(ctx context.Context, d Dossier) error {
	if err := d.validateIntake(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readDossier(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if d.Round.Year == 0 {
			d.Round = old.Round
		}
		if d.ProductCode == "" {
			d.ProductCode = old.ProductCode
		}
		yesNo := map[bool]string{true: "có", false: "không"}
		var df diff
		df.add("Người tiếp nhận", old.ReceivedBy, d.ReceivedBy)
		df.add("Hồ sơ giấy", yesNo[old.PaperSet], yesNo[d.PaperSet])
		df.add("Hồ sơ điện tử", yesNo[old.ElectronicSet], yesNo[d.ElectronicSet])
		df.add("Sản phẩm mẫu", strconv.Itoa(old.Samples), strconv.Itoa(d.Samples))
		df.add("Mã số sản phẩm", old.ProductCode, d.ProductCode)
		df.add("Đợt đánh giá", old.Round.Label(), d.Round.Label())
		df.add("Ghi chú", old.Note, d.Note)
		if len(df) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET received_by = ?, paper_set = ?, electronic_set = ?, samples = ?,
			product_code = ?, round_year = ?, round_no = ?, note = ?, updated_at = datetime('now') WHERE id = ?`,
			d.ReceivedBy, d.PaperSet, d.ElectronicSet, d.Samples, d.ProductCode, d.Round.Year, d.Round.No, d.Note, d.ID); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityDossier, d.ID, ActionEdit, df.String())
	})
}

// stepTx runs one step of dossier id to status to, dated on: it checks the
// step is allowed and not dated before the dossier's latest step, lets
// apply write the step's own fields, then records the status, the dated
// event and the change log line, all in one transaction.
func stepTx(ctx context.Context, tx *sql.Tx, id int64, to DossierStatus, on time.Time, field string,
	apply func(tx *sql.Tx, d *Dossier) (details string, err error)) error {
	if on.IsZero() {
		return &FieldError{field, "chưa nhập"}
	}
	on = DateOf(on)
	d, err := readDossier(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := CheckStep(d.Status, to); err != nil {
		return err
	}
	var last string
	var lastStatus DossierStatus
	if err := tx.QueryRowContext(ctx, "SELECT on_date, status FROM dossier_events WHERE dossier_id = ? ORDER BY on_date DESC, id DESC LIMIT 1",
		id).Scan(&last, &lastStatus); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if lastDay, err := time.Parse(time.DateOnly, last); err == nil && on.Before(lastDay) {
		return &FieldError{field, fmt.Sprintf("%s trước ngày %s của bước %q; các bước của hồ sơ phải theo thứ tự ngày",
			VNDate(on), VNDate(lastDay), lastStatus.Label())}
	}
	details, err := apply(tx, &d)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE dossiers SET status = ?, updated_at = datetime('now') WHERE id = ?", to, id); err != nil {
		return err
	}
	if err := addDossierEvent(ctx, tx, id, to, on, details); err != nil {
		return err
	}
	line := fmt.Sprintf("%s → %s ngày %s", d.Status.Label(), to.Label(), VNDate(on))
	if details != "" {
		line += ": " + details
	}
	return logChange(ctx, tx, EntityDossier, id, ActionEdit, line)
}

// RequestSupplement sends a dossier back to its producer ("Cần bổ sung"):
// what must be added, asked on askedOn, due by due (may be zero).
func (s *Store) RequestSupplement(ctx context.Context, id int64, what string, askedOn, due time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return requestSupplement(ctx, tx, id, what, askedOn, due) })
}

func requestSupplement(ctx context.Context, tx *sql.Tx, id int64, what string, askedOn, due time.Time) error {
	what = strings.TrimSpace(what)
	if what == "" {
		return &FieldError{"Nội dung cần bổ sung", "chưa nhập"}
	}
	if !due.IsZero() && !askedOn.IsZero() && due.Before(askedOn) {
		return &FieldError{"Hạn bổ sung", fmt.Sprintf("%s trước ngày yêu cầu %s", VNDate(due), VNDate(askedOn))}
	}
	return stepTx(ctx, tx, id, DossierNeedsMore, askedOn, "Ngày yêu cầu bổ sung", func(tx *sql.Tx, d *Dossier) (string, error) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_requests(dossier_id, what, asked_on, due_on) VALUES (?, ?, ?, ?)",
			id, what, ISODate(DateOf(askedOn)), nullDate(due)); err != nil {
			return "", err
		}
		if due.IsZero() {
			return what, nil
		}
		return what + " (hạn " + VNDate(due) + ")", nil
	})
}

// CompleteSupplement records that the producer brought what was asked on
// day on: the dossier is complete again, and the commune's 15 working days
// count from that day (unless the office counts from receipt; see
// DeadlineRule).
func (s *Store) CompleteSupplement(ctx context.Context, id int64, on time.Time, note string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return completeSupplement(ctx, tx, id, on, note) })
}

func completeSupplement(ctx context.Context, tx *sql.Tx, id int64, on time.Time, note string) error {
	return stepTx(ctx, tx, id, DossierSupplemented, on, "Ngày nhận bổ sung", func(tx *sql.Tx, d *Dossier) (string, error) {
		day := ISODate(DateOf(on))
		if _, err := tx.ExecContext(ctx, "UPDATE dossier_requests SET completed_on = ? WHERE dossier_id = ? AND completed_on IS NULL AND deleted_at IS NULL",
			day, id); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dossiers SET complete_on = ? WHERE id = ?", day, id); err != nil {
			return "", err
		}
		return strings.TrimSpace(note), nil
	})
}

func (a *Assessment) clean() {
	a.Materials, a.Labour = strings.TrimSpace(a.Materials), strings.TrimSpace(a.Labour)
	a.Idea, a.Identity = strings.TrimSpace(a.Idea), strings.TrimSpace(a.Identity)
	a.AssessedBy = viet.Clean(a.AssessedBy)
}

// Validate checks that the assessment is whole, as Mẫu 03 needs it.
func (a *Assessment) Validate() error {
	a.clean()
	switch {
	case a.Materials == "":
		return &FieldError{"1. Về sử dụng nguyên liệu địa phương", "chưa nhập"}
	case a.Labour == "":
		return &FieldError{"2. Về sử dụng lao động địa phương", "chưa nhập"}
	case a.Idea == "":
		return &FieldError{"3. Nguồn gốc ý tưởng sản phẩm", "chưa nhập"}
	case a.Identity == "":
		return &FieldError{"4. Bản sắc/trí tuệ địa phương", "chưa nhập"}
	case a.AssessedBy == "":
		return &FieldError{"Người đánh giá", "chưa nhập"}
	case a.AssessedOn.IsZero():
		return &FieldError{"Ngày đánh giá", "chưa nhập"}
	}
	return nil
}

func writeAssessment(ctx context.Context, tx *sql.Tx, id int64, a Assessment) error {
	_, err := tx.ExecContext(ctx, `UPDATE dossiers SET assess_materials = ?, assess_labour = ?, assess_idea = ?, assess_identity = ?,
		chair_meeting = ?, assessed_by = ?, assessed_on = ?, updated_at = datetime('now') WHERE id = ?`,
		a.Materials, a.Labour, a.Idea, a.Identity, a.ChairMeeting, a.AssessedBy, nullDate(DateOf(a.AssessedOn)), id)
	return err
}

// SaveAssessment keeps the commune's assessment as written so far, without
// a step: the officer writes it over several days. Once the dossier has
// gone to the province it is refused.
func (s *Store) SaveAssessment(ctx context.Context, id int64, a Assessment) error {
	a.clean()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := readDossier(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.Status == DossierSent || d.Status.Closed() {
			return &StepError{From: d.Status, To: d.Status, Msg: "Không thể sửa đánh giá cấp xã: hồ sơ " + strings.ToLower(d.Status.Label())}
		}
		o := d.Assessment
		yesNo := map[bool]string{true: "có", false: "không"}
		var df diff
		df.add("Nguyên liệu địa phương", o.Materials, a.Materials)
		df.add("Lao động địa phương", o.Labour, a.Labour)
		df.add("Nguồn gốc ý tưởng", o.Idea, a.Idea)
		df.add("Bản sắc, trí tuệ địa phương", o.Identity, a.Identity)
		df.add("Chủ tịch UBND xã họp lấy ý kiến", yesNo[o.ChairMeeting], yesNo[a.ChairMeeting])
		df.add("Người đánh giá", o.AssessedBy, a.AssessedBy)
		df.add("Ngày đánh giá", VNDate(o.AssessedOn), VNDate(a.AssessedOn))
		if len(df) == 0 {
			return nil
		}
		if err := writeAssessment(ctx, tx, id, a); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityDossier, id, ActionEdit, df.String())
	})
}

// CompleteAssessment records the commune's assessment as done (Đã đánh giá
// cấp xã), dated the day of the assessment: the four contents, who
// assessed it; Mẫu 03 can then be issued.
func (s *Store) CompleteAssessment(ctx context.Context, id int64, a Assessment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return completeAssessment(ctx, tx, id, a) })
}

func completeAssessment(ctx context.Context, tx *sql.Tx, id int64, a Assessment) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return stepTx(ctx, tx, id, DossierAssessed, a.AssessedOn, "Ngày đánh giá", func(tx *sql.Tx, d *Dossier) (string, error) {
		if err := writeAssessment(ctx, tx, id, a); err != nil {
			return "", err
		}
		note := "người đánh giá " + a.AssessedBy
		if a.ChairMeeting {
			note += "; Chủ tịch UBND xã đã họp lấy ý kiến"
		}
		return note, nil
	})
}

// SendToProvince records the letter that sent the dossier to the
// province's People's Committee (Đã gửi tỉnh).
func (s *Store) SendToProvince(ctx context.Context, id int64, letterNo string, letterDate time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return sendToProvince(ctx, tx, id, letterNo, letterDate) })
}

func sendToProvince(ctx context.Context, tx *sql.Tx, id int64, letterNo string, letterDate time.Time) error {
	letterNo = viet.Clean(letterNo)
	if letterNo == "" {
		return &FieldError{"Số công văn", "chưa nhập"}
	}
	return stepTx(ctx, tx, id, DossierSent, letterDate, "Ngày công văn", func(tx *sql.Tx, d *Dossier) (string, error) {
		day := DateOf(letterDate)
		note := "công văn số " + letterNo
		// A proposal sent on or after its round's cut-off goes to the next round.
		rules, err := readRules(ctx, tx)
		if err != nil {
			return "", err
		}
		round := roundOf(rules, d.Round.Year, d.Round.No)
		if next := rules.RoundFor(day); !round.CutOff.IsZero() && !day.Before(round.CutOff) && next.Year != 0 {
			note += fmt.Sprintf("; gửi từ ngày %s nên chuyển từ %s sang %s", VNDate(round.CutOff), round.Label(), next.Label())
			round = next
		}
		_, err = tx.ExecContext(ctx, "UPDATE dossiers SET letter_no = ?, letter_date = ?, round_year = ?, round_no = ? WHERE id = ?",
			letterNo, ISODate(day), round.Year, round.No, id)
		return note, err
	})
}

// ResultError refuses a result whose stars do not fit the rule in force on
// its decision date, naming that rule.
type ResultError struct{ Msg string }

func (e *ResultError) Error() string { return e.Msg }

// RecordPassed records the province's Đạt: score, stars, decision number
// and date. It creates the product's certification in the same
// transaction, valid as the rule in force on the decision date says, and
// refuses stars the score's band under that rule does not reach, or under 3
// (1★ and 2★ get no decision, Điều 4.1).
func (s *Store) RecordPassed(ctx context.Context, id int64, r DossierResult) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return recordPassed(ctx, tx, id, r) })
}

func recordPassed(ctx context.Context, tx *sql.Tx, id int64, r DossierResult) error {
	r.DecisionNo = viet.Clean(r.DecisionNo)
	switch {
	case !r.HasScore:
		return &FieldError{"Điểm", "chưa nhập"}
	case r.Score < 0 || r.Score > MaxScore:
		return &FieldError{"Điểm", "phải từ 0 đến 100"}
	case r.DecisionNo == "":
		return &FieldError{"Số quyết định", "chưa nhập"}
	}
	return stepTx(ctx, tx, id, DossierPassed, r.DecisionDate, "Ngày quyết định", func(tx *sql.Tx, d *Dossier) (string, error) {
		rules, err := readRules(ctx, tx)
		if err != nil {
			return "", err
		}
		day := DateOf(r.DecisionDate)
		band := rules.StarsForScore(r.Score, day)
		source := ""
		if bands := rules.bandsOn(day); len(bands) > 0 {
			source = " theo " + bands[0].Source
		}
		if r.Stars == 0 {
			r.Stars = band
		}
		switch {
		case band < 3:
			return "", &ResultError{fmt.Sprintf("Không ghi được Đạt: %s điểm chỉ đạt %d sao%s, sản phẩm dưới 3 sao không được công nhận; hãy ghi Không đạt",
				r.Score.VI(), band, source)}
		case r.Stars < 3 || r.Stars > 5:
			return "", &FieldError{"Hạng sao", "sản phẩm được công nhận phải từ 3 đến 5 sao"}
		case r.Stars > band:
			return "", &ResultError{fmt.Sprintf("Hạng sao: %s điểm là %d sao%s (ngày quyết định %s), không thể là %d sao",
				r.Score.VI(), band, source, VNDate(day), r.Stars)}
		}
		level, _ := rules.CertifyingLevel(r.Stars, day)
		if level == "" {
			level = "tinh"
		}
		c := &Certification{ProductID: d.ProductID, DecisionNo: r.DecisionNo, DecisionDate: day, IssuingLevel: level,
			Score: r.Score, HasScore: true, Stars: r.Stars, ValidUntil: rules.ValidUntil(day),
			Note: "Hồ sơ " + d.Kind.Label() + " số " + d.Receipt.String()}
		if err := addCertification(ctx, tx, c); err != nil {
			return "", err
		}
		if err := logChange(ctx, tx, EntityProduct, d.ProductID, ActionAdd, c.describe()+" (hồ sơ số "+d.Receipt.String()+")"); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET result_score = ?, result_stars = ?, decision_no = ?, decision_date = ?,
			certification_id = ? WHERE id = ?`, int(r.Score), r.Stars, r.DecisionNo, ISODate(day), c.ID, id); err != nil {
			return "", err
		}
		return c.describe(), nil
	})
}

// RecordFailed records the province's Không đạt: the score (when given),
// the reason, and the day of the result (DecisionDate).
func (s *Store) RecordFailed(ctx context.Context, id int64, r DossierResult) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return recordFailed(ctx, tx, id, r) })
}

func recordFailed(ctx context.Context, tx *sql.Tx, id int64, r DossierResult) error {
	r.Reason, r.DecisionNo = strings.TrimSpace(r.Reason), viet.Clean(r.DecisionNo)
	if r.Reason == "" {
		return &FieldError{"Lý do không đạt", "chưa nhập"}
	}
	if r.HasScore && (r.Score < 0 || r.Score > MaxScore) {
		return &FieldError{"Điểm", "phải từ 0 đến 100"}
	}
	return stepTx(ctx, tx, id, DossierFailed, r.DecisionDate, "Ngày có kết quả", func(tx *sql.Tx, d *Dossier) (string, error) {
		var score any
		note := r.Reason
		if r.HasScore {
			score = int(r.Score)
			note = r.Score.VI() + " điểm; " + note
		}
		_, err := tx.ExecContext(ctx, `UPDATE dossiers SET result_score = ?, result_stars = NULL, decision_no = ?, decision_date = ?,
			result_reason = ? WHERE id = ?`, score, r.DecisionNo, ISODate(DateOf(r.DecisionDate)), r.Reason, id)
		return note, err
	})
}

// WithdrawDossier records that the producer withdrew the dossier (Rút hồ
// sơ) on day on, at any point before a result.
func (s *Store) WithdrawDossier(ctx context.Context, id int64, on time.Time, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return withdrawDossier(ctx, tx, id, on, reason) })
}

func withdrawDossier(ctx context.Context, tx *sql.Tx, id int64, on time.Time, reason string) error {
	reason = strings.TrimSpace(reason)
	return stepTx(ctx, tx, id, DossierWithdrawn, on, "Ngày rút hồ sơ", func(tx *sql.Tx, d *Dossier) (string, error) {
		_, err := tx.ExecContext(ctx, "UPDATE dossiers SET withdrawn_on = ?, withdraw_reason = ? WHERE id = ?", ISODate(DateOf(on)), reason, id)
		return reason, err
	})
}

// DeleteDossier moves a dossier entered by mistake to the trash. Its
// receipt number is not given again; a certification it created stays
// (delete that from the product's history if it too was a mistake).
func (s *Store) DeleteDossier(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := readDossier(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dossiers SET deleted_at = datetime('now') WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityDossier, id, ActionDelete, "Hồ sơ "+d.Receipt.String())
	})
}

// RestoreDossier brings a dossier back from the trash, unless its product
// has another dossier open by now.
func (s *Store) RestoreDossier(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var product int64
		var status DossierStatus
		err := tx.QueryRowContext(ctx, "SELECT product_id, status FROM dossiers WHERE id = ? AND deleted_at IS NOT NULL", id).Scan(&product, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if !status.Closed() {
			var other int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dossiers WHERE product_id = ? AND id <> ? AND deleted_at IS NULL
				AND status NOT IN ('dat', 'khong_dat', 'rut_ho_so')`, product, id).Scan(&other); err != nil {
				return err
			}
			if other > 0 {
				return fmt.Errorf("không khôi phục được hồ sơ: sản phẩm đang có một hồ sơ khác chưa có kết quả")
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dossiers SET deleted_at = NULL WHERE id = ?", id); err != nil {
			return err
		}
		d, err := readDossier(ctx, tx, id)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityDossier, id, ActionRestore, "Hồ sơ "+d.Receipt.String())
	})
}
