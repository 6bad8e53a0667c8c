package typing

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// keys returns the keystrokes a user types for word under m: each letter,
// its shape keys right after it (aa, ow, dd / a6, o7, d9), and the tone key
// at the end of the syllable, as most people type.
func keys(m Method, word string) string {
	var b strings.Builder
	for _, syl := range strings.Fields(word) {
		toneKey := ""
		for _, r := range norm.NFD.String(syl) {
			lower := unicode.ToLower(r)
			switch r {
			case '\u0301', '\u0300', '\u0309', '\u0303', '\u0323':
				if m == Telex {
					toneKey = map[rune]string{'\u0301': "s", '\u0300': "f", '\u0309': "r", '\u0303': "x", '\u0323': "j"}[r]
				} else {
					toneKey = map[rune]string{'\u0301': "1", '\u0300': "2", '\u0309': "3", '\u0303': "4", '\u0323': "5"}[r]
				}
				continue
			case '\u0302': // circumflex
				prev := []rune(b.String())
				if m == Telex {
					b.WriteRune(unicode.ToLower(prev[len(prev)-1]))
				} else {
					b.WriteString("6")
				}
				continue
			case '\u031b': // horn
				if m == Telex {
					b.WriteString("w")
				} else {
					b.WriteString("7")
				}
				continue
			case '\u0306': // breve
				if m == Telex {
					b.WriteString("w")
				} else {
					b.WriteString("8")
				}
				continue
			}
			if lower == 'đ' {
				d := "d"
				if unicode.IsUpper(r) {
					d = "D"
				}
				if m == Telex {
					b.WriteString(d + "d")
				} else {
					b.WriteString(d + "9")
				}
				continue
			}
			b.WriteRune(r)
		}
		b.WriteString(toneKey + " ")
	}
	return strings.TrimSuffix(b.String(), " ")
}

// typeAll types keys one by one, as the entry does: each key transforms the
// word before the cursor.
func typeAll(m Method, style Style, ks string) string {
	var w Word
	text := ""
	for _, k := range ks {
		start := WordStart(text)
		text = text[:start] + w.Type(m, style, text[start:], k)
	}
	return text
}

var words = []string{
	"Thạch đen Tràng Định", "Nguyễn Văn Đức", "người", "được", "trường", "nước", "tuyệt vời", "khuyến nông",
	"quyết định", "giấy chứng nhận", "gì", "già", "giữa", "quả", "quốc", "Quốc Khánh", "chuối", "ngoài", "khuya",
	"yêu", "yếu", "tiếng Việt", "nghiệp", "hợp tác xã", "sản phẩm", "mật ong", "hồi quế", "chè Shan tuyết",
	"miến dong", "rượu men lá", "khau nhục", "Thất Khê", "Đoàn Kết", "Kháng Chiến", "Bình Gia", "Lạng Sơn",
	"Cao Lộc", "Văn Quan", "Hữu Lũng", "Đình Lập", "Tày", "Nùng", "Dao", "Sán Chay", "Hoa", "Mông", "tháng",
	"năm", "ngày", "đánh giá", "phân hạng", "hạng sao", "điểm", "hết hạn", "còn hạn", "xuất khẩu", "thủ công",
	"mỹ nghệ", "đặc sản", "dược liệu", "đồ uống", "thực phẩm", "rau củ quả", "huyện", "phường", "thị trấn",
	"ưu tiên", "ươm tơ", "cưới", "bưởi", "hươu", "rượu", "cứu", "mười", "tươi", "khuỷu", "nguyệt", "uyên",
	"Ứng", "ỨNG DỤNG", "ĐẶC SẢN", "Ông", "ăn", "ắc quy", "ấm áp", "ẩm thực", "ở", "ủy ban", "ỷ lại",
}

func TestTypesWords(t *testing.T) {
	for _, m := range []Method{Telex, VNI} {
		for _, w := range words {
			ks := keys(m, w)
			got := typeAll(m, OldStyle, ks)
			if got != norm.NFC.String(w) {
				got2 := typeAll(m, NewStyle, ks)
				if got2 != norm.NFC.String(w) {
					t.Errorf("%s %q: typed %q gives %q", m, w, ks, got)
				}
			}
		}
	}
}

// Every commune, ethnic group and product set name of the reference data,
// typed in Telex and VNI, comes out as written (under one placement style).
func TestTypesReferenceNames(t *testing.T) {
	var names []string
	for _, file := range []string{"communes.csv", "ethnic-groups.csv", "classification.csv", "producer-types.csv"} {
		f, err := os.Open("../../assets/ref/" + file)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		col := 1
		if file == "ethnic-groups.csv" {
			col = 0
		}
		if file == "classification.csv" {
			col = 3
		}
		for _, r := range recs[1:] {
			names = append(names, r[col])
		}
	}
	n := 0
	for _, name := range names {
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
			if strings.ContainsAny(strings.ToLower(w), "fjwz") || w == "Khmer" {
				continue // not Vietnamese syllables: typed with the method off
			}
			for _, m := range []Method{Telex, VNI} {
				ks := keys(m, w)
				want := norm.NFC.String(w)
				if typeAll(m, NewStyle, ks) != want && typeAll(m, OldStyle, ks) != want {
					t.Errorf("%s %q: typed %q gives %q", m, w, ks, typeAll(m, NewStyle, ks))
				}
				n++
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d words typed", n)
	}
}

func TestToneStyles(t *testing.T) {
	for _, c := range []struct {
		keys         string
		newer, older string
	}{
		{"hoaf", "hoà", "hòa"}, {"khoer", "khoẻ", "khỏe"}, {"thuyr", "thuỷ", "thủy"}, {"hoangf", "hoàng", "hoàng"},
		{"toans", "toán", "toán"}, {"muaf", "mùa", "mùa"}, {"quas", "quá", "quá"}, {"gif", "gì", "gì"},
	} {
		if got := typeAll(Telex, NewStyle, c.keys); got != c.newer {
			t.Errorf("new style %q: %q, want %q", c.keys, got, c.newer)
		}
		if got := typeAll(Telex, OldStyle, c.keys); got != c.older {
			t.Errorf("old style %q: %q, want %q", c.keys, got, c.older)
		}
	}
}

func TestUndoByRepeating(t *testing.T) {
	for keys, want := range map[string]string{
		"ass": "as", "aaa": "aa", "ddd": "dd", "uww": "uw", "tieengs": "tiếng",
		"vieetj": "việt", "hoaf z": "hoà z", "hoafz": "hoa", "w": "ư", "tw": "tư",
		"Dd": "Đ", "DD": "Đ", "nguowif": "người", "truwowngf": "trường",
	} {
		if got := typeAll(Telex, NewStyle, keys); got != want {
			t.Errorf("%q: %q, want %q", keys, got, want)
		}
	}
	for keys, want := range map[string]string{"a11": "a1", "tie6ng1": "tiếng", "d9": "đ", "d99": "d9", "nguo72i": "người"} {
		if got := typeAll(VNI, NewStyle, keys); got != want {
			t.Errorf("VNI %q: %q, want %q", keys, got, want)
		}
	}
	if got := typeAll(Off, NewStyle, "tieengs"); got != "tieengs" {
		t.Errorf("off: %q", got)
	}
}

// What offices type besides Vietnamese words comes out as typed: the keys
// of a word that cannot be Vietnamese are given back ("OCOP", not "ÔCP"),
// and dd makes đ wherever it is typed ("QĐ", "HĐND").
func TestTypesOfficeText(t *testing.T) {
	for _, c := range []struct {
		m          Method
		keys, want string
	}{
		{Telex, "OCOP", "OCOP"},
		{Telex, "San phaamr OCOP 4 sao", "San phẩm OCOP 4 sao"},
		{Telex, "VietGAP", "VietGAP"},
		{Telex, "HACCP", "HACCP"},
		{Telex, "ISO 22000", "ISO 22000"},
		{Telex, "nguyenvana@gmail.com", "nguyenvana@gmail.com"},
		{Telex, "hoa.ocop@langson.gov.vn", "hoa.ocop@langson.gov.vn"},
		{Telex, "1203/QDD-UBND", "1203/QĐ-UBND"},
		{Telex, "Quyeets ddinhj soos 1203/QDD-UBND", "Quyết định số 1203/QĐ-UBND"},
		{Telex, "HTX", "HTX"},
		{Telex, "Coong ty TNHH", "Công ty TNHH"},
		{Telex, "Traf hoa vangf Premium", "Trà hoa vàng Premium"},
		{Telex, "Maatj ong Organic", "Mật ong Organic"},
		{Telex, "Green Coffee", "Green Coffee"},
		{Telex, "Express 2026", "Express 2026"}, // "Êps" until the word ends
		{VNI, "OCOP", "OCOP"},
		{VNI, "VietGAP", "VietGAP"},
		{VNI, "ISO 22000", "ISO 22000"},
		{VNI, "1203/QD9-UBND", "1203/QĐ-UBND"},
		{VNI, "Quye6t1 d9inh5 so61 1203/QD9-UBND", "Quyết định số 1203/QĐ-UBND"},
		{VNI, "Tra2 hoa va2ng Premium", "Trà hoa vàng Premium"},
		{VNI, "Ma6t5 ong Organic", "Mật ong Organic"},
	} {
		for _, style := range []Style{NewStyle, OldStyle} {
			if got := typeAll(c.m, style, c.keys); got != c.want {
				t.Errorf("%s %q: %q, want %q", c.m, c.keys, got, c.want)
			}
		}
	}
}

// dd makes đ wherever it stands in the word, not only at its start, and
// đ followed by d gives dd back.
func TestTypesDAnywhere(t *testing.T) {
	for _, c := range []struct {
		m          Method
		keys, want string
	}{
		{Telex, "QDD", "QĐ"},
		{Telex, "Qdd", "Qđ"},
		{Telex, "DDT", "ĐT"},
		{Telex, "HDDND", "HĐND"},
		{Telex, "Chur tichj HDDND xax", "Chủ tịch HĐND xã"},
		{Telex, "QDDD", "QDD"},
		{Telex, "dd", "đ"},
		{Telex, "Dd", "Đ"},
		{Telex, "dD", "đ"},
		{Telex, "ddd", "dd"},
		{Telex, "ddaauf", "đầu"},
		{Telex, "dduwowngf", "đường"},
		{Telex, "duwowngfd", "đường"},
		{Telex, "Ddinhf", "Đình"},
		{Telex, "Thachj dden Trangf DDinhj", "Thạch đen Tràng Định"},
		{Telex, "ddawsk lawsk", "đắk lắk"},
		{VNI, "QD9", "QĐ"},
		{VNI, "HD9ND", "HĐND"},
		{VNI, "D9T", "ĐT"},
		{VNI, "QD99", "QD9"},
		{VNI, "d9a6u2", "đầu"},
	} {
		if got := typeAll(c.m, NewStyle, c.keys); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.m, c.keys, got, c.want)
		}
	}
}
