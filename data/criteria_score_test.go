package data

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

func rules26(t testing.TB) Rules {
	t.Helper()
	r, err := ReferenceRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// bestSheet chooses the best option of every criterion of set code.
func bestSheet(t testing.TB, code string) *Sheet {
	t.Helper()
	set, err := CriteriaSetFor(code, day26)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSheet(set)
	for _, c := range set.Criteria {
		best := 0
		for i, o := range c.Options {
			if o.Points > c.Options[best].Points {
				best = i
			}
		}
		s.Choices[c.Index] = best
	}
	return s
}

// lowerTo lowers choices, last criterion first, until the total is want,
// never below the minimum of keep stars.
func lowerTo(t *testing.T, s *Sheet, want Score, keep int) {
	t.Helper()
	total := Score(0)
	for _, c := range s.Set.Criteria {
		total += s.points(c)
	}
	for i := len(s.Set.Criteria) - 1; i >= 0 && total > want; i-- {
		c := s.Set.Criteria[i]
		cur := s.points(c)
		for j, o := range c.Options {
			if o.Points < cur && o.Points >= c.Required(keep) && total-(cur-o.Points) >= want {
				total -= cur - o.Points
				cur = o.Points
				s.Choices[c.Index] = j
			}
		}
	}
	if total != want {
		t.Fatalf("could not lower the sheet to %s (got %s)", want, total)
	}
}

func TestScoreSheet(t *testing.T) {
	r := rules26(t)
	tests := []struct {
		name      string
		sheet     func(t *testing.T) *Sheet
		total     Score
		band      int
		stars     int
		summary   string
		nextStars int      // 0: no next star
		needs     []string // the minimums of the next star: "criterion→option"
	}{
		{"5★ candidate: every best option", func(t *testing.T) *Sheet { return bestSheet(t, "I.1.a") },
			10000, 5, 5, "100 điểm: dự kiến 5 sao", 0, nil},
		{"a high score held down by one minimum", func(t *testing.T) *Sheet {
			s := bestSheet(t, "I.1.a")
			s.Choose("2.3", 1) // labels as required, no story, no traceability code
			return s
		}, 9800, 5, 3, "98 điểm — chưa đạt mức tối thiểu 4 sao ở tiêu chí 2.3 Phong cách, ghi nhãn hàng hóa: dự kiến 3 sao", 4,
			[]string{"2.3→3"}},
		{"72 points, 2.3 below the 4-star minimum", func(t *testing.T) *Sheet {
			s := bestSheet(t, "I.1.a")
			s.Choose("2.3", 1)
			lowerTo(t, s, 7200, 4) // every other criterion kept at its 4-star minimum
			return s
		}, 7200, 4, 3, "72 điểm — chưa đạt mức tối thiểu 4 sao ở tiêu chí 2.3 Phong cách, ghi nhãn hàng hóa: dự kiến 3 sao", 4,
			[]string{"2.3→3"}},
		{"a rejection ground ticked", func(t *testing.T) *Sheet {
			s := bestSheet(t, "I.1.a")
			s.Grounds[0] = true
			return s
		}, 10000, 5, 0, "100 điểm — hồ sơ bị loại: Giả mạo hồ sơ", 0, nil},
		{"nothing chosen", func(t *testing.T) *Sheet {
			set, _ := CriteriaSetFor("I.3.c", day26)
			return NewSheet(set)
		}, 0, 1, 1, "0 điểm: dự kiến 1 sao, chưa đủ để công nhận sản phẩm OCOP", 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.ScoreSheet(tt.sheet(t), day26)
			if res.Total != tt.total || res.BandStars != tt.band || res.Stars != tt.stars {
				t.Errorf("total %s, band %d★, stars %d★; want %s, %d★, %d★", res.Total, res.BandStars, res.Stars, tt.total, tt.band, tt.stars)
			}
			if got := res.Summary(); got != tt.summary {
				t.Errorf("summary %q\nwant    %q", got, tt.summary)
			}
			var parts Score
			for _, p := range res.Parts {
				parts += p.Points
			}
			if parts != res.Total {
				t.Errorf("parts add up to %s, total %s", parts, res.Total)
			}
			if tt.nextStars == 0 {
				if res.Next != nil {
					t.Errorf("next star %d, want none", res.Next.Stars)
				}
				return
			}
			if res.Next == nil || res.Next.Stars != tt.nextStars {
				t.Fatalf("next %+v, want %d★", res.Next, tt.nextStars)
			}
			if tt.needs != nil {
				var got []string
				for _, s := range res.Next.Minimums {
					got = append(got, s.Criterion.No+"→"+itoa(s.Needed.No))
				}
				if strings.Join(got, ",") != strings.Join(tt.needs, ",") {
					t.Errorf("minimums for %d★: %v, want %v", tt.nextStars, got, tt.needs)
				}
			}
			for i := 1; i < len(res.Next.Open); i++ {
				if res.Next.Open[i].Open > res.Next.Open[i-1].Open {
					t.Errorf("open criteria not most first: %v", res.Next.Open)
				}
			}
		})
	}
}

func itoa(n int) string { return Score(n * 100).String() }

// A hand-built set with decimal points, for the band edges.
const edgeSet = `effective_from,source,set_code,kind,part,section_no,criterion_no,option_no,text,points,min_stars,shape,note
2026-05-22,Thử,T.1,set,,,,1,Bộ thử,100,,,Hồ sơ bị loại khi: Giả mạo hồ sơ
2026-05-22,Thử,T.1,ground,,,,1,Giả mạo hồ sơ,,,,
2026-05-22,Thử,T.1,part,A,,,,Phần A,40,,,
2026-05-22,Thử,T.1,section,A,1,,,MỤC 1,40,,,
2026-05-22,Thử,T.1,criterion,A,1,1.1,,Tiêu chí 1.1,40,,,
2026-05-22,Thử,T.1,option,A,1,1.1,1,Không,0,,,
2026-05-22,Thử,T.1,option,A,1,1.1,2,Đủ,40,3,,
2026-05-22,Thử,T.1,part,B,,,,Phần B,25,,,
2026-05-22,Thử,T.1,section,B,4,,,MỤC 4,25,,,
2026-05-22,Thử,T.1,criterion,B,4,4,,MỤC 4,25,,section,
2026-05-22,Thử,T.1,option,B,4,4,1,Ít,10,,,
2026-05-22,Thử,T.1,option,B,4,4,2,Nhiều,25,4,,
2026-05-22,Thử,T.1,part,C,,,,Phần C,35,,,
2026-05-22,Thử,T.1,section,C,6,,,MỤC 6,35,,,
2026-05-22,Thử,T.1,criterion,C,6,6.1,,Tiêu chí 6.1,35,,,
2026-05-22,Thử,T.1,option,C,6,6.1,1,Kém,4.99,,,
2026-05-22,Thử,T.1,option,C,6,6.1,2,Được,5,,,
2026-05-22,Thử,T.1,option,C,6,6.1,3,Tốt,24.99,,,
2026-05-22,Thử,T.1,option,C,6,6.1,4,Rất tốt,25,5,,
2026-05-22,Thử,T.1,option,C,6,6.1,5,Xuất sắc,35,,,
`

func edgeSheet(t testing.TB) *Sheet {
	t.Helper()
	sets, err := readCriteria(fstest.MapFS{"ref/criteria-test.csv": {Data: []byte(edgeSet)}})
	if err != nil {
		t.Fatal(err)
	}
	return NewSheet(sets[0])
}

func TestScoreSheetBandEdges(t *testing.T) {
	r := rules26(t)
	tests := []struct {
		a, b, c int // option numbers
		total   string
		stars   int
	}{
		{2, 2, 2, "70", 4},    // 40 + 25 + 5
		{2, 2, 1, "69.99", 3}, // 40 + 25 + 4.99
		{2, 2, 4, "90", 5},    // 40 + 25 + 25, 6.1 at its 5-star minimum
		{2, 2, 3, "89.99", 4}, // 40 + 25 + 24.99
		{2, 1, 5, "85", 3},    // 40 + 10 + 35: 4 held by B's minimum
		{1, 2, 5, "60", 2},    // the 3-star minimum of 1.1 missed
		{2, 1, 1, "54.99", 3}, // 3 stars need only 1.1
		{1, 1, 1, "14.99", 1}, // under 30
		{2, 2, 5, "100", 5},   // everything
		{2, 1, 4, "75", 3},    // band 4, B short of 4
		{2, 2, 0, "65", 3},    // 6.1 left unanswered
		{0, 0, 0, "0", 1},     // nothing chosen
		{2, 2, 2, "70", 4},    // again, so a cached result would show
		{2, 2, 1, "69.99", 3}, //
		{2, 2, 3, "89.99", 4}, //
		{2, 2, 4, "90", 5},    //
	}
	for _, tt := range tests {
		s := edgeSheet(t)
		s.Choose("1.1", tt.a)
		s.Choose("4", tt.b)
		s.Choose("6.1", tt.c)
		res := r.ScoreSheet(s, day26)
		if res.Total.String() != tt.total || res.Stars != tt.stars {
			t.Errorf("options %d,%d,%d: %s points, %d★; want %s, %d★", tt.a, tt.b, tt.c, res.Total, res.Stars, tt.total, tt.stars)
		}
	}
}

func TestScoreCouncil(t *testing.T) {
	r := rules26(t)
	member := func(name string, a, b, c int) *Sheet {
		s := edgeSheet(t)
		s.Member = name
		s.Choose("1.1", a)
		s.Choose("4", b)
		s.Choose("6.1", c)
		return s
	}
	tests := []struct {
		name    string
		sheets  []*Sheet
		average string
		stars   int
		widest  string // criterion members disagree on most
	}{
		{"70 and 70", []*Sheet{member("An", 2, 2, 2), member("Bình", 2, 2, 2)}, "70", 4, ""},
		{"70 and 69.99 average 69.995, halves up", []*Sheet{member("An", 2, 2, 2), member("Bình", 2, 2, 1)}, "70", 4, "6.1"},
		{"three at 69.99, 69.99, 70", []*Sheet{member("An", 2, 2, 1), member("Bình", 2, 2, 1), member("Chi", 2, 2, 2)}, "69.99", 3, "6.1"},
		{"one member far off on B", []*Sheet{member("An", 2, 2, 5), member("Bình", 2, 1, 4), member("Chi", 2, 2, 4)}, "88.33", 4, "4"},
		{"one member far off on C", []*Sheet{member("An", 2, 2, 5), member("Bình", 2, 2, 1)}, "85", 4, "6.1"}, // 84.995,
		{"B split", []*Sheet{member("An", 2, 2, 2), member("Bình", 2, 1, 2)}, "62.5", 3, "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.ScoreCouncil(tt.sheets, day26)
			if err != nil {
				t.Fatal(err)
			}
			if res.Average.String() != tt.average || res.Stars != tt.stars {
				t.Errorf("average %s, %d★; want %s, %d★", res.Average, res.Stars, tt.average, tt.stars)
			}
			widest := ""
			if len(res.Disagreements) > 0 {
				widest = res.Disagreements[0].Criterion.No
			}
			if widest != tt.widest {
				t.Errorf("widest disagreement on %q, want %q", widest, tt.widest)
			}
		})
	}
	other := bestSheet(t, "I.1.a")
	if _, err := r.ScoreCouncil([]*Sheet{member("An", 2, 2, 2), other}, day26); err == nil {
		t.Error("sheets of two sets averaged")
	}
}

// A sheet written as CSV reads back the same: choices, evidence, grounds.
func TestSheetCSVRoundTrip(t *testing.T) {
	s := bestSheet(t, "I.3.c")
	s.Member = "Nguyễn Văn An"
	s.Choose("2.3", 1)
	s.Evidence[s.Set.Criterion("2.3").Index] = "Nhãn ảnh chụp, \"chưa có QR\""
	s.Grounds[2] = true
	var buf bytes.Buffer
	if err := WriteSheetCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSheetCSV(&buf, day26)
	if err != nil {
		t.Fatal(err)
	}
	r := rules26(t)
	a, b := r.ScoreSheet(s, day26), r.ScoreSheet(back, day26)
	if a.Summary() != b.Summary() || back.Member != s.Member || back.Evidence[s.Set.Criterion("2.3").Index] != "Nhãn ảnh chụp, \"chưa có QR\"" {
		t.Errorf("read back %q (%s), wrote %q", b.Summary(), back.Member, a.Summary())
	}
	if _, err := ReadSheetCSV(strings.NewReader("set_code,member,kind,no,choice,text,evidence\nI.3.c,,criterion,2.3,9,,\n"), day26); err == nil || !strings.Contains(err.Error(), "dòng 2") {
		t.Errorf("option 9 of 2.3: %v", err)
	}
}

// BenchmarkRescoreAfterOneChange is one click on a full sheet: a choice
// changes and the whole sheet is scored again (a frame is 16 ms).
func BenchmarkRescoreAfterOneChange(b *testing.B) {
	r := rules26(b)
	s := bestSheet(b, "I.3.c")
	c := s.Set.Criterion("2.3")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Choices[c.Index] = i % len(c.Options)
		res := r.ScoreSheet(s, day26)
		if res.Total == 0 {
			b.Fatal("no score")
		}
	}
}
