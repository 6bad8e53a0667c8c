package data

import (
	"encoding/csv"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ocopdesk/ocop/assets"
)

// CriteriaSet is one "Bộ tiêu chí … kiêm phiếu đánh giá" of a decision
// (Phụ lục II of 26/2026/QĐ-TTg has 26, one per bộ sản phẩm): parts A, B, C,
// their sections, criteria and options, each with its points. The sets are
// reference data read from assets/ref/criteria-*.csv, each file a
// decision with its effective date; a later decision adds a file.
type CriteriaSet struct {
	Code          string // the bộ sản phẩm's code in the classification, "I.3.c"
	No            int    // its number in the decision's annex
	Name          string
	EffectiveFrom time.Time
	Source        string // "Quyết định 26/2026/QĐ-TTg"
	Rejection     string // the "Hồ sơ bị loại khi: …" sentence ("" where the decision has none)
	Grounds       []RejectionGround
	Parts         []CriteriaPart
	// Criteria lists every scored criterion in the decision's order; a
	// Sheet has one choice per entry.
	Criteria []*Criterion
}

// RejectionGround is one ground on which a dossier is rejected (hồ sơ bị
// loại), ticked on a sheet as a checklist.
type RejectionGround struct {
	Text      string
	Criterion string // the criterion whose note gives it ("1.1"); "" for the set's own
}

// CriteriaPart is Phần A (40), B (25) or C (35).
type CriteriaPart struct {
	Code     string // "A", "B", "C"
	Name     string
	Points   Score
	Sections []CriteriaSection
}

// CriteriaSection is a numbered section of a part: "1. TỔ CHỨC SẢN XUẤT" 18.
type CriteriaSection struct {
	No     string
	Name   string
	Points Score
	Notes  []string
	// Items are the section's rows in order: its criteria, and the
	// headings of groups of sub-criteria (6.1 Ngoại hình over 6.1.1 …).
	Items []*Criterion
}

// Criterion is a scored criterion: "2.3. Phong cách, ghi nhãn hàng hóa" 3,
// with its options. A section scored by its own options is its own
// criterion, numbered as the section ("7").
type Criterion struct {
	Part    string // "A", "B", "C"
	Section string // "2"
	No      string // "2.3", "6.1.1", "7"
	Name    string
	Points  Score
	Notes   []string // "Yêu cầu: …", "Ghi chú: …"
	Options []CriterionOption
	Shape   string // "" ; "section": a section scored by its own options; "yes_no": printed without options; "group": a heading over sub-criteria, not scored
	Index   int    // place in CriteriaSet.Criteria; -1 for a group heading

	// required[n] is the least points that an n-star product must have on
	// this criterion (the option marked with the most stars up to n), 0 when
	// nothing is required; need[n] is that option's index, -1 for none.
	required [6]Score
	need     [6]int
}

// CriterionOption is one "□ …" of a criterion.
type CriterionOption struct {
	No       int // 1, 2, … in the decision's order
	Text     string
	Points   Score
	MinStars int    // 3, 4 or 5 when marked ***, ****, *****: the least a product of that many stars must reach here
	Case     string // "a. Trường hợp 1: …" when the options come in cases
}

// Required returns the least points an n-star product must have on c.
func (c *Criterion) Required(stars int) Score {
	if stars < 0 || stars > 5 {
		return 0
	}
	return c.required[stars]
}

// NeededOption returns the option an n-star product must at least reach on
// c, or nil when the criterion sets no minimum for n stars.
func (c *Criterion) NeededOption(stars int) *CriterionOption {
	if stars < 0 || stars > 5 || c.need[stars] < 0 {
		return nil
	}
	return &c.Options[c.need[stars]]
}

func (c *Criterion) computeMinimums() {
	for n := 0; n <= 5; n++ {
		c.need[n], c.required[n] = -1, 0
		best := 0
		for i, o := range c.Options {
			if o.MinStars > 0 && o.MinStars <= n && (c.need[n] < 0 || o.MinStars > best || o.MinStars == best && o.Points < c.required[n]) {
				c.need[n], c.required[n], best = i, o.Points, o.MinStars
			}
		}
	}
}

// Criterion returns the set's criterion numbered no ("2.3"), or nil.
func (s *CriteriaSet) Criterion(no string) *Criterion {
	for _, c := range s.Criteria {
		if c.No == no {
			return c
		}
	}
	return nil
}

// Points returns the set's total: 100.
func (s *CriteriaSet) Points() Score {
	var t Score
	for _, p := range s.Parts {
		t += p.Points
	}
	return t
}

var criteriaRef struct {
	once sync.Once
	sets []*CriteriaSet // every decision's, by effective date then number
	err  error
}

// AllCriteriaSets returns the criteria sets of every decision the program
// carries, oldest decision first.
func AllCriteriaSets() ([]*CriteriaSet, error) {
	criteriaRef.once.Do(func() { criteriaRef.sets, criteriaRef.err = readCriteria(assets.Ref) })
	return criteriaRef.sets, criteriaRef.err
}

// CriteriaSetsOn returns the 26 (or however many) sets in force on day: those
// of the latest decision effective on or before day. A day before every
// decision gets none: those products were scored under rules the program
// does not carry.
func CriteriaSetsOn(day time.Time) ([]*CriteriaSet, error) {
	all, err := AllCriteriaSets()
	if err != nil {
		return nil, err
	}
	var from time.Time
	for _, s := range all {
		if !s.EffectiveFrom.After(day) && s.EffectiveFrom.After(from) {
			from = s.EffectiveFrom
		}
	}
	var out []*CriteriaSet
	for _, s := range all {
		if !from.IsZero() && s.EffectiveFrom.Equal(from) {
			out = append(out, s)
		}
	}
	return out, nil
}

// CriteriaSetFor returns the set for product set code ("I.3.c") in force on
// day.
func CriteriaSetFor(code string, day time.Time) (*CriteriaSet, error) {
	sets, err := CriteriaSetsOn(day)
	if err != nil {
		return nil, err
	}
	for _, s := range sets {
		if s.Code == code {
			return s, nil
		}
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("chưa có bộ tiêu chí nào có hiệu lực vào ngày %s", VNDate(day))
	}
	return nil, fmt.Errorf("không có bộ tiêu chí cho bộ sản phẩm %q theo %s", code, sets[0].Source)
}

// readCriteria reads every ref/criteria-*.csv of fsys.
func readCriteria(fsys fs.FS) ([]*CriteriaSet, error) {
	files, err := fs.Glob(fsys, "ref/criteria-*.csv")
	if err != nil {
		return nil, err
	}
	var out []*CriteriaSet
	for _, name := range files {
		sets, err := readCriteriaFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("dữ liệu tham chiếu %s: %w", path.Base(name), err)
		}
		out = append(out, sets...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].EffectiveFrom.Equal(out[j].EffectiveFrom) {
			return out[i].EffectiveFrom.Before(out[j].EffectiveFrom)
		}
		return out[i].No < out[j].No
	})
	return out, nil
}

func readCriteriaFile(fsys fs.FS, name string) ([]*CriteriaSet, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("tệp trống")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"effective_from", "source", "set_code", "kind", "part", "section_no", "criterion_no", "option_no", "text", "points", "min_stars", "shape", "note"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("thiếu cột %s", h)
		}
	}
	var (
		out  []*CriteriaSet
		set  *CriteriaSet
		part *CriteriaPart
		sec  *CriteriaSection
		crit *Criterion
	)
	for i, rec := range recs[1:] {
		line := i + 2
		get := func(h string) string { return rec[col[h]] }
		bad := func(format string, args ...any) error {
			return fmt.Errorf("dòng %d: %s", line, fmt.Sprintf(format, args...))
		}
		var pts Score
		if p := get("points"); p != "" {
			if pts, err = ParseScore(p); err != nil {
				return nil, bad("%v", err)
			}
		}
		notes := splitNotes(get("note"))
		kind := get("kind")
		if kind != "set" && (set == nil || get("set_code") != set.Code) {
			return nil, bad("%s ngoài bộ tiêu chí của nó", kind)
		}
		switch kind {
		case "set":
			from, err := time.Parse("2006-01-02", get("effective_from"))
			if err != nil {
				return nil, bad("ngày hiệu lực %q", get("effective_from"))
			}
			no, _ := strconv.Atoi(get("option_no"))
			set = &CriteriaSet{Code: get("set_code"), No: no, Name: get("text"), EffectiveFrom: from, Source: get("source"), Rejection: get("note")}
			out = append(out, set)
			part, sec, crit = nil, nil, nil
		case "ground":
			set.Grounds = append(set.Grounds, RejectionGround{Text: get("text"), Criterion: get("criterion_no")})
		case "part":
			set.Parts = append(set.Parts, CriteriaPart{Code: get("part"), Name: get("text"), Points: pts})
			part, sec, crit = &set.Parts[len(set.Parts)-1], nil, nil
		case "section":
			if part == nil {
				return nil, bad("mục ngoài phần")
			}
			part.Sections = append(part.Sections, CriteriaSection{No: get("section_no"), Name: get("text"), Points: pts, Notes: notes})
			sec, crit = &part.Sections[len(part.Sections)-1], nil
		case "criterion":
			if sec == nil {
				return nil, bad("tiêu chí ngoài mục")
			}
			crit = &Criterion{Part: part.Code, Section: sec.No, No: get("criterion_no"), Name: get("text"), Points: pts, Notes: notes, Shape: get("shape"), Index: -1}
			sec.Items = append(sec.Items, crit)
			if crit.Shape != "group" {
				crit.Index = len(set.Criteria)
				set.Criteria = append(set.Criteria, crit)
			}
		case "option":
			if crit == nil || crit.No != get("criterion_no") || crit.Shape == "group" {
				return nil, bad("lựa chọn ngoài tiêu chí")
			}
			stars := 0
			if s := get("min_stars"); s != "" {
				if stars, err = strconv.Atoi(s); err != nil || stars < 3 || stars > 5 {
					return nil, bad("hạng sao tối thiểu %q", s)
				}
			}
			no, _ := strconv.Atoi(get("option_no"))
			crit.Options = append(crit.Options, CriterionOption{No: no, Text: get("text"), Points: pts, MinStars: stars, Case: get("note")})
		default:
			return nil, bad("loại dòng %q", kind)
		}
	}
	for _, s := range out {
		for _, c := range s.Criteria {
			if len(c.Options) == 0 {
				return nil, fmt.Errorf("bộ %s, tiêu chí %s không có lựa chọn", s.Code, c.No)
			}
			c.computeMinimums()
		}
	}
	return out, nil
}

func splitNotes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ReferenceRules returns the star bands as the program carries them
// (assets/ref/star-bands.csv), for scoring without a database; an office's
// database may have changed its own.
func ReferenceRules() (Rules, error) {
	rows, err := readRef("star-bands.csv")
	if err != nil {
		return Rules{}, err
	}
	var r Rules
	for i, row := range rows {
		from, err := time.Parse("2006-01-02", row["effective_from"])
		if err != nil {
			return r, fmt.Errorf("star-bands.csv dòng %d: %w", i+2, err)
		}
		min, err := ParseScore(row["min_score"])
		if err != nil {
			return r, fmt.Errorf("star-bands.csv dòng %d: %w", i+2, err)
		}
		stars, err := strconv.Atoi(row["stars"])
		if err != nil {
			return r, fmt.Errorf("star-bands.csv dòng %d: %w", i+2, err)
		}
		r.Bands = append(r.Bands, StarBand{EffectiveFrom: from, MinScore: min, Stars: stars, Source: row["source"]})
	}
	return r, nil
}
