package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The evidence checklist of a dossier: the table of Mẫu số 02 (Phụ lục III,
// Decision 26/2026/QĐ-TTg) as reference data, and for each dossier whether
// each paper is there.

func init() { seeders[8] = seedEvidence }

// evidenceFile is the reference list, in assets/ref.
const evidenceFile = "evidence.csv"

// EvidenceItem is one line of the Mẫu 02 table.
type EvidenceItem struct {
	Code        string
	Name        string // "Giấy chứng nhận cơ sở đủ điều kiện sản xuất"
	Requirement string // what copy is asked for
	Expires     bool   // the paper carries an expiry date
}

// seedEvidence copies the checklist into a database at schema version 8.
func seedEvidence(ctx context.Context, tx *sql.Tx) error {
	rows, err := readRef(evidenceFile)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if _, err := tx.ExecContext(ctx, "INSERT INTO evidence_items(code, name, requirement, expires, sort_order) VALUES (?, ?, ?, ?, ?)",
			r["code"], r["name"], r["requirement"], r["expires"] == "1", i); err != nil {
			return fmt.Errorf("%s dòng %d: %w", evidenceFile, i+2, err)
		}
	}
	return nil
}

// EvidenceItems returns the checklist in the order of Mẫu 02.
func (s *Store) EvidenceItems(ctx context.Context) ([]EvidenceItem, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT code, name, requirement, expires FROM evidence_items ORDER BY sort_order")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EvidenceItem
	for rows.Next() {
		var e EvidenceItem
		if err := rows.Scan(&e.Code, &e.Name, &e.Requirement, &e.Expires); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EvidenceState is whether a paper is in the dossier.
type EvidenceState string

// The states; "" is an item not yet checked.
const (
	EvidenceUnchecked EvidenceState = ""
	EvidencePresent   EvidenceState = "co"            // có
	EvidenceMissing   EvidenceState = "thieu"         // thiếu
	EvidenceNA        EvidenceState = "khong_ap_dung" // không áp dụng
)

// Label names the state in Vietnamese.
func (s EvidenceState) Label() string {
	switch s {
	case EvidencePresent:
		return "Có"
	case EvidenceMissing:
		return "Thiếu"
	case EvidenceNA:
		return "Không áp dụng"
	}
	return "Chưa kiểm tra"
}

// Evidence is one checklist line of a dossier.
type Evidence struct {
	Item      EvidenceItem
	State     EvidenceState
	Note      string
	ExpiresOn time.Time // for a paper that expires; zero when not given
}

// DossierEvidence returns the whole checklist of a dossier, one line per
// item in the order of Mẫu 02, unchecked items included.
func (s *Store) DossierEvidence(ctx context.Context, id int64) ([]Evidence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.code, i.name, i.requirement, i.expires, COALESCE(e.state, ''), COALESCE(e.note, ''),
		COALESCE(e.expires_on, '') FROM evidence_items i LEFT JOIN dossier_evidence e ON e.item_code = i.code AND e.dossier_id = ?
		ORDER BY i.sort_order`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		var e Evidence
		var exp string
		if err := rows.Scan(&e.Item.Code, &e.Item.Name, &e.Item.Requirement, &e.Item.Expires, &e.State, &e.Note, &exp); err != nil {
			return nil, err
		}
		e.ExpiresOn, _ = time.Parse(time.DateOnly, exp)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetEvidence saves the checklist lines given (by item code) for dossier
// id and logs what changed; a line set back to EvidenceUnchecked is
// removed. An expiry date is kept only for a paper that is there.
func (s *Store) SetEvidence(ctx context.Context, id int64, lines []Evidence) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := readDossier(ctx, tx, id); err != nil {
			return err
		}
		old := map[string]Evidence{}
		rows, err := tx.QueryContext(ctx, "SELECT item_code, state, note, COALESCE(expires_on, '') FROM dossier_evidence WHERE dossier_id = ?", id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var code, exp string
			var e Evidence
			if err := rows.Scan(&code, &e.State, &e.Note, &exp); err != nil {
				rows.Close()
				return err
			}
			e.ExpiresOn, _ = time.Parse(time.DateOnly, exp)
			old[code] = e
		}
		rows.Close()
		var df diff
		for _, l := range lines {
			var name string
			if err := tx.QueryRowContext(ctx, "SELECT name FROM evidence_items WHERE code = ?", l.Item.Code).Scan(&name); err != nil {
				if err == sql.ErrNoRows {
					return &FieldError{"Giấy tờ", fmt.Sprintf("không có mục %q trong danh mục minh chứng của Mẫu 02", l.Item.Code)}
				}
				return err
			}
			switch l.State {
			case EvidenceUnchecked, EvidencePresent, EvidenceMissing, EvidenceNA:
			default:
				return &FieldError{name, fmt.Sprintf("tình trạng %q không có (có, thiếu, không áp dụng)", l.State)}
			}
			l.Note = strings.TrimSpace(l.Note)
			if l.State != EvidencePresent {
				l.ExpiresOn = time.Time{}
			}
			o := old[l.Item.Code]
			describe := func(e Evidence) string {
				out := e.State.Label()
				if !e.ExpiresOn.IsZero() {
					out += ", hết hạn " + VNDate(e.ExpiresOn)
				}
				if e.Note != "" {
					out += ", " + e.Note
				}
				return out
			}
			before, after := describe(o), describe(l)
			if before == after {
				continue
			}
			df.add(name, before, after)
			if l.State == EvidenceUnchecked {
				if _, err := tx.ExecContext(ctx, "DELETE FROM dossier_evidence WHERE dossier_id = ? AND item_code = ?", id, l.Item.Code); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_evidence(dossier_id, item_code, state, note, expires_on) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(dossier_id, item_code) DO UPDATE SET state = excluded.state, note = excluded.note, expires_on = excluded.expires_on`,
				id, l.Item.Code, l.State, l.Note, nullDate(DateOf(l.ExpiresOn))); err != nil {
				return err
			}
		}
		if len(df) == 0 {
			return nil
		}
		return logChange(ctx, tx, EntityDossier, id, ActionEdit, "Giấy tờ: "+df.String())
	})
}

// EvidenceWarnings says which papers of a dossier are missing, and which
// expire before its round is evaluated (round.Deadline: 30/6 or 30/12),
// one sentence each, as the form and the list show them.
func EvidenceWarnings(lines []Evidence, round Round) []string {
	var out []string
	ends := round.Deadline
	for _, e := range lines {
		switch {
		case e.State == EvidenceMissing:
			out = append(out, "Thiếu: "+e.Item.Name)
		case e.State == EvidencePresent && !e.ExpiresOn.IsZero() && !ends.IsZero() && e.ExpiresOn.Before(ends):
			out = append(out, fmt.Sprintf("%s hết hạn ngày %s, trước khi đợt %d năm %d được đánh giá (trước %s)",
				e.Item.Name, VNDate(e.ExpiresOn), round.No, round.Year, VNDate(ends)))
		}
	}
	return out
}
