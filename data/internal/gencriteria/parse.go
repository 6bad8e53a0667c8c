package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// The tree of Phụ lục II as the decision prints it.
type (
	criteriaSet struct {
		No        int    // 1..26, the order of Phụ lục II (and of Phụ lục I)
		Code      string // the bộ sản phẩm's code in classification.csv
		Name      string
		Line      int
		Rejection string // the "Hồ sơ bị loại khi: …" sentence, whole
		Grounds   []ground
		Parts     []*part
		total     bool // TỔNG CỘNG 100 seen
	}
	ground struct {
		Text      string
		Criterion string // the criterion whose note gives it; "" for the set's own grounds
	}
	part struct {
		Code     string // A, B, C
		Name     string
		Points   points
		Line     int
		Sections []*section
	}
	section struct {
		No       string
		Name     string
		Points   points
		Notes    []string
		Line     int
		Criteria []*criterion
		Groups   []*criterion // criteria scored by sub-criteria: 6.1 over 6.1.1 …
	}
	criterion struct {
		No      string
		Name    string
		Points  points
		Notes   []string
		Line    int
		Options []option
		Group   string // "6.1" for 6.1.1
		Direct  bool   // a section scored by its own options ("7. DINH DƯỠNG")
		YesNo   bool   // no options in the text: the points or nothing
	}
	option struct {
		Text     string
		Points   points
		MinStars int    // 3, 4 or 5 for ***, ****, *****; 0 for none
		Case     string // "a. Trường hợp 1: …" when the criterion's options come in cases
		Line     int
	}
)

// points are hundredths of a point, as data.Score.
type points int

func (p points) String() string {
	s := fmt.Sprintf("%d.%02d", p/100, p%100)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func parsePoints(s string) (points, bool) {
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.Atoi(whole)
	if err != nil || w < 0 || len(frac) > 2 {
		return 0, false
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return points(w*100 + f), true
}

// problem is something in the text the converter does not understand,
// with its place: the HTML line and the text there.
type problem struct {
	Line int
	Set  int
	What string
	Text string
}

func (p problem) String() string {
	where := fmt.Sprintf("dòng %d", p.Line)
	if p.Set > 0 {
		where += fmt.Sprintf(" (bộ %d)", p.Set)
	}
	return fmt.Sprintf("%s: %s: %s", where, p.What, p.Text)
}

var (
	reSetHeading = regexp.MustCompile(`^(\d{1,2})\. (?:Bộ sản phẩm: )?(.+)$`)
	rePart       = regexp.MustCompile(`^(?i:phần) ([ABC])\s*:?\s*(.*)$`) // "Phần A:", "Phần A", "PHẦN C"
	rePartPoints = regexp.MustCompile(`\s*\((\d+) [Đđ]iểm\)$`)
	// "1.1. Nguồn gốc", "4.2 Liên kết", "6.1.1. Tạp chất", "6.2.1 Màu nước"
	reCriterion = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(.+)$`)
	reSection   = regexp.MustCompile(`^(\d{1,2})\.?\s+(.+)$`)       // "8 CÔNG BỐ …" lacks its dot
	reStars     = regexp.MustCompile(`\s*((?:\*\s*)+)([.;,]?)\s*$`) // "****", "* * * *"
	reBullet    = regexp.MustCompile(`^(?:□|o )\s*`)                // one option is bulleted "o"
	reCase      = regexp.MustCompile(`^[a-z]\. Trường hợp \d+: .+$`)
	reRejection = regexp.MustCompile(`^(?:Hồ sơ bị loại|Bị loại) khi\s*:\s*(.+)$`)
	reIndexName = regexp.MustCompile(`^Bộ sản phẩm: (.+)$`)
)

// boilerplate are the paragraphs of each set's form that hold no criteria:
// blanks for the product, the note on stars, the evaluator's opinion.
func boilerplate(t string) bool {
	if t == "" || strings.Trim(t, "_-.… ") == "" {
		return true
	}
	for _, p := range []string{
		"Tên sản phẩm:", "Mã số sản phẩm", "T: Mã tỉnh", "Tên chủ thể sản xuất:", "Số điện thoại:", "Địa chỉ:",
		"Ý kiến của người đánh giá", "(Sản phẩm: ",
	} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return strings.HasPrefix(t, "Ghi chú: Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao")
}

type parser struct {
	sets     []*criteriaSet
	index    map[int]string // Phụ lục II's own list of the 26 sets
	problems []problem
	set      *criteriaSet
	part     *part
	section  *section
	crit     *criterion
	group    *criterion // "6.1. Ngoại hình" over 6.1.1, 6.1.2 …
	optCase  string     // "a. Trường hợp 1: …": the options that follow are of this case
	errata   []erratum
	used     map[int]bool
}

func (p *parser) fail(line int, what, text string) {
	no := 0
	if p.set != nil {
		no = p.set.No
	}
	p.problems = append(p.problems, problem{Line: line, Set: no, What: what, Text: text})
}

// parse reads the blocks of the whole decision and returns the 26 sets of
// Phụ lục II, or every problem it met.
func parse(blocks []block) ([]*criteriaSet, []problem) {
	p := &parser{index: map[int]string{}, errata: knownErrata, used: map[int]bool{}}
	start, end := -1, len(blocks)
	for i, b := range blocks {
		if b.Para == nil {
			continue
		}
		switch b.Para.Text {
		case "PHỤ LỤC II":
			start = i
		case "PHỤ LỤC III":
			if start >= 0 && end == len(blocks) {
				end = i
			}
		}
	}
	if start < 0 {
		return nil, []problem{{What: "không thấy tiêu đề", Text: "PHỤ LỤC II"}}
	}
	for _, b := range blocks[start+1 : end] {
		if b.Para != nil {
			p.paragraph(b.Line, *b.Para)
		} else {
			p.row(b)
		}
	}
	p.closeSet()
	for i, e := range p.errata {
		if !p.used[i] {
			p.fail(0, "sai sót đã biết không còn gặp trong văn bản (xem knownErrata)", e.String())
		}
	}
	if len(p.sets) != 26 {
		p.fail(0, "số bộ tiêu chí", fmt.Sprintf("%d, cần 26", len(p.sets)))
	}
	return p.sets, p.problems
}

func (p *parser) paragraph(line int, para para) {
	t := para.Text
	if strings.HasPrefix(t, "BỘ TIÊU CHÍ ĐÁNH GIÁ SẢN PHẨM OCOP") && p.set == nil {
		return
	}
	if m := reSetHeading.FindStringSubmatch(t); m != nil && para.Bold {
		p.closeSet()
		no, _ := strconv.Atoi(m[1])
		if no != len(p.sets)+1 {
			p.fail(line, "bộ tiêu chí không theo thứ tự", t)
		}
		p.set = &criteriaSet{No: no, Name: m[2], Line: line}
		p.sets = append(p.sets, p.set)
		p.part, p.section, p.crit, p.group = nil, nil, nil, nil
		return
	}
	if boilerplate(t) {
		return
	}
	if m := reRejection.FindStringSubmatch(t); m != nil && p.set != nil {
		if p.set.Rejection != "" {
			if p.set.Rejection == t {
				return // printed twice in set 1, word for word
			}
			p.fail(line, "hai đoạn «bị loại khi» khác nhau", t)
			return
		}
		p.set.Rejection = t
		for _, g := range splitGrounds(m[1]) {
			p.set.Grounds = append(p.set.Grounds, ground{Text: g})
		}
		return
	}
	p.fail(line, "đoạn văn không hiểu", t)
}

// splitGrounds cuts "A hoặc B; hoặc C (x hoặc y)" into A, B, C (x hoặc y):
// at ';' and at "hoặc" outside parentheses.
func splitGrounds(s string) []string {
	var out []string
	depth, last := 0, 0
	cut := func(i, skip int) {
		if g := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s[last:i]), ".")); g != "" {
			out = append(out, g)
		}
		last = i + skip
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')':
			depth--
		case depth == 0 && s[i] == ';':
			cut(i, 1)
		case depth == 0 && strings.HasPrefix(s[i:], " hoặc "):
			cut(i, len(" hoặc "))
			i += len(" hoặc ") - 1
		}
	}
	cut(len(s), 0)
	return out
}

func cellText(c []para) string {
	var ps []string
	for _, p := range c {
		if p.Text != "" {
			ps = append(ps, p.Text)
		}
	}
	return strings.Join(ps, " ")
}

// nonEmpty drops the empty paragraphs of a cell.
func nonEmpty(c []para) []para {
	var out []para
	for _, p := range c {
		if p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

func (p *parser) row(b block) {
	if p.set == nil {
		// Phụ lục II's list of its 26 sets: STT | Nội dung.
		if len(b.Cells) == 2 {
			no, err := strconv.Atoi(cellText(b.Cells[0]))
			if m := reIndexName.FindStringSubmatch(cellText(b.Cells[1])); err == nil && m != nil {
				p.index[no] = m[1]
				return
			}
			if cellText(b.Cells[0]) == "STT" {
				return
			}
		}
		p.fail(b.Line, "dòng bảng trước bộ tiêu chí đầu tiên", b.String())
		return
	}
	var left []para
	pts := ""
	switch len(b.Cells) {
	case 1:
		left = nonEmpty(b.Cells[0])
	case 2:
		left, pts = nonEmpty(b.Cells[0]), cellText(b.Cells[1])
	default:
		p.fail(b.Line, fmt.Sprintf("dòng bảng có %d ô", len(b.Cells)), b.String())
		return
	}
	if len(left) == 0 {
		if strings.Contains(pts, "Người đánh giá") || pts == "" {
			return // the evaluator's signature, or an empty row
		}
		p.fail(b.Line, "dòng chỉ có điểm", b.String())
		return
	}
	first := left[0]
	t := first.Text
	switch {
	case t == "Các tiêu chí" && pts == "Thang điểm":
		return
	case t == "TỔNG CỘNG":
		if pts != "100" {
			p.fail(b.Line, "tổng cộng không phải 100", b.String())
		}
		p.set.total = true
		return
	case reBullet.MatchString(t) && (strings.HasPrefix(t, "□") || pts != ""):
		p.option(b, left, pts)
		return
	case reCase.MatchString(t) && pts == "":
		if p.crit == nil && p.section != nil {
			p.direct()
		}
		p.optCase = t
		return
	}
	if m := rePart.FindStringSubmatch(t); m != nil {
		name := m[2]
		for _, q := range left[1:] {
			name = strings.TrimSpace(name + " " + q.Text)
		}
		declared := rePartPoints.FindStringSubmatch(name)
		if declared == nil {
			p.fail(b.Line, "phần không ghi số điểm", b.String())
			return
		}
		name = strings.TrimSpace(strings.TrimSuffix(name, declared[0]))
		n, ok := parsePoints(pts)
		if d, _ := parsePoints(declared[1]); !ok || d != n {
			if !p.erratum(b, "part "+m[1], declared[1], pts) {
				p.fail(b.Line, "điểm của phần khác số điểm ghi trong tên", b.String())
			}
		}
		p.part = &part{Code: strings.ToUpper(m[1]), Name: name, Points: n, Line: b.Line}
		p.set.Parts = append(p.set.Parts, p.part)
		p.section, p.crit, p.group, p.optCase = nil, nil, nil, ""
		return
	}
	if m := reCriterion.FindStringSubmatch(t); m != nil && (!first.Italic || first.Bold || pts != "") {
		if p.section == nil || p.section.No != m[1] {
			p.fail(b.Line, "tiêu chí không thuộc mục đang đọc", b.String())
			return
		}
		if len(p.section.Criteria) > 0 && p.section.Criteria[0].Direct {
			p.fail(b.Line, "tiêu chí sau các lựa chọn của chính mục", b.String())
			return
		}
		n, ok := parsePoints(pts)
		if !ok {
			p.fail(b.Line, "tiêu chí không có điểm", b.String())
			return
		}
		name, notes := p.headingRest(b, m[4], left[1:])
		no := m[1] + "." + m[2]
		c := &criterion{No: no, Name: name, Points: n, Notes: notes, Line: b.Line}
		p.optCase = ""
		if m[3] != "" {
			// 6.1.1 under 6.1: 6.1 is a group, scored by its sub-criteria.
			switch {
			case p.group != nil && p.group.No == no:
			case p.crit != nil && p.crit.No == no && len(p.crit.Options) == 0:
				p.group = p.crit
				p.section.Criteria = p.section.Criteria[:len(p.section.Criteria)-1]
				p.section.Groups = append(p.section.Groups, p.group)
			default:
				p.fail(b.Line, "tiêu chí con không thuộc tiêu chí đang đọc", b.String())
				return
			}
			c.No, c.Group = no+"."+m[3], no
		} else {
			p.group = nil
		}
		p.crit = c
		p.section.Criteria = append(p.section.Criteria, p.crit)
		return
	}
	if m := reSection.FindStringSubmatch(t); m != nil && (first.Bold || upper(m[2])) {
		if p.part == nil {
			p.fail(b.Line, "mục trước phần A", b.String())
			return
		}
		n, ok := parsePoints(pts)
		if !ok {
			if fixed, found := p.fixed(b, "section "+m[1], pts); found {
				n, ok = fixed, true
			} else {
				p.fail(b.Line, "mục không có điểm", b.String())
				return
			}
		}
		name, notes := p.headingRest(b, m[2], left[1:])
		p.section = &section{No: m[1], Name: name, Points: n, Notes: notes, Line: b.Line}
		p.part.Sections = append(p.part.Sections, p.section)
		p.crit, p.group, p.optCase = nil, nil, ""
		return
	}
	if note(first) && pts == "" {
		text := cellText(left)
		p.addNote(b, text)
		return
	}
	p.fail(b.Line, "dòng bảng không hiểu", b.String())
}

// note says whether a paragraph reads as a note of the form: in italics
// ("Yêu cầu: …", "Ghi chú: …", "(Gồm: …)", "Chỉ áp dụng khi …").
func note(q para) bool {
	return q.Italic || strings.HasPrefix(q.Text, "Yêu cầu:") || strings.HasPrefix(q.Text, "Ghi chú:") ||
		strings.HasPrefix(q.Text, "(") && strings.HasSuffix(q.Text, ")")
}

// upper says whether a heading is in capitals up to its first "(":
// "CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM", "CHỈ TIÊU CẢM QUAN (Kiểm tra …)".
func upper(s string) bool {
	s, _, _ = strings.Cut(s, "(")
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// headingRest reads the paragraphs under a heading in its cell: bold ones
// continue the heading (split over lines), italic ones are its notes.
func (p *parser) headingRest(b block, name string, rest []para) (string, []string) {
	var notes []string
	for _, q := range rest {
		switch {
		case note(q):
			notes = append(notes, q.Text)
		case q.Bold && !strings.HasPrefix(q.Text, "("):
			name = name + " " + q.Text
		default:
			p.fail(q.Line, "đoạn dưới tiêu đề không hiểu", q.Text)
		}
	}
	return name, notes
}

func (p *parser) addNote(b block, text string) {
	if strings.Contains(strings.ToLower(text), "bị loại") {
		g := strings.TrimPrefix(text, "Ghi chú: ")
		no := ""
		if p.crit != nil {
			no = p.crit.No
		} else if p.section != nil {
			no = p.section.No
		}
		p.set.Grounds = append(p.set.Grounds, ground{Text: strings.TrimSuffix(g, "."), Criterion: no})
	}
	switch {
	case p.crit != nil:
		p.crit.Notes = append(p.crit.Notes, text)
	case p.section != nil:
		p.section.Notes = append(p.section.Notes, text)
	default:
		p.fail(b.Line, "ghi chú ngoài mục", b.String())
	}
}

func (p *parser) option(b block, left []para, pts string) {
	if p.section == nil {
		p.fail(b.Line, "lựa chọn ngoài mục", b.String())
		return
	}
	if p.crit == nil {
		p.direct()
	}
	text := strings.TrimSpace(reBullet.ReplaceAllString(left[0].Text, ""))
	n, ok := parsePoints(pts)
	if !ok {
		key := fmt.Sprintf("option %s/%d", p.crit.No, len(p.crit.Options)+1)
		if fixed, found := p.fixed(b, key, pts); found {
			n = fixed
		} else {
			p.fail(b.Line, "lựa chọn không có điểm", b.String())
			return
		}
	}
	stars := 0
	if m := reStars.FindStringSubmatch(text); m != nil {
		switch strings.Count(m[1], "*") {
		case 3, 4, 5:
			stars = strings.Count(m[1], "*")
		default:
			p.fail(b.Line, "số dấu sao không phải 3, 4 hay 5", b.String())
		}
		text = strings.TrimSpace(text[:len(text)-len(m[0])]) + m[2]
	}
	if strings.Contains(text, "*") {
		p.fail(b.Line, "dấu sao giữa lựa chọn", b.String())
	}
	for _, q := range left[1:] {
		if note(q) {
			p.addNote(b, q.Text)
			continue
		}
		p.fail(q.Line, "đoạn dưới lựa chọn không hiểu", q.Text)
	}
	if fixed, found := p.fixed(b, fmt.Sprintf("option %s/%d", p.crit.No, len(p.crit.Options)+1), pts); found {
		n = fixed
	}
	p.crit.Options = append(p.crit.Options, option{Text: text, Points: n, MinStars: stars, Case: p.optCase, Line: b.Line})
}

// direct makes the current section its own criterion: a section scored by
// its own options ("7. DINH DƯỠNG").
func (p *parser) direct() {
	p.crit = &criterion{No: p.section.No, Name: p.section.Name, Points: p.section.Points, Line: p.section.Line, Direct: true}
	p.section.Criteria = append(p.section.Criteria, p.crit)
}

// closeSet checks a set once it is read: the points add up as the text
// declares them, every criterion has options, the form ended in TỔNG CỘNG.
func (p *parser) closeSet() {
	s := p.set
	if s == nil {
		return
	}
	fail := func(line int, what, text string) {
		p.problems = append(p.problems, problem{Line: line, Set: s.No, What: what, Text: text})
	}
	if s.Rejection == "" && !p.noRejection(s) {
		fail(s.Line, "không thấy «Hồ sơ bị loại khi»", s.Name)
	}
	if !s.total {
		fail(s.Line, "không thấy dòng TỔNG CỘNG", s.Name)
	}
	want := map[string]points{"A": 4000, "B": 2500, "C": 3500}
	var codes []string
	for _, pt := range s.Parts {
		codes = append(codes, pt.Code)
		if pt.Points != want[pt.Code] {
			fail(pt.Line, "điểm của phần", fmt.Sprintf("phần %s: %s", pt.Code, pt.Points))
		}
		var sum points
		for _, sec := range pt.Sections {
			sum += sec.Points
			var secSum points
			groupSum := map[string]points{}
			for _, c := range sec.Criteria {
				if c.Group != "" {
					groupSum[c.Group] += c.Points
				} else {
					secSum += c.Points
				}
				if len(c.Options) == 0 {
					// "2.4. Ghi nhãn hàng hóa có sử dụng song ngữ …  1": a
					// criterion met or not, with no options printed.
					c.YesNo = true
					c.Options = []option{{Text: "Không", Points: 0, Line: c.Line}, {Text: "Có", Points: c.Points, Line: c.Line}}
				}
				var max points
				for _, o := range c.Options {
					if o.Points > max {
						max = o.Points
					}
				}
				if max != c.Points {
					fail(c.Line, "điểm tiêu chí khác điểm cao nhất của các lựa chọn", fmt.Sprintf("%s %s: %s, cao nhất %s", c.No, c.Name, c.Points, max))
				}
			}
			for _, g := range sec.Groups {
				secSum += g.Points
				if groupSum[g.No] != g.Points {
					fail(g.Line, "điểm tiêu chí khác tổng điểm các tiêu chí con", fmt.Sprintf("%s %s: %s, tổng %s", g.No, g.Name, g.Points, groupSum[g.No]))
				}
			}
			if len(sec.Criteria) == 0 {
				fail(sec.Line, "mục không có tiêu chí", sec.No+" "+sec.Name)
			} else if secSum != sec.Points {
				fail(sec.Line, "điểm mục khác tổng điểm các tiêu chí", fmt.Sprintf("%s %s: %s, tổng %s", sec.No, sec.Name, sec.Points, secSum))
			}
		}
		if sum != pt.Points {
			fail(pt.Line, "điểm phần khác tổng điểm các mục", fmt.Sprintf("phần %s: %s, tổng %s", pt.Code, pt.Points, sum))
		}
	}
	if strings.Join(codes, "") != "ABC" {
		fail(s.Line, "các phần không phải A, B, C", strings.Join(codes, ","))
	}
}
