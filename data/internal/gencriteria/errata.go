package main

import "fmt"

// erratum is a slip of the decision's text that the converter corrects,
// each one read and decided by a person: where it is, what is printed and
// what is used instead, and why. An erratum the text no longer has fails
// the run, so this list cannot go stale when the source is replaced.
type erratum struct {
	Set    int
	Key    string // "option 1.2/1" (criterion, option's place), "section 9", "part A", "no rejection"
	Seen   string // the points cell as printed (for a part: the points in its name)
	Points string // the points used
	Why    string
}

func (e erratum) String() string {
	return fmt.Sprintf("bộ %d, %s: in %q, dùng %q (%s)", e.Set, e.Key, e.Seen, e.Points, e.Why)
}

var knownErrata = []erratum{
	{4, "option 1.2/1", "", "0", "ô điểm để trống; cùng lựa chọn ở các bộ khác là 0 và tiêu chí có 0, 1, 2"},
	{4, "option 7/3", "13", "3", "mục 7 Dinh dưỡng có 3 điểm; các bộ khác cho lựa chọn này 3"},
	{7, "option 1.2/1", "", "0", "ô điểm để trống; cùng lựa chọn ở các bộ khác là 0"},
	{10, "option 1.2/1", "", "0", "ô điểm để trống; cùng lựa chọn ở các bộ khác là 0"},
	{11, "option 1.2/1", "", "0", "ô điểm để trống; cùng lựa chọn ở các bộ khác là 0"},
	{11, "option 6.1.1/2", "11", "1", "tiêu chí 6.1.1 Tạp chất có 2 điểm, các lựa chọn 0, 11, 2: 11 là 1 gõ lặp"},
	{23, "section 9", "4 1", "4", "ô điểm của mục có thêm số 1 lạc; các lựa chọn là 2 và 4, phần C đủ 35 với 4"},
	{26, "part A", "35", "40", "tên phần ghi 35 điểm nhưng ô điểm ghi 40, các mục cộng lại 40 và Điều 3 quy định phần A 40 điểm"},
	{26, "no rejection", "", "", "bộ 26 không có đoạn «Hồ sơ bị loại khi» trong văn bản"},
}

// fixed returns the points an erratum gives for key in the current set
// when the cell reads seen.
func (p *parser) fixed(b block, key, seen string) (points, bool) {
	for i, e := range p.errata {
		if p.set != nil && e.Set == p.set.No && e.Key == key && e.Seen == seen {
			p.used[i] = true
			n, ok := parsePoints(e.Points)
			if !ok {
				p.fail(b.Line, "sai sót đã biết ghi điểm không đọc được", e.String())
			}
			return n, true
		}
	}
	return 0, false
}

// erratum says whether a part's declared points are a known slip.
func (p *parser) erratum(b block, key, declared, pts string) bool {
	for i, e := range p.errata {
		if p.set != nil && e.Set == p.set.No && e.Key == key && e.Seen == declared && e.Points == pts {
			p.used[i] = true
			return true
		}
	}
	return false
}

func (p *parser) noRejection(s *criteriaSet) bool {
	for i, e := range p.errata {
		if e.Set == s.No && e.Key == "no rejection" {
			p.used[i] = true
			return true
		}
	}
	return false
}
