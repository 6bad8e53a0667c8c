package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sheet is one filled "phiếu đánh giá": a product scored against its
// criteria set, by the producer (tự đánh giá, Mẫu 02 Phần III), the office
// helping, or a council member. Sheets travel as CSV (WriteSheetCSV,
// ReadSheetCSV); a dossier keeps its sheets (StoredSheet).
type Sheet struct {
	Set      *CriteriaSet
	Member   string   // who filled it, for a council's sheets
	Choices  []int    // per Set.Criteria: the chosen option's index, -1 for none yet
	Evidence []string // per Set.Criteria: the evidence note beside the choice
	Grounds  []bool   // per Set.Grounds: ticked
}

// NewSheet returns an empty sheet for set: nothing chosen, nothing ticked.
func NewSheet(set *CriteriaSet) *Sheet {
	s := &Sheet{Set: set, Choices: make([]int, len(set.Criteria)), Evidence: make([]string, len(set.Criteria)), Grounds: make([]bool, len(set.Grounds))}
	for i := range s.Choices {
		s.Choices[i] = -1
	}
	return s
}

// Copy returns a sheet with the same choices, notes and grounds that can
// be changed apart from s.
func (s *Sheet) Copy() *Sheet {
	c := *s
	c.Choices = append([]int(nil), s.Choices...)
	c.Evidence = append([]string(nil), s.Evidence...)
	c.Grounds = append([]bool(nil), s.Grounds...)
	return &c
}

// Choose picks option optionNo (1, 2, … as numbered in the set; 0 clears
// the choice) of the criterion numbered no ("2.3").
func (s *Sheet) Choose(no string, optionNo int) error {
	c := s.Set.Criterion(no)
	if c == nil {
		return fmt.Errorf("bộ tiêu chí %s không có tiêu chí %s", s.Set.Code, no)
	}
	if optionNo < 0 || optionNo > len(c.Options) {
		return fmt.Errorf("tiêu chí %s có %d lựa chọn, không có lựa chọn %d", no, len(c.Options), optionNo)
	}
	s.Choices[c.Index] = optionNo - 1
	return nil
}

// Chosen returns the option chosen on c, or nil.
func (s *Sheet) Chosen(c *Criterion) *CriterionOption {
	if i := s.Choices[c.Index]; i >= 0 {
		return &c.Options[i]
	}
	return nil
}

func (s *Sheet) points(c *Criterion) Score {
	if i := s.Choices[c.Index]; i >= 0 {
		return c.Options[i].Points
	}
	return 0
}

// PartScore is a part's points on a sheet against its maximum.
type PartScore struct {
	Code   string
	Name   string
	Points Score
	Max    Score
}

// Shortfall is a criterion below the minimum of a star level: what was
// chosen and the least option that level needs.
type Shortfall struct {
	Criterion *Criterion
	Chosen    *CriterionOption // nil when nothing is chosen
	Needed    *CriterionOption
	Stars     int
}

// Opening is a criterion with points still to win.
type Opening struct {
	Criterion *Criterion
	Points    Score // chosen
	Open      Score // Criterion.Points - Points
}

// Target is "Để đạt N sao": what stands between a sheet and N stars.
type Target struct {
	Stars       int
	ScoreNeeded Score       // points still missing to reach the band of N (0 when the total is enough)
	Minimums    []Shortfall // criteria below N's minimum, in the set's order
	Open        []Opening   // the other criteria with points still open, most first
}

// SheetResult is what a sheet comes to.
type SheetResult struct {
	Parts      []PartScore
	Total      Score
	BandStars  int // the band the total falls in (Điều 3.3)
	Stars      int // what the product can be given once every minimum is counted; 0 when rejected
	Rejected   bool
	Grounds    []RejectionGround // the grounds ticked
	HeldBy     []Shortfall       // when Stars < BandStars: the minimums of Stars+1 not met
	Unanswered int               // criteria with no choice yet (counted as 0)
	Next       *Target           // the next star up, nil at 5 stars or when rejected
}

// ScoreSheet adds up sheet and gives the stars it can reach under the
// bands in force on day. It does no I/O and allocates little, so a screen
// can call it on every click.
func (r Rules) ScoreSheet(sheet *Sheet, day time.Time) SheetResult {
	set := sheet.Set
	res := SheetResult{Parts: make([]PartScore, len(set.Parts))}
	for i, p := range set.Parts {
		res.Parts[i] = PartScore{Code: p.Code, Name: p.Name, Max: p.Points}
	}
	met := [6]bool{true, true, true, true, true, true}
	for _, c := range set.Criteria {
		pts := sheet.points(c)
		if sheet.Choices[c.Index] < 0 {
			res.Unanswered++
		}
		for i := range res.Parts {
			if res.Parts[i].Code == c.Part {
				res.Parts[i].Points += pts
				break
			}
		}
		res.Total += pts
		for n := 3; n <= 5; n++ {
			if c.need[n] >= 0 && pts < c.required[n] {
				met[n] = false
			}
		}
	}
	for i, g := range set.Grounds {
		if i < len(sheet.Grounds) && sheet.Grounds[i] {
			res.Grounds = append(res.Grounds, g)
		}
	}
	res.BandStars = r.StarsForScore(res.Total, day)
	reach := 2
	for n := 5; n >= 3; n-- {
		if met[n] {
			reach = n
			break
		}
	}
	res.Stars = min(res.BandStars, reach)
	if len(res.Grounds) > 0 {
		res.Rejected, res.Stars = true, 0
		return res
	}
	if res.Stars < res.BandStars {
		res.HeldBy = shortfalls(sheet, res.Stars+1)
	}
	if res.Stars < 5 {
		n := max(res.Stars+1, 3)
		t := &Target{Stars: n, Minimums: shortfalls(sheet, n)}
		if need := r.minScoreFor(n, day) - res.Total; need > 0 {
			t.ScoreNeeded = need
		}
		short := map[int]bool{}
		for _, s := range t.Minimums {
			short[s.Criterion.Index] = true
		}
		for _, c := range set.Criteria {
			if pts := sheet.points(c); pts < c.Points && !short[c.Index] {
				t.Open = append(t.Open, Opening{Criterion: c, Points: pts, Open: c.Points - pts})
			}
		}
		sort.SliceStable(t.Open, func(i, j int) bool { return t.Open[i].Open > t.Open[j].Open })
		res.Next = t
	}
	return res
}

// shortfalls lists the criteria of sheet below the minimum of n stars.
func shortfalls(sheet *Sheet, n int) []Shortfall {
	var out []Shortfall
	for _, c := range sheet.Set.Criteria {
		if c.need[n] >= 0 && sheet.points(c) < c.required[n] {
			out = append(out, Shortfall{Criterion: c, Chosen: sheet.Chosen(c), Needed: &c.Options[c.need[n]], Stars: n})
		}
	}
	return out
}

// minScoreFor returns the least score of the band of n stars on day.
func (r Rules) minScoreFor(n int, day time.Time) Score {
	for _, b := range r.bandsOn(day) {
		if b.Stars == n {
			return b.MinScore
		}
	}
	return 0
}

// Summary says the result in one line, as the sheet shows it: "72 điểm —
// chưa đạt mức tối thiểu 4 sao ở tiêu chí 2.3 Phong cách, ghi nhãn hàng
// hóa: dự kiến 3 sao".
func (res SheetResult) Summary() string {
	head := res.Total.VI() + " điểm"
	switch {
	case res.Rejected:
		var gs []string
		for _, g := range res.Grounds {
			gs = append(gs, g.Text)
		}
		return head + " — hồ sơ bị loại: " + strings.Join(gs, "; ")
	case len(res.HeldBy) > 0:
		var cs []string
		for _, s := range res.HeldBy {
			cs = append(cs, s.Criterion.No+" "+s.Criterion.Name)
		}
		word := "tiêu chí"
		return fmt.Sprintf("%s — chưa đạt mức tối thiểu %d sao ở %s %s: %s", head, res.HeldBy[0].Stars, word, strings.Join(cs, ", "), starsPhrase(res.Stars))
	default:
		return head + ": " + starsPhrase(res.Stars)
	}
}

func starsPhrase(n int) string {
	if n < 3 {
		return fmt.Sprintf("dự kiến %d sao, chưa đủ để công nhận sản phẩm OCOP", n)
	}
	return fmt.Sprintf("dự kiến %d sao", n)
}

// Lines says the target as an officer tells a producer what to work on:
// first the minimums, then the criteria with the most points open (at most
// open of them).
func (t *Target) Lines(open int) []string {
	if t == nil {
		return nil
	}
	out := []string{fmt.Sprintf("Để đạt %d sao:", t.Stars)}
	if t.ScoreNeeded > 0 {
		out = append(out, fmt.Sprintf("- cần thêm %s điểm", t.ScoreNeeded.VI()))
	}
	for _, s := range t.Minimums {
		out = append(out, fmt.Sprintf("- tiêu chí %s %s: cần đạt «%s» (%s điểm)", s.Criterion.No, s.Criterion.Name, s.Needed.Text, s.Needed.Points.VI()))
	}
	for i, o := range t.Open {
		if i >= open {
			break
		}
		out = append(out, fmt.Sprintf("- tiêu chí %s %s: còn %s điểm", o.Criterion.No, o.Criterion.Name, o.Open.VI()))
	}
	return out
}

// Disagreement is a criterion the council's members scored differently.
type Disagreement struct {
	Criterion *Criterion
	Points    []Score // per member, in the order of the sheets
	Low, High Score
}

// CouncilResult is a council's evaluation of one dossier: each member's
// sheet and the average total, whose band decides the stars (Điều 3.3).
type CouncilResult struct {
	Members       []SheetResult
	Average       Score // to the hundredth, halves rounded up
	Stars         int   // the band of the average
	Rejected      int   // members who ticked a rejection ground
	Disagreements []Disagreement
}

// ScoreCouncil scores several members' sheets of one dossier (all of the
// same set) and lists the criteria where they differ, widest spread first.
func (r Rules) ScoreCouncil(sheets []*Sheet, day time.Time) (CouncilResult, error) {
	var out CouncilResult
	if len(sheets) == 0 {
		return out, fmt.Errorf("chưa có phiếu đánh giá nào")
	}
	set := sheets[0].Set
	var sum int
	for _, s := range sheets {
		if s.Set.Code != set.Code || !s.Set.EffectiveFrom.Equal(set.EffectiveFrom) {
			return out, fmt.Errorf("phiếu của %s theo bộ tiêu chí %s, khác bộ %s", s.Member, s.Set.Code, set.Code)
		}
		res := r.ScoreSheet(s, day)
		out.Members = append(out.Members, res)
		sum += int(res.Total)
		if res.Rejected {
			out.Rejected++
		}
	}
	n := len(sheets)
	out.Average = Score((2*sum + n) / (2 * n))
	out.Stars = r.StarsForScore(out.Average, day)
	for _, c := range set.Criteria {
		d := Disagreement{Criterion: c, Points: make([]Score, n)}
		for i, s := range sheets {
			p := s.points(c)
			d.Points[i] = p
			if i == 0 || p < d.Low {
				d.Low = p
			}
			if i == 0 || p > d.High {
				d.High = p
			}
		}
		if d.High > d.Low {
			out.Disagreements = append(out.Disagreements, d)
		}
	}
	sort.SliceStable(out.Disagreements, func(i, j int) bool {
		a, b := out.Disagreements[i], out.Disagreements[j]
		return a.High-a.Low > b.High-b.Low
	})
	return out, nil
}

// sheetHeader is the columns of a sheet as CSV: one row per criterion
// (choice is the option's number, empty for none) and one per rejection
// ground (choice "x" when ticked).
var sheetHeader = []string{"set_code", "member", "kind", "no", "choice", "text", "evidence"}

// WriteSheetCSV writes sheet as CSV, readable by ReadSheetCSV and by a person.
func WriteSheetCSV(w io.Writer, sheet *Sheet) error {
	cw := csv.NewWriter(w)
	cw.Write(sheetHeader)
	for _, c := range sheet.Set.Criteria {
		choice, text := "", ""
		if o := sheet.Chosen(c); o != nil {
			choice, text = strconv.Itoa(o.No), o.Text
		}
		cw.Write([]string{sheet.Set.Code, sheet.Member, "criterion", c.No, choice, text, sheet.Evidence[c.Index]})
	}
	for i, g := range sheet.Set.Grounds {
		tick := ""
		if sheet.Grounds[i] {
			tick = "x"
		}
		cw.Write([]string{sheet.Set.Code, sheet.Member, "ground", strconv.Itoa(i + 1), tick, g.Text, ""})
	}
	cw.Flush()
	return cw.Error()
}

// ReadSheetFile reads the sheet file at path (as WriteSheetCSV writes it)
// against the sets in force on day; its errors name the file.
func ReadSheetFile(path string, day time.Time) (*Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp %s: %w", path, err)
	}
	defer f.Close()
	sheet, err := ReadSheetCSV(f, day)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sheet, nil
}

// ReadSheetCSV reads a sheet written by WriteSheetCSV, against the set in
// force on day for its set_code; an unknown criterion or option is an error
// naming its row.
func ReadSheetCSV(r io.Reader, day time.Time) (*Sheet, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != strings.Join(sheetHeader, ",") {
		return nil, fmt.Errorf("không phải phiếu đánh giá: cần các cột %s", strings.Join(sheetHeader, ","))
	}
	set, err := CriteriaSetFor(recs[1][0], day)
	if err != nil {
		return nil, err
	}
	sheet := NewSheet(set)
	sheet.Member = recs[1][1]
	for i, rec := range recs[1:] {
		line := i + 2
		if rec[0] != set.Code {
			return nil, fmt.Errorf("dòng %d: bộ %s, khác bộ %s của phiếu", line, rec[0], set.Code)
		}
		switch rec[2] {
		case "criterion":
			c := set.Criterion(rec[3])
			if c == nil {
				return nil, fmt.Errorf("dòng %d: không có tiêu chí %s", line, rec[3])
			}
			if rec[4] != "" {
				no, err := strconv.Atoi(rec[4])
				if err == nil {
					err = sheet.Choose(c.No, no)
				}
				if err != nil {
					return nil, fmt.Errorf("dòng %d: lựa chọn %q: %w", line, rec[4], err)
				}
			}
			sheet.Evidence[c.Index] = rec[6]
		case "ground":
			no, err := strconv.Atoi(rec[3])
			if err != nil || no < 1 || no > len(set.Grounds) {
				return nil, fmt.Errorf("dòng %d: không có lý do loại %s", line, rec[3])
			}
			sheet.Grounds[no-1] = strings.TrimSpace(rec[4]) != ""
		default:
			return nil, fmt.Errorf("dòng %d: loại dòng %q", line, rec[2])
		}
	}
	return sheet, nil
}
