package data

import (
	"strings"
	"testing"
	"time"
)

var day26 = time.Date(2026, 5, 22, 0, 0, 0, 0, time.UTC)

func sets26(t testing.TB) []*CriteriaSet {
	t.Helper()
	sets, err := CriteriaSetsOn(day26)
	if err != nil {
		t.Fatal(err)
	}
	return sets
}

// Every set adds up as Điều 3 and the annex declare: parts A 40, B 25,
// C 35; a section's points are the sum of its criteria (a group's of its
// sub-criteria), a criterion's the best of its options; every criterion
// has options. A row lost or misread in the conversion breaks one of these.
func TestCriteriaSetsAddUp(t *testing.T) {
	sets := sets26(t)
	if len(sets) != 26 {
		t.Fatalf("%d criteria sets in force on 22/5/2026, want 26", len(sets))
	}
	want := map[string]Score{"A": 4000, "B": 2500, "C": 3500}
	for _, s := range sets {
		if s.Source != "Quyết định 26/2026/QĐ-TTg" || !s.EffectiveFrom.Equal(day26) {
			t.Errorf("%s: rule %q from %s", s.Code, s.Source, ISODate(s.EffectiveFrom))
		}
		var codes []string
		for _, p := range s.Parts {
			codes = append(codes, p.Code)
			if p.Points != want[p.Code] {
				t.Errorf("%s part %s: %s points, want %s", s.Code, p.Code, p.Points, want[p.Code])
			}
			var sum Score
			for _, sec := range p.Sections {
				sum += sec.Points
				var secSum Score
				groups := map[string]Score{}
				for _, c := range sec.Items {
					switch {
					case c.Shape == "group":
						secSum += c.Points
					case strings.Count(c.No, ".") == 2:
						groups[c.No[:strings.LastIndex(c.No, ".")]] += c.Points
					default:
						secSum += c.Points
					}
				}
				for _, c := range sec.Items {
					if c.Shape == "group" && groups[c.No] != c.Points {
						t.Errorf("%s %s %s: %s points, sub-criteria %s", s.Code, c.No, c.Name, c.Points, groups[c.No])
					}
				}
				if secSum != sec.Points {
					t.Errorf("%s section %s %s: %s points, criteria add up to %s", s.Code, sec.No, sec.Name, sec.Points, secSum)
				}
			}
			if sum != p.Points {
				t.Errorf("%s part %s: sections add up to %s", s.Code, p.Code, sum)
			}
		}
		if strings.Join(codes, "") != "ABC" || s.Points() != MaxScore {
			t.Errorf("%s: parts %v, %s points", s.Code, codes, s.Points())
		}
		for _, c := range s.Criteria {
			if len(c.Options) == 0 {
				t.Errorf("%s %s: no options", s.Code, c.No)
				continue
			}
			var best Score
			for _, o := range c.Options {
				best = max(best, o.Points)
			}
			if best != c.Points {
				t.Errorf("%s %s %s: %s points, best option %s", s.Code, c.No, c.Name, c.Points, best)
			}
		}
		if len(s.Grounds) == 0 && s.Code != "VI" {
			t.Errorf("%s: no rejection grounds", s.Code)
		}
	}
}

// Each set is linked to its bộ sản phẩm: the set's name (Phụ lục II) is
// Phụ lục I's name for the code, word for word, except where the annex
// itself words it differently (each difference read in the decision).
func TestCriteriaSetNamesMatchClassification(t *testing.T) {
	r := Rules{}
	rows, err := readRef("classification-names.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		from, _ := time.Parse("2006-01-02", row["effective_from"])
		r.ClassNames = append(r.ClassNames, ClassName{Code: row["code"], EffectiveFrom: from, Name: row["name"], Source: row["source"]})
	}
	worded := map[string]string{ // Phụ lục II's heading where it differs from Phụ lục I
		"I.3.d":  "Chế biến từ thịt, thủy sản, trứng, sữa, các sản phẩm từ mật ong, mật khác và nông sản thực phẩm khác",
		"I.4.b":  "Gia vị khác (muối, hành, tỏi, tiêu,...)",
		"I.5.a":  "Chè tươi, chè chế biến",
		"I.5.b":  "Sản phẩm trà từ thực vật khác",
		"I.6":    "Sản phẩm cà phê, ca cao",
		"II.2.b": "Đồ uống không cồn khác",
	}
	order := []string{"I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d", "I.4.a", "I.4.b", "I.5.a", "I.5.b", "I.6",
		"II.1.a", "II.1.b", "II.2.a", "II.2.b", "III.1", "III.2", "III.3", "IV.1", "IV.2", "V.1", "V.2", "V.3", "VI"}
	sets := sets26(t)
	for i, s := range sets {
		if i >= len(order) || s.Code != order[i] || s.No != i+1 {
			t.Errorf("set %d is %s (no %d), want %s", i+1, s.Code, s.No, order[min(i, len(order)-1)])
			continue
		}
		want := worded[s.Code]
		if want == "" {
			want = r.ClassName(s.Code, day26)
		}
		if s.Name != want {
			t.Errorf("set %s is named %q, want %q", s.Code, s.Name, want)
		}
	}
}

// Spot checks, word for word against the decision, from every group.
func TestCriteriaWordForWord(t *testing.T) {
	tests := []struct {
		set, no, name string
		points        Score
		option        int // 1-based
		text          string
		optPoints     Score
		minStars      int
	}{
		{"I.1.a", "2.3", "Phong cách, ghi nhãn hàng hóa", 300, 1, "Có nhãn, ghi nhãn hàng hóa đầy đủ, theo đúng quy định", 100, 3},
		{"I.1.a", "1.1", "Nguồn gốc sản phẩm", 300, 3, "Sản phẩm được trồng trên địa bàn cấp xã từ 75% đến 100%", 300, 0},
		{"I.3.c", "2.1", "Nguồn gốc ý tưởng sản phẩm", 300, 4, "Sản phẩm là đặc sản, truyền thống, chỉ sản xuất trên địa bàn của xã, có chất lượng đặc sắc, thương mại gắn với chỉ dẫn nguồn gốc địa lý hoặc sản phẩm mới được chế biến từ nguyên liệu đặc trưng của địa phương, được thương mại ổn định ít nhất 36 tháng", 300, 4},
		{"I.5.a", "6.1.1", "Tạp chất", 200, 3, "Sạch, không phát hiện tạp chất", 200, 4},
		{"I.5.a", "6.1.1", "Tạp chất", 200, 2, "Có rất ít tạp chất, chấp nhận được", 100, 0}, // printed "11"
		{"II.1.a", "6.1", "Tạp chất lạ", 200, 2, "Có rất ít tạp chất/có cặn, chấp nhận được", 100, 0},
		{"III.2", "1.1", "Nguồn nguyên liệu", 400, 1, "Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50%", 100, 3},
		{"IV.1", "6.1", "Mức độ tinh xảo/sắc nét của sản phẩm", 500, 3, "Khéo léo/nhã nhặn, có thể bán được, có giá trị mỹ thuật, kỹ thuật", 300, 0},
		{"V.2", "4.1", "Khu vực phân phối chính", 500, 5, "Thị trường quốc tế (có hợp đồng và minh chứng thực hiện hợp đồng)", 500, 0},
		{"VI", "4.1", "Liên kết chuỗi giá trị trong quảng bá sản phẩm du lịch", 500, 3, "Có ≥ 5 đại diện/đại lý quảng bá sản phẩm trong và ngoài tỉnh", 500, 0},
		{"I.2.b", "7", "DINH DƯỠNG", 300, 3, "Có trên 2 chỉ tiêu", 300, 0}, // printed "13"
	}
	for _, tt := range tests {
		s, err := CriteriaSetFor(tt.set, day26)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Criterion(tt.no)
		if c == nil {
			t.Errorf("%s has no criterion %s", tt.set, tt.no)
			continue
		}
		if c.Name != tt.name || c.Points != tt.points {
			t.Errorf("%s %s = %q %s, want %q %s", tt.set, tt.no, c.Name, c.Points, tt.name, tt.points)
		}
		if tt.option > len(c.Options) {
			t.Errorf("%s %s has %d options", tt.set, tt.no, len(c.Options))
			continue
		}
		o := c.Options[tt.option-1]
		if o.Text != tt.text || o.Points != tt.optPoints || o.MinStars != tt.minStars {
			t.Errorf("%s %s option %d = %q %s (%d★), want %q %s (%d★)", tt.set, tt.no, tt.option, o.Text, o.Points, o.MinStars, tt.text, tt.optPoints, tt.minStars)
		}
	}
}

// The set's rejection grounds, from its "Hồ sơ bị loại khi" and from the
// criteria's notes.
func TestCriteriaRejectionGrounds(t *testing.T) {
	s, err := CriteriaSetFor("I.3.c", day26)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range s.Grounds {
		got = append(got, g.Criterion+"|"+g.Text)
	}
	want := []string{
		"|Giả mạo hồ sơ",
		"|không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm theo quy định",
		"|không đáp ứng về hồ sơ đăng ký theo quy định",
		"1.1|Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc",
		"2.1|Bị loại nếu phát hiện giống hệt sản phẩm của nhà sản xuất khác, chỉ thay đổi tên sản phẩm, nhà sản xuất",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("grounds of I.3.c:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(s.Rejection, "Hồ sơ bị loại khi: Giả mạo hồ sơ") {
		t.Errorf("rejection sentence %q", s.Rejection)
	}
}

// Criteria are chosen by the rule of the day: none before 26/2026 (the
// program carries no older sets), 26/2026's from its effective date.
func TestCriteriaSetsByDate(t *testing.T) {
	tests := []struct {
		day  time.Time
		want int
	}{
		{day26.AddDate(0, 0, -1), 0},
		{day26, 26},
		{day26.AddDate(3, 0, 0), 26},
	}
	for _, tt := range tests {
		sets, err := CriteriaSetsOn(tt.day)
		if err != nil {
			t.Fatal(err)
		}
		if len(sets) != tt.want {
			t.Errorf("on %s: %d sets, want %d", ISODate(tt.day), len(sets), tt.want)
		}
	}
	if _, err := CriteriaSetFor("I.3.c", day26.AddDate(0, 0, -1)); err == nil {
		t.Error("a set before 22/5/2026: no error")
	}
	if _, err := CriteriaSetFor("IX.9", day26); err == nil || !strings.Contains(err.Error(), "IX.9") {
		t.Errorf("unknown set code: %v", err)
	}
}
