package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// SheetRole is who filled a stored sheet.
type SheetRole string

// The roles a dossier's sheets are filled in.
const (
	RoleProducer SheetRole = "chu_the"  // the producer's self-assessment (Mẫu 02, Phần III)
	RoleOffice   SheetRole = "xa"       // the office's own check before sending the dossier on
	RoleCouncil  SheetRole = "hoi_dong" // a member of the province's council (Điều 3.3: their average decides)
)

// SheetRoles are the roles in the order a dossier lists its sheets.
var SheetRoles = []SheetRole{RoleProducer, RoleOffice, RoleCouncil}

// Label is the role as the screens and printouts name it.
func (r SheetRole) Label() string {
	switch r {
	case RoleProducer:
		return "Chủ thể tự đánh giá"
	case RoleOffice:
		return "Cán bộ xã chấm thử"
	case RoleCouncil:
		return "Thành viên hội đồng"
	}
	return string(r)
}

func (r SheetRole) valid() bool { return r == RoleProducer || r == RoleOffice || r == RoleCouncil }

// StoredSheet is a filled sheet kept with its dossier.
type StoredSheet struct {
	ID        int64
	DossierID int64
	Role      SheetRole
	FilledOn  time.Time
	Sheet     *Sheet // Sheet.Member is who filled it
	// What the sheet came to when saved, for lists.
	Total    Score
	Stars    int
	Rejected bool
	Updated  time.Time
}

// Title names the sheet in lists: its role and who filled it
// ("Thành viên hội đồng Nguyễn Văn Bình").
func (s StoredSheet) Title() string {
	m := strings.TrimSpace(s.Sheet.Member)
	switch {
	case m == "":
		return s.Role.Label()
	case s.Role == RoleCouncil:
		return s.Role.Label() + " " + m
	}
	return s.Role.Label() + " (" + m + ")"
}

// SheetSetFor returns the criteria set a sheet of dossier d is filled
// against: the set of its product's bộ sản phẩm in force on the day the
// dossier was received, so an old dossier keeps the criteria of its date.
func SheetSetFor(setCode string, d Dossier) (*CriteriaSet, error) {
	if strings.TrimSpace(setCode) == "" {
		return nil, fmt.Errorf("sản phẩm chưa có bộ sản phẩm: chọn bộ sản phẩm trước, rồi mới chấm theo bộ tiêu chí của bộ đó")
	}
	day := d.Received
	if day.IsZero() {
		day = time.Now()
	}
	return CriteriaSetFor(setCode, day)
}

// SaveSheet keeps st with its dossier: a new sheet (ID 0) is added and gets
// its ID, an existing one is replaced. A council member's sheet needs the
// member's name, and one member has one sheet per dossier. A closed
// dossier's sheets are a record and are not changed.
func (s *Store) SaveSheet(ctx context.Context, st *StoredSheet) error { return s.SaveSheets(ctx, st) }

// SaveSheets is SaveSheet for several sheets at once: all are kept or, on
// the first problem, none.
func (s *Store) SaveSheets(ctx context.Context, sheets ...*StoredSheet) error {
	rules, err := s.Rules(ctx)
	if err != nil {
		return err
	}
	type prepared struct {
		answers string
		res     SheetResult
	}
	var prep []prepared
	for _, st := range sheets {
		if !st.Role.valid() {
			return fmt.Errorf("phiếu đánh giá: vai trò %q không có", st.Role)
		}
		if st.Sheet == nil || st.Sheet.Set == nil {
			return fmt.Errorf("phiếu đánh giá trống")
		}
		st.Sheet.Member = strings.TrimSpace(st.Sheet.Member)
		if st.Role == RoleCouncil && st.Sheet.Member == "" {
			return fmt.Errorf("phiếu của thành viên hội đồng: ghi họ tên thành viên")
		}
		if st.FilledOn.IsZero() {
			st.FilledOn = time.Now()
		}
		var answers bytes.Buffer
		if err := WriteSheetCSV(&answers, st.Sheet); err != nil {
			return err
		}
		prep = append(prep, prepared{answers.String(), rules.ScoreSheet(st.Sheet, st.FilledOn)})
	}
	var added []int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for i, st := range sheets {
			id, err := saveSheet(ctx, tx, st, prep[i].answers, prep[i].res)
			if err != nil {
				return err
			}
			added = append(added, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, st := range sheets {
		st.ID = added[i]
		st.Total, st.Stars, st.Rejected = prep[i].res.Total, prep[i].res.Stars, prep[i].res.Rejected
	}
	return nil
}

// openDossierOf checks that dossier id, whose sheets are to change, is
// still open: a closed dossier's sheets are a record.
func openDossierOf(ctx context.Context, tx *sql.Tx, id int64) error {
	d, err := readDossier(ctx, tx, id)
	if err != nil {
		return err
	}
	if d.Status.Closed() {
		return fmt.Errorf("hồ sơ %s đã %s: phiếu đánh giá của hồ sơ không sửa được nữa", d.Receipt, strings.ToLower(d.Status.Label()))
	}
	return nil
}

func saveSheet(ctx context.Context, tx *sql.Tx, st *StoredSheet, answers string, res SheetResult) (int64, error) {
	if err := openDossierOf(ctx, tx, st.DossierID); err != nil {
		return 0, err
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM score_sheets WHERE dossier_id = ? AND role = ? AND member = ? AND id <> ? AND deleted_at IS NULL`,
		st.DossierID, st.Role, st.Sheet.Member, st.ID).Scan(&other)
	if err == nil {
		if st.Role == RoleCouncil {
			return 0, fmt.Errorf("hồ sơ đã có phiếu của thành viên %s: mở phiếu đó để sửa", st.Sheet.Member)
		}
		return 0, fmt.Errorf("hồ sơ đã có phiếu %q: mở phiếu đó để sửa", strings.ToLower(st.Title()))
	} else if err != sql.ErrNoRows {
		return 0, err
	}
	args := []any{st.Role, st.Sheet.Member, st.Sheet.Set.Code, st.Sheet.Set.EffectiveFrom.Format(time.DateOnly),
		st.FilledOn.Format(time.DateOnly), answers, int(res.Total), res.Stars, res.Rejected}
	id, verb := st.ID, "Lưu phiếu đánh giá "
	if id == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO score_sheets(role, member, set_code, set_from, filled_on, answers, total, stars, rejected, dossier_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, st.DossierID)...)
		if err != nil {
			return 0, err
		}
		if id, err = r.LastInsertId(); err != nil {
			return 0, err
		}
		verb = "Thêm phiếu đánh giá "
	} else {
		r, err := tx.ExecContext(ctx, `UPDATE score_sheets SET role = ?, member = ?, set_code = ?, set_from = ?, filled_on = ?, answers = ?,
			total = ?, stars = ?, rejected = ?, updated_at = datetime('now') WHERE id = ? AND dossier_id = ? AND deleted_at IS NULL`,
			append(args, st.ID, st.DossierID)...)
		if err != nil {
			return 0, err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return 0, ErrNotFound
		}
	}
	shown := *st
	shown.Total = res.Total
	return id, logChange(ctx, tx, EntityDossier, st.DossierID, ActionEdit, verb+shown.describe())
}

func (st StoredSheet) describe() string {
	return fmt.Sprintf("%q (bộ %s): %s điểm", st.Title(), st.Sheet.Set.Code, st.Total.VI())
}

// DossierSheets returns the sheets kept with dossier id: the producer's,
// the office's, then the council members' in the order they were added.
func (s *Store) DossierSheets(ctx context.Context, id int64) ([]StoredSheet, error) {
	return s.readSheets(ctx, "dossier_id = ? AND deleted_at IS NULL", id)
}

func (s *Store) readSheets(ctx context.Context, where string, args ...any) ([]StoredSheet, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, dossier_id, role, set_from, filled_on, answers, total, stars, rejected, updated_at
		FROM score_sheets WHERE `+where+`
		ORDER BY CASE role WHEN 'chu_the' THEN 0 WHEN 'xa' THEN 1 ELSE 2 END, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredSheet
	for rows.Next() {
		var st StoredSheet
		var from, filled, answers, updated string
		var total int
		if err := rows.Scan(&st.ID, &st.DossierID, &st.Role, &from, &filled, &answers, &total, &st.Stars, &st.Rejected, &updated); err != nil {
			return nil, err
		}
		day, _ := time.Parse(time.DateOnly, from)
		if st.Sheet, err = ReadSheetCSV(strings.NewReader(answers), day); err != nil {
			return nil, fmt.Errorf("phiếu đánh giá số %d của hồ sơ %d hỏng: %w", st.ID, st.DossierID, err)
		}
		st.Total = Score(total)
		st.FilledOn, _ = time.Parse(time.DateOnly, filled)
		st.Updated, _ = time.Parse(time.DateTime, updated)
		out = append(out, st)
	}
	return out, rows.Err()
}

// RemoveSheet takes a sheet out of its dossier; RestoreSheet undoes it.
func (s *Store) RemoveSheet(ctx context.Context, id int64) error {
	return s.setSheetRemoved(ctx, id, true)
}

// RestoreSheet brings a removed sheet back.
func (s *Store) RestoreSheet(ctx context.Context, id int64) error {
	return s.setSheetRemoved(ctx, id, false)
}

func (s *Store) setSheetRemoved(ctx context.Context, id int64, removed bool) error {
	list, err := s.readSheets(ctx, "id = ?", id)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return ErrNotFound
	}
	st := list[0]
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := openDossierOf(ctx, tx, st.DossierID); err != nil {
			return err
		}
		set, verb, cond := "datetime('now')", "Bỏ phiếu đánh giá ", "deleted_at IS NULL"
		if !removed {
			set, verb, cond = "NULL", "Khôi phục phiếu đánh giá ", "deleted_at IS NOT NULL"
			var clash int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM score_sheets WHERE dossier_id = ? AND role = ? AND id <> ? AND deleted_at IS NULL
				AND member = (SELECT member FROM score_sheets WHERE id = ?)`, st.DossierID, st.Role, id, id).Scan(&clash); err != nil {
				return err
			}
			if clash > 0 {
				return fmt.Errorf("không khôi phục được phiếu %q: hồ sơ đã có một phiếu như vậy", st.Title())
			}
		}
		r, err := tx.ExecContext(ctx, "UPDATE score_sheets SET deleted_at = "+set+" WHERE id = ? AND "+cond, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil
		}
		return logChange(ctx, tx, EntityDossier, st.DossierID, ActionEdit, verb+st.describe())
	})
}

// DossierScore is what a dossier's sheets come to.
type DossierScore struct {
	Sheets   []StoredSheet
	Results  []SheetResult  // per Sheets
	Council  *CouncilResult // the council members' sheets, nil when there are none
	Members  []*StoredSheet // the council's sheets, in Council's order
	Producer *SheetResult   // the producer's self-assessment, nil when none
	Office   *SheetResult   // the office's check, nil when none
	Set      *CriteriaSet   // the sheets' set (nil without sheets)
	Day      time.Time      // the day the bands were taken from
	Mixed    []*StoredSheet // council sheets of another set version than Set, left out of the average
}

// ScoreDossier scores the sheets kept with dossier id under the bands in
// force on day: each sheet, and the council's average of its members'
// sheets (Điều 3.3).
func (s *Store) ScoreDossier(ctx context.Context, id int64, day time.Time) (DossierScore, error) {
	var out DossierScore
	sheets, err := s.DossierSheets(ctx, id)
	if err != nil {
		return out, err
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return out, err
	}
	return rules.ScoreSheets(sheets, day)
}

// ScoreSheets is ScoreDossier on sheets already read.
func (r Rules) ScoreSheets(sheets []StoredSheet, day time.Time) (DossierScore, error) {
	out := DossierScore{Sheets: sheets, Day: day}
	var council []*Sheet
	for i := range sheets {
		st := &out.Sheets[i]
		res := r.ScoreSheet(st.Sheet, day)
		out.Results = append(out.Results, res)
		if st.Role == RoleCouncil {
			if out.Set == nil {
				out.Set = st.Sheet.Set
			}
			if st.Sheet.Set != out.Set {
				out.Mixed = append(out.Mixed, st)
				continue
			}
			council = append(council, st.Sheet)
			out.Members = append(out.Members, st)
		}
	}
	for i, st := range out.Sheets {
		switch st.Role {
		case RoleProducer:
			out.Producer = &out.Results[i]
		case RoleOffice:
			out.Office = &out.Results[i]
		}
	}
	if out.Set == nil && len(sheets) > 0 {
		out.Set = sheets[0].Sheet.Set
	}
	if len(council) > 0 {
		c, err := r.ScoreCouncil(council, day)
		if err != nil {
			return out, err
		}
		out.Council = &c
	}
	return out, nil
}
