package viet

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// legacyCorpus is real text from OCOP lists in Lạng Sơn, plus every vowel
// with every tone.
var legacyCorpus = []string{
	"Thạch đen Tràng Định",
	"HTX Nông nghiệp Quốc Khánh",
	"Hồi khô Văn Quan",
	"Nguyễn Thị Ngọc Ánh",
	"Đoàn Kết",
	"Kháng Chiến",
	"Khau nhục",
	"Chè Shan tuyết",
	"Mật ong bạc hà",
	"Rượu men lá",
	"Quyết định số 1203/QĐ-UBND ngày 07/7/2023",
	"Quế thanh Văn Yên",
	"Tinh dầu hồi Lạng Sơn",
	"Hồi hoa Bình Gia",
	"Miến dong Bình Liêu",
	"Hạt dẻ Trùng Khánh",
	"Vịt quay Thất Khê",
	"Lợn quay Lạng Sơn",
	"Măng khô Chi Lăng",
	"Na Chi Lăng",
	"Mắc mật Văn Quan",
	"Bánh cuốn trứng Đồng Đăng",
	"Bánh áp chao",
	"Phở chua Lạng Sơn",
	"Rượu Mẫu Sơn",
	"Đào Mẫu Sơn",
	"Hồng vành khuyên Văn Lãng",
	"Quýt vàng Bắc Sơn",
	"Gạo nếp cẩm Bắc Sơn",
	"Cao khô Trà hoa vàng",
	"Trà hoa vàng Đình Lập",
	"Mật ong hoa bạc hà",
	"Mứt gừng Hữu Lũng",
	"Thịt lợn gác bếp",
	"Lạp sườn hun khói",
	"Nấm hương rừng",
	"Tương ớt Cao Lộc",
	"Dầu sở Cao Lộc",
	"Miến dong Ngọc Linh",
	"Tinh bột nghệ Lộc Bình",
	"Hợp tác xã Thành Công",
	"Công ty TNHH Nông sản sạch Xứ Lạng",
	"Tổ hợp tác chè Tân Tiến",
	"Hộ kinh doanh Lương Văn Thưởng",
	"Cơ sở sản xuất bánh khảo Hoàng Phương",
	"Hoàng Văn Tuấn",
	"Lục Thị Hương",
	"Hà Thị Thuý",
	"Vi Văn Hưởng",
	"Đinh Thị Lụa",
	"Nông Quốc Việt",
	"Chu Thị Yến",
	"Triệu Đức Thắng",
	"Lăng Văn Quyền",
	"Ông Ích Khiêm",
	"Ủy ban nhân dân tỉnh Lạng Sơn",
	"Sở Nông nghiệp và Phát triển nông thôn",
	"thôn Nà Pàn, xã Quốc Khánh, huyện Tràng Định",
	"khối 6, thị trấn Thất Khê",
	"phường Đông Kinh, thành phố Lạng Sơn",
	"xã Hữu Liên, huyện Hữu Lũng",
	"Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
	"Sản phẩm đạt 4 sao năm 2023",
	"Chủ thể: HTX Dịch vụ Nông nghiệp Tân Thành",
	"Điện thoại: 0205.3812.345",
	"người đứng đầu",
	"khuya khuỷu nguyệt quyển ngoằn ngoèo",
	"aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ",
	"AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ",
	"ĐOÀN KẾT",
	"HỢP TÁC XÃ NÔNG NGHIỆP",
	"DANH SÁCH SẢN PHẨM OCOP TỈNH LẠNG SƠN",
	"",
}

// The test encoders invert the tables of legacy.go.

func unicodeToTCVN3(s string) string {
	inv := make(map[rune]rune)
	for b, r := range tcvn3Table {
		if r != 0 {
			inv[r] = rune(b)
		}
	}
	var sb strings.Builder
	for _, r := range norm.NFC.String(s) {
		if c, ok := inv[r]; ok {
			sb.WriteRune(c)
		} else if c, ok := inv[unicode.ToLower(r)]; ok && unicode.IsUpper(r) {
			// Tone-marked capital: the lower-case code, as typed in
			// .VnTimeH.
			sb.WriteRune(c)
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func unicodeToVNI(s string) string {
	letters := make(map[rune]byte)
	for b, r := range vniLetters {
		letters[r] = b
	}
	invert := func(m map[byte]int) map[int]byte {
		inv := make(map[int]byte)
		for b, t := range m {
			inv[t] = b
		}
		return inv
	}
	tones, circumflex, breve := invert(vniTones), invert(vniCircumflex), invert(vniBreve)
	var sb strings.Builder
	for _, r := range norm.NFC.String(s) {
		if b, ok := letters[r]; ok {
			sb.WriteRune(rune(b))
			continue
		}
		lower := unicode.ToLower(r)
		v, ok := vnVowelOf[lower]
		if !ok {
			sb.WriteRune(r)
			continue
		}
		upper := lower != r
		var base rune
		var marker byte
		switch v.base {
		case 'â', 'ê', 'ô':
			base, marker = map[rune]rune{'â': 'a', 'ê': 'e', 'ô': 'o'}[v.base], circumflex[v.tone]
		case 'ă':
			base, marker = 'a', breve[v.tone]
		case 'ơ':
			base, marker = 0xF4, tones[v.tone]
		case 'ư':
			base, marker = 0xF6, tones[v.tone]
		default:
			base, marker = v.base, tones[v.tone]
		}
		if upper {
			if base < 0x80 {
				base = unicode.ToUpper(base)
			} else {
				base -= 0x20
			}
			if marker != 0 {
				marker -= 0x20
			}
		}
		sb.WriteRune(base)
		if marker != 0 {
			sb.WriteRune(rune(marker))
		}
	}
	return sb.String()
}

// tcvn3RoundTrips reports whether s can survive TCVN3 exactly: VN3 has no
// tone-marked capitals, so these only come back inside words written in
// capitals (see TCVN3ToUnicode).
func tcvn3RoundTrips(s string) bool {
	switch s {
	case "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ",
		"Nguyễn Thị Ngọc Ánh", "Ủy ban nhân dân tỉnh Lạng Sơn", "Ông Ích Khiêm":
		return false
	}
	return true
}

func TestTCVN3RoundTrip(t *testing.T) {
	for _, s := range legacyCorpus {
		enc := unicodeToTCVN3(s)
		got := TCVN3ToUnicode(enc)
		if tcvn3RoundTrips(s) {
			if got != s {
				t.Errorf("TCVN3ToUnicode(%q) = %q, want %q", enc, got, s)
			}
		} else if strings.ToLower(got) != strings.ToLower(s) {
			t.Errorf("TCVN3ToUnicode(%q) = %q, want %q in any case", enc, got, s)
		}
	}
}

// TestTCVN3Capitals documents the capitals: Ă Â Ê Ô Ơ Ư Đ have their own
// codes; the other capitals with marks share the lower-case code and come
// back in lower case in mixed-case text, in capitals in all-capital words.
func TestTCVN3Capitals(t *testing.T) {
	for _, c := range "ĂÂÊÔƠƯĐ" {
		if got := TCVN3ToUnicode(unicodeToTCVN3(string(c))); got != string(c) {
			t.Errorf("%c came back as %q", c, got)
		}
	}
	for _, c := range "ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ" {
		want := string(unicode.ToLower(c))
		if got := TCVN3ToUnicode(unicodeToTCVN3(string(c))); got != want {
			t.Errorf("%c alone came back as %q, want %q", c, got, want)
		}
		word := "X" + string(c) + "Y"
		if got := TCVN3ToUnicode(unicodeToTCVN3(word)); got != word {
			t.Errorf("%q came back as %q", word, got)
		}
	}
}

func TestVNIRoundTrip(t *testing.T) {
	for _, s := range legacyCorpus {
		enc := unicodeToVNI(s)
		if got := VNIToUnicode(enc); got != s {
			t.Errorf("VNIToUnicode(%q) = %q, want %q", enc, got, s)
		}
	}
}

// Samples typed by hand from real documents, so that the tables are
// anchored to the fonts and not only self-consistent.
func TestTCVN3Known(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Th¹ch ®en", "Thạch đen"},
		{"Th¹ch ®en Trµng §Þnh", "Thạch đen Tràng Định"},
		{"Hµ Néi", "Hà Nội"},
		{"Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{"§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
		{"Tr\u00adêng", "Trường"},
		{"Uû ban nh©n d©n tØnh L¹ng S¬n", "Uỷ ban nhân dân tỉnh Lạng Sơn"},
		{"QuyÕt ®Þnh sè 1203/Q§-UBND", "Quyết định số 1203/QĐ-UBND"},
		{"HTX N«ng nghiÖp Quèc Kh¸nh", "HTX Nông nghiệp Quốc Khánh"},
		{"Håi kh« V¨n Quan", "Hồi khô Văn Quan"},
		{"NguyÔn ThÞ Ngäc ¸nh", "Nguyễn Thị Ngọc ánh"},
		{"¤ng ¦íc, ¥n, ¡n, ¢m, £m", "Ông Ước, Ơn, Ăn, Âm, Êm"},
		{"R\u00adîu men l¸", "Rượu men lá"},
		{"MÆt n¹ ®¾ng, cñ kiÖu, quý hãa, mü", "Mặt nạ đắng, củ kiệu, quý hóa, mỹ"},
		// Headings typed in .VnTimeH.
		{"§µ N½NG", "ĐÀ NẴNG"},
		{"Hµ NéI", "HÀ NỘI"},
		{"TR\u00adêNG", "TRƯỜNG"},
		{"Nh·n hiÖu: TH¹CH §EN", "Nhãn hiệu: THẠCH ĐEN"},
		{"Hµ", "Hà"},
		{"HTX Lª", "HTX Lê"},
		// Not letters in VN3: kept.
		{"25°C ± 2, 3 × 4", "25°C ± 2, 3 ì 4"},
		{"Thạch đen", "Thạch đen"},
		{"€ ‚ ƒ „ … † ‡", "€ ‚ ƒ „ … † ‡"},
	}
	for _, tt := range tests {
		if got := TCVN3ToUnicode(tt.in); got != tt.want {
			t.Errorf("TCVN3ToUnicode(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := LegacyTCVN3.Convert(tt.in); got != tt.want {
			t.Errorf("LegacyTCVN3.Convert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The encoder agrees with the hand-typed text.
	for _, tt := range tests[:14] {
		if got := unicodeToTCVN3(tt.want); got != tt.in {
			t.Errorf("unicodeToTCVN3(%q) = %q, want %q", tt.want, got, tt.in)
		}
	}
}

func TestVNIKnown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thaïch ñen", "Thạch đen"},
		{"Thaïch ñen Traøng Ñònh", "Thạch đen Tràng Định"},
		{"Haø Noäi", "Hà Nội"},
		{"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
		{"Tröôøng", "Trường"},
		{"UÛy ban nhaân daân tænh Laïng Sôn", "Ủy ban nhân dân tỉnh Lạng Sơn"},
		{"Nguyeãn Thò Ngoïc AÙnh", "Nguyễn Thị Ngọc Ánh"},
		{"Maät ong baïc haø", "Mật ong bạc hà"},
		{"Röôïu men laù", "Rượu men lá"},
		{"Quyeát ñònh soá 1203/QÑ-UBND", "Quyết định số 1203/QĐ-UBND"},
		{"baèng, ñaëc saûn, naêm, thaúng, nhaün", "bằng, đặc sản, năm, thẳng, nhẵn"},
		{"saûn phaåm chaát löôïng, kyø, Myõ, î, tìm, ví, æ", "sản phẩm chất lượng, kỳ, Mỹ, ỵ, tìm, ví, ỉ"},
		{"ÑAÉK LAÉK, ÔÛ, ÖÙ, AÊN, AÁP, EÀ, OÅ, AÃ, AÄ, AÈ, AÚ, AÜ, AË", "ĐẮK LẮK, Ở, Ứ, ĂN, ẤP, Ề, Ổ, Ẫ, Ậ, Ằ, Ẳ, Ẵ, Ặ"},
		{"Ì Í Æ Ó Ò Î", "Ì Í Ỉ Ĩ Ị Ỵ"},
		// Markers after letters that cannot carry them are kept.
		{"café, Société, naïve, 25°C, õ", "café, Société, nạve, 25°C, õ"},
		// Markers of the other case than the letter, and a circumflex or
		// breve followed by a separate tone marker, are accepted.
		{"Uûy, aÙ, OÂù, aêï", "Ủy, á, Ố, ặ"},
		{"Thạch đen", "Thạch đen"},
	}
	for _, tt := range tests {
		if got := VNIToUnicode(tt.in); got != tt.want {
			t.Errorf("VNIToUnicode(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := LegacyVNI.Convert(tt.in); got != tt.want {
			t.Errorf("LegacyVNI.Convert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range tests[:16] {
		if got := unicodeToVNI(tt.want); got != tt.in {
			t.Errorf("unicodeToVNI(%q) = %q, want %q", tt.want, got, tt.in)
		}
	}
}

func TestLegacyString(t *testing.T) {
	for l, want := range map[Legacy]string{LegacyNone: "Unicode", LegacyTCVN3: "TCVN3 (ABC)", LegacyVNI: "VNI", 7: "Legacy(7)"} {
		if got := l.String(); got != want {
			t.Errorf("Legacy(%d).String() = %q, want %q", int(l), got, want)
		}
	}
	if got := LegacyNone.Convert("Th¹ch ®en"); got != "Th¹ch ®en" {
		t.Errorf("LegacyNone.Convert changed the text: %q", got)
	}
}

func TestDetectLegacy(t *testing.T) {
	encode := func(f func(string) string, list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = f(s)
		}
		return out
	}
	unicodeVI := []string{"Thạch đen Tràng Định", "Nguyễn Văn Đức", "Hồi khô Văn Quan", "Mật ong bạc hà", "Khau nhục", "Đoàn Kết"}
	tests := []struct {
		name    string
		samples []string
		want    Legacy
	}{
		{"TCVN3 corpus", encode(unicodeToTCVN3, legacyCorpus), LegacyTCVN3},
		{"VNI corpus", encode(unicodeToVNI, legacyCorpus), LegacyVNI},
		{"TCVN3 column", encode(unicodeToTCVN3, unicodeVI), LegacyTCVN3},
		{"VNI column", encode(unicodeToVNI, unicodeVI), LegacyVNI},
		{"TCVN3 one cell", []string{"Th¹ch ®en"}, LegacyTCVN3},
		{"VNI one cell", []string{"Thaïch ñen"}, LegacyVNI},
		{"TCVN3 names", []string{"NguyÔn ThÞ Ngäc ¸nh", "Hoµng V¨n TuÊn", "Lôc ThÞ H\u00ad¬ng"}, LegacyTCVN3},
		{"VNI names", []string{"Nguyeãn Thò Ngoïc AÙnh", "Hoaøng Vaên Tuaán", "Luïc Thò Höông"}, LegacyVNI},
		{"TCVN3 under a Unicode header", append([]string{"Tên sản phẩm", "Chủ thể", "Địa chỉ"}, encode(unicodeToTCVN3, legacyCorpus[:20])...), LegacyTCVN3},
		{"Unicode corpus", legacyCorpus, LegacyNone},
		{"Unicode Vietnamese", unicodeVI, LegacyNone},
		{"English", []string{"Black grass jelly", "Star anise", "Wild honey", "Green tea", "Cooperative", "Lang Son province"}, LegacyNone},
		{"French", []string{"café", "Société", "Crème brûlée", "Hôtel de Ville", "déjà vu", "naïve", "Noël", "São Paulo", "El Niño", "façade", "Müller"}, LegacyNone},
		{"numbers", []string{"1203/QĐ-UBND", "07/7/2023", "12.500.000", "2023-07-07", "4★", "0205.3812.345", "25°C"}, LegacyNone},
		{"Unicode without marks", []string{"Thach den Trang Dinh", "HTX Quoc Khanh"}, LegacyNone},
		{"stray ®", append([]string{"Công ty ® 2023"}, unicodeVI...), LegacyNone},
		{"stray ñ", append([]string{"Señor ñandú"}, unicodeVI...), LegacyNone},
		{"one TCVN3 word", []string{"®en"}, LegacyNone},
		{"one TCVN3 cell among Unicode", append(unicodeVI, "Th¹ch ®en Trµng §Þnh"), LegacyNone},
		{"one VNI cell among Unicode", append(unicodeVI, "Thaïch ñen Traøng Ñònh"), LegacyNone},
		{"empty", nil, LegacyNone},
		{"blank cells", []string{"", " ", "-"}, LegacyNone},
	}
	for _, tt := range tests {
		if got := DetectLegacy(tt.samples); got != tt.want {
			t.Errorf("%s: DetectLegacy = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func FuzzLegacy(f *testing.F) {
	for _, s := range []string{"", "Th¹ch ®en", "Thaïch ñen", "Thạch đen Tràng Định", "aâù", "AÊÙ", "ÔØ", "§µ N½NG",
		"\xffx\xc3", "a\u0302\u0301", "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ", "ÿ\u00ad×÷", "İ\u212a ß 中国 🍯"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, conv := range map[string]func(string) string{"TCVN3": TCVN3ToUnicode, "VNI": VNIToUnicode} {
			got := conv(s)
			if !utf8.ValidString(got) {
				t.Errorf("%s(%q) = %q: invalid UTF-8", name, s, got)
			}
			if utf8.ValidString(s) && !norm.NFC.IsNormalString(got) {
				t.Errorf("%s(%q) = %q: not NFC", name, s, got)
			}
		}
		DetectLegacy([]string{s, s})
	})
}
