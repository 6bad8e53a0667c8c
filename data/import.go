package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ocopdesk/ocop/data/viet"
)

// Importing products (with their producers and decisions) from the lists
// offices already keep. Reading a file into rows is package xlsx's work;
// here rows are matched against the store, previewed and committed in one
// transaction that can be undone as a whole.

// ImportProblem is something wrong in one cell of an imported file, said so
// that the user can find it: file sheet, row (as Excel numbers it), column
// heading, value and reason.
type ImportProblem struct {
	Sheet  string
	Row    int
	Column string
	Value  string
	Reason string
}

func (p ImportProblem) String() string {
	s := fmt.Sprintf("Trang %q, dòng %d", p.Sheet, p.Row)
	if p.Column != "" {
		s += fmt.Sprintf(", cột %q", p.Column)
	}
	if p.Value != "" {
		s += fmt.Sprintf(", giá trị %q", p.Value)
	}
	return s + ": " + p.Reason
}

// ImportRow is one product read from a list, with its producer and, when
// the list gives one, its recognition decision.
type ImportRow struct {
	Sheet          string
	Row            int
	Product        string
	Producer       string
	ProducerType   string // code; "" when unknown
	CommuneID      int64
	Address        string
	Representative string
	Phone          string
	SetCode        string
	Cert           *Certification // nil when the row has no decision
	// ListDecision says the decision is the one given for the whole list
	// (the title of a decision's annex), the row naming none.
	ListDecision bool
	// CommuneChoices are the communes the address may mean when it cannot
	// tell (an old commune split between several in 2025): the user picks
	// one with ChooseCommune; until then CommuneID is 0 and the producer is
	// written without a commune, never with a guess.
	CommuneChoices []Commune
	// CommuneNote says how the commune was found from a pre-2025 name
	// ("Xã Thuận Hà, Huyện Đắk Song, Tỉnh Đắk Nông (trước 01/7/2025) nay
	// thuộc xã Thuận Hạnh, tỉnh Lâm Đồng"), or what the user must choose.
	CommuneNote string
}

// ChooseCommune sets the row's commune to one of its CommuneChoices.
func (r *ImportRow) ChooseCommune(id int64) error {
	for _, c := range r.CommuneChoices {
		if c.ID == id {
			r.CommuneID = id
			return nil
		}
	}
	return fmt.Errorf("trang %q, dòng %d: xã, phường số %d không nằm trong các xã, phường để chọn của địa chỉ %q", r.Sheet, r.Row, id, r.Address)
}

// SetCommune reads the commune of a row from what the resolver finds in
// texts (the commune column, then the address), and says whether it found
// one or candidates to choose from.
func (r *ImportRow) SetCommune(res *CommuneResolver, texts ...string) bool {
	id, choices, note, ok := resolveCommune(res, texts...)
	r.CommuneID, r.CommuneChoices, r.CommuneNote = id, choices, note
	return ok
}

func resolveCommune(res *CommuneResolver, texts ...string) (id int64, choices []Commune, note string, ok bool) {
	for _, v := range texts {
		m := res.Resolve(v)
		if m.Found {
			return m.Commune.ID, nil, m.Note(), true
		}
		if len(m.Choices) > 0 {
			return 0, m.Choices, m.Note(), true
		}
	}
	return 0, nil, "", false
}

// ImportAction says what committing a row does.
type ImportAction int

// Import actions.
const (
	ImportNew     ImportAction = iota // a new product (and producer, if new)
	ImportAddCert                     // an existing product gains a decision it did not have
	ImportFill                        // an existing product: empty fields filled, nothing else
	ImportSame                        // an existing product already holding everything: nothing to do
	ImportSkipped                     // an existing product left alone (the user chose not to update)
)

// Label names an action in Vietnamese.
func (a ImportAction) Label() string {
	return [...]string{"Sản phẩm mới", "Thêm quyết định", "Bổ sung thông tin", "Đã có, bỏ qua", "Bỏ qua (đã có)"}[a]
}

// PlannedRow is a row with what committing it will do.
type PlannedRow struct {
	ImportRow
	Action      ImportAction
	ProductID   int64 // the existing product, for actions other than ImportNew
	NewProducer bool  // the producer is created too
	// DossierID is the product's open dossier sent to the province
	// (DossierSent), that committing the row closes as Đạt with the row's
	// decision, as RecordPassed does; Receipt is its number.
	DossierID int64
	Receipt   string
	// Note says why the product's dossier sent to the province stays open.
	Note string
}

// Reevaluation says whether the row adds a decision to a product on
// record: the product was evaluated again (đánh giá lại).
func (r PlannedRow) Reevaluation() bool { return r.Action == ImportAddCert && r.ProductID != 0 }

// What says in Vietnamese what committing the row does.
func (r PlannedRow) What() string {
	s := r.Action.Label()
	switch {
	case r.DossierID != 0:
		s = "Đánh giá lại, đóng hồ sơ số " + r.Receipt
	case r.Reevaluation():
		s = "Đánh giá lại (thêm chứng nhận)"
	}
	if r.Note != "" {
		s += "; " + r.Note
	}
	return s
}

// ImportPreview is what an import would do, row by row.
type ImportPreview struct {
	Rows                              []PlannedRow
	New, AddCert, Fill, Same, Skipped int
	NewProducers                      int
	// Of AddCert: the re-evaluations of products on record, and those of
	// them that close a dossier.
	Reevaluated, Closing int
}

// ImportResult says what an import did.
type ImportProductsResult struct {
	ImportID                       int64
	Products, Producers, Decisions int // created
	Updated                        int // existing products that gained a decision or a field
	Closed                         int // dossiers closed as Đạt
}

// PreviewImport works out, without writing anything, what importing rows
// would do. Rows matching a product on record (same folded product and
// producer names) update it when update is true, and are skipped otherwise;
// they never become duplicates. Two rows of the list for the same product
// are one product.
func (s *Store) PreviewImport(ctx context.Context, rows []ImportRow, update bool) (ImportPreview, error) {
	var p ImportPreview
	existing, err := s.Products(ctx, ProductQuery{})
	if err != nil {
		return p, err
	}
	producers, err := s.Producers(ctx)
	if err != nil {
		return p, err
	}
	products := map[string]ProductRow{}
	for _, r := range existing {
		products[importKey(r.Name, r.Producer)] = r
	}
	decisions, err := s.decisionKeys(ctx)
	if err != nil {
		return p, err
	}
	sent, err := s.sentDossiers(ctx)
	if err != nil {
		return p, err
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return p, err
	}
	knownProducer := map[string]bool{}
	for _, pr := range producers {
		knownProducer[viet.Fold(pr.Name)] = true
	}
	seen := map[string]bool{}
	planned := map[string]bool{}    // decisions the list gives to products it creates
	setPlanned := map[string]bool{} // those products with a set code
	for _, r := range rows {
		pr := PlannedRow{ImportRow: r}
		key := importKey(r.Product, r.Producer)
		if e, ok := products[key]; ok {
			pr.ProductID = e.ID
			switch {
			case !update:
				pr.Action = ImportSkipped
			case r.Cert != nil && !decisions[decisionKey(e.ID, r.Cert)]:
				pr.Action = ImportAddCert
			case (e.SetCode == "" && r.SetCode != ""):
				pr.Action = ImportFill
			default:
				pr.Action = ImportSame
			}
		} else if seen[key] {
			// A second line of the list for a product it creates: a decision it
			// has not planned yet is added; otherwise the line may only fill in.
			switch {
			case r.Cert != nil && !planned[decisionKey(0, r.Cert)+key]:
				pr.Action = ImportAddCert
			case r.SetCode != "" && !setPlanned[key]:
				pr.Action = ImportFill
			default:
				pr.Action = ImportSame
			}
		} else {
			pr.Action = ImportNew
			if !knownProducer[viet.Fold(r.Producer)] {
				pr.NewProducer = true
				knownProducer[viet.Fold(r.Producer)] = true
				p.NewProducers++
			}
		}
		seen[key] = true
		if d, ok := sent[pr.ProductID]; ok && pr.Reevaluation() {
			if pr.Note = closeProblem(rules, d, r.Cert); pr.Note == "" {
				pr.DossierID, pr.Receipt = d.ID, d.Receipt.String()
				delete(sent, pr.ProductID) // one decision closes it
			}
		}
		if r.Cert != nil && pr.ProductID == 0 {
			planned[decisionKey(0, r.Cert)+key] = true
		}
		if r.SetCode != "" && pr.ProductID == 0 {
			setPlanned[key] = true
		}
		switch pr.Action {
		case ImportNew:
			p.New++
		case ImportAddCert:
			p.AddCert++
			if pr.Reevaluation() {
				p.Reevaluated++
			}
			if pr.DossierID != 0 {
				p.Closing++
			}
		case ImportFill:
			p.Fill++
		case ImportSame:
			p.Same++
		case ImportSkipped:
			p.Skipped++
		}
		p.Rows = append(p.Rows, pr)
	}
	return p, nil
}

// sentDossiers are the open dossiers sent to the province, by product.
func (s *Store) sentDossiers(ctx context.Context) (map[int64]Dossier, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+dossierColumns+" FROM dossiers WHERE status = ? AND deleted_at IS NULL", DossierSent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]Dossier{}
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, err
		}
		out[d.ProductID] = d
	}
	return out, rows.Err()
}

// closeProblem says why decision c cannot close dossier d as Đạt (what
// RecordPassed would refuse), or "" when it can.
func closeProblem(rules Rules, d Dossier, c *Certification) string {
	no := d.Receipt.String()
	switch day := DateOf(c.DecisionDate); {
	case !c.HasScore:
		return fmt.Sprintf("hồ sơ số %s (đã gửi tỉnh) chưa đóng vì danh sách không ghi điểm: hãy ghi kết quả Đạt ở hồ sơ", no)
	case c.DecisionNo == "":
		return fmt.Sprintf("hồ sơ số %s (đã gửi tỉnh) chưa đóng vì thiếu số quyết định", no)
	case !d.LetterDate.IsZero() && day.Before(DateOf(d.LetterDate)):
		return fmt.Sprintf("hồ sơ số %s chưa đóng: quyết định ngày %s trước ngày gửi tỉnh %s", no, VNDate(day), VNDate(d.LetterDate))
	case c.Stars < 3 || c.Stars > rules.StarsForScore(c.Score, day):
		return fmt.Sprintf("hồ sơ số %s chưa đóng: %s điểm không đạt %d sao theo khung điểm ngày %s", no, c.Score.VI(), c.Stars, VNDate(day))
	}
	return ""
}

func importKey(product, producer string) string {
	return viet.Fold(product) + "\x00" + viet.Fold(producer)
}

func decisionKey(productID int64, c *Certification) string {
	return fmt.Sprintf("%d\x00%s\x00%s", productID, ISODate(c.DecisionDate), viet.Fold(c.DecisionNo))
}

// decisionKeys lists the decisions on record, so that one read twice is not added twice.
func (s *Store) decisionKeys(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT product_id, decision_date, decision_no FROM certifications WHERE deleted_at IS NULL")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id int64
		var day, no string
		if err := rows.Scan(&id, &day, &no); err != nil {
			return nil, err
		}
		out[fmt.Sprintf("%d\x00%s\x00%s", id, day, viet.Fold(no))] = true
	}
	return out, rows.Err()
}

// ErrNothingImported is the error of an import with no row to write: it is
// not recorded (no import, no backup before it).
var ErrNothingImported = errors.New("không có dòng nào để nhập")

// NothingImported says why no row of file could be imported: every row had
// a problem (already shown to the user: problems), or the list had no row of
// what (sản phẩm, học viên) under its heading. It wraps ErrNothingImported.
func NothingImported(file, what string, problems []ImportProblem) error {
	rows := map[string]bool{}
	for _, p := range problems {
		if p.Row > 0 {
			rows[fmt.Sprintf("%s\x00%d", p.Sheet, p.Row)] = true
		}
	}
	if len(rows) == 0 {
		return nothingImported(fmt.Sprintf("tệp %s: không có dòng %s nào dưới dòng tiêu đề; chưa ghi gì vào cơ sở dữ liệu", file, what))
	}
	return nothingImported(fmt.Sprintf("tệp %s: không nhập được dòng %s nào, vì cả %d dòng đều có lỗi (xem các lỗi ở trên); chưa ghi gì vào cơ sở dữ liệu",
		file, what, len(rows)))
}

// nothingImported is an ErrNothingImported saying why.
type nothingImported string

func (e nothingImported) Error() string        { return string(e) }
func (e nothingImported) Is(target error) bool { return target == ErrNothingImported }

// CommitImport writes a preview in one transaction: all of it or, on any
// error, nothing. file names the source in the import's record. A preview
// without rows is not recorded: ErrNothingImported.
func (s *Store) CommitImport(ctx context.Context, file string, p ImportPreview) (ImportProductsResult, error) {
	var res ImportProductsResult
	if len(p.Rows) == 0 {
		return res, nothingImported(fmt.Sprintf("tệp %s: không có dòng sản phẩm nào để nhập; chưa ghi gì vào cơ sở dữ liệu", file))
	}
	if _, err := s.BackupBefore(ctx, "nhap"); err != nil {
		return res, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "INSERT INTO imports(staff, file, kind) VALUES (?, ?, 'products') RETURNING id",
			st.StaffName, file).Scan(&res.ImportID); err != nil {
			return err
		}
		rules, err := readRules(ctx, tx)
		if err != nil {
			return err
		}
		restoreTags := func() error { return nil }
		if len(p.Rows) > patchAtMost { // the list is read again in full anyway
			if restoreTags, err = holdListTags(ctx, tx); err != nil {
				return err
			}
		}
		ex := newStmtCache(tx)
		defer ex.close()
		producers := map[string]int64{}
		rows, err := tx.QueryContext(ctx, "SELECT id, name FROM producers WHERE deleted_at IS NULL")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			producers[viet.Fold(name)] = id
		}
		rows.Close()
		created := map[string]int64{} // products created by this import
		for _, r := range p.Rows {
			where := fmt.Sprintf("trang %q, dòng %d", r.Sheet, r.Row)
			id := r.ProductID
			switch r.Action {
			case ImportSkipped, ImportSame:
				continue
			case ImportNew:
				producerID, ok := producers[viet.Fold(r.Producer)]
				if !ok {
					typ := r.ProducerType
					if typ == "" {
						typ = "ho_kinh_doanh"
					}
					pr := &Producer{Name: r.Producer, Type: typ, CommuneID: r.CommuneID, Address: r.Address,
						Representative: r.Representative, Phone: r.Phone}
					if err := pr.Validate(); err != nil {
						return fmt.Errorf("%s: %w", where, err)
					}
					if err := addProducer(ctx, ex, pr); err != nil {
						return fmt.Errorf("%s: %w", where, err)
					}
					if err := markImported(ctx, ex, "producers", pr.ID, res.ImportID); err != nil {
						return err
					}
					producerID = pr.ID
					producers[viet.Fold(r.Producer)] = pr.ID
					res.Producers++
				}
				prod := &Product{Name: r.Product, ProducerID: producerID, SetCode: r.SetCode}
				if err := addProduct(ctx, ex, prod); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				if err := markImported(ctx, ex, "products", prod.ID, res.ImportID); err != nil {
					return err
				}
				id = prod.ID
				created[importKey(r.Product, r.Producer)] = id
				res.Products++
			case ImportAddCert, ImportFill:
				if id == 0 {
					id = created[importKey(r.Product, r.Producer)]
				}
				if r.Action == ImportFill || r.SetCode != "" {
					if _, err := ex.ExecContext(ctx, "UPDATE products SET set_code = ? WHERE id = ? AND set_code IS NULL AND ? <> ''",
						nullText(r.SetCode), id, r.SetCode); err != nil {
						return fmt.Errorf("%s: %w", where, err)
					}
				}
				if r.ProductID != 0 {
					res.Updated++
					if err := logChangeAs(ctx, ex, st.StaffName, EntityProduct, id, ActionEdit, fmt.Sprintf("Nhập từ tệp %s", file)); err != nil {
						return err
					}
				}
			}
			if r.DossierID != 0 {
				// The province's decision is the dossier's result: Đạt, with the
				// certification it creates marked as this import's.
				c := r.Cert
				if err := recordPassed(ctx, tx, r.DossierID, DossierResult{Score: c.Score, HasScore: c.HasScore, Stars: c.Stars,
					DecisionNo: c.DecisionNo, DecisionDate: c.DecisionDate}); err != nil {
					return fmt.Errorf("%s: hồ sơ số %s: %w", where, r.Receipt, err)
				}
				var certID int64
				if err := tx.QueryRowContext(ctx, "SELECT certification_id FROM dossiers WHERE id = ?", r.DossierID).Scan(&certID); err != nil {
					return err
				}
				if err := markImported(ctx, ex, "certifications", certID, res.ImportID); err != nil {
					return err
				}
				res.Decisions++
				res.Closed++
			} else if r.Cert != nil && r.Action != ImportFill {
				c := *r.Cert
				c.ProductID = id
				if c.ValidUntil.IsZero() {
					c.ValidUntil = rules.ValidUntil(c.DecisionDate)
				}
				if err := c.Validate(); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				if err := addCertification(ctx, ex, &c); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				if err := markImported(ctx, ex, "certifications", c.ID, res.ImportID); err != nil {
					return err
				}
				res.Decisions++
			}
			if r.Action == ImportNew {
				if err := logChangeAs(ctx, ex, st.StaffName, EntityProduct, id, ActionAdd, fmt.Sprintf("%s (nhập từ tệp %s)", r.Product, file)); err != nil {
					return err
				}
			}
		}
		summary := res.String()
		if _, err = tx.ExecContext(ctx, "UPDATE imports SET summary = ? WHERE id = ?", summary, res.ImportID); err != nil {
			return err
		}
		return restoreTags()
	})
	if err != nil {
		return ImportProductsResult{}, err
	}
	return res, nil
}

// String says what an import did: "6 sản phẩm mới, 5 chủ thể mới, 6
// quyết định, 0 sản phẩm được cập nhật", and the dossiers it closed.
func (res ImportProductsResult) String() string {
	s := fmt.Sprintf("%d sản phẩm mới, %d chủ thể mới, %d quyết định, %d sản phẩm được cập nhật",
		res.Products, res.Producers, res.Decisions, res.Updated)
	if res.Closed > 0 {
		s += fmt.Sprintf(", %d hồ sơ được ghi Đạt", res.Closed)
	}
	return s
}

func markImported(ctx context.Context, ex execer, table string, id, importID int64) error {
	_, err := ex.ExecContext(ctx, "UPDATE "+table+" SET import_id = ? WHERE id = ?", importID, id)
	return err
}

// UndoImport takes back a whole import: what it created goes to the trash
// (decisions added to existing products included), and a dossier it closed
// as Đạt is open again, "Đã gửi tỉnh", as before the import.
func (s *Store) UndoImport(ctx context.Context, importID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var undone sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT undone_at FROM imports WHERE id = ?", importID).Scan(&undone); err != nil {
			return fmt.Errorf("lần nhập số %d: %w", importID, ErrNotFound)
		}
		if undone.Valid {
			return fmt.Errorf("lần nhập số %d đã được hoàn tác", importID)
		}
		if err := reopenImportedDossiers(ctx, tx, importID); err != nil {
			return err
		}
		for _, table := range []string{"certifications", "products", "producers"} {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET deleted_at = datetime('now') WHERE import_id = ? AND deleted_at IS NULL",
				importID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE imports SET undone_at = datetime('now') WHERE id = ?", importID)
		return err
	})
}

// reopenImportedDossiers takes back the Đạt that import importID recorded
// on dossiers: each is "Đã gửi tỉnh" again, without the result and its
// step, and the change log says why.
func reopenImportedDossiers(ctx context.Context, tx *sql.Tx, importID int64) error {
	ids, err := queryIDs(ctx, tx, `SELECT d.id FROM dossiers d JOIN certifications c ON c.id = d.certification_id
		WHERE c.import_id = ? AND c.deleted_at IS NULL AND d.status = ? AND d.deleted_at IS NULL`, importID, DossierPassed)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET status = ?, result_score = NULL, result_stars = NULL, decision_no = '',
			decision_date = NULL, certification_id = NULL, updated_at = datetime('now') WHERE id = ?`, DossierSent, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM dossier_events WHERE id = (SELECT id FROM dossier_events
			WHERE dossier_id = ? AND status = ? ORDER BY id DESC LIMIT 1)`, id, DossierPassed); err != nil {
			return err
		}
		if err := logChange(ctx, tx, EntityDossier, id, ActionEdit,
			fmt.Sprintf("%s → %s: hoàn tác lần nhập số %d", DossierPassed.Label(), DossierSent.Label(), importID)); err != nil {
			return err
		}
	}
	return nil
}

// ImportSummaryLine says in one line what a preview will do.
func (p ImportPreview) SummaryLine() string {
	parts := []string{fmt.Sprintf("%d sản phẩm mới", p.New)}
	if p.NewProducers > 0 {
		parts = append(parts, fmt.Sprintf("%d chủ thể mới", p.NewProducers))
	}
	if n := p.Reevaluated - p.Closing; n > 0 {
		parts = append(parts, fmt.Sprintf("%d đánh giá lại (thêm chứng nhận)", n))
	}
	if p.Closing > 0 {
		parts = append(parts, fmt.Sprintf("%d đánh giá lại, đóng hồ sơ", p.Closing))
	}
	if n := p.AddCert - p.Reevaluated; n > 0 {
		parts = append(parts, fmt.Sprintf("%d quyết định bổ sung", n))
	}
	if p.Fill > 0 {
		parts = append(parts, fmt.Sprintf("%d sản phẩm bổ sung thông tin", p.Fill))
	}
	if p.Same > 0 {
		parts = append(parts, fmt.Sprintf("%d đã có, bỏ qua", p.Same))
	}
	if p.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d bỏ qua vì đã có", p.Skipped))
	}
	return strings.Join(parts, ", ")
}
