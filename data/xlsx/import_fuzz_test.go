package xlsx

import (
	"bytes"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// fuzzRef is reference data without a store: a few communes and sets.
var fuzzRef = Reference{
	Communes: []data.Commune{{ID: 1, Name: "Thất Khê"}, {ID: 2, Name: "Đoàn Kết"}, {ID: 3, Name: "Quốc Khánh"}},
	Classes:  []data.Class{{Code: "I", Level: "nganh", Name: "Thực phẩm"}, {Code: "I.3.c", Parent: "I.3", Level: "bo", Name: "Chế biến từ rau, củ, quả, hạt"}},
}

// readAll runs the whole reading of product lists over tables; it must
// never panic, whatever the cells hold.
func readAll(t *testing.T, tables []Table) {
	for _, tb := range tables {
		if m, ok := DetectProductMapping(tb); ok {
			rows, _ := ProductRows(tb, m, fuzzRef)
			for _, r := range rows {
				if r.Product == "" || r.Producer == "" {
					t.Fatalf("a row without product or producer was kept: %+v", r)
				}
				if r.Cert != nil && (r.Cert.Stars < 1 || r.Cert.Stars > 5 || r.Cert.DecisionDate.IsZero()) {
					t.Fatalf("an invalid decision was kept: %+v", r.Cert)
				}
			}
		}
	}
}

// FuzzImportCSV feeds arbitrary bytes to the CSV import. The seeds are in
// testdata/fuzz/FuzzImportCSV and the CSV fixtures.
func FuzzImportCSV(f *testing.F) {
	for _, name := range []string{"testdata/utf8-bom.csv", "testdata/windows-1258.csv"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tables, err := readCSV(raw, "fuzz.csv")
		if err != nil {
			return
		}
		readAll(t, tables)
	})
}

// FuzzImportXLSX feeds arbitrary bytes, seeded with the LibreOffice-made
// fixtures, to the .xlsx import: a damaged or hostile file is refused or
// read, never a crash.
func FuzzImportXLSX(f *testing.F) {
	for _, name := range []string{"testdata/danh-sach-san-pham.xlsx", "testdata/tcvn3.xlsx"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		x, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: 16 << 20, UnzipXMLSizeLimit: 8 << 20})
		if err != nil {
			return
		}
		defer x.Close()
		path := t.TempDir() + "/fuzz.xlsx"
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		tables, err := ReadTables(path)
		if err != nil {
			return
		}
		readAll(t, tables)
	})
}
