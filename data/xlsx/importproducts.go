package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

// Fields of a product list, in the order a mapping shows them.
const (
	FieldProduct         = "product"
	FieldProducer        = "producer"
	FieldProducerAddress = "producer_address" // "Tên chủ thể, địa chỉ": both in one cell
	FieldType            = "type"
	FieldAddress         = "address"
	FieldCommune         = "commune"
	FieldSet             = "set"
	FieldScore           = "score"
	FieldStars           = "stars"
	FieldDecision        = "decision" // number and date in one cell
	FieldDecisionNo      = "decision_no"
	FieldDecisionDate    = "decision_date"
	FieldValidUntil      = "valid_until"
	FieldRepresentative  = "representative"
	FieldPhone           = "phone"
)

// ProductFields lists the fields with their Vietnamese names.
var ProductFields = []struct{ Key, Name string }{
	{FieldProduct, "Tên sản phẩm"}, {FieldProducer, "Chủ thể"}, {FieldProducerAddress, "Chủ thể, địa chỉ (một ô)"}, {FieldType, "Loại hình"}, {FieldAddress, "Địa chỉ"},
	{FieldCommune, "Xã, phường"}, {FieldSet, "Nhóm/bộ sản phẩm"}, {FieldScore, "Điểm"}, {FieldStars, "Hạng sao"},
	{FieldDecision, "Quyết định (số và ngày)"}, {FieldDecisionNo, "Số quyết định"}, {FieldDecisionDate, "Ngày quyết định"},
	{FieldValidUntil, "Ngày hết hạn"}, {FieldRepresentative, "Người đại diện"}, {FieldPhone, "Điện thoại"},
}

// productHeadings are the folded headings each field goes by.
var productHeadings = map[string][]string{
	FieldProduct:  {"ten san pham", "san pham", "ten sp", "ten san pham ocop", "san pham ocop"},
	FieldProducer: {"chu the", "ten chu the", "chu the san xuat", "co so san xuat", "ten chu the san xuat", "don vi san xuat", "chu the ocop", "ten don vi"},
	FieldProducerAddress: {"ten chu the, dia chi", "chu the, dia chi", "ten chu the va dia chi", "chu the va dia chi",
		"ten chu the/dia chi", "chu the/dia chi", "ten chu the - dia chi", "chu the - dia chi", "ten, dia chi chu the",
		"ten va dia chi chu the", "chu the san xuat, dia chi", "ten co so, dia chi", "ten don vi, dia chi"},
	FieldType:           {"loai hinh", "loai hinh chu the", "loai hinh to chuc", "loai hinh kinh te"},
	FieldAddress:        {"dia chi", "dia chi chu the", "dia chi san xuat"},
	FieldCommune:        {"xa", "xa, phuong", "xa phuong", "xa/phuong", "dia ban", "don vi hanh chinh", "xa, phuong, thi tran"},
	FieldSet:            {"bo san pham", "nhom san pham", "nganh", "phan nhom", "nhom/bo san pham", "nhom, bo san pham", "nganh hang", "nhom"},
	FieldScore:          {"diem", "diem danh gia", "tong diem", "diem so", "so diem"},
	FieldStars:          {"hang sao", "xep hang", "so sao", "hang", "ket qua xep hang", "ket qua phan hang", "phan hang", "sao"},
	FieldDecision:       {"quyet dinh cong nhan", "quyet dinh", "so, ngay quyet dinh", "so va ngay quyet dinh", "qd cong nhan", "so qd, ngay qd"},
	FieldDecisionNo:     {"so qd", "so quyet dinh", "so"},
	FieldDecisionDate:   {"ngay qd", "ngay quyet dinh", "ngay cong nhan", "ngay"},
	FieldValidUntil:     {"ngay het han", "thoi han", "hieu luc den", "han giay chung nhan", "het han", "thoi han hieu luc"},
	FieldRepresentative: {"nguoi dai dien", "dai dien", "nguoi dai dien phap luat"},
	FieldPhone:          {"dien thoai", "so dien thoai", "sdt", "so dt", "dt"},
}

// Mapping says which column (0-based) holds each field of a sheet.
type Mapping struct {
	Sheet    string
	HeadRow  int            // 0-based index of the (last) heading row
	Columns  map[string]int // field -> column
	Headings []string       // each column's heading as written (two-row headings joined)
	Legacy   viet.Legacy    // the sheet's text encoding
	// Decision applies to every row without a decision of its own: the one
	// a line above the heading names (the annex of a decision: "Kèm theo
	// Quyết định số 2865/QĐ-UBND ngày 31/12/2025"), or one the user gives.
	Decision Decision
}

// Decision is a recognition decision given once for a whole list.
type Decision struct {
	No     string
	Date   time.Time
	Source string // where it comes from, as the preview says it: "ghi ở tiêu đề"
}

// Given says whether there is a decision.
func (d Decision) Given() bool { return d.No != "" || !d.Date.IsZero() }

// String is the decision as a line says it: "Quyết định số 2865/QĐ-UBND ngày 31/12/2025".
func (d Decision) String() string {
	s := "Quyết định"
	if d.No != "" {
		s += " số " + d.No
	}
	if !d.Date.IsZero() {
		s += " ngày " + data.VNDate(d.Date)
	}
	return s
}

// SourceTitle is the Source of a decision read from a list's title lines.
const SourceTitle = "ghi ở tiêu đề"

// titleDecision finds a decision in the lines above a list's heading (row
// head): a cell naming "Quyết định" or "QĐ" with both a number and a date.
func titleDecision(t Table, legacy viet.Legacy, head int) Decision {
	for i := 0; i < head && i < len(t.Rows); i++ {
		for _, v := range convertedRow(t, legacy, i) {
			f := viet.Fold(v)
			if !strings.Contains(f, "quyet dinh") && !strings.Contains(f, "qd") {
				continue
			}
			if no, day, err := data.ParseDecision(v); err == nil && no != "" && !day.IsZero() {
				return Decision{No: no, Date: day, Source: SourceTitle}
			}
		}
	}
	return Decision{}
}

// DecisionLines say, one line per sheet, which decision applies to how
// many rows that have none of their own: "Áp dụng Quyết định số
// 2865/QĐ-UBND ngày 31/12/2025 (ghi ở tiêu đề) cho 6 dòng không ghi quyết
// định". Nothing when no row took a list's decision.
func DecisionLines(maps []Mapping, rows []data.ImportRow) []string {
	var out []string
	for _, m := range maps {
		n := 0
		for _, r := range rows {
			if r.Sheet == m.Sheet && r.ListDecision {
				n++
			}
		}
		if n == 0 || !m.Decision.Given() {
			continue
		}
		line := "Áp dụng " + m.Decision.String()
		if m.Decision.Source != "" {
			line += " (" + m.Decision.Source + ")"
		}
		out = append(out, fmt.Sprintf("%s cho %d dòng không ghi quyết định", line, n))
	}
	return out
}

// addSubHeading reads the heading row at index row, under the one found,
// as part of the heading: each column's name becomes "upper – lower".
func (m *Mapping) addSubHeading(next []string, row int) {
	for c, v := range next {
		for len(m.Headings) <= c {
			m.Headings = append(m.Headings, "")
		}
		if v != "" && v != m.Headings[c] {
			m.Headings[c] = strings.TrimSpace(m.Headings[c] + " – " + v)
		}
	}
	m.HeadRow = row
}

// convertedRow is row i of t in Unicode, whatever legacy encoding it uses.
func convertedRow(t Table, legacy viet.Legacy, i int) []string {
	out := make([]string, len(t.Rows[i]))
	for c, v := range t.Rows[i] {
		out[c] = legacy.Convert(v)
	}
	return out
}

func headingKey(s string) string {
	f := strings.Trim(viet.Fold(s), " :.*()")
	return strings.Join(strings.Fields(f), " ")
}

// DetectProductMapping finds the heading row of a product list among a
// sheet's first rows (the one naming the product column) and maps its
// columns by their names. A heading spread over two rows ("Quyết định công
// nhận" over "Số QĐ" and "Ngày QĐ") is read as one.
func DetectProductMapping(t Table) (Mapping, bool) {
	legacy := detectTableLegacy(t)
	row := func(i int) []string { return convertedRow(t, legacy, i) }
	for i := 0; i < len(t.Rows) && i < 30; i++ {
		head := row(i)
		cols := mapHeadings(head)
		if _, ok := cols[FieldProduct]; !ok {
			continue
		}
		m := Mapping{Sheet: t.Sheet, HeadRow: i, Columns: cols, Legacy: legacy, Headings: head, Decision: titleDecision(t, legacy, i)}
		if i+1 < len(t.Rows) {
			// A second heading row under merged cells ("Quyết định" over
			// "Số" and "Ngày", "Kết quả" over "Phân nhóm" and "Hạng sao")
			// maps a field the first row did not.
			// It is a heading, not the first product, when the cell under
			// the product's heading is empty or repeats it (merged down):
			// a first product whose status reads "Hết hạn" is no heading.
			next := row(i + 1)
			sub := mapHeadings(next)
			more := false
			if pc := cols[FieldProduct]; pc >= len(next) || next[pc] == "" || next[pc] == head[pc] {
				for k, c := range sub {
					if old, ok := cols[k]; !ok || old != c {
						more = true
					}
				}
			}
			if more {
				for k, c := range sub {
					if k != FieldProduct {
						m.Columns[k] = c
					}
				}
				// The merged "Quyết định" heading now sits over the sub-columns.
				if c, ok := m.Columns[FieldDecision]; ok && (c == sub[FieldDecisionNo] || c == sub[FieldDecisionDate]) {
					delete(m.Columns, FieldDecision)
				}
				m.addSubHeading(next, i+1)
			}
		}
		return m, true
	}
	return Mapping{}, false
}

func mapHeadings(row []string) map[string]int { return matchHeadings(row, productHeadings, headingKey) }

// matchHeadings maps each field of headings (its names, folded) to the
// first column of row whose heading, as key reads it, is exactly one of
// them: "Số QĐ" is the number even if "Số" alone is also known.
func matchHeadings(row []string, headings map[string][]string, key func(string) string) map[string]int {
	cols := map[string]int{}
	for c, v := range row {
		k := key(v)
		for field, names := range headings {
			if _, seen := cols[field]; !seen && slices.Contains(names, k) {
				cols[field] = c
			}
		}
	}
	return cols
}

// Reference is the store's reference data the reader needs.
type Reference struct {
	Communes []data.Commune
	Classes  []data.Class
	// Resolver finds communes in addresses, old ones included; without it
	// only the current names of Communes are known.
	Resolver *data.CommuneResolver
}

// ReferenceOf reads the reference data of a store: its communes, the
// whole country's with the 2025 conversion table, and the classification.
func ReferenceOf(ctx context.Context, s *data.Store) (Reference, error) {
	var ref Reference
	var err error
	if ref.Communes, err = s.Communes(ctx); err != nil {
		return ref, err
	}
	if ref.Classes, err = s.Classification(ctx); err != nil {
		return ref, err
	}
	ref.Resolver, err = s.CommuneResolver(ctx)
	return ref, err
}

func (ref Reference) resolver() *data.CommuneResolver {
	if ref.Resolver != nil {
		return ref.Resolver
	}
	return data.NewCommuneIndex(ref.Communes)
}

// ProductRows reads the products of a sheet by mapping m, skipping section
// rows ("I. NHÓM THỰC PHẨM"), numbering rows and totals rows, and returns
// them with every problem found. A row with a problem in a required value
// (name, producer, a decision that cannot be read) is left out; a problem
// in another value leaves that value empty.
func ProductRows(t Table, m Mapping, ref Reference) ([]data.ImportRow, []Problem) {
	var out []data.ImportRow
	var problems []Problem
	heading := func(field string) string {
		if c, ok := m.Columns[field]; ok && c < len(m.Headings) {
			return strings.TrimSpace(m.Headings[c])
		}
		return ""
	}
	communes := ref.resolver()
	sets := map[string]string{}
	for _, c := range ref.Classes {
		sets[headingKey(c.Code)] = c.Code
		sets[headingKey(c.Name)] = c.Code
	}
	for r := m.HeadRow + 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		cell := func(field string) string {
			if c, ok := m.Columns[field]; ok && c < len(row) {
				return strings.TrimSpace(m.Legacy.Convert(row[c]))
			}
			return ""
		}
		name := viet.Clean(cell(FieldProduct))
		// A heading repeated on each page of a Word table is no product.
		if _, again := mapHeadings([]string{name})[FieldProduct]; name == "" || again || skipRow(row, name) {
			continue
		}
		problem := func(field, value, reason string) {
			problems = append(problems, Problem{Sheet: t.Sheet, Row: r + 1, Column: heading(field), Value: value, Reason: reason})
		}
		ir := data.ImportRow{Sheet: t.Sheet, Row: r + 1, Product: name, Producer: viet.Clean(cell(FieldProducer)),
			Address: viet.Clean(cell(FieldAddress)), Representative: viet.Clean(cell(FieldRepresentative))}
		producerField, addressField := FieldProducer, FieldAddress
		if both := cell(FieldProducerAddress); both != "" {
			producer, address := data.SplitProducerAddress(both)
			if ir.Producer == "" {
				ir.Producer, producerField = producer, FieldProducerAddress
			}
			if ir.Address == "" {
				ir.Address, addressField = address, FieldProducerAddress
			}
		} else if _, ok := m.Columns[FieldProducer]; !ok {
			if _, ok := m.Columns[FieldProducerAddress]; ok {
				producerField = FieldProducerAddress
			}
		}
		if ir.Producer == "" {
			problem(producerField, "", "thiếu tên chủ thể")
			continue
		}
		if v := viet.Clean(cell(FieldPhone)); v != "" {
			var warn string
			if ir.Phone, warn = data.NormalisePhone(v); warn != "" {
				problem(FieldPhone, v, warn)
			}
		}
		if typ, ok := data.ParseProducerType(cell(FieldType), ir.Producer); ok {
			ir.ProducerType = typ
		} else if v := cell(FieldType); v != "" {
			problem(FieldType, v, "không rõ loại hình chủ thể; sẽ ghi là hộ sản xuất / hộ kinh doanh")
		}
		v, field := cell(FieldCommune), FieldCommune
		if v == "" {
			v, field = ir.Address, addressField
		}
		switch found := ir.SetCommune(communes, cell(FieldCommune), ir.Address); {
		case found && len(ir.CommuneChoices) > 0:
			problem(field, v, ir.CommuneNote+"; chưa chọn thì chủ thể sẽ chưa có xã")
		case !found && v != "":
			problem(field, v, "không tìm thấy xã, phường trong danh mục; chủ thể sẽ chưa có xã")
		}
		if v := cell(FieldSet); v != "" {
			if code, ok := sets[headingKey(v)]; ok {
				ir.SetCode = code
			} else if code, ok := sets[headingKey(strings.Fields(v)[0])]; ok {
				ir.SetCode = code // "I.3.c Chế biến từ rau…"
			} else {
				problem(FieldSet, v, "không có trong danh mục nhóm, bộ sản phẩm (Quyết định 148/QĐ-TTg)")
			}
		}
		cert, ok := readCert(cell, problem, m.Decision)
		if !ok {
			continue
		}
		ir.Cert = cert
		ir.ListDecision = cert != nil && m.Decision.Given() && cell(FieldDecision) == "" && cell(FieldDecisionNo) == "" && cell(FieldDecisionDate) == ""
		out = append(out, ir)
	}
	return out, problems
}

// readCert reads a row's decision: number and date in one cell or two
// (list's when the row has neither), stars, score, and valid-until. It
// returns nil when the row has none, and false when the row must be left
// out.
func readCert(cell func(string) string, problem func(field, value, reason string), list Decision) (*data.Certification, bool) {
	c := &data.Certification{}
	if cell(FieldDecision) == "" && cell(FieldDecisionNo) == "" && cell(FieldDecisionDate) == "" && list.Given() {
		c.DecisionNo, c.DecisionDate = list.No, list.Date
	}
	if v := cell(FieldDecision); v != "" {
		no, day, err := data.ParseDecision(v)
		if err != nil {
			problem(FieldDecision, v, "không đọc được số và ngày quyết định")
			return nil, false
		}
		c.DecisionNo, c.DecisionDate = no, day
	}
	if v := cell(FieldDecisionNo); v != "" {
		if no, day, err := data.ParseDecision(v); err == nil && no != "" {
			c.DecisionNo = no
			if c.DecisionDate.IsZero() {
				c.DecisionDate = day
			}
		} else {
			c.DecisionNo = viet.Clean(v)
		}
	}
	if v := cell(FieldDecisionDate); v != "" {
		day, err := data.ParseCellDate(v)
		if err != nil {
			problem(FieldDecisionDate, v, "ngày quyết định không hợp lệ (ghi ngày/tháng/năm)")
			return nil, false
		}
		c.DecisionDate = day
	}
	starsText := cell(FieldStars)
	if c.DecisionNo == "" && c.DecisionDate.IsZero() && starsText == "" {
		return nil, true // not recognised yet
	}
	if c.DecisionDate.IsZero() {
		problem(FieldDecisionDate, "", "có quyết định hoặc hạng sao nhưng thiếu ngày quyết định")
		return nil, false
	}
	stars, err := data.ParseStars(starsText)
	if err != nil {
		problem(FieldStars, starsText, err.Error())
		return nil, false
	}
	c.Stars = stars
	if v := cell(FieldScore); v != "" {
		score, err := data.ParseScore(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), "điểm"))
		if err != nil {
			if f, ferr := strconv.ParseFloat(v, 64); ferr == nil && f >= 0 && f <= 100 {
				score, err = data.Score(f*100+0.5), nil // a number cell such as 66.36000000000001
			}
		}
		if err != nil {
			problem(FieldScore, v, "điểm không hợp lệ (từ 0 đến 100)")
		} else {
			c.Score, c.HasScore = score, true
		}
	}
	if v := cell(FieldValidUntil); v != "" {
		if day, err := data.ParseCellDate(v); err == nil {
			c.ValidUntil = day
		} else {
			problem(FieldValidUntil, v, "ngày hết hạn không hợp lệ; sẽ tính theo ngày quyết định")
		}
	}
	return c, true
}

// skipRow spots rows that are not products: section titles ("I. NHÓM THỰC
// PHẨM", also merged across the row), the numbering row (1) (2) …, and
// totals ("Tổng cộng: 25 sản phẩm").
func skipRow(row []string, name string) bool {
	f := viet.Fold(name)
	if strings.HasPrefix(f, "tong cong") || strings.HasPrefix(f, "tong so") || f == "cong" || strings.HasPrefix(f, "(") {
		return true
	}
	if strings.Trim(f, "0123456789. ") == "" {
		return true
	}
	// A section title: a roman numeral or letter heading, or one text merged across every cell.
	head, _, _ := strings.Cut(f, " ")
	if strings.Trim(strings.TrimSuffix(head, "."), "ivxlc") == "" && strings.HasSuffix(head, ".") && upper(name) {
		return true
	}
	distinct := map[string]bool{}
	filled := 0
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			distinct[strings.TrimSpace(v)] = true
			filled++
		}
	}
	return filled > 2 && len(distinct) == 1
}

func upper(s string) bool { return strings.ToUpper(s) == s }

// ReadProducts reads a product list from an .xlsx or .csv file: on each
// sheet it finds the heading and maps the columns, converts legacy TCVN3 or
// VNI text, and returns the rows, every problem, and the mappings used (so
// that the user can see and correct them).
func ReadProducts(path string, ref Reference) ([]data.ImportRow, []Problem, []Mapping, error) {
	return ReadProductsWith(path, ref, nil)
}

// ReadProductsWith is ReadProducts with decision, when not nil, for every
// row without a decision of its own, instead of the one of a title line.
func ReadProductsWith(path string, ref Reference, decision *Decision) ([]data.ImportRow, []Problem, []Mapping, error) {
	tables, err := ReadTables(path)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows []data.ImportRow
	var problems []Problem
	var maps []Mapping
	for _, t := range tables {
		m, ok := DetectProductMapping(t)
		if !ok {
			continue
		}
		if decision != nil {
			m.Decision = *decision
		}
		r, p := ProductRows(t, m, ref)
		rows, problems, maps = append(rows, r...), append(problems, p...), append(maps, m)
	}
	if len(maps) == 0 {
		return nil, nil, nil, fmt.Errorf("tệp %s: không tìm thấy dòng tiêu đề có cột \"Tên sản phẩm\" ở trang nào", baseName(path))
	}
	return rows, problems, maps, nil
}

// detectTableLegacy decides a sheet's encoding from its text cells.
func detectTableLegacy(t Table) viet.Legacy {
	var samples []string
	for _, row := range t.Rows {
		for _, v := range row {
			if v != "" && len(samples) < 2000 {
				samples = append(samples, v)
			}
		}
	}
	return viet.DetectLegacy(samples)
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}
