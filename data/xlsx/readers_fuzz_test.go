package xlsx

import (
	"bytes"
	"testing"
)

// checkTables fails on what a reader must never return, whatever the file.
func checkTables(t *testing.T, tables []Table) {
	for _, tb := range tables {
		if len(tb.Rows) > maxTableRows {
			t.Fatalf("%s: %d rows kept, limit %d", tb.Sheet, len(tb.Rows), maxTableRows)
		}
		for _, r := range tb.Rows {
			if len(r) > maxODSColumns {
				t.Fatalf("%s: a row of %d cells kept", tb.Sheet, len(r))
			}
		}
	}
	readAll(t, tables)
}

// FuzzReadXLS feeds arbitrary bytes to the Excel 97-2003 reader (compound
// file and BIFF8 records). Seeds in testdata/fuzz/FuzzReadXLS: the
// LibreOffice-made products-97.xls whole and cut short.
func FuzzReadXLS(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		tables, err := readCFB(bytes.NewReader(raw), int64(len(raw)), "fuzz.xls", ".xls")
		if err != nil {
			return
		}
		checkTables(t, tables)
	})
}

// FuzzReadBIFF feeds arbitrary bytes to the BIFF8 records reader alone, as
// the workbook stream: the fuzzer reaches the records faster than through
// the compound file. Seeds in testdata/fuzz/FuzzReadBIFF: the workbook
// stream of products-97.xls.
func FuzzReadBIFF(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		tables, err := readBIFF(raw, "fuzz.xls")
		if err != nil {
			return
		}
		checkTables(t, tables)
	})
}

// FuzzReadODS feeds arbitrary bytes to the OpenDocument reader as
// content.xml. Seeds in testdata/fuzz/FuzzReadODS: the content.xml of the
// LibreOffice-made annex-2865.ods and signin-writer.odt.
func FuzzReadODS(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		tables, err := readODFXML(bytes.NewReader(raw), "fuzz.ods")
		if err != nil {
			return
		}
		checkTables(t, tables)
	})
}
