package data

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/ocopdesk/ocop/assets"
)

// readRef reads an embedded reference CSV and returns its rows as maps from
// header name to value.
func readRef(name string) ([]map[string]string, error) {
	f, err := assets.Ref.Open("ref/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("dữ liệu tham chiếu %s: %w", name, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		out = append(out, row)
	}
	return out, nil
}

// seedReference copies the embedded reference data into a new database.
func seedReference(ctx context.Context, tx *sql.Tx) error {
	steps := []struct {
		file   string
		insert string
		args   func(i int, r map[string]string) ([]any, error)
	}{
		{"communes.csv", "INSERT INTO communes(code, name, kind, province) VALUES (?, ?, ?, 'Lạng Sơn')",
			func(_ int, r map[string]string) ([]any, error) { return []any{r["code"], r["name"], r["kind"]}, nil }},
		{"classification.csv", "INSERT INTO classification(code, parent, level, name, sort_order) VALUES (?, NULLIF(?, ''), ?, ?, ?)",
			func(i int, r map[string]string) ([]any, error) {
				return []any{r["code"], r["parent"], r["level"], r["name"], i}, nil
			}},
		{"producer-types.csv", "INSERT INTO producer_types(code, name, short, sort_order) VALUES (?, ?, ?, ?)",
			func(i int, r map[string]string) ([]any, error) {
				return []any{r["code"], r["name"], r["short"], i}, nil
			}},
		{"star-bands.csv", "INSERT INTO star_bands(effective_from, min_score, stars, source) VALUES (?, ?, ?, ?)",
			func(_ int, r map[string]string) ([]any, error) {
				min, err := ParseScore(r["min_score"])
				return []any{r["effective_from"], int(min), r["stars"], r["source"]}, err
			}},
		{"validity.csv", "INSERT INTO validity_rules(effective_from, months, source) VALUES (?, ?, ?)",
			func(_ int, r map[string]string) ([]any, error) {
				return []any{r["effective_from"], r["months"], r["source"]}, nil
			}},
	}
	for _, st := range steps {
		rows, err := readRef(st.file)
		if err != nil {
			return err
		}
		for i, r := range rows {
			args, err := st.args(i, r)
			if err != nil {
				return fmt.Errorf("%s dòng %d: %w", st.file, i+2, err)
			}
			if _, err := tx.ExecContext(ctx, st.insert, args...); err != nil {
				return fmt.Errorf("%s dòng %d: %w", st.file, i+2, err)
			}
		}
	}
	return nil
}

// seedCountry fills what schema version 6 adds: the 34 provinces, every
// commune of the country beside those the database already has (which keep
// their ids, names and covered flags, and gain their province's code), the
// 2025 conversion table, and the office's province code, from the province
// name it has set (Lạng Sơn, "20", for a database holding Lạng Sơn only).
func seedCountry(ctx context.Context, tx *sql.Tx) error {
	units, err := ReferenceCommunes()
	if err != nil {
		return err
	}
	for _, p := range ReferenceProvinces(units) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO provinces(code, name, kind) VALUES (?, ?, ?)", p.Code, p.Name, p.Kind); err != nil {
			return fmt.Errorf("tỉnh %s: %w", p.Code, err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO communes(code, name, kind, province, province_code) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET province_code = excluded.province_code`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for i, c := range units {
		if _, err := ins.ExecContext(ctx, c.Code, c.Name, c.Kind, c.Province, c.ProvinceCode); err != nil {
			return fmt.Errorf("%s dòng %d: %w", communesFile, i+2, err)
		}
	}
	changes, err := ReferenceCommuneChanges()
	if err != nil {
		return err
	}
	ch, err := tx.PrepareContext(ctx, `INSERT INTO commune_changes(new_code, old_code, old_name, old_district, old_district_code,
		old_province, old_province_code, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ch.Close()
	for i, c := range changes {
		if _, err := ch.ExecContext(ctx, c.NewCode, c.OldCode, c.OldName, c.OldDistrict, c.OldDistrictCode,
			c.OldProvince, c.OldProvinceCode, c.Note); err != nil {
			return fmt.Errorf("%s dòng %d: %w", changesFile, i+2, err)
		}
	}
	// The office's province: the one its settings name, when they name one.
	var name string
	err = tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'province'").Scan(&name)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	office := ""
	if err == nil {
		office = "20"
		if code, ok := provinceByName(units, name); ok {
			office = code
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO settings(key, value) VALUES ('province_code', ?)", office); err != nil {
			return err
		}
	}
	// Communes added by hand take the code of the province they name, else the office's.
	rows, err := tx.QueryContext(ctx, "SELECT id, province FROM communes WHERE province_code = ''")
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	for rows.Next() {
		var id int64
		var prov string
		if err := rows.Scan(&id, &prov); err != nil {
			rows.Close()
			return err
		}
		code, ok := provinceByName(units, prov)
		if !ok {
			code = office
		}
		codes[id] = code
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, code := range codes {
		if _, err := tx.ExecContext(ctx, "UPDATE communes SET province_code = ? WHERE id = ?", code, id); err != nil {
			return err
		}
	}
	return nil
}

// seedEthnicGroups copies the 54 ethnic groups into the database.
func seedEthnicGroups(ctx context.Context, tx *sql.Tx) error {
	rows, err := readRef("ethnic-groups.csv")
	if err != nil {
		return err
	}
	for i, r := range rows {
		if _, err := tx.ExecContext(ctx, "INSERT INTO ethnic_groups(name, other_names, sort_order) VALUES (?, ?, ?)",
			r["name"], r["other_names"], i); err != nil {
			return fmt.Errorf("ethnic-groups.csv dòng %d: %w", i+2, err)
		}
	}
	return nil
}

// EthnicGroups returns the 54 ethnic groups, Kinh first as in the official list.
func (s *Store) EthnicGroups(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM ethnic_groups ORDER BY sort_order")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Class is one entry of the product classification: a group (ngành), a
// sub-group (nhóm) or a product set (bộ), by Decision 148/QĐ-TTg.
type Class struct {
	Code   string // "I", "I.3", "I.3.c"
	Parent string
	Level  string // "nganh", "nhom", "bo"
	Name   string
}

// Classification returns the whole product classification in its order.
func (s *Store) Classification(ctx context.Context) ([]Class, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT code, COALESCE(parent, ''), level, name FROM classification ORDER BY sort_order")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Class
	for rows.Next() {
		var c Class
		if err := rows.Scan(&c.Code, &c.Parent, &c.Level, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ProducerType is a kind of producer (loại hình chủ thể).
type ProducerType struct {
	Code  string // doanh_nghiep, htx, tht, ho_kinh_doanh
	Name  string
	Short string
}

// ProducerTypes returns the producer types in their order.
func (s *Store) ProducerTypes(ctx context.Context) ([]ProducerType, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT code, name, short FROM producer_types ORDER BY sort_order")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProducerType
	for rows.Next() {
		var t ProducerType
		if err := rows.Scan(&t.Code, &t.Name, &t.Short); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Rules returns the star bands and validity rules stored in the database.
func (s *Store) Rules(ctx context.Context) (Rules, error) { return readRules(ctx, s.db) }

func readRules(ctx context.Context, ex execer) (Rules, error) {
	var r Rules
	rows, err := ex.QueryContext(ctx, "SELECT effective_from, min_score, stars, source FROM star_bands")
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var b StarBand
		var from string
		if err := rows.Scan(&from, &b.MinScore, &b.Stars, &b.Source); err != nil {
			rows.Close()
			return r, err
		}
		if b.EffectiveFrom, err = time.Parse("2006-01-02", from); err != nil {
			rows.Close()
			return r, fmt.Errorf("bảng hạng sao: ngày hiệu lực %q: %w", from, err)
		}
		r.Bands = append(r.Bands, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows, err = ex.QueryContext(ctx, "SELECT effective_from, months, source FROM validity_rules")
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var v ValidityRule
		var from string
		if err := rows.Scan(&from, &v.Months, &v.Source); err != nil {
			return r, err
		}
		if v.EffectiveFrom, err = time.Parse("2006-01-02", from); err != nil {
			return r, fmt.Errorf("bảng thời hạn chứng nhận: ngày hiệu lực %q: %w", from, err)
		}
		r.Validity = append(r.Validity, v)
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	return r, readDatedRules(ctx, ex, &r)
}

// Schema version 7 seeds the dated rules and the holidays. Registered here,
// beside the reference files it reads, rather than in store.go's list.
func init() { seeders[7] = seedDatedRules }

// seedDatedRules fills what schema version 7 adds: the classification names,
// certifying levels and procedure of each decision, the public holidays, and
// the star bands and validity of decisions newer than a database has (an
// upgraded one lacks 26/2026's; a new one got every row at version 1). A
// decision's bands go in only when the database has none of that date, so
// rows an office changed stay as they are.
func seedDatedRules(ctx context.Context, tx *sql.Tx) error {
	have := map[string]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT effective_from FROM star_bands")
	if err != nil {
		return err
	}
	for rows.Next() {
		var from string
		if err := rows.Scan(&from); err != nil {
			rows.Close()
			return err
		}
		have[from] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	steps := []struct {
		file   string
		insert string
		args   func(r map[string]string) ([]any, error)
	}{
		{"star-bands.csv", "INSERT INTO star_bands(effective_from, min_score, stars, source) VALUES (?, ?, ?, ?)",
			func(r map[string]string) ([]any, error) {
				if have[r["effective_from"]] {
					return nil, nil
				}
				min, err := ParseScore(r["min_score"])
				return []any{r["effective_from"], int(min), r["stars"], r["source"]}, err
			}},
		{"validity.csv", "INSERT OR IGNORE INTO validity_rules(effective_from, months, source) VALUES (?, ?, ?)",
			func(r map[string]string) ([]any, error) {
				return []any{r["effective_from"], r["months"], r["source"]}, nil
			}},
		{"classification-names.csv", `INSERT INTO classification_names(code, effective_from, name, source)
			SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM classification WHERE code = ?1)`,
			func(r map[string]string) ([]any, error) {
				return []any{r["code"], r["effective_from"], r["name"], r["source"]}, nil
			}},
		{"certifying-levels.csv", "INSERT INTO certifying_levels(effective_from, stars, level, source) VALUES (?, ?, ?, ?)",
			func(r map[string]string) ([]any, error) {
				return []any{r["effective_from"], r["stars"], r["level"], r["source"]}, nil
			}},
		{"procedure.csv", "INSERT INTO procedure_rules(effective_from, key, value, source) VALUES (?, ?, ?, ?)",
			func(r map[string]string) ([]any, error) {
				return []any{r["effective_from"], r["key"], r["value"], r["source"]}, nil
			}},
		{"holidays.csv", "INSERT INTO holidays(day, name, kind, note) VALUES (?, ?, ?, ?)",
			func(r map[string]string) ([]any, error) {
				return []any{r["date"], r["name"], r["kind"], r["note"]}, nil
			}},
	}
	for _, st := range steps {
		rows, err := readRef(st.file)
		if err != nil {
			return err
		}
		for i, r := range rows {
			args, err := st.args(r)
			if err == nil && args != nil {
				_, err = tx.ExecContext(ctx, st.insert, args...)
			}
			if err != nil {
				return fmt.Errorf("%s dòng %d: %w", st.file, i+2, err)
			}
		}
	}
	return nil
}
