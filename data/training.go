package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// Training records (tập huấn): courses with their sessions, participants
// stored once however many courses they attend, enrolments and attendance
// per session.

// Course is a training course (lớp tập huấn).
type Course struct {
	ID          int64
	Title       string
	Topics      string
	Start, End  time.Time
	Location    string
	Organiser   string
	Trainers    string // báo cáo viên
	Funding     string
	TargetGroup string
	Note        string
}

// Session is one day or half day of a course.
type Session struct {
	ID       int64
	CourseID int64
	Day      time.Time
	Part     string // SessionFullDay, SessionMorning or SessionAfternoon
}

// Session parts.
const (
	SessionFullDay   = "ca_ngay"
	SessionMorning   = "sang"
	SessionAfternoon = "chieu"
)

// Label names a session as a sign-in sheet does: "07/07/2023" or "07/07/2023 (sáng)".
func (s Session) Label() string {
	switch s.Part {
	case SessionMorning:
		return VNDate(s.Day) + " (sáng)"
	case SessionAfternoon:
		return VNDate(s.Day) + " (chiều)"
	}
	return VNDate(s.Day)
}

// Participant is a person trained (học viên).
type Participant struct {
	ID           int64
	FullName     string
	Gender       string // GenderMale, GenderFemale or "" when unknown
	BirthYear    int    // 0 when unknown
	Ethnicity    string // one of EthnicGroups, "" when unknown
	Role         string // a Role code
	Organisation string
	ProducerID   int64 // the producer the person represents or works for, 0 for none
	CommuneID    int64 // 0: the producer's commune counts (see Training)
	Phone        string
	JobTitle     string // chức vụ: "Giám đốc HTX", "Chủ tịch UBND xã"; not the Role
}

// Genders.
const (
	GenderMale   = "nam"
	GenderFemale = "nu"
)

// GenderLabel names a gender in Vietnamese.
func GenderLabel(g string) string {
	switch g {
	case GenderMale:
		return "Nam"
	case GenderFemale:
		return "Nữ"
	}
	return ""
}

// Role is a participant's role in OCOP.
type Role struct{ Code, Name string }

// Roles lists the roles of participants, in report order.
var Roles = []Role{
	{"can_bo_quan_ly", "Cán bộ quản lý"},
	{"thanh_vien_hoi_dong", "Thành viên hội đồng"},
	{"chu_the", "Chủ thể OCOP"},
	{"nguoi_lao_dong", "Người lao động"},
	{"khac", "Khác"},
}

// RoleName names a role code.
func RoleName(code string) string {
	for _, r := range Roles {
		if r.Code == code {
			return r.Name
		}
	}
	return code
}

// Attendance marks.
type Attendance string

// Attendance marks; "" means not recorded yet.
const (
	Present        Attendance = "co_mat"
	ExcusedAbsence Attendance = "vang_co_phep"
	Absent         Attendance = "vang"
)

// Label names an attendance mark in Vietnamese.
func (a Attendance) Label() string {
	switch a {
	case Present:
		return "Có mặt"
	case ExcusedAbsence:
		return "Vắng có phép"
	case Absent:
		return "Vắng"
	}
	return "Chưa điểm danh"
}

// Validate checks a course as its form does.
func (c *Course) Validate() error {
	c.Title = viet.Clean(c.Title)
	switch {
	case c.Title == "":
		return &FieldError{"Tên lớp", "chưa nhập"}
	case c.Start.IsZero():
		return &FieldError{"Ngày bắt đầu", "chưa nhập"}
	case c.End.IsZero():
		return &FieldError{"Ngày kết thúc", "chưa nhập"}
	case c.End.Before(c.Start):
		return &FieldError{"Ngày kết thúc", "trước ngày bắt đầu"}
	case c.End.Sub(c.Start) > 366*24*time.Hour:
		return &FieldError{"Ngày kết thúc", "lớp dài hơn một năm, hãy kiểm tra lại"}
	}
	return nil
}

// Validate checks a participant as its form does.
func (p *Participant) Validate() error {
	p.FullName = viet.Clean(p.FullName)
	p.JobTitle = viet.Clean(p.JobTitle)
	switch {
	case p.FullName == "":
		return &FieldError{"Họ và tên", "chưa nhập"}
	case p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > 2100):
		return &FieldError{"Năm sinh", fmt.Sprintf("%d không hợp lệ", p.BirthYear)}
	case p.Gender != "" && p.Gender != GenderMale && p.Gender != GenderFemale:
		return &FieldError{"Giới tính", "chỉ nhận Nam hoặc Nữ"}
	}
	if p.Role == "" {
		p.Role = "khac"
	}
	if RoleName(p.Role) == p.Role {
		return &FieldError{"Vai trò", fmt.Sprintf("%q không có trong danh mục", p.Role)}
	}
	return nil
}

// AddCourse stores a new course with its sessions; with no sessions given,
// it gets one full-day session per day from start to end.
func (s *Store) AddCourse(ctx context.Context, c *Course, sessions []Session) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := addCourse(ctx, tx, c, sessions); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityCourse, c.ID, ActionAdd, c.Title)
	})
}

func addCourse(ctx context.Context, tx *sql.Tx, c *Course, sessions []Session) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO courses(title, topics, start_date, end_date, location, organiser, trainers,
		funding, target_group, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Title, strings.TrimSpace(c.Topics),
		ISODate(c.Start), ISODate(c.End), viet.Clean(c.Location), viet.Clean(c.Organiser), viet.Clean(c.Trainers), viet.Clean(c.Funding),
		viet.Clean(c.TargetGroup), strings.TrimSpace(c.Note))
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if len(sessions) == 0 {
		for d := DateOf(c.Start); !d.After(DateOf(c.End)); d = d.AddDate(0, 0, 1) {
			sessions = append(sessions, Session{Day: d, Part: SessionFullDay})
		}
	}
	for _, ss := range sessions {
		if ss.Part == "" {
			ss.Part = SessionFullDay
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO course_sessions(course_id, day, part) VALUES (?, ?, ?)",
			c.ID, ISODate(ss.Day), ss.Part); err != nil {
			return fmt.Errorf("buổi học %s: %w", ss.Label(), err)
		}
	}
	return nil
}

// UpdateCourse saves a course's details. Sessions are added or removed
// with AddSession and DeleteSession.
func (s *Store) UpdateCourse(ctx context.Context, c Course) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readCourse(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		var d diff
		d.add("Tên lớp", old.Title, c.Title)
		d.add("Nội dung", old.Topics, strings.TrimSpace(c.Topics))
		d.add("Ngày bắt đầu", VNDate(old.Start), VNDate(c.Start))
		d.add("Ngày kết thúc", VNDate(old.End), VNDate(c.End))
		d.add("Địa điểm", old.Location, viet.Clean(c.Location))
		d.add("Đơn vị tổ chức", old.Organiser, viet.Clean(c.Organiser))
		d.add("Báo cáo viên", old.Trainers, viet.Clean(c.Trainers))
		d.add("Nguồn kinh phí", old.Funding, viet.Clean(c.Funding))
		d.add("Đối tượng", old.TargetGroup, viet.Clean(c.TargetGroup))
		d.add("Ghi chú", old.Note, strings.TrimSpace(c.Note))
		if len(d) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE courses SET title = ?, topics = ?, start_date = ?, end_date = ?, location = ?,
			organiser = ?, trainers = ?, funding = ?, target_group = ?, note = ?, updated_at = datetime('now') WHERE id = ?`,
			c.Title, strings.TrimSpace(c.Topics), ISODate(c.Start), ISODate(c.End), viet.Clean(c.Location), viet.Clean(c.Organiser),
			viet.Clean(c.Trainers), viet.Clean(c.Funding), viet.Clean(c.TargetGroup), strings.TrimSpace(c.Note), c.ID)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityCourse, c.ID, ActionEdit, d.String())
	})
}

// Course returns one course that is not in the trash.
func (s *Store) Course(ctx context.Context, id int64) (Course, error) {
	return readCourse(ctx, s.db, id)
}

func readCourse(ctx context.Context, ex execer, id int64) (Course, error) {
	c := Course{ID: id}
	var start, end string
	err := ex.QueryRowContext(ctx, `SELECT title, topics, start_date, end_date, location, organiser, trainers, funding,
		target_group, note FROM courses WHERE id = ? AND deleted_at IS NULL`, id).Scan(&c.Title, &c.Topics, &start, &end,
		&c.Location, &c.Organiser, &c.Trainers, &c.Funding, &c.TargetGroup, &c.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.Start, _ = time.Parse(time.DateOnly, start)
	c.End, _ = time.Parse(time.DateOnly, end)
	return c, err
}

// DeleteCourse moves a course (with its roster and attendance) to the trash.
func (s *Store) DeleteCourse(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := readCourse(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE courses SET deleted_at = datetime('now') WHERE id = ?", id); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityCourse, id, ActionDelete, c.Title)
	})
}

// RestoreCourse brings a course back from the trash.
func (s *Store) RestoreCourse(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var title string
		err := tx.QueryRowContext(ctx, "UPDATE courses SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL RETURNING title", id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityCourse, id, ActionRestore, title)
	})
}

// Sessions returns a course's sessions in time order.
func (s *Store) Sessions(ctx context.Context, courseID int64) ([]Session, error) {
	return readSessions(ctx, s.db, courseID)
}

func readSessions(ctx context.Context, ex execer, courseID int64) ([]Session, error) {
	rows, err := ex.QueryContext(ctx, `SELECT id, day, part FROM course_sessions WHERE course_id = ?
		ORDER BY day, CASE part WHEN 'sang' THEN 0 WHEN 'ca_ngay' THEN 1 ELSE 2 END`, courseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		ss := Session{CourseID: courseID}
		var day string
		if err := rows.Scan(&ss.ID, &day, &ss.Part); err != nil {
			return nil, err
		}
		ss.Day, _ = time.Parse(time.DateOnly, day)
		out = append(out, ss)
	}
	return out, rows.Err()
}

// CourseRow is a course as the list shows it.
type CourseRow struct {
	Course
	Sessions int
	Enrolled int
	Attended int // enrolled people present at one session or more
}

// CourseQuery selects courses for the list.
type CourseQuery struct {
	Search string // words matched, folded, against title, topics, location and organiser
	Year   int    // courses starting that year; 0 for all
}

// Courses returns the courses matching q, newest first.
func (s *Store) Courses(ctx context.Context, q CourseQuery) ([]CourseRow, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.id, c.title, c.topics, c.start_date, c.end_date, c.location, c.organiser, c.trainers, c.funding,
		       c.target_group, c.note,
		       (SELECT count(*) FROM course_sessions WHERE course_id = c.id),
		       (SELECT count(*) FROM enrolments e JOIN participants p ON p.id = e.participant_id
		         WHERE e.course_id = c.id AND p.deleted_at IS NULL),
		       (SELECT count(DISTINCT a.participant_id) FROM attendance a JOIN course_sessions ss ON ss.id = a.session_id
		         JOIN enrolments e ON e.course_id = ss.course_id AND e.participant_id = a.participant_id
		         JOIN participants p ON p.id = a.participant_id
		         WHERE ss.course_id = c.id AND a.status = 'co_mat' AND p.deleted_at IS NULL)
		FROM courses c WHERE c.deleted_at IS NULL AND (? = 0 OR substr(c.start_date, 1, 4) = printf('%04d', ?))
		ORDER BY c.start_date DESC, c.id DESC`, q.Year, q.Year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	words := viet.Fold(q.Search)
	var out []CourseRow
	for rows.Next() {
		var r CourseRow
		var start, end string
		if err := rows.Scan(&r.ID, &r.Title, &r.Topics, &start, &end, &r.Location, &r.Organiser, &r.Trainers, &r.Funding,
			&r.TargetGroup, &r.Note, &r.Sessions, &r.Enrolled, &r.Attended); err != nil {
			return nil, err
		}
		r.Start, _ = time.Parse(time.DateOnly, start)
		r.End, _ = time.Parse(time.DateOnly, end)
		if viet.MatchesAll(viet.Fold(strings.Join([]string{r.Title, r.Topics, r.Location, r.Organiser}, " ")), words) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// AddParticipant stores a new participant and sets its ID. Call
// MatchParticipants first to offer existing people instead.
func (s *Store) AddParticipant(ctx context.Context, p *Participant) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := addParticipant(ctx, tx, p); err != nil {
			return err
		}
		return logChange(ctx, tx, EntityParticipant, p.ID, ActionAdd, p.FullName)
	})
}

func addParticipant(ctx context.Context, tx *sql.Tx, p *Participant) error {
	var year any
	if p.BirthYear != 0 {
		year = p.BirthYear
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO participants(full_name, gender, birth_year, ethnicity, role, organisation,
		producer_id, commune_id, phone, job_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.FullName, p.Gender, year, nullText(p.Ethnicity),
		p.Role, viet.Clean(p.Organisation), nullID(p.ProducerID), nullID(p.CommuneID), viet.Clean(p.Phone), p.JobTitle)
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return &FieldError{"Dân tộc", fmt.Sprintf("%q không có trong danh mục 54 dân tộc", p.Ethnicity)}
		}
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

// UpdateParticipant saves a participant's details.
func (s *Store) UpdateParticipant(ctx context.Context, p Participant) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readParticipant(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		var d diff
		d.add("Họ và tên", old.FullName, p.FullName)
		d.add("Giới tính", GenderLabel(old.Gender), GenderLabel(p.Gender))
		d.add("Năm sinh", yearText(old.BirthYear), yearText(p.BirthYear))
		d.add("Dân tộc", old.Ethnicity, p.Ethnicity)
		d.add("Vai trò", RoleName(old.Role), RoleName(p.Role))
		d.add("Chức vụ", old.JobTitle, p.JobTitle)
		d.add("Đơn vị", old.Organisation, viet.Clean(p.Organisation))
		d.add("Điện thoại", old.Phone, viet.Clean(p.Phone))
		if len(d) == 0 && old.ProducerID == p.ProducerID && old.CommuneID == p.CommuneID {
			return nil
		}
		var year any
		if p.BirthYear != 0 {
			year = p.BirthYear
		}
		_, err = tx.ExecContext(ctx, `UPDATE participants SET full_name = ?, gender = ?, birth_year = ?, ethnicity = ?, role = ?,
			organisation = ?, producer_id = ?, commune_id = ?, phone = ?, job_title = ?, updated_at = datetime('now') WHERE id = ?`,
			p.FullName, p.Gender, year, nullText(p.Ethnicity), p.Role, viet.Clean(p.Organisation), nullID(p.ProducerID),
			nullID(p.CommuneID), viet.Clean(p.Phone), p.JobTitle, p.ID)
		if err != nil {
			return err
		}
		return logChange(ctx, tx, EntityParticipant, p.ID, ActionEdit, d.String())
	})
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}

// Participant returns one participant.
func (s *Store) Participant(ctx context.Context, id int64) (Participant, error) {
	return readParticipant(ctx, s.db, id)
}

const participantColumns = `p.id, p.full_name, p.gender, COALESCE(p.birth_year, 0), COALESCE(p.ethnicity, ''), p.role,
	p.organisation, COALESCE(p.producer_id, 0), COALESCE(p.commune_id, 0), p.phone, p.job_title`

func scanParticipant(sc interface{ Scan(...any) error }, extra ...any) (Participant, error) {
	var p Participant
	err := sc.Scan(append([]any{&p.ID, &p.FullName, &p.Gender, &p.BirthYear, &p.Ethnicity, &p.Role, &p.Organisation,
		&p.ProducerID, &p.CommuneID, &p.Phone, &p.JobTitle}, extra...)...)
	return p, err
}

func readParticipant(ctx context.Context, ex execer, id int64) (Participant, error) {
	p, err := scanParticipant(ex.QueryRowContext(ctx, "SELECT "+participantColumns+
		" FROM participants p WHERE p.id = ? AND p.deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// ParticipantRow is a participant as lists show it.
type ParticipantRow struct {
	Participant
	Commune  string
	Producer string
	Courses  int // courses where the person was present at least once
}

// Organisation is what the sign-in sheet shows under "Đơn vị / Chủ thể":
// the linked producer, else the organisation typed.
func (r ParticipantRow) Unit() string {
	if r.Producer != "" {
		return r.Producer
	}
	return r.Organisation
}

// Participants returns every participant in Vietnamese order of name.
func (s *Store) Participants(ctx context.Context) ([]ParticipantRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+participantColumns+`, COALESCE(c.name, ''), COALESCE(pr.name, ''),
		(SELECT count(DISTINCT ss.course_id) FROM attendance a JOIN course_sessions ss ON ss.id = a.session_id
		   JOIN courses co ON co.id = ss.course_id
		   WHERE a.participant_id = p.id AND a.status = 'co_mat' AND co.deleted_at IS NULL)
		FROM participants p LEFT JOIN communes c ON c.id = p.commune_id LEFT JOIN producers pr ON pr.id = p.producer_id
		WHERE p.deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ParticipantRow
	for rows.Next() {
		var r ParticipantRow
		r.Participant, err = scanParticipant(rows, &r.Commune, &r.Producer, &r.Courses)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortByKeys(out, func(r ParticipantRow) string { return lastNameKey(r.FullName) })
	return out, nil
}

// lastNameKey orders Vietnamese names as lists do: by given name (the last
// word), then the whole name.
func lastNameKey(full string) string {
	words := strings.Fields(full)
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1] + " " + full
}

// Match is an existing participant who may be the person being added.
type Match struct {
	ParticipantRow
	Strong bool // same folded name and same birth year or phone
}

// MatchParticipants returns existing participants who may be the person
// named: the same folded name ("Nguyễn Văn Đức" and "nguyen van duc"), the
// strongest first (same year of birth or phone number as well), and people
// with the same phone number under another spelling.
func (s *Store) MatchParticipants(ctx context.Context, fullName string, birthYear int, phone string) ([]Match, error) {
	all, err := s.Participants(ctx)
	if err != nil {
		return nil, err
	}
	name, tel := viet.Fold(fullName), digits(phone)
	var out []Match
	for _, r := range all {
		samePhone := tel != "" && digits(r.Phone) == tel
		sameName := name != "" && viet.Fold(r.FullName) == name
		if !sameName && !samePhone {
			continue
		}
		if sameName && birthYear != 0 && r.BirthYear != 0 && r.BirthYear != birthYear && !samePhone {
			continue // a namesake born another year
		}
		strong := samePhone || (sameName && birthYear != 0 && r.BirthYear == birthYear)
		out = append(out, Match{r, strong})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Strong && !out[j].Strong })
	return out, nil
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Enroll adds participants to a course's roster (those already on it are kept).
func (s *Store) Enroll(ctx context.Context, courseID int64, participantIDs ...int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := readCourse(ctx, tx, courseID); err != nil {
			return err
		}
		for _, id := range participantIDs {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO enrolments(course_id, participant_id) VALUES (?, ?)", courseID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// Unenroll takes a participant off a course's roster with their attendance there.
func (s *Store) Unenroll(ctx context.Context, courseID, participantID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendance WHERE participant_id = ?
			AND session_id IN (SELECT id FROM course_sessions WHERE course_id = ?)`, participantID, courseID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM enrolments WHERE course_id = ? AND participant_id = ?", courseID, participantID)
		return err
	})
}

// Roster is a course's participants and their attendance per session.
type Roster struct {
	Course       Course
	Sessions     []Session
	Participants []ParticipantRow
	marks        map[[2]int64]Attendance // (session, participant)
}

// Mark returns the attendance of participant at session.
func (r Roster) Mark(sessionID, participantID int64) Attendance {
	return r.marks[[2]int64{sessionID, participantID}]
}

// Count returns how many enrolled participants have mark a at session.
func (r Roster) Count(sessionID int64, a Attendance) int {
	n := 0
	for _, p := range r.Participants {
		if r.Mark(sessionID, p.ID) == a {
			n++
		}
	}
	return n
}

// Roster returns a course with its sessions, enrolled participants (in
// Vietnamese order of given name) and attendance.
func (s *Store) Roster(ctx context.Context, courseID int64) (Roster, error) {
	var r Roster
	var err error
	if r.Course, err = readCourse(ctx, s.db, courseID); err != nil {
		return r, err
	}
	if r.Sessions, err = readSessions(ctx, s.db, courseID); err != nil {
		return r, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+participantColumns+`, COALESCE(c.name, ''), COALESCE(pr.name, '')
		FROM enrolments e JOIN participants p ON p.id = e.participant_id
		LEFT JOIN communes c ON c.id = p.commune_id LEFT JOIN producers pr ON pr.id = p.producer_id
		WHERE e.course_id = ? AND p.deleted_at IS NULL`, courseID)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var pr ParticipantRow
		if pr.Participant, err = scanParticipant(rows, &pr.Commune, &pr.Producer); err != nil {
			rows.Close()
			return r, err
		}
		r.Participants = append(r.Participants, pr)
	}
	rows.Close()
	sortByKeys(r.Participants, func(p ParticipantRow) string { return lastNameKey(p.FullName) })
	r.marks = map[[2]int64]Attendance{}
	marks, err := s.db.QueryContext(ctx, `SELECT a.session_id, a.participant_id, a.status FROM attendance a
		JOIN course_sessions ss ON ss.id = a.session_id WHERE ss.course_id = ?`, courseID)
	if err != nil {
		return r, err
	}
	defer marks.Close()
	for marks.Next() {
		var sid, pid int64
		var a Attendance
		if err := marks.Scan(&sid, &pid, &a); err != nil {
			return r, err
		}
		r.marks[[2]int64{sid, pid}] = a
	}
	return r, marks.Err()
}

// SetAttendance records one participant's attendance at a session; ""
// clears it.
func (s *Store) SetAttendance(ctx context.Context, sessionID, participantID int64, a Attendance) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return setAttendance(ctx, tx, sessionID, participantID, a) })
}

func setAttendance(ctx context.Context, tx *sql.Tx, sessionID, participantID int64, a Attendance) error {
	if a == "" {
		_, err := tx.ExecContext(ctx, "DELETE FROM attendance WHERE session_id = ? AND participant_id = ?", sessionID, participantID)
		return err
	}
	var enrolled bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM enrolments e JOIN course_sessions ss ON ss.course_id = e.course_id
		WHERE ss.id = ? AND e.participant_id = ?)`, sessionID, participantID).Scan(&enrolled)
	if err != nil {
		return err
	}
	if !enrolled {
		return fmt.Errorf("học viên chưa có trong danh sách lớp của buổi học này")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO attendance(session_id, participant_id, status) VALUES (?, ?, ?)
		ON CONFLICT(session_id, participant_id) DO UPDATE SET status = excluded.status`, sessionID, participantID, string(a))
	return err
}

// MarkSession records the same attendance for every enrolled participant of
// a session ("cả lớp có mặt"); exceptions are then set one by one.
func (s *Store) MarkSession(ctx context.Context, sessionID int64, a Attendance) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, `SELECT e.participant_id FROM enrolments e JOIN course_sessions ss ON ss.course_id = e.course_id
			WHERE ss.id = ?`, sessionID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := setAttendance(ctx, tx, sessionID, id, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// TrainingStats are the training figures of a period.
type TrainingStats struct {
	Courses          int // courses starting in the period
	ParticipantTimes int // lượt người: for each course, the people present at least once
	People           int // distinct people present at least once
	ByRole           map[string]int
	ByGender         map[string]int // "" for unknown
	ByEthnicity      map[string]int // "" for unknown
	ByCommune        map[string]int // commune name, "" for unknown
}

// Training works out the statistics of courses starting from..to
// (inclusive). The splits count distinct people. A person with no commune
// of their own counts in the commune of the producer they are linked to,
// as it is when the statistics are made (the producer may move), so people
// who came for a producer are not all "(chưa rõ xã)".
func (s *Store) Training(ctx context.Context, from, to time.Time) (TrainingStats, error) {
	st := TrainingStats{ByRole: map[string]int{}, ByGender: map[string]int{}, ByEthnicity: map[string]int{}, ByCommune: map[string]int{}}
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM courses WHERE deleted_at IS NULL AND start_date BETWEEN ? AND ?`,
		ISODate(from), ISODate(to)).Scan(&st.Courses)
	if err != nil {
		return st, err
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT DISTINCT co.id, p.id, p.role, p.gender, COALESCE(p.ethnicity, ''), COALESCE(c.name, '')
		FROM attendance a
		JOIN course_sessions ss ON ss.id = a.session_id
		JOIN courses co ON co.id = ss.course_id
		JOIN enrolments e ON e.course_id = co.id AND e.participant_id = a.participant_id
		JOIN participants p ON p.id = a.participant_id
		LEFT JOIN producers pr ON pr.id = p.producer_id
		LEFT JOIN communes c ON c.id = COALESCE(p.commune_id, pr.commune_id)
		WHERE a.status = 'co_mat' AND co.deleted_at IS NULL AND p.deleted_at IS NULL AND co.start_date BETWEEN ? AND ?`,
		ISODate(from), ISODate(to))
	if err != nil {
		return st, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		var course, person int64
		var role, gender, ethnicity, commune string
		if err := rows.Scan(&course, &person, &role, &gender, &ethnicity, &commune); err != nil {
			return st, err
		}
		st.ParticipantTimes++
		if seen[person] {
			continue
		}
		seen[person] = true
		st.People++
		st.ByRole[role]++
		st.ByGender[gender]++
		st.ByEthnicity[ethnicity]++
		st.ByCommune[commune]++
	}
	return st, rows.Err()
}

// ImportResult says what EnrollImported did.
type ImportResult struct {
	Added    int // new people stored
	Reused   int // people already on record (same folded name and year of birth)
	Enrolled int // people newly put on the course's roster
}

// EnrollImported puts people read from a list on a course's roster, in one
// transaction: all or nothing. A person already on record with the same
// folded name and year of birth (or either year unknown) is reused, not
// stored twice. No people is not recorded: ErrNothingImported.
func (s *Store) EnrollImported(ctx context.Context, courseID int64, people []Participant) (ImportResult, error) {
	var res ImportResult
	if len(people) == 0 {
		return res, nothingImported("không có học viên nào để nhập; chưa ghi gì vào cơ sở dữ liệu")
	}
	if _, err := s.BackupBefore(ctx, "nhap-hoc-vien"); err != nil {
		return res, err
	}
	known, err := s.Participants(ctx)
	if err != nil {
		return res, err
	}
	byName := map[string][]ParticipantRow{}
	for _, k := range known {
		byName[viet.Fold(k.FullName)] = append(byName[viet.Fold(k.FullName)], k)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := readCourse(ctx, tx, courseID); err != nil {
			return err
		}
		for i := range people {
			p := people[i]
			if err := p.Validate(); err != nil {
				return fmt.Errorf("%s: %w", p.FullName, err)
			}
			id := int64(0)
			for _, k := range byName[viet.Fold(p.FullName)] {
				if p.BirthYear == 0 || k.BirthYear == 0 || k.BirthYear == p.BirthYear {
					id = k.ID
					break
				}
			}
			if id == 0 {
				if err := addParticipant(ctx, tx, &p); err != nil {
					return fmt.Errorf("%s: %w", p.FullName, err)
				}
				if err := logChange(ctx, tx, EntityParticipant, p.ID, ActionAdd, p.FullName+" (nhập từ Excel)"); err != nil {
					return err
				}
				id = p.ID
				res.Added++
				byName[viet.Fold(p.FullName)] = append(byName[viet.Fold(p.FullName)], ParticipantRow{Participant: p})
			} else {
				res.Reused++
			}
			r, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO enrolments(course_id, participant_id) VALUES (?, ?)", courseID, id)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				res.Enrolled++
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}
