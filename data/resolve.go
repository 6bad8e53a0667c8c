package data

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ocopdesk/ocop/data/viet"
)

// Finding the current commune an address names. Offices' lists write
// addresses as they stood when written: before 01/7/2025 with a commune,
// its district and its province ("Thôn 3, xã Thuận Hà, huyện Đắk Song,
// tỉnh Đắk Nông"), since then with the commune and the province. The
// resolver knows every current commune and, through the conversion table,
// every old one, indexed once by name (with and without tone marks, either
// tone style) so that a row costs a few map look-ups.

// CommuneMatch is what an address says about its commune.
type CommuneMatch struct {
	Commune Commune // the current commune, when Found
	Found   bool
	// Choices are the current communes the address may mean when it cannot
	// tell: an old commune split between several in 2025, or a name that
	// several communes share. The user picks one; nothing is guessed.
	Choices []Commune
	// Old is the pre-2025 commune the address named, as the conversion
	// table writes it ("Xã Thuận Hà, Huyện Đắk Song, Tỉnh Đắk Nông"), when
	// the commune was found through it.
	Old   string
	Split bool // Choices come from an old commune split in 2025
	res   *CommuneResolver
}

// Note says in Vietnamese how the commune was found, or why the user must
// choose it; "" for a commune named as it is now.
func (m CommuneMatch) Note() string {
	switch {
	case m.Found && m.Old != "":
		return fmt.Sprintf("%s (trước 01/7/2025) nay thuộc %s", m.Old, m.res.Place(m.Commune))
	case len(m.Choices) > 0:
		var names []string
		for _, c := range m.Choices {
			names = append(names, m.res.Place(c))
		}
		if m.Split {
			return fmt.Sprintf("%s (trước 01/7/2025) đã được chia cho %d xã, phường: %s; hãy chọn xã, phường đúng",
				m.Old, len(m.Choices), strings.Join(names, "; "))
		}
		return fmt.Sprintf("có %d xã, phường trùng tên: %s; hãy chọn xã, phường đúng", len(m.Choices), strings.Join(names, "; "))
	}
	return ""
}

// CommuneResolver finds communes in addresses; build it once for a list.
type CommuneResolver struct {
	home      string // the office's province code, preferred
	units     []Commune
	toned     []string // each unit's name as ToneKey writes it
	provinces map[string]ProvinceUnit
	current   map[string][]int // name key (toned or folded) -> units
	old       map[string][]*oldCommune
	byHand    map[string]int  // folded full name of a commune added by hand -> unit
	provNames map[string]bool // folded names of provinces, current and old
	districts map[string]bool // folded names of old districts
}

type oldCommune struct {
	name, kind      string // "Xã Thuận Hà", folded kind "xa"
	district, dfold string // "Huyện Đắk Song", "dak song"
	province, pfold string // "Tỉnh Đắk Nông", "dak nong"
	toned           string // its name's ToneKey, without its kind
	targets         []int  // current units it went into
	seenTarget      map[int]bool
}

// Kinds of a commune-level name, folded, as addresses and the table write them.
var addressKinds = []struct{ prefix, kind string }{
	{"thi tran ", "thi tran"}, {"tt. ", "thi tran"}, {"tt ", "thi tran"}, {"xa ", "xa"}, {"phuong ", "phuong"},
	{"p. ", "phuong"}, {"dac khu ", "dac khu"},
}

// splitKind cuts a commune's kind off its name: "Xã Thuận Hà" → "xa", "Thuận Hà".
func splitKind(name string) (kind, rest string) {
	f := viet.Fold(name)
	for _, k := range addressKinds {
		if strings.HasPrefix(f, k.prefix) {
			w := strings.Fields(name)
			n := len(strings.Fields(k.prefix))
			if len(w) > n {
				return k.kind, strings.Join(w[n:], " ")
			}
		}
	}
	return "", name
}

// cutDistrictKind cuts "Huyện", "Quận", "Thị xã", "Thành phố" off a district's name.
func cutDistrictKind(name string) string {
	f := viet.Fold(name)
	for _, k := range []string{"huyen ", "quan ", "thi xa ", "thanh pho ", "tp. ", "tp ", "tx. ", "tx "} {
		if strings.HasPrefix(f, k) {
			w := strings.Fields(name)
			if n := len(strings.Fields(k)); len(w) > n {
				return strings.Join(w[n:], " ")
			}
		}
	}
	return name
}

// nameKeys are the keys a name is found by: with its marks (either tone
// style), and folded, which the index holds. Dashes are spaced alike:
// "Xuân Hương-Đà Lạt" is "Xuân Hương - Đà Lạt".
func nameKeys(name string) (toned, folded string) {
	if strings.ContainsAny(name, "-–") {
		name = strings.ReplaceAll(strings.ReplaceAll(name, "–", "-"), "-", " - ")
	}
	return viet.ToneKey(name), viet.Fold(name)
}

// known reports whether name is the name of a current or an old commune.
func (r *CommuneResolver) known(name string) bool {
	return len(lookup(r.current, name)) > 0 || len(lookup(r.old, name)) > 0
}

// NewCommuneResolver indexes communes (with their database ids) and the
// conversion table; home is the office's province code.
func NewCommuneResolver(communes []Commune, changes []CommuneChange, provinces []ProvinceUnit, home string) *CommuneResolver {
	r := &CommuneResolver{home: home, units: communes, toned: make([]string, len(communes)), provinces: map[string]ProvinceUnit{}, current: map[string][]int{},
		old: map[string][]*oldCommune{}, byHand: map[string]int{}, provNames: map[string]bool{}, districts: map[string]bool{}}
	for _, p := range provinces {
		r.provinces[p.Code] = p
		r.provNames[viet.Fold(p.Name)] = true
	}
	byCode := map[string]int{}
	for i, c := range communes {
		if c.Code == "" {
			f := viet.Fold(c.Name)
			r.byHand[f] = i
			if j := strings.Index(f, "("); j > 0 {
				r.byHand[strings.TrimSpace(f[:j])] = i
			}
			continue
		}
		byCode[c.Code] = i
		t, f := nameKeys(c.Name)
		r.toned[i] = t
		r.current[f] = append(r.current[f], i)
	}
	// One old commune per old code (per name, district and province when the table gives no code).
	byOld := map[string]*oldCommune{}
	for _, ch := range changes {
		target, ok := byCode[ch.NewCode]
		if !ok || ch.OldName == "" {
			continue
		}
		key := ch.OldCode
		if key == "" {
			key = ch.OldName + "\x00" + ch.OldDistrict + "\x00" + ch.OldProvince
		}
		o := byOld[key]
		if o == nil {
			kind, rest := splitKind(ch.OldName)
			_, pname := splitProvince(ch.OldProvince)
			o = &oldCommune{name: ch.OldName, kind: kind, district: ch.OldDistrict, dfold: viet.Fold(cutDistrictKind(ch.OldDistrict)),
				province: ch.OldProvince, pfold: viet.Fold(pname), seenTarget: map[int]bool{}}
			byOld[key] = o
			t, f := nameKeys(rest)
			o.toned = t
			r.old[f] = append(r.old[f], o)
			r.provNames[o.pfold] = true
			if o.dfold != "" {
				r.districts[o.dfold] = true
			}
		}
		if !o.seenTarget[target] {
			o.seenTarget[target] = true
			o.targets = append(o.targets, target)
		}
	}
	return r
}

// Place is a commune with its kind and province: "xã Thuận Hạnh, tỉnh Lâm Đồng".
func (r *CommuneResolver) Place(c Commune) string {
	if p, ok := r.provinces[c.ProvinceCode]; ok {
		return c.Title() + ", " + p.Title()
	}
	if c.Province != "" {
		return c.Title() + ", " + c.Province
	}
	return c.Title()
}

// Levels of a part of an address.
const (
	partNone     = iota // unmarked: "Thuận Hà"
	partPlace           // below the commune: thôn, bản, khối, số nhà…
	partCommune         // xã, phường, thị trấn, đặc khu
	partDistrict        // huyện, quận, thị xã
	partCity            // thành phố: a district or a province
	partProvince        // tỉnh
)

type addressPart struct {
	level int
	kind  string // folded commune kind, for partCommune
	name  string // without its marker, as written
}

// Markers at the start of a part, as written with their marks, with the
// level they give.
var partMarkers = []struct {
	marker string
	level  int
}{
	{"thị trấn", partCommune}, {"tt.", partCommune}, {"tt", partCommune}, {"xã", partCommune}, {"phường", partCommune},
	{"p.", partCommune}, {"đặc khu", partCommune},
	{"huyện", partDistrict}, {"quận", partDistrict}, {"thị xã", partDistrict}, {"tx.", partDistrict}, {"tx", partDistrict},
	{"h.", partDistrict}, {"q.", partDistrict},
	{"thành phố", partCity}, {"tp.", partCity}, {"tp", partCity},
	{"tỉnh", partProvince}, {"t.", partProvince},
	{"thôn", partPlace}, {"bản", partPlace}, {"khối", partPlace}, {"xóm", partPlace}, {"ấp", partPlace}, {"tổ", partPlace},
	{"khu", partPlace}, {"số", partPlace}, {"đường", partPlace}, {"phố", partPlace}, {"làng", partPlace}, {"buôn", partPlace},
	{"plei", partPlace}, {"tdp", partPlace}, {"tổ dân phố", partPlace}, {"khóm", partPlace},
}

// Words that begin a new part in an address written without commas
// ("xã Thuận Hà huyện Đắk Song"), in lower case with their marks so that a
// name such as "Hải Tĩnh" is not cut at "Tĩnh".
var partStarts = map[string]bool{"xã": true, "phường": true, "thị": true, "huyện": true, "quận": true, "tỉnh": true, "thành": true}

func (r *CommuneResolver) splitAddress(address string) []addressPart {
	var raw []string
	for _, p := range strings.FieldsFunc(address, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		// A dash parts "thôn Bản Chang - xã Kháng Chiến", not "phường Xuân Hương - Đà Lạt".
		if strings.ContainsAny(p, "-–") && !r.known(r.parsePart(p).name) {
			raw = append(raw, strings.FieldsFunc(p, func(r rune) bool { return r == '-' || r == '–' })...)
		} else {
			raw = append(raw, p)
		}
	}
	var out []addressPart
	for _, p := range raw {
		if i := strings.Index(p, "("); i >= 0 {
			p = p[:i]
		}
		words := strings.Fields(p)
		start := 0
		for i := 1; i <= len(words); i++ {
			if i < len(words) {
				w := strings.ToLower(words[i])
				cut := partStarts[w]
				if w == "thị" || w == "thành" {
					next := ""
					if i+1 < len(words) {
						next = strings.ToLower(words[i+1])
					}
					cut = (w == "thị" && (next == "trấn" || next == "xã")) || (w == "thành" && next == "phố")
				}
				if !cut || strings.ToLower(words[i-1]) == "thị" {
					continue
				}
			}
			out = append(out, r.parsePart(strings.Join(words[start:i], " ")))
			start = i
		}
	}
	return out
}

// parsePart reads a part's marker. Written with its marks, "phường Liệt"
// is marked and "Phương Liệt" is a name; without marks, "phuong liet" is
// the name of a commune when there is one.
func (r *CommuneResolver) parsePart(p string) addressPart {
	words := strings.Fields(p)
	folded := strings.Fields(viet.Fold(p))
	plain := strings.Join(folded, " ") == strings.ToLower(strings.Join(words, " "))
	for _, m := range markerKeys() {
		n := len(m.folded)
		if len(words) <= n || len(folded) != len(words) || !slices.Equal(folded[:n], m.folded) {
			continue
		}
		if !plain && viet.ToneKey(strings.Join(words[:n], " ")) != m.toned {
			continue // "Phương Liệt" is a name, "phường Liệt" a ward
		}
		if (plain || m.level == partPlace) && r.known(p) {
			break // "Phố Bảng", "Bản Máy", "Buôn Đôn" are communes
		}
		part := addressPart{level: m.level, name: strings.Join(words[n:], " ")}
		if m.level == partCommune {
			part.kind, _ = splitKind(p)
		}
		return part
	}
	return addressPart{level: partNone, name: p}
}

// markerKeys are partMarkers folded (word by word) and as ToneKey writes them.
var markerKeys = sync.OnceValue(func() []struct {
	folded []string
	toned  string
	level  int
} {
	out := make([]struct {
		folded []string
		toned  string
		level  int
	}, len(partMarkers))
	for i, m := range partMarkers {
		out[i].folded, out[i].toned, out[i].level = strings.Fields(viet.Fold(m.marker)), viet.ToneKey(m.marker), m.level
	}
	return out
})

// Find returns the current commune an address names, when it can tell.
func (r *CommuneResolver) Find(address string) (Commune, bool) {
	m := r.Resolve(address)
	return m.Commune, m.Found
}

// Resolve reads an address from its end backwards ("thôn Nà Pàn, xã Quốc
// Khánh, huyện Tràng Định (cũ)" names Quốc Khánh, not Tràng Định): a part
// marked as a commune (xã, phường, thị trấn), or failing that any part that
// is a commune's name. The name may be a current commune's or an old one's;
// the district and province the address writes choose between communes of
// the same name, then the office's province is preferred.
func (r *CommuneResolver) Resolve(address string) CommuneMatch {
	none := CommuneMatch{res: r}
	if r == nil || strings.TrimSpace(address) == "" {
		return none
	}
	parts := r.splitAddress(address)
	// The district and province the other parts write.
	context := func(skip int) (provinces, districts map[string]bool) {
		provinces, districts = map[string]bool{}, map[string]bool{}
		for j, p := range parts {
			if j == skip {
				continue
			}
			f := viet.Fold(p.name)
			switch p.level {
			case partProvince:
				provinces[f] = true
			case partDistrict:
				districts[f] = true
			case partCity:
				provinces[f], districts[f] = true, true
			case partNone:
				if r.provNames[f] {
					provinces[f] = true
				}
				if r.districts[f] {
					districts[f] = true
				}
			}
		}
		return provinces, districts
	}
	// Marked communes first, then unmarked parts that are not a district's
	// or province's name, then those too.
	for pass := 0; pass < 3; pass++ {
		for i := len(parts) - 1; i >= 0; i-- {
			p := parts[i]
			f := viet.Fold(p.name)
			switch {
			case pass == 0 && p.level != partCommune:
				continue
			case pass > 0 && p.level != partNone:
				continue
			case pass == 1 && (r.provNames[f] || r.districts[f]):
				continue
			case pass == 2 && !(r.provNames[f] || r.districts[f]):
				continue
			}
			provinces, districts := context(i)
			if m, ok := r.resolveName(p.name, p.kind, provinces, districts); ok {
				return m
			}
		}
	}
	// A commune added by hand, by its whole name.
	for i := len(parts) - 1; i >= 0; i-- {
		raw := parts[i].name
		if parts[i].level == partCommune {
			raw = parts[i].kind + " " + raw
		}
		for _, k := range []string{viet.Fold(raw), viet.Fold(parts[i].name)} {
			if j, ok := r.byHand[k]; ok {
				return CommuneMatch{Commune: r.units[j], Found: true, res: r}
			}
		}
	}
	return none
}

// lookup returns the entries under a name's folded form: "ba dinh" is Ba
// Đình as well as Ba Dinh. Its marks decide later between those left.
func lookup[T any](m map[string][]T, name string) []T {
	_, f := nameKeys(name)
	return m[f]
}

// exact keeps those of list whose name has the marks written, when some
// have: "Sơn Hà" is not "Sơn Hạ", while "son ha" may be either.
func exact[T any](list []T, written string, toned func(T) string) []T {
	if len(list) < 2 {
		return list
	}
	t, f := nameKeys(written)
	if t == f {
		return list // no marks written
	}
	if got := filter(list, func(x T) bool { return toned(x) == t }); len(got) > 0 {
		return got
	}
	return list
}

func (r *CommuneResolver) resolveName(name, kind string, provinces, districts map[string]bool) (CommuneMatch, bool) {
	fromCurrent := func(list []int) CommuneMatch {
		return r.fromCurrent(exact(list, name, func(i int) string { return r.toned[i] }))
	}
	fromOld := func(list []*oldCommune) CommuneMatch {
		return r.fromOld(exact(list, name, func(o *oldCommune) string { return o.toned }))
	}
	var cur []int
	for _, i := range lookup(r.current, name) {
		if kind == "" || kind == viet.Fold(r.units[i].Kind) {
			cur = append(cur, i)
		}
	}
	var old []*oldCommune
	for _, o := range lookup(r.old, name) {
		if kind == "" || o.kind == "" || kind == o.kind {
			old = append(old, o)
		}
	}
	if len(cur) == 0 && len(old) == 0 && kind != "" {
		// "thị trấn Thất Khê" for the xã Thất Khê it became, when the table
		// does not say.
		return r.resolveName(name, "", provinces, districts)
	}
	if len(cur) == 0 && len(old) == 0 {
		return CommuneMatch{}, false
	}
	inProvince := func(i int) bool { return provinces[viet.Fold(r.units[i].Province)] }
	oldIn := func(o *oldCommune) bool {
		if provinces[o.pfold] {
			return true
		}
		for _, t := range o.targets {
			if inProvince(t) {
				return true
			}
		}
		return false
	}
	home := func(i int) bool { return r.units[i].ProvinceCode == r.home }
	oldHome := func(o *oldCommune) bool {
		for _, t := range o.targets {
			if home(t) {
				return true
			}
		}
		return false
	}
	// An old district written: the old commune of that name in it.
	if len(districts) > 0 {
		if got := filter(old, func(o *oldCommune) bool { return districts[o.dfold] }); len(got) > 0 {
			if len(provinces) > 0 {
				if in := filter(got, oldIn); len(in) > 0 {
					got = in
				}
			}
			return fromOld(got), true
		}
	}
	if len(provinces) > 0 {
		if got := filter(cur, inProvince); len(got) > 0 {
			return fromCurrent(got), true
		}
		if got := filter(old, oldIn); len(got) > 0 {
			return fromOld(got), true
		}
	}
	if got := filter(cur, home); len(got) > 0 {
		return fromCurrent(got), true
	}
	if got := filter(old, oldHome); len(got) > 0 {
		return fromOld(got), true
	}
	if len(cur) > 0 {
		return fromCurrent(cur), true
	}
	return fromOld(old), true
}

func filter[T any](list []T, keep func(T) bool) []T {
	var out []T
	for _, x := range list {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func (r *CommuneResolver) fromCurrent(list []int) CommuneMatch {
	if len(list) == 1 {
		return CommuneMatch{Commune: r.units[list[0]], Found: true, res: r}
	}
	m := CommuneMatch{res: r}
	for _, i := range list {
		m.Choices = append(m.Choices, r.units[i])
	}
	return m
}

func (r *CommuneResolver) fromOld(list []*oldCommune) CommuneMatch {
	m := CommuneMatch{res: r}
	seen := map[int]bool{}
	var targets []int
	for _, o := range list {
		for _, t := range o.targets {
			if !seen[t] {
				seen[t] = true
				targets = append(targets, t)
			}
		}
	}
	if len(list) == 1 {
		o := list[0]
		m.Old = strings.Join(nonEmpty(o.name, o.district, o.province), ", ")
		m.Split = len(o.targets) > 1
	}
	if len(targets) == 1 {
		m.Commune, m.Found = r.units[targets[0]], true
		return m
	}
	if len(list) > 1 {
		// Several old communes of that name: say which.
		var olds []string
		for _, o := range list {
			olds = append(olds, strings.Join(nonEmpty(o.name, o.district, o.province), ", "))
		}
		m.Old = strings.Join(olds, "; ")
	}
	for _, t := range targets {
		m.Choices = append(m.Choices, r.units[t])
	}
	return m
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
