package xlsx

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// Limits on a participant list read from Excel: files are untrusted.
const (
	maxImportBytes = 20 << 20
	maxImportRows  = 5000
)

// Problem is something wrong in one cell of an imported file.
type Problem = data.ImportProblem

// ImportedParticipant is one person read from a list, with where it came from.
type ImportedParticipant struct {
	data.Participant
	Sheet string
	Row   int
	// Address is the list's Địa chỉ / Quê quán as written, read for the
	// commune only (a participant keeps no address).
	Address string
	// CommuneChoices and CommuneNote are as an imported product row's
	// (data.ImportRow): candidates when the address names an old commune
	// split in 2025, and how an old name was read.
	CommuneChoices []data.Commune
	CommuneNote    string
}

// The headings a participant list may use for each field, folded.
var participantHeadings = map[string][]string{
	"name":    {"ho va ten", "ho ten", "ho va ten hoc vien", "ten hoc vien", "ho va ten dai bieu", "ho ten hoc vien"},
	"year":    {"nam sinh", "ngay sinh", "ngay thang nam sinh", "ngay, thang, nam sinh"},
	"male":    {"nam"},
	"female":  {"nu"},
	"gender":  {"gioi tinh", "gioi"},
	"ethnic":  {"dan toc"},
	"org":     {"don vi", "co quan", "don vi cong tac", "chu the", "don vi / chu the", "don vi/chu the", "noi cong tac", "to chuc"},
	"title":   {"chuc vu", "chuc danh", "chuc vu, chuc danh"},
	"role":    {"vai tro", "thanh phan", "doi tuong", "thanh phan tham du"},
	"phone":   {"dien thoai", "so dien thoai", "sdt", "so dt", "dt"},
	"commune": {"xa", "xa, phuong", "xa phuong", "xa/phuong", "xa, phuong, thi tran"},
	"address": {"dia chi", "que quan", "noi o", "cho o", "noi o hien nay", "dia chi thuong tru", "noi cu tru", "thuong tru"},
}

// ParticipantFields lists the fields of a participant list with their
// Vietnamese names, in the order the column choices show them.
var ParticipantFields = []struct{ Key, Name string }{
	{"name", "Họ và tên"}, {"year", "Năm sinh"}, {"male", "Nam (ghi năm sinh)"}, {"female", "Nữ (ghi năm sinh)"},
	{"gender", "Giới tính"}, {"ethnic", "Dân tộc"}, {"org", "Đơn vị, chủ thể"}, {"title", "Chức vụ"},
	{"role", "Vai trò, thành phần"}, {"phone", "Điện thoại"}, {"commune", "Xã, phường"}, {"address", "Địa chỉ"},
}

// ReadParticipants reads a list of participants from an .xlsx or .csv
// file: on each sheet it finds the heading row by its names (Họ và tên,
// Năm sinh, Giới tính or Nam/Nữ, Dân tộc, Đơn vị, Chức vụ, Điện thoại),
// skips title rows above it and empty rows, and returns the people and
// every problem found. ethnicities is the official list of the 54 groups.
// With a resolver (Store.CommuneResolver), a Xã or Địa chỉ column gives
// each person's commune, old names included.
func ReadParticipants(path string, ethnicities []string, res ...*data.CommuneResolver) ([]ImportedParticipant, []Problem, error) {
	tables, err := ReadTables(path)
	if err != nil {
		return nil, nil, err
	}
	var maps []Mapping
	for _, t := range tables {
		if m, ok := DetectParticipantMapping(t); ok {
			maps = append(maps, m)
		}
	}
	if len(maps) == 0 {
		return nil, nil, fmt.Errorf("tệp %s: không tìm thấy dòng tiêu đề có cột \"Họ và tên\" ở trang nào", filepath.Base(path))
	}
	people, problems := ParticipantsOf(tables, maps, ethnicities, res...)
	return people, problems, nil
}

// DetectParticipantMapping finds the heading row of a participant list
// among a sheet's first rows (the one naming the name column) and maps its
// columns by their names. Nam | Nữ under "Năm sinh" is read as part of the
// heading.
func DetectParticipantMapping(t Table) (Mapping, bool) {
	legacy := detectTableLegacy(t)
	row := func(i int) []string { return convertedRow(t, legacy, i) }
	for i := 0; i < len(t.Rows) && i < 30; i++ {
		head := row(i)
		cols := headingColumns(head)
		if _, ok := cols["name"]; !ok {
			continue
		}
		m := Mapping{Sheet: t.Sheet, HeadRow: i, Columns: cols, Legacy: legacy, Headings: head}
		if i+1 < len(t.Rows) {
			next := row(i + 1)
			sub := headingColumns(next)
			_, male := sub["male"]
			_, female := sub["female"]
			if male && female {
				cols["male"], cols["female"] = sub["male"], sub["female"]
				delete(cols, "year")
				m.addSubHeading(next, i+1)
			}
		}
		return m, true
	}
	return Mapping{}, false
}

// ParticipantsOf reads the people of the sheets of tables that maps cover,
// with the columns the maps give, at most maxImportRows in all. With a
// resolver, a Xã or Địa chỉ column gives each person's commune.
func ParticipantsOf(tables []Table, maps []Mapping, ethnicities []string, res ...*data.CommuneResolver) ([]ImportedParticipant, []Problem) {
	var communes *data.CommuneResolver
	if len(res) > 0 {
		communes = res[0]
	}
	ethnic := map[string]string{}
	for _, e := range ethnicities {
		ethnic[viet.Fold(e)] = e
	}
	ethnic["viet"] = "Kinh"
	var people []ImportedParticipant
	var problems []Problem
	for _, m := range maps {
		for _, t := range tables {
			if t.Sheet == m.Sheet {
				p, pr := participantRows(t, m, ethnic, communes, maxImportRows-len(people))
				people, problems = append(people, p...), append(problems, pr...)
			}
		}
	}
	return people, problems
}

// participantRows reads the people below a sheet's heading, at most room.
func participantRows(t Table, m Mapping, ethnic map[string]string, communes *data.CommuneResolver, room int) ([]ImportedParticipant, []Problem) {
	var people []ImportedParticipant
	var problems []Problem
	sh := t.Sheet
	// A problem names the column by its own heading: "Nữ" under "Năm sinh".
	title := func(key string) string {
		if c, ok := m.Columns[key]; ok && c < len(m.Headings) {
			h := m.Headings[c]
			if i := strings.LastIndex(h, " – "); i >= 0 {
				h = h[i+len(" – "):]
			}
			return strings.TrimSpace(h)
		}
		return ""
	}
	for r := m.HeadRow + 1; r < len(t.Rows); r++ {
		raw := t.Rows[r]
		cell := func(key string) string {
			if c, ok := m.Columns[key]; ok && c < len(raw) {
				return strings.TrimSpace(m.Legacy.Convert(raw[c]))
			}
			return ""
		}
		fullName := viet.Clean(cell("name"))
		if fullName == "" || isTotalRow(fullName) {
			continue
		}
		if len(people) >= room {
			problems = append(problems, Problem{Sheet: sh, Row: r + 1, Reason: fmt.Sprintf("chỉ nhập tối đa %d người một lần", maxImportRows)})
			break
		}
		p := ImportedParticipant{Sheet: sh, Row: r + 1}
		p.FullName = fullName
		problem := func(key, value, reason string) {
			problems = append(problems, Problem{Sheet: sh, Row: r + 1, Column: title(key), Value: value, Reason: reason})
		}
		ok := true
		if v := cell("year"); v != "" {
			if y, good := parseYear(v); good {
				p.BirthYear = y
			} else {
				problem("year", v, "năm sinh không hợp lệ (cần bốn chữ số, ví dụ 1980, hoặc một ngày)")
				ok = false
			}
		}
		for _, g := range []struct{ key, gender string }{{"male", data.GenderMale}, {"female", data.GenderFemale}} {
			if v := cell(g.key); v != "" {
				p.Gender = g.gender
				if y, good := parseYear(v); good {
					p.BirthYear = y
				} else if !isMark(v) {
					problem(g.key, v, "cột Nam/Nữ phải ghi năm sinh hoặc dấu x")
					ok = false
				}
			}
		}
		if v := cell("gender"); v != "" {
			switch viet.Fold(v) {
			case "nam", "male", "m":
				p.Gender = data.GenderMale
			case "nu", "female", "f":
				p.Gender = data.GenderFemale
			default:
				problem("gender", v, "giới tính chỉ nhận Nam hoặc Nữ")
				ok = false
			}
		}
		if v := cell("ethnic"); v != "" {
			if e, good := ethnic[viet.Fold(v)]; good {
				p.Ethnicity = e
			} else {
				problem("ethnic", v, "không có trong danh mục 54 dân tộc")
				ok = false
			}
		}
		if communes != nil {
			p.Address = viet.Clean(cell("address"))
			key, v := "commune", cell("commune")
			if v == "" {
				key, v = "address", p.Address
			}
			var ir data.ImportRow
			switch found := ir.SetCommune(communes, cell("commune"), p.Address); {
			case found && len(ir.CommuneChoices) > 0:
				problem(key, v, ir.CommuneNote+"; chưa chọn thì học viên sẽ chưa có xã")
			case !found && v != "":
				problem(key, v, "không tìm thấy xã, phường trong danh mục; học viên sẽ chưa có xã")
			}
			p.CommuneID, p.CommuneChoices, p.CommuneNote = ir.CommuneID, ir.CommuneChoices, ir.CommuneNote
		}
		p.Organisation = viet.Clean(cell("org"))
		if v := viet.Clean(cell("phone")); v != "" {
			var warn string
			if p.Phone, warn = data.NormalisePhone(v); warn != "" {
				problem("phone", v, warn)
			}
		}
		// Chức vụ is the person's job title; the role category comes from
		// its own column, else is guessed from the title ("Giám đốc HTX").
		p.JobTitle = viet.Clean(cell("title"))
		if _, ok := m.Columns["role"]; ok {
			p.Role = roleOf(cell("role"))
		} else {
			p.Role = roleOf(p.JobTitle)
		}
		if ok {
			people = append(people, p)
		}
	}
	return people, problems
}

func headingColumns(row []string) map[string]int {
	return matchHeadings(row, participantHeadings, func(s string) string { return strings.Trim(viet.Fold(s), " :.*") })
}

// isTotalRow spots "Tổng cộng", "Cộng" rows and the numbering row (1), (2)…
func isTotalRow(s string) bool {
	f := viet.Fold(s)
	// Not every "tong": Tống is a surname.
	return strings.HasPrefix(f, "tong cong") || strings.HasPrefix(f, "tong so") || f == "tong" || f == "cong" ||
		strings.HasPrefix(f, "(") || strings.Trim(f, "0123456789. ") == ""
}

func isMark(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "x", "v", "✓", "1":
		return true
	}
	return false
}

// parseYear reads a year of birth: "1980", "1980.0", a date typed as
// text, or a date cell (Excel serial number).
func parseYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if y, err := strconv.Atoi(strings.TrimSuffix(s, ".0")); err == nil {
		if y >= 1900 && y <= time.Now().Year() {
			return y, true
		}
		if y > 366 && y < 60000 { // an Excel date serial
			t, err := excelize.ExcelDateToTime(float64(y), false)
			return t.Year(), err == nil && t.Year() >= 1900
		}
		return 0, false
	}
	if t, err := data.ParseDate(s); err == nil {
		return t.Year(), true
	}
	return 0, false
}

// roleOf maps a role as typed in a list to a role code.
func roleOf(s string) string {
	f := viet.Fold(s)
	switch {
	case f == "":
		return "khac"
	case strings.Contains(f, "hoi dong"):
		return "thanh_vien_hoi_dong"
	case strings.Contains(f, "lao dong") || strings.Contains(f, "cong nhan"):
		return "nguoi_lao_dong"
	case strings.Contains(f, "chu the") || strings.Contains(f, "giam doc") || strings.Contains(f, "chu nhiem") ||
		strings.Contains(f, "chu ho") || strings.Contains(f, "dai dien") || strings.Contains(f, "chu co so"):
		return "chu_the"
	case strings.Contains(f, "can bo") || strings.Contains(f, "cong chuc") || strings.Contains(f, "chuyen vien") ||
		strings.Contains(f, "chu tich") || strings.Contains(f, "truong") || strings.Contains(f, "pho") || strings.Contains(f, "quan ly"):
		return "can_bo_quan_ly"
	}
	return "khac"
}

// ChooseCommune sets the person's commune to one of its CommuneChoices.
func (p *ImportedParticipant) ChooseCommune(id int64) error {
	for _, c := range p.CommuneChoices {
		if c.ID == id {
			p.CommuneID = id
			return nil
		}
	}
	return fmt.Errorf("trang %q, dòng %d: xã, phường số %d không nằm trong các xã, phường để chọn", p.Sheet, p.Row, id)
}
