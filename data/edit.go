package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// Editing records: every write through these methods runs in one
// transaction together with its line in the change log. Deleting moves a
// record to the trash (deleted_at), from which Restore brings it back.

// FieldError is a problem with one field of a form, named as the form
// names it, so the form can show it beside that field.
type FieldError struct {
	Field string // the field's label, e.g. "Tên sản phẩm"
	Msg   string // what is wrong, e.g. "chưa nhập"
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// ErrNotFound is returned for a record that does not exist or is in the trash.
var ErrNotFound = errors.New("không tìm thấy bản ghi (có thể đã bị xóa)")

// InUseError says a producer cannot be deleted while it has products.
type InUseError struct {
	Producer string
	Products []string // names of its products
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("Không thể xóa chủ thể %q vì còn %d sản phẩm: %s. Hãy xóa hoặc chuyển các sản phẩm này sang chủ thể khác trước.",
		e.Producer, len(e.Products), strings.Join(e.Products, ", "))
}

// Change log actions.
const (
	ActionAdd     = "them"
	ActionEdit    = "sua"
	ActionDelete  = "xoa"
	ActionRestore = "khoi_phuc"
)

// Change log entities.
const (
	EntityProducer    = "producer"
	EntityProduct     = "product"
	EntityCourse      = "course"
	EntityParticipant = "participant"
)

// Change is one line of a record's change log.
type Change struct {
	At      time.Time // UTC
	Staff   string
	Action  string
	Details string
}

// ActionLabel names a change log action in Vietnamese.
func ActionLabel(action string) string {
	switch action {
	case ActionAdd:
		return "Thêm"
	case ActionEdit:
		return "Sửa"
	case ActionDelete:
		return "Xóa"
	case ActionRestore:
		return "Khôi phục"
	}
	return action
}

func logChange(ctx context.Context, tx *sql.Tx, entity string, id int64, action, details string) error {
	st, err := readSettings(ctx, tx)
	if err != nil {
		return err
	}
	return logChangeAs(ctx, tx, st.StaffName, entity, id, action, details)
}

// logChangeAs is logChange with the staff name known (bulk writes).
func logChangeAs(ctx context.Context, ex execer, staff, entity string, id int64, action, details string) error {
	logged(ex, entity, id)
	_, err := ex.ExecContext(ctx, "INSERT INTO change_log(staff, entity, entity_id, action, details) VALUES (?, ?, ?, ?, ?)",
		staff, entity, id, action, details)
	return err
}

// stmtCache runs the statements of a bulk write inside tx, preparing each
// SQL text once: preparing is a large part of an insert's cost.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // reports the same error when scanned
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}

// ChangeLog returns the changes of one record, newest first.
func (s *Store) ChangeLog(ctx context.Context, entity string, id int64) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, staff, action, details FROM change_log
		WHERE entity = ? AND entity_id = ? ORDER BY at DESC, id DESC`, entity, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var at string
		if err := rows.Scan(&at, &c.Staff, &c.Action, &c.Details); err != nil {
			return nil, err
		}
		c.At, _ = time.Parse(time.DateTime, at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// diff lists the fields that changed as "Label: «old» → «new»", one per line.
type diff []string

func (d *diff) add(label, old, new string) {
	if old != new {
		*d = append(*d, fmt.Sprintf("%s: «%s» → «%s»", label, old, new))
	}
}

func (d diff) String() string { return strings.Join(d, "\n") }

// Validate checks a producer as its form does.
func (p *Producer) Validate() error {
	p.Name = viet.Clean(p.Name)
	if p.Name == "" {
		return &FieldError{"Tên chủ thể", "chưa nhập"}
	}
	if p.Type == "" {
		return &FieldError{"Loại hình", "chưa chọn"}
	}
	return nil
}

// Validate checks a product as its form does.
func (p *Product) Validate() error {
	p.Name = viet.Clean(p.Name)
	if p.Name == "" {
		return &FieldError{"Tên sản phẩm", "chưa nhập"}
	}
	if p.ProducerID == 0 {
		return &FieldError{"Chủ thể", "chưa chọn"}
	}
	return nil
}

// Validate checks a certification as its form does.
func (c *Certification) Validate() error {
	if c.DecisionDate.IsZero() {
		return &FieldError{"Ngày quyết định", "chưa nhập"}
	}
	if c.Stars < 1 || c.Stars > 5 {
		return &FieldError{"Hạng sao", "phải từ 1 đến 5"}
	}
	if c.HasScore && (c.Score < 0 || c.Score > MaxScore) {
		return &FieldError{"Điểm", "phải từ 0 đến 100"}
	}
	if !c.ValidUntil.IsZero() && c.ValidUntil.Before(c.DecisionDate) {
		return &FieldError{"Hiệu lực đến", "trước ngày quyết định"}
	}
	return nil
}

// Producer returns one producer that is not in the trash.
func (s *Store) Producer(ctx context.Context, id int64) (Producer, error) {
	return readProducer(ctx, s.db, id)
}

func readProducer(ctx context.Context, ex execer, id int64) (Producer, error) {
	p := Producer{ID: id}
	err := ex.QueryRowContext(ctx, `SELECT name, type, COALESCE(commune_id, 0), address, representative, phone, registration_no
		FROM producers WHERE id = ? AND deleted_at IS NULL`, id).Scan(&p.Name, &p.Type, &p.CommuneID, &p.Address,
		&p.Representative, &p.Phone, &p.RegistrationNo)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// AddProducer stores a new producer, sets its ID and logs it.
func (s *Store) AddProducer(ctx context.Context, p *Producer) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := addProducer(ctx, tx, p); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProducer, p.ID, ActionAdd, p.Name)
	})
}

// UpdateProducer saves the fields of an existing producer and logs what changed.
func (s *Store) UpdateProducer(ctx context.Context, p Producer) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readProducer(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		names := func(q string, id any) string {
			var n string
			tx.QueryRowContext(ctx, q, id).Scan(&n)
			return n
		}
		var d diff
		d.add("Tên chủ thể", old.Name, p.Name)
		d.add("Loại hình", names("SELECT name FROM producer_types WHERE code = ?", old.Type),
			names("SELECT name FROM producer_types WHERE code = ?", p.Type))
		d.add("Xã, phường", names("SELECT name FROM communes WHERE id = ?", old.CommuneID),
			names("SELECT name FROM communes WHERE id = ?", p.CommuneID))
		d.add("Địa chỉ", old.Address, viet.Clean(p.Address))
		d.add("Người đại diện", old.Representative, viet.Clean(p.Representative))
		d.add("Điện thoại", old.Phone, viet.Clean(p.Phone))
		d.add("Số đăng ký kinh doanh", old.RegistrationNo, viet.Clean(p.RegistrationNo))
		if len(d) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE producers SET name = ?, type = ?, commune_id = ?, address = ?, representative = ?,
			phone = ?, registration_no = ?, updated_at = datetime('now') WHERE id = ?`, p.Name, p.Type, nullID(p.CommuneID),
			viet.Clean(p.Address), viet.Clean(p.Representative), viet.Clean(p.Phone), viet.Clean(p.RegistrationNo), p.ID)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProducer, p.ID, ActionEdit, d.String())
	})
}

// DeleteProducer moves a producer to the trash. A producer that still has
// products is refused with an *InUseError naming them.
func (s *Store) DeleteProducer(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := readProducer(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT name FROM products WHERE producer_id = ? AND deleted_at IS NULL ORDER BY name", id)
		if err != nil {
			return err
		}
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			names = append(names, n)
		}
		rows.Close()
		if len(names) > 0 {
			return &InUseError{Producer: p.Name, Products: names}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE producers SET deleted_at = datetime('now') WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProducer, id, ActionDelete, p.Name)
	})
}

// RestoreProducer brings a producer back from the trash.
func (s *Store) RestoreProducer(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return restoreProducer(ctx, tx, id) })
}

func restoreProducer(ctx context.Context, tx *sql.Tx, id int64) error {
	var name string
	err := tx.QueryRowContext(ctx, "UPDATE producers SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL RETURNING name", id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // not in the trash
	}
	if err != nil {
		return err
	}
	return logChange(ctx, tx, EntityProducer, id, ActionRestore, name)
}

// Product returns one product that is not in the trash.
func (s *Store) Product(ctx context.Context, id int64) (Product, error) {
	return readProduct(ctx, s.db, id)
}

func readProduct(ctx context.Context, ex execer, id int64) (Product, error) {
	p := Product{ID: id}
	err := ex.QueryRowContext(ctx, "SELECT name, producer_id, COALESCE(set_code, ''), note FROM products WHERE id = ? AND deleted_at IS NULL",
		id).Scan(&p.Name, &p.ProducerID, &p.SetCode, &p.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// AddProduct stores a new product, sets its ID and logs it. When first is
// not nil it is the product's first certification, stored with it.
func (s *Store) AddProduct(ctx context.Context, p *Product, first *Certification) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if first != nil {
		if err := first.Validate(); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := addProduct(ctx, tx, p); err != nil {
			return err
		}
		details := p.Name
		if first != nil {
			first.ProductID = p.ID
			if err := addCertification(ctx, tx, first); err != nil {
				return err
			}
			details += "\n" + first.describe()
		}
		return logChange(ctx, tx, EntityProduct, p.ID, ActionAdd, details)
	})
}

// UpdateProduct saves the fields of an existing product and logs what changed.
func (s *Store) UpdateProduct(ctx context.Context, p Product) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readProduct(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		producerName := func(id int64) string {
			var n string
			tx.QueryRowContext(ctx, "SELECT name FROM producers WHERE id = ?", id).Scan(&n)
			return n
		}
		var d diff
		d.add("Tên sản phẩm", old.Name, p.Name)
		d.add("Chủ thể", producerName(old.ProducerID), producerName(p.ProducerID))
		d.add("Bộ sản phẩm", old.SetCode, p.SetCode)
		d.add("Ghi chú", old.Note, strings.TrimSpace(p.Note))
		if len(d) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, "UPDATE products SET name = ?, producer_id = ?, set_code = ?, note = ?, updated_at = datetime('now') WHERE id = ?",
			p.Name, p.ProducerID, nullText(p.SetCode), strings.TrimSpace(p.Note), p.ID)
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return fmt.Errorf("sản phẩm %q: chủ thể hoặc bộ sản phẩm %q không tồn tại", p.Name, p.SetCode)
			}
			return err
		}
		return logChange(ctx, tx, EntityProduct, p.ID, ActionEdit, d.String())
	})
}

// DeleteProduct moves a product (with its certifications) to the trash.
func (s *Store) DeleteProduct(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := readProduct(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE products SET deleted_at = datetime('now') WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, id, ActionDelete, p.Name)
	})
}

// RestoreProduct brings a product back from the trash, and its producer if
// that was deleted too.
func (s *Store) RestoreProduct(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var name string
		var producer int64
		err := tx.QueryRowContext(ctx, "UPDATE products SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL RETURNING name, producer_id",
			id).Scan(&name, &producer)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := restoreProducer(ctx, tx, producer); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, id, ActionRestore, name)
	})
}

// Certifications returns a product's recognition decisions, newest first.
func (s *Store) Certifications(ctx context.Context, productID int64) ([]Certification, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, decision_no, decision_date, issuing_level, score, stars, valid_until, note
		FROM certifications WHERE product_id = ? AND deleted_at IS NULL ORDER BY decision_date DESC, id DESC`, productID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Certification
	for rows.Next() {
		c, err := scanCertification(rows)
		if err != nil {
			return nil, err
		}
		c.ProductID = productID
		out = append(out, c)
	}
	return out, rows.Err()
}

// scanCertification reads the columns id, decision_no, decision_date,
// issuing_level, score, stars, valid_until, note, then any extra ones.
func scanCertification(sc interface{ Scan(...any) error }, extra ...any) (Certification, error) {
	var c Certification
	var decided, until string
	var score sql.NullInt64
	dest := append([]any{&c.ID, &c.DecisionNo, &decided, &c.IssuingLevel, &score, &c.Stars, &until, &c.Note}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return c, err
	}
	c.DecisionDate, _ = time.Parse(time.DateOnly, decided)
	c.ValidUntil, _ = time.Parse(time.DateOnly, until)
	c.Score, c.HasScore = Score(score.Int64), score.Valid
	return c, nil
}

func readCertification(ctx context.Context, ex execer, id int64) (Certification, error) {
	var product int64
	c, err := scanCertification(ex.QueryRowContext(ctx, `SELECT id, decision_no, decision_date, issuing_level, score, stars, valid_until, note, product_id
		FROM certifications WHERE id = ? AND deleted_at IS NULL`, id), &product)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.ProductID = product
	return c, err
}

// describe names a decision in the change log: "Quyết định 12/QĐ-UBND
// ngày 07/07/2023, 4 sao, 78,5 điểm, hiệu lực đến 07/07/2026".
func (c Certification) describe() string {
	no := c.DecisionNo
	if no == "" {
		no = "(không số)"
	}
	s := fmt.Sprintf("Quyết định %s ngày %s, %d sao", no, VNDate(c.DecisionDate), c.Stars)
	if c.HasScore {
		s += ", " + c.Score.VI() + " điểm"
	}
	return s + ", hiệu lực đến " + VNDate(c.ValidUntil)
}

// AddCertification stores a new recognition decision (a re-evaluation) for
// a product and logs it. When ValidUntil is zero it is worked out from the
// decision date by the rules.
func (s *Store) AddCertification(ctx context.Context, c *Certification) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := readProduct(ctx, tx, c.ProductID); err != nil {
			return err
		}
		if err := addCertification(ctx, tx, c); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, c.ProductID, ActionAdd, c.describe())
	})
}

// UpdateCertification saves a corrected recognition decision.
func (s *Store) UpdateCertification(ctx context.Context, c Certification) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readCertification(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if c.IssuingLevel == "" {
			c.IssuingLevel = old.IssuingLevel
		}
		if c.ValidUntil.IsZero() {
			rules, err := readRules(ctx, tx)
			if err != nil {
				return err
			}
			c.ValidUntil = rules.ValidUntil(c.DecisionDate)
		}
		c.ProductID = old.ProductID
		c.DecisionNo, c.Note = viet.Clean(c.DecisionNo), strings.TrimSpace(c.Note)
		before, after := old.describe(), c.describe()
		if before == after && old.IssuingLevel == c.IssuingLevel && old.Note == c.Note {
			return nil
		}
		var score any
		if c.HasScore {
			score = int(c.Score)
		}
		_, err = tx.ExecContext(ctx, `UPDATE certifications SET decision_no = ?, decision_date = ?, issuing_level = ?, score = ?,
			stars = ?, valid_until = ?, note = ? WHERE id = ?`, c.DecisionNo, ISODate(c.DecisionDate), c.IssuingLevel, score,
			c.Stars, ISODate(c.ValidUntil), c.Note, c.ID)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, c.ProductID, ActionEdit, "«"+before+"» → «"+after+"»")
	})
}

// DeleteCertification moves a recognition decision to the trash.
func (s *Store) DeleteCertification(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := readCertification(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE certifications SET deleted_at = datetime('now') WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, c.ProductID, ActionDelete, c.describe())
	})
}

// RestoreCertification brings a recognition decision back from the trash.
func (s *Store) RestoreCertification(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE certifications SET deleted_at = NULL WHERE id = ?", id); err != nil {
			return err
		}
		c, err := readCertification(ctx, tx, id)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityProduct, c.ProductID, ActionRestore, c.describe())
	})
}

// TrashItem is a deleted record that can be restored.
type TrashItem struct {
	Kind      string // EntityProducer, EntityProduct, EntityCourse or "certification"
	ID        int64
	Name      string // for a certification: its product's name and the decision
	DeletedAt time.Time
}

// Trash lists deleted records, most recently deleted first.
func (s *Store) Trash(ctx context.Context) ([]TrashItem, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT 'producer', id, name, deleted_at FROM producers WHERE deleted_at IS NOT NULL
		UNION ALL SELECT 'product', id, name, deleted_at FROM products WHERE deleted_at IS NOT NULL
		UNION ALL SELECT 'course', id, title, deleted_at FROM courses WHERE deleted_at IS NOT NULL
		UNION ALL SELECT 'certification', c.id, p.name || ' – QĐ ' || c.decision_no || ' (' || c.decision_date || ')', c.deleted_at
			FROM certifications c JOIN products p ON p.id = c.product_id WHERE c.deleted_at IS NOT NULL
		ORDER BY 4 DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TrashItem
	for rows.Next() {
		var t TrashItem
		var at string
		if err := rows.Scan(&t.Kind, &t.ID, &t.Name, &at); err != nil {
			return nil, err
		}
		t.DeletedAt, _ = time.Parse(time.DateTime, at)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Restore brings a trash item back.
func (s *Store) Restore(ctx context.Context, t TrashItem) error {
	switch t.Kind {
	case EntityProducer:
		return s.RestoreProducer(ctx, t.ID)
	case EntityProduct:
		return s.RestoreProduct(ctx, t.ID)
	case EntityCourse:
		return s.RestoreCourse(ctx, t.ID)
	default:
		return s.RestoreCertification(ctx, t.ID)
	}
}

// IssuingLevel is the level of government that issued a recognition decision.
type IssuingLevel struct {
	Code, Name string
}

// IssuingLevels are the levels a decision may come from, lowest first.
var IssuingLevels = []IssuingLevel{
	{"xa", "Cấp xã"}, {"huyen", "Cấp huyện"}, {"tinh", "Cấp tỉnh"}, {"trung_uong", "Trung ương"},
}
