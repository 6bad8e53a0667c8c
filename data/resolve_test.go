package data

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ocopdesk/ocop/data/viet"
)

func testResolver(t *testing.T, home string) (*Store, *CommuneResolver) {
	t.Helper()
	s := openTemp(t)
	r, err := s.CommuneResolver(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	r.home = home
	return s, r
}

// otherToneStyle writes name with the other placement of tones on oa, oe
// and uy at the end of a word: "Thủy" ↔ "Thuỷ", "Hòa" ↔ "Hoà".
func otherToneStyle(name string) string {
	toned := map[rune][5]rune{
		'o': {'ò', 'ó', 'ỏ', 'õ', 'ọ'}, 'a': {'à', 'á', 'ả', 'ã', 'ạ'}, 'e': {'è', 'é', 'ẻ', 'ẽ', 'ẹ'},
		'u': {'ù', 'ú', 'ủ', 'ũ', 'ụ'}, 'y': {'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'},
	}
	swap := map[string]string{}
	for _, pair := range []string{"oa", "oe", "uy"} {
		first, second := rune(pair[0]), rune(pair[1])
		for tone := range 5 {
			oldStyle := string(toned[first][tone]) + string(second)
			newStyle := string(first) + string(toned[second][tone])
			swap[oldStyle], swap[newStyle] = newStyle, oldStyle
		}
	}
	words := strings.Fields(name)
	for i, w := range words {
		if len(w) < 2 {
			continue
		}
		lower := strings.ToLower(w)
		_, n1 := utf8.DecodeLastRuneInString(lower)
		_, n2 := utf8.DecodeLastRuneInString(lower[:len(lower)-n1])
		end := lower[len(lower)-n1-n2:]
		if to, ok := swap[end]; ok {
			words[i] = w[:len(w)-len(end)] + to
		}
	}
	return strings.Join(words, " ")
}

// Every current unit is found from its own name, written every way an
// office writes it, by an office of its province; from another province's
// office, with its province. Without tone marks a name another unit of the
// province shares ("Văn Lang", "Văn Lăng"; "Thanh An", "Thạnh An") gives
// both to choose from.
func TestEveryCommuneFoundByName(t *testing.T) {
	_, r := testResolver(t, "")
	units, _ := ReferenceCommunes()
	if len(units) != 3321 {
		t.Fatalf("%d units in the reference list, want 3,321", len(units))
	}
	provinces := map[string]ProvinceUnit{}
	for _, p := range ReferenceProvinces(units) {
		provinces[p.Code] = p
	}
	if len(provinces) != 34 {
		t.Fatalf("%d provinces, want 34", len(provinces))
	}
	styled := 0
	for _, u := range units {
		forms := []string{u.Name, u.Kind + " " + u.Name, strings.ToUpper(u.Kind + " " + u.Name),
			viet.Fold(u.Name), viet.Fold(u.Kind + " " + u.Name)}
		if alt := otherToneStyle(u.Name); alt != u.Name {
			styled++
			forms = append(forms, alt, u.Kind+" "+alt)
		}
		for _, home := range []string{u.ProvinceCode, "other"} {
			r.home = home
			for _, form := range forms {
				address := "Thôn Nà Pàn, " + form
				if home == "other" {
					address += ", " + provinces[u.ProvinceCode].Title()
				}
				m := r.Resolve(address)
				unmarked := viet.Fold(form) == form || viet.Fold(u.Name) == strings.ToLower(u.Name) // "Thanh An" may be Thạnh An
				switch {
				case m.Found && m.Commune.Code == u.Code:
				case !m.Found && unmarked && slices.ContainsFunc(m.Choices, func(c Commune) bool { return c.Code == u.Code }) &&
					!slices.ContainsFunc(m.Choices, func(c Commune) bool {
						return c.ProvinceCode != u.ProvinceCode || viet.Fold(c.Name) != viet.Fold(u.Name)
					}):
				default:
					t.Errorf("%s %s (%s), office in %s: %q gives %+v", u.Kind, u.Name, u.Code, home, address, m)
				}
			}
		}
	}
	if styled < 100 {
		t.Errorf("only %d names have another tone style", styled)
	}
}

func TestOldAddresses(t *testing.T) {
	_, r := testResolver(t, "")
	for _, c := range []struct {
		home, address string
		want          string   // code of the current commune; "" for none
		choices       []string // codes to choose from
		note          string   // part of the note
	}{
		// Đắk Nông is in Lâm Đồng since 2025.
		{"68", "Thôn 3, xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông", "24722", nil, "Xã Thuận Hà, Huyện Đắk Song, Tỉnh Đắk Nông (trước 01/7/2025) nay thuộc xã Thuận Hạnh, tỉnh Lâm Đồng"},
		{"68", "thon 3, xa thuan ha, huyen dak song, tinh dak nong", "24722", nil, ""},
		{"68", "Thôn 3 xã Thuận Hà huyện Đắk Song tỉnh Đắk Nông", "24722", nil, ""},
		{"20", "Thôn 3, xã Thuận Hà, huyện Đắk Song, tỉnh Đắk Nông", "24722", nil, ""}, // from another province's office
		{"68", "xã Thuận Hạnh, tỉnh Lâm Đồng", "24722", nil, ""},
		// Three old xã Tân Thành went three ways; the district tells them apart.
		{"68", "xã Tân Thành, huyện Krông Nô, tỉnh Đắk Nông", "24688", nil, "Huyện Krông Nô"},
		{"68", "Thôn Bình Minh, xã Tân Thành, huyện Đức Trọng", "24976", nil, ""},
		{"68", "xã Tân Thành, huyện Hàm Thuận Nam, tỉnh Bình Thuận", "23143", nil, ""},
		{"68", "xã Bình Thạnh, huyện Tuy Phong, tỉnh Bình Thuận", "22969", nil, ""},
		{"68", "xã Bình Thạnh, huyện Đức Trọng, tỉnh Lâm Đồng", "24871", nil, ""},
		// Split between two: asked, never guessed.
		{"68", "Thôn 2, xã Phong Phú, huyện Tuy Phong, tỉnh Bình Thuận", "", []string{"22972", "22978"}, "đã được chia cho 2 xã, phường"},
		{"20", "xã Bính Xá, huyện Đình Lập", "", []string{"06613", "06625"}, "hãy chọn"},
		// Lạng Sơn, Hà Nội, Hồ Chí Minh, Nghệ An.
		{"20", "khối 5, thị trấn Thất Khê, huyện Tràng Định", "06040", nil, ""},
		{"20", "thôn Nà Pàn, xã Quốc Khánh, huyện Tràng Định (cũ)", "", nil, ""}, // checked below by name
		{"01", "số 5 phố Quán Thánh, phường Quán Thánh, quận Ba Đình, Hà Nội", "00004", nil, ""},
		{"79", "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", "26740", nil, ""},
		// A current name with a dash.
		{"68", "Số 2, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng", "24781", nil, ""},
		// Across the border: a commune of another province, named with it.
		{"20", "Tổ 5, phường Thục Phán, tỉnh Cao Bằng", "01273", nil, ""},
		{"20", "huyện Tràng Định (cũ)", "", nil, ""},
		{"20", "", "", nil, ""},
		{"20", "(((,,, - –", "", nil, ""},
	} {
		r.home = c.home
		m := r.Resolve(c.address)
		var choices []string
		for _, ch := range m.Choices {
			choices = append(choices, ch.Code)
		}
		slices.Sort(choices)
		got := ""
		if m.Found {
			got = m.Commune.Code
		}
		if c.address == "thôn Nà Pàn, xã Quốc Khánh, huyện Tràng Định (cũ)" {
			if !m.Found || m.Commune.Name != "Quốc Khánh" {
				t.Errorf("%q: %+v", c.address, m)
			}
			continue
		}
		if got != c.want || !reflect.DeepEqual(choices, c.choices) || !strings.Contains(m.Note(), c.note) {
			t.Errorf("office %s, %q: found %q, choices %v, note %q; want %q, %v, note with %q",
				c.home, c.address, got, choices, m.Note(), c.want, c.choices, c.note)
		}
		if m.Found && m.Commune.ID == 0 {
			t.Errorf("%q: commune without its database id", c.address)
		}
	}
}

// Same-named communes: the office's province first, then the rest.
func TestResolvePrefersOfficeProvince(t *testing.T) {
	units, _ := ReferenceCommunes()
	var tanLap []Commune
	for _, u := range units {
		if u.Name == "Tân Lập" {
			tanLap = append(tanLap, u)
		}
	}
	if len(tanLap) < 2 {
		t.Fatalf("Tân Lập: %d units", len(tanLap))
	}
	_, r := testResolver(t, "")
	for _, u := range tanLap {
		r.home = u.ProvinceCode
		if m := r.Resolve(u.Kind + " Tân Lập"); !m.Found || m.Commune.Code != u.Code {
			t.Errorf("office in %s: %s Tân Lập gives %+v, want %s", u.Province, u.Kind, m, u.Code)
		}
	}
}

// Upgrading a Lạng Sơn office's database keeps its communes as they were
// (ids, codes, names, kinds, covered, notes, those added by hand) and adds
// the rest of the country beside them.
func TestUpgradeKeepsOfficeCommunes(t *testing.T) {
	type row struct {
		ID                            int64
		Code, Name, Kind, Prov, Notes string
		Covered                       bool
	}
	read := func(db *sql.DB) []row {
		rows, err := db.Query("SELECT id, COALESCE(code, ''), name, kind, province, note, covered FROM communes ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			rows.Scan(&r.ID, &r.Code, &r.Name, &r.Kind, &r.Prov, &r.Notes, &r.Covered)
			out = append(out, r)
		}
		return out
	}
	for v := 1; v < 6; v++ {
		path := copyFixture(t, v)
		raw, err := sql.Open("sqlite", dsn(path, true))
		if err != nil {
			t.Fatal(err)
		}
		before := read(raw)
		raw.Close()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		after := read(s.db)
		if len(before) != 66 || len(after) != 3321+1 || !reflect.DeepEqual(after[:len(before)], before) {
			t.Errorf("v%d: %d communes before, %d after; the office's changed: %v", v, len(before), len(after), listDiff(after[:min(len(after), len(before))], before))
		}
		st, _ := s.Settings(t.Context())
		if st.ProvinceCode != "20" || st.Province != "Lạng Sơn" {
			t.Errorf("v%d: province %q %q, want 20 Lạng Sơn", v, st.ProvinceCode, st.Province)
		}
		var changes int
		s.db.QueryRow("SELECT count(*) FROM commune_changes").Scan(&changes)
		if changes != 10571 {
			t.Errorf("v%d: %d conversion rows, want 10,571", v, changes)
		}
		s.Close()
	}
}

// An office of another province: its province in the settings, its
// communes offered, the name printed on reports.
func TestOfficeProvince(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ProvinceCode, st.Province = "PHÒNG KINH TẾ", "68", ""
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	st, _ = s.Settings(ctx)
	if st.ProvinceCode != "68" || st.Province != "Lâm Đồng" || st.ReportRecipient() != "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng" {
		t.Errorf("settings %q %q, recipient %q", st.ProvinceCode, st.Province, st.ReportRecipient())
	}
	communes, _ := s.Communes(ctx)
	for _, c := range communes {
		if c.ProvinceCode != "68" {
			t.Errorf("an office in Lâm Đồng is offered %+v", c)
			break
		}
	}
	if len(communes) < 100 {
		t.Errorf("%d communes offered to Lâm Đồng", len(communes))
	}
	st.ProvinceCode = "99"
	if err := s.SaveSettings(ctx, st); err == nil || !strings.Contains(err.Error(), "99") {
		t.Errorf("province 99 saved: %v", err)
	}
	st.ProvinceCode = ""
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.Settings(ctx); st.ProvinceCode != "68" {
		t.Errorf("saving settings without a code lost it: %q", st.ProvinceCode)
	}
	provinces, _ := s.Provinces(ctx)
	if len(provinces) != 34 || provinces[0].Title() != "thành phố Hà Nội" {
		t.Errorf("provinces: %d, first %+v", len(provinces), provinces[0])
	}
}

func TestSetUpOffice(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	st := Settings{OfficeName: "PHÒNG KINH TẾ", ParentBody: "UBND XÃ THUẬN HẠNH", ProvinceCode: "68", ExpiryWindowDays: 90,
		Language: "vi", KeepDaily: 30, KeepBefore: 10}
	if err := s.SetUpOffice(ctx, st, []string{"24722", "99999"}, false); err == nil || !strings.Contains(err.Error(), "99999") {
		t.Errorf("a code outside the province: %v", err)
	}
	if err := s.SetUpOffice(ctx, st, []string{"24722"}, false); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Settings(ctx)
	communes, _ := s.Communes(ctx)
	var covered []string
	for _, c := range communes {
		if c.Covered {
			covered = append(covered, c.Code)
		}
	}
	if got.Province != "Lâm Đồng" || got.PlaceName != "Thuận Hạnh" || !slices.Equal(covered, []string{"24722"}) {
		t.Errorf("set up: %q %q, covered %v", got.Province, got.PlaceName, covered)
	}
	if err := s.SetUpOffice(ctx, st, nil, true); err != ErrAlreadySetUp {
		t.Errorf("setting up again: %v", err)
	}
}
