package docx

import (
	"bytes"
	"testing"
)

// FuzzReadDocx feeds arbitrary bytes to the Word table reader: a damaged
// or hostile document is refused or read within the limits, never a
// crash. The seeds in testdata/fuzz/FuzzReadDocx are the LibreOffice-made
// annex and sign-in list and a document of nested and merged cells.
func FuzzReadDocx(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		tables, err := ReadTables(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			return
		}
		for _, tb := range tables {
			if len(tb.Rows) > MaxRows {
				t.Fatalf("%s: %d rows kept, limit %d", tb.Name, len(tb.Rows), MaxRows)
			}
			for _, r := range tb.Rows {
				if len(r) > maxRowCells {
					t.Fatalf("%s: a row of %d cells kept", tb.Name, len(r))
				}
			}
		}
	})
}
