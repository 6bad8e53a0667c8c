package data

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/ocopdesk/ocop/data/viet"
)

// The country's communes since 01/7/2025 and the conversion table of the
// 2025 reform, embedded under assets/ref and copied into the database by
// schema version 6, where an office may correct them.
const (
	communesFile = "communes-2025.csv"        // province_code,province,code,name,kind
	changesFile  = "commune-changes-2025.csv" // new_code,new_name,old_code,old_name,old_district,…,note
)

// ProvinceUnit is a province-level unit since 01/7/2025.
type ProvinceUnit struct {
	Code string // official code: "20"
	Name string // without its kind: "Lạng Sơn", "Hà Nội"
	Kind string // "tỉnh" or "thành phố"
}

// Title is the province as written after a commune: "tỉnh Lâm Đồng",
// "thành phố Hà Nội".
func (p ProvinceUnit) Title() string { return strings.TrimSpace(p.Kind + " " + p.Name) }

// CommuneChange is one row of the 2025 conversion table: an old commune (or
// part of one) merged into the current commune NewCode.
type CommuneChange struct {
	NewCode                      string
	OldCode, OldName             string // "Xã Thuận Hà"
	OldDistrict, OldDistrictCode string // "Huyện Đắk Song"
	OldProvince, OldProvinceCode string // "Tỉnh Đắk Nông"
	Note                         string // "Nhập toàn bộ", "Nhập một phần", "Giữ nguyên", …
}

// splitProvince reads "Tỉnh Lâm Đồng" / "Thành phố Hà Nội" as kind and name.
func splitProvince(full string) (kind, name string) {
	full = viet.Clean(full)
	f := viet.Fold(full)
	for _, k := range []string{"thanh pho", "tinh"} {
		if strings.HasPrefix(f, k+" ") {
			n := len(strings.Fields(k))
			w := strings.Fields(full)
			return strings.ToLower(strings.Join(w[:n], " ")), strings.Join(w[n:], " ")
		}
	}
	return "tỉnh", full
}

var referenceCommunes = sync.OnceValues(func() ([]Commune, error) {
	rows, err := readRef(communesFile)
	if err != nil {
		return nil, err
	}
	out := make([]Commune, 0, len(rows))
	for i, r := range rows {
		_, name := splitProvince(r["province"])
		c := Commune{Code: r["code"], Name: r["name"], Kind: r["kind"], Province: name, ProvinceCode: r["province_code"]}
		if c.Code == "" || c.Name == "" || c.ProvinceCode == "" {
			return nil, fmt.Errorf("dữ liệu tham chiếu %s dòng %d: thiếu mã, tên hoặc mã tỉnh", communesFile, i+2)
		}
		out = append(out, c)
	}
	return out, nil
})

// ReferenceCommunes returns the embedded list of the country's 3,321
// communes, in the order of the official list (by province, then code),
// without database ids.
func ReferenceCommunes() ([]Commune, error) {
	c, err := referenceCommunes()
	return append([]Commune(nil), c...), err
}

// ReferenceProvinces lists the provinces of units (ReferenceCommunes), by code.
func ReferenceProvinces(units []Commune) []ProvinceUnit {
	kinds := map[string]string{}
	if rows, err := readRef(communesFile); err == nil {
		for _, r := range rows {
			kinds[r["province_code"]], _ = splitProvince(r["province"])
		}
	}
	seen := map[string]bool{}
	var out []ProvinceUnit
	for _, c := range units {
		if !seen[c.ProvinceCode] {
			seen[c.ProvinceCode] = true
			kind := kinds[c.ProvinceCode]
			if kind == "" {
				kind = "tỉnh"
			}
			out = append(out, ProvinceUnit{Code: c.ProvinceCode, Name: c.Province, Kind: kind})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// provinceByName finds the code of the province name names ("Lâm Đồng",
// "tỉnh Lâm Đồng", "lam dong").
func provinceByName(units []Commune, name string) (string, bool) {
	_, n := splitProvince(name)
	f := viet.Fold(n)
	if f == "" {
		return "", false
	}
	for _, c := range units {
		if viet.Fold(c.Province) == f {
			return c.ProvinceCode, true
		}
	}
	return "", false
}

// ReferenceCommuneChanges returns the embedded conversion table.
func ReferenceCommuneChanges() ([]CommuneChange, error) {
	rows, err := readRef(changesFile)
	if err != nil {
		return nil, err
	}
	out := make([]CommuneChange, 0, len(rows))
	for _, r := range rows {
		out = append(out, CommuneChange{NewCode: r["new_code"], OldCode: r["old_code"], OldName: viet.Clean(r["old_name"]),
			OldDistrict: viet.Clean(r["old_district"]), OldDistrictCode: r["old_district_code"],
			OldProvince: viet.Clean(r["old_province"]), OldProvinceCode: r["old_province_code"], Note: viet.Clean(r["note"])})
	}
	return out, nil
}

// Provinces returns the provinces in the database, by code.
func (s *Store) Provinces(ctx context.Context) ([]ProvinceUnit, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT code, name, kind FROM provinces ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProvinceUnit
	for rows.Next() {
		var p ProvinceUnit
		if err := rows.Scan(&p.Code, &p.Name, &p.Kind); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AllCommunes returns every commune of the country (and those added by
// hand), in Vietnamese order of name.
func (s *Store) AllCommunes(ctx context.Context) ([]Commune, error) {
	return readCommunes(ctx, s.db, "", nil)
}

// ProvinceCommunes returns the communes of one province (code "68"),
// those added by hand for it included, in Vietnamese order of name: what
// the first-start dialog offers once the province is chosen.
func (s *Store) ProvinceCommunes(ctx context.Context, code string) ([]Commune, error) {
	return readCommunes(ctx, s.db, "WHERE province_code = ?", []any{code})
}

// CommuneChanges returns the conversion table as the database holds it.
func (s *Store) CommuneChanges(ctx context.Context) ([]CommuneChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT new_code, old_code, old_name, old_district, old_district_code, old_province,
		old_province_code, note FROM commune_changes ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CommuneChange
	for rows.Next() {
		var c CommuneChange
		if err := rows.Scan(&c.NewCode, &c.OldCode, &c.OldName, &c.OldDistrict, &c.OldDistrictCode, &c.OldProvince,
			&c.OldProvinceCode, &c.Note); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CommuneResolver returns a resolver of addresses over every commune in the
// database and the conversion table, preferring the office's province.
// Build it once for a whole list.
func (s *Store) CommuneResolver(ctx context.Context) (*CommuneResolver, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.AllCommunes(ctx)
	if err != nil {
		return nil, err
	}
	changes, err := s.CommuneChanges(ctx)
	if err != nil {
		return nil, err
	}
	provinces, err := s.Provinces(ctx)
	if err != nil {
		return nil, err
	}
	return NewCommuneResolver(all, changes, provinces, st.ProvinceCode), nil
}

// ErrAlreadySetUp refuses to set up a database whose office is set up.
var ErrAlreadySetUp = fmt.Errorf("cơ sở dữ liệu này đã có thông tin đơn vị; không thiết lập lại (sửa ở Cài đặt của chương trình)")

// SetUpOffice sets up a new database for an office, as the first-start
// dialog does: its province (code), its details and the communes it
// covers (codes of that province; "all" for every one). It refuses a
// database already set up.
func (s *Store) SetUpOffice(ctx context.Context, st Settings, communeCodes []string, all bool) error {
	cur, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if cur.Configured() {
		return ErrAlreadySetUp
	}
	prov, err := s.province(ctx, st.ProvinceCode)
	if err != nil {
		return err
	}
	st.Province = prov.Name
	communes, err := s.ProvinceCommunes(ctx, prov.Code)
	if err != nil {
		return err
	}
	byCode := map[string]int64{}
	var ids []int64
	for _, c := range communes {
		byCode[c.Code] = c.ID
		if all && c.Code != "" {
			ids = append(ids, c.ID)
		}
	}
	if !all {
		for _, code := range communeCodes {
			code = strings.TrimSpace(code)
			if code == "" {
				continue
			}
			id, ok := byCode[code]
			if !ok {
				return fmt.Errorf("mã xã %s: không có trong danh mục xã, phường của %s", code, prov.Title())
			}
			ids = append(ids, id)
		}
	}
	if strings.TrimSpace(st.PlaceName) == "" && len(ids) == 1 {
		for _, c := range communes {
			if c.ID == ids[0] {
				st.PlaceName = c.Name
			}
		}
	}
	return s.SaveOffice(ctx, st, ids)
}

// province returns the province of code, or says it has no such code.
func (s *Store) province(ctx context.Context, code string) (ProvinceUnit, error) {
	var p ProvinceUnit
	err := s.db.QueryRowContext(ctx, "SELECT code, name, kind FROM provinces WHERE code = ?", strings.TrimSpace(code)).Scan(&p.Code, &p.Name, &p.Kind)
	if err == sql.ErrNoRows {
		return p, fmt.Errorf("Tỉnh: không có tỉnh, thành phố mã %q (xem danh sách bằng \"ocop list communes\")", code)
	}
	return p, err
}

// SortCommunesByCode orders communes as the official list does: by
// province code, then code, those added by hand last in their province.
func SortCommunesByCode(list []Commune) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.ProvinceCode != b.ProvinceCode {
			return a.ProvinceCode < b.ProvinceCode
		}
		if (a.Code == "") != (b.Code == "") {
			return b.Code == ""
		}
		return a.Code < b.Code
	})
}

// WriteCommunesCSV writes communes as province_code,province,code,name,kind.
func WriteCommunesCSV(w io.Writer, list []Commune) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"province_code", "province", "code", "name", "kind"})
	for _, c := range list {
		cw.Write([]string{c.ProvinceCode, c.Province, c.Code, c.Name, c.Kind})
	}
	cw.Flush()
	return cw.Error()
}

// WriteCommunesTable writes communes one a line for reading: code, kind
// and name, province.
func WriteCommunesTable(w io.Writer, list []Commune) error {
	for _, c := range list {
		code := c.Code
		if code == "" {
			code = "(tự thêm)"
		}
		if _, err := fmt.Fprintf(w, "%-9s  %-30s  %s (%s)\n", code, c.Title(), c.Province, c.ProvinceCode); err != nil {
			return err
		}
	}
	return nil
}
