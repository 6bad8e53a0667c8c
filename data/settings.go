package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ocopdesk/ocop/data/viet"
)

// Settings are the office's details, printed on every report, and its
// preferences.
type Settings struct {
	OfficeName       string // đơn vị: "PHÒNG KINH TẾ"
	ParentBody       string // cơ quan chủ quản: "UBND XÃ THẤT KHÊ"
	Province         string // "Lạng Sơn", the name of the province ProvinceCode names
	ProvinceCode     string // official code of the office's province: "20"; SaveSettings keeps the stored one when empty
	PlaceName        string // địa danh on dated lines: "Thất Khê"
	StaffName        string // who is using this copy, written in the change log
	SignerTitle      string // chức danh người ký: "TRƯỞNG PHÒNG"
	SignerName       string
	SignerAuthority  string    // thẩm quyền ký above the title: "KT. CHỦ TỊCH"; empty for the title alone
	DocSymbol        string    // ký hiệu of a report's number line: "BC-UBND"; empty for ReportSymbol's default
	Recipient        string    // Kính gửi of a report; empty for ReportRecipient's default
	CopiesTo         string    // Nơi nhận, one recipient a line; empty for ReportCopies' default
	ExpiryWindowDays int       // certificates ending within this many days are "sắp hết hạn"
	Language         string    // "vi" or "en"
	Typing           string    // built-in Vietnamese typing: "" (off), "telex" or "vni"
	OldToneStyle     bool      // tones placed as in "hòa", "thủy" rather than "hoà", "thuỷ"
	KeepDaily        int       // daily backups kept
	KeepBefore       int       // backups taken before an import, restore or upgrade kept
	RemindCopyDays   int       // remind to copy a backup off this PC (a USB stick) after this many days; 0: never
	LastCopyOut      time.Time // when a backup was last saved to a file the user chose
	// OfficeID is made once, at random, with the database (schema version
	// 5) and never edited: the province tells offices apart by it, since
	// two offices may type the same name. SaveSettings leaves it alone.
	OfficeID string
}

// Backups kept unless the settings say otherwise.
const (
	DefaultKeepDaily  = 30
	DefaultKeepBefore = 10
	DefaultRemindCopy = 7
)

// Configured reports whether the office has given its details; until then
// the GUI asks for them at start.
func (s Settings) Configured() bool { return strings.TrimSpace(s.OfficeName) != "" }

// ReportSymbol is the ký hiệu of a report's number line ("Số: …/BC-PKT"):
// the one set, or "BC-" and the initials of the office's name ("PHÒNG
// KINH TẾ" → "BC-PKT"; "BC-UBND" for an office without a name).
func (s Settings) ReportSymbol() string {
	if sym := strings.TrimSpace(s.DocSymbol); sym != "" {
		return sym
	}
	initials := ""
	for _, w := range strings.Fields(s.OfficeName) {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case r == 'đ' || r == 'Đ':
			initials += "Đ"
		case strings.EqualFold(viet.Fold(w), "va"): // "và" is left out: SNNMT
		case unicode.IsLetter(r):
			initials += strings.ToUpper(viet.Fold(string(r)))
		}
	}
	if initials == "" {
		initials = "UBND"
	}
	return "BC-" + initials
}

// ReportRecipient is whom a report is addressed to (Kính gửi): the one set,
// or the province's Sở Nông nghiệp và Môi trường.
func (s Settings) ReportRecipient() string {
	if r := strings.TrimSpace(s.Recipient); r != "" {
		return r
	}
	return strings.TrimSpace("Sở Nông nghiệp và Môi trường " + s.ProvinceTitle())
}

// ProvinceTitle is the office's province with its kind, as documents
// write it: "tỉnh Lâm Đồng", "thành phố Hà Nội".
func (s Settings) ProvinceTitle() string {
	kind := "tỉnh"
	if units, err := referenceCommunes(); err == nil {
		for _, p := range ReferenceProvinces(units) {
			if p.Code == s.ProvinceCode {
				kind = p.Kind
			}
		}
	}
	return strings.TrimSpace(kind + " " + s.Province)
}

// ReportCopies are the lines of a report's Nơi nhận, without their dashes
// and end marks: those set, or "Như trên" and "Lưu: VT".
func (s Settings) ReportCopies() []string {
	var out []string
	for _, l := range strings.Split(s.CopiesTo, "\n") {
		l = strings.TrimRight(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-–+•")), ";.,")
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = []string{"Như trên", "Lưu: VT"}
	}
	return out
}

// cleanLines cleans each line of a multi-line setting and drops empty ones.
func cleanLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = viet.Clean(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func defaultSettings() Settings {
	return Settings{Province: "Lạng Sơn", ProvinceCode: "20", ExpiryWindowDays: DefaultExpiryWindowDays, Language: "vi",
		KeepDaily: DefaultKeepDaily, KeepBefore: DefaultKeepBefore, RemindCopyDays: DefaultRemindCopy}
}

// Settings returns the office settings, with defaults for what is unset.
func (s *Store) Settings(ctx context.Context) (Settings, error) { return readSettings(ctx, s.db) }

func readSettings(ctx context.Context, ex execer) (Settings, error) {
	st := defaultSettings()
	rows, err := ex.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		switch k {
		case "office_name":
			st.OfficeName = v
		case "parent_body":
			st.ParentBody = v
		case "province":
			st.Province = v
		case "province_code":
			if v != "" {
				st.ProvinceCode = v
			}
		case "place_name":
			st.PlaceName = v
		case "staff_name":
			st.StaffName = v
		case "signer_title":
			st.SignerTitle = v
		case "signer_name":
			st.SignerName = v
		case "signer_authority":
			st.SignerAuthority = v
		case "doc_symbol":
			st.DocSymbol = v
		case "recipient":
			st.Recipient = v
		case "copies_to":
			st.CopiesTo = v
		case "expiry_window_days":
			if n, err := strconv.Atoi(v); err == nil && n >= 0 {
				st.ExpiryWindowDays = n
			}
		case "language":
			st.Language = v
		case "typing":
			st.Typing = v
		case "old_tone_style":
			st.OldToneStyle = v == "1"
		case "keep_daily":
			if n, err := strconv.Atoi(v); err == nil && n >= 1 {
				st.KeepDaily = n
			}
		case "office_id":
			st.OfficeID = v
		case "remind_copy_days":
			if n, err := strconv.Atoi(v); err == nil && n >= 0 {
				st.RemindCopyDays = n
			}
		case "last_copy_out":
			if t, err := time.Parse(time.DateOnly, v); err == nil {
				st.LastCopyOut = t
			}
		case "keep_before":
			if n, err := strconv.Atoi(v); err == nil && n >= 1 {
				st.KeepBefore = n
			}
		}
	}
	return st, rows.Err()
}

// Validate explains the first problem with the settings, naming the field.
func (s Settings) Validate() error {
	switch {
	case strings.TrimSpace(s.OfficeName) == "":
		return fmt.Errorf("Tên đơn vị: chưa nhập")
	case s.ExpiryWindowDays < 0 || s.ExpiryWindowDays > 3650:
		return fmt.Errorf("Số ngày báo sắp hết hạn: phải từ 0 đến 3650")
	case s.KeepDaily < 1 || s.KeepDaily > 3650:
		return fmt.Errorf("Số bản sao lưu hằng ngày giữ lại: phải từ 1 đến 3650")
	case s.RemindCopyDays < 0 || s.RemindCopyDays > 365:
		return fmt.Errorf("Nhắc chép bản sao lưu ra USB sau số ngày: phải từ 0 (không nhắc) đến 365")
	case s.KeepBefore < 1 || s.KeepBefore > 1000:
		return fmt.Errorf("Số bản sao lưu trước khi nhập/khôi phục giữ lại: phải từ 1 đến 1000")
	case s.Language != "vi" && s.Language != "en":
		return fmt.Errorf("Ngôn ngữ: chỉ có tiếng Việt (vi) hoặc tiếng Anh (en)")
	}
	return nil
}

// SaveSettings stores the settings in one transaction.
func (s *Store) SaveSettings(ctx context.Context, st Settings) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return saveSettings(ctx, tx, st) })
}

// CopiedOut records that a backup was saved to a file the user chose (a
// USB stick, another disk) on day, so the reminder to do so waits again.
func (s *Store) CopiedOut(ctx context.Context, day time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES ('last_copy_out', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ISODate(day))
		return err
	})
}

// CopyOutDue says how many days have passed since a backup was last copied
// off the PC (since since, the first day the program kept data, when it
// never was) and whether the settings say to remind the user now.
func (st Settings) CopyOutDue(today, since time.Time) (days int, due bool) {
	last := st.LastCopyOut
	if last.IsZero() {
		last = since
	}
	if last.IsZero() || st.RemindCopyDays == 0 {
		return 0, false
	}
	days = int(DateOf(today).Sub(DateOf(last)).Hours() / 24)
	return days, days >= st.RemindCopyDays
}

// SaveTyping stores the built-in typing method ("", "telex" or "vni")
// alone, as the Ctrl+Shift+V shortcut changes it, leaving the other
// settings as they are.
func (s *Store) SaveTyping(ctx context.Context, method string) error {
	if method != "" && method != "telex" && method != "vni" {
		return fmt.Errorf("Bộ gõ tiếng Việt: không có kiểu gõ %q", method)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES ('typing', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", method)
		return err
	})
}

func saveSettings(ctx context.Context, tx *sql.Tx, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	vals := map[string]string{
		"office_name":        viet.Clean(st.OfficeName),
		"parent_body":        viet.Clean(st.ParentBody),
		"province":           viet.Clean(st.Province),
		"place_name":         viet.Clean(st.PlaceName),
		"staff_name":         viet.Clean(st.StaffName),
		"signer_title":       viet.Clean(st.SignerTitle),
		"signer_name":        viet.Clean(st.SignerName),
		"signer_authority":   viet.Clean(st.SignerAuthority),
		"doc_symbol":         viet.Clean(st.DocSymbol),
		"recipient":          viet.Clean(st.Recipient),
		"copies_to":          cleanLines(st.CopiesTo),
		"expiry_window_days": strconv.Itoa(st.ExpiryWindowDays),
		"language":           st.Language,
		"typing":             st.Typing,
		"old_tone_style":     map[bool]string{true: "1", false: "0"}[st.OldToneStyle],
		"keep_daily":         strconv.Itoa(st.KeepDaily),
		"keep_before":        strconv.Itoa(st.KeepBefore),
		"remind_copy_days":   strconv.Itoa(st.RemindCopyDays),
	}
	if code := strings.TrimSpace(st.ProvinceCode); code != "" {
		// The code decides the province; its name comes with it.
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM provinces WHERE code = ?", code).Scan(&name); err != nil {
			if err == sql.ErrNoRows {
				return fmt.Errorf("Tỉnh: không có tỉnh, thành phố mã %q", code)
			}
			return err
		}
		vals["province_code"], vals["province"] = code, name
	}
	for k, v := range vals {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return err
		}
	}
	return nil
}

// inTx runs fn in a write transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.explainStoreWrite(err)
	}
	defer tx.Rollback()
	_, current := s.products.beginTouches(ctx, tx)
	defer openTouches.Delete(tx)
	if err := fn(tx); err != nil {
		return s.explainStoreWrite(err)
	}
	var mark logMark
	if current {
		mark, _ = readMark(ctx, tx) // where the change log stands with tx's rows
	}
	if err := tx.Commit(); err != nil {
		return s.explainStoreWrite(err)
	}
	s.writes.Add(1)
	s.products.committed(ctx, tx, current, mark) // the product list reads again only what tx touched
	return nil
}

// Commune is a commune-level unit (xã, phường).
type Commune struct {
	ID           int64
	Code         string // official code; empty for names added by hand
	Name         string
	Kind         string // "xã", "phường", ...
	Province     string // "Lạng Sơn"
	ProvinceCode string // "20"
	Covered      bool   // the office covers it
}

// Title is the commune with its kind: "xã Thuận Hạnh".
func (c Commune) Title() string {
	if c.Kind == "" || strings.HasPrefix(viet.Fold(c.Name), viet.Fold(c.Kind)+" ") {
		return c.Name
	}
	return c.Kind + " " + c.Name
}

// Communes returns the communes an office works with, in Vietnamese order
// of name: those of its province, those added by hand, those it covers and
// any other that a producer or participant is in (a producer across the
// border). AllCommunes has the whole country.
func (s *Store) Communes(ctx context.Context) ([]Commune, error) {
	return readCommunes(ctx, s.db, `WHERE province_code = COALESCE((SELECT value FROM settings WHERE key = 'province_code'), '20')
		OR code IS NULL OR covered = 1
		OR id IN (SELECT commune_id FROM producers WHERE commune_id IS NOT NULL)
		OR id IN (SELECT commune_id FROM participants WHERE commune_id IS NOT NULL)`, nil)
}

func readCommunes(ctx context.Context, ex execer, where string, args []any) ([]Commune, error) {
	rows, err := ex.QueryContext(ctx, "SELECT id, COALESCE(code, ''), name, kind, province, province_code, covered FROM communes "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Commune
	for rows.Next() {
		var c Commune
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Kind, &c.Province, &c.ProvinceCode, &c.Covered); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortByKeys(out, func(c Commune) string { return c.Name })
	return out, nil
}

// SaveOffice stores the settings and the communes the office covers
// together, in one transaction: the first-start dialog and the settings
// screen save both at once.
func (s *Store) SaveOffice(ctx context.Context, st Settings, communeIDs []int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := saveSettings(ctx, tx, st); err != nil {
			return err
		}
		return setCovered(ctx, tx, communeIDs)
	})
}

// SetCoveredCommunes marks exactly the communes with the given ids as
// covered by the office.
func (s *Store) SetCoveredCommunes(ctx context.Context, ids []int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setCovered(ctx, tx, ids) })
}

func setCovered(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if _, err := tx.ExecContext(ctx, "UPDATE communes SET covered = 0"); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "UPDATE communes SET covered = 1 WHERE id = ?", id); err != nil {
			return err
		}
	}
	return nil
}

// AddCommune adds a commune that is not in the reference list, such as a
// pre-2025 name that old records use.
// communeKinds are the kinds a commune-level unit's name may begin with,
// longest first.
var communeKinds = []string{"thị trấn", "đặc khu", "phường", "xã"}

// splitCommuneKind takes a kind written at the start of a name off it
// ("Thị trấn Thất Khê (cũ)" is the thị trấn "Thất Khê (cũ)"), so the name
// is never shown with its kind twice; kind is "xã" when neither says.
func splitCommuneKind(name, kind string) (string, string) {
	words := strings.Fields(name)
	for _, k := range communeKinds {
		n := len(strings.Fields(k))
		if len(words) > n && viet.Fold(strings.Join(words[:n], " ")) == viet.Fold(k) {
			return strings.Join(words[n:], " "), k
		}
	}
	if kind == "" {
		kind = "xã"
	}
	return name, kind
}

func (s *Store) AddCommune(ctx context.Context, c Commune) (int64, error) {
	var id int64
	// Through inTx like every write: refused when viewing, a full disk said so.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c.Name, c.Kind = splitCommuneKind(viet.Clean(c.Name), c.Kind)
		if c.Name == "" {
			return fmt.Errorf("Tên xã: chưa nhập")
		}
		var code any
		if c.Code = strings.TrimSpace(c.Code); c.Code != "" {
			code = c.Code
		}
		if c.ProvinceCode == "" {
			// The province it names, else the office's.
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT code FROM provinces WHERE name = ?),
				(SELECT value FROM settings WHERE key = 'province_code'), '20')`, viet.Clean(c.Province)).Scan(&c.ProvinceCode); err != nil {
				return err
			}
		}
		if strings.TrimSpace(c.Province) == "" {
			// The name of the province its code names (none is fine).
			tx.QueryRowContext(ctx, "SELECT name FROM provinces WHERE code = ?", c.ProvinceCode).Scan(&c.Province)
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO communes(code, name, kind, province, province_code, covered) VALUES (?, ?, ?, ?, ?, ?)",
			code, c.Name, c.Kind, viet.Clean(c.Province), c.ProvinceCode, c.Covered)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return fmt.Errorf("Mã xã %s: đã có trong danh sách", c.Code)
			}
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}
