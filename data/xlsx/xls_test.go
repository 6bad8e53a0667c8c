package xlsx

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"unicode/utf16"
)

// sstHeader is the start of an SST record: total and unique counts.
func sstHeader(n int) []byte {
	b := make([]byte, 8)
	binary.LittleEndian.PutUint32(b, uint32(n))
	binary.LittleEndian.PutUint32(b[4:], uint32(n))
	return b
}

func wide(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// Shared strings as Excel writes them: Vietnamese in UTF-16, one-byte
// strings, rich text and phonetic blocks to skip, and a string cut by a
// CONTINUE record that goes on in another width after a new options byte.
func TestReadSST(t *testing.T) {
	name := "Nguyễn Thị Hoa"
	n := len(utf16.Encode([]rune(name)))
	first := sstHeader(4)
	first = append(first, byte(n), 0, 1) // cch, wide
	first = append(first, wide(name)...)
	first = append(first, 3, 0, 0, 'H', 'T', 'X') // one byte a character
	// rich text (2 runs) and a phonetic block of 3 bytes
	first = append(first, 2, 0, 1|8|4, 2, 0, 3, 0, 0, 0)
	first = append(first, wide("Xã")...)
	first = append(first, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9)
	// "Thạch đen" cut after "Th": the CONTINUE goes on wide
	cut := "Thạch đen"
	first = append(first, byte(len([]rune(cut))), 0, 0, 'T', 'h')
	second := append([]byte{1}, wide("ạch đen")...)
	got := readSST([][]byte{first, second})
	want := []string{name, "HTX", "Xã", cut}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	// A count larger than the strings there are reads what there is.
	if got := readSST([][]byte{append(sstHeader(1000), 1, 0, 0, 'A')}); len(got) != 1 || got[0] != "A" {
		t.Errorf("short SST: %q", got)
	}
}

func TestRK(t *testing.T) {
	tests := []struct {
		rk   uint32
		want string
	}{
		{123456789<<2 | 2, "123456789"},                        // an integer
		{0xFFFFFFEC | 2, "-5"},                                 // a negative one
		{7250<<2 | 3, "72.5"},                                  // an integer divided by 100
		{uint32(math.Float64bits(45632.0)>>32) &^ 3, "45632"},  // a date's serial, as a float
		{uint32(math.Float64bits(1.5)>>32) &^ 3, "1.5"},        // a float
		{uint32(math.Float64bits(6636.0)>>32)&^3 | 1, "66.36"}, // a float divided by 100
	}
	for _, tt := range tests {
		if got := number(rk(tt.rk)); got != tt.want {
			t.Errorf("rk(%#x) = %s, want %s", tt.rk, got, tt.want)
		}
	}
}

// rec is one BIFF record.
func rec(typ uint16, data []byte) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(data)))
	return append(b, data...)
}

// numberAt is a NUMBER record of value v at row r, column c.
func numberAt(r, c uint16, v float64) []byte {
	d := binary.LittleEndian.AppendUint16(nil, r)
	d = binary.LittleEndian.AppendUint16(d, c)
	d = append(d, 0, 0)
	return rec(recNumber, binary.LittleEndian.AppendUint64(d, math.Float64bits(v)))
}

// workbookOf is a workbook stream of one sheet "DS" holding records.
func workbookOf(records ...[]byte) []byte {
	bof := rec(recBOF, []byte{0, 6, 0x10, 0, 0, 0, 0, 0})
	sheet := append([]byte{0, 0, 0, 0, 0, 0, 2, 0}, "DS"...)
	globals := append(append([]byte{}, bof...), rec(recBoundSheet, sheet)...)
	globals = append(globals, rec(recEOF, nil)...)
	binary.LittleEndian.PutUint32(globals[len(bof)+4:], uint32(len(globals)))
	out := append(globals, bof...)
	for _, r := range records {
		out = append(out, r...)
	}
	return append(out, rec(recEOF, nil)...)
}

// A damaged file's cell beyond Excel 97's 256 columns, or merged ranges
// claiming billions of cells, are dropped: the sheet stays small.
func TestReadBIFFDamagedSheet(t *testing.T) {
	merges := binary.LittleEndian.AppendUint16(nil, 500)
	for range 500 {
		merges = binary.LittleEndian.AppendUint16(merges, 0)
		merges = binary.LittleEndian.AppendUint16(merges, 9000)
		merges = binary.LittleEndian.AppendUint16(merges, 1)
		merges = binary.LittleEndian.AppendUint16(merges, 150)
	}
	tests := []struct {
		name    string
		records [][]byte
		rows    int
		cells   int
	}{
		{"a cell in column 60000", [][]byte{numberAt(0, 1, 5), numberAt(0, 60000, 7)}, 1, 2},
		{"500 merged ranges of 9000 by 150", [][]byte{numberAt(0, 1, 5), rec(recMergeCells, merges)}, 1, 2},
	}
	for _, tt := range tests {
		tables, err := readBIFF(workbookOf(tt.records...), "hong.xls")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		rows := tables[0].Rows
		cells := 0
		for _, r := range rows {
			cells = max(cells, len(r))
		}
		if tables[0].Sheet != "DS" || rows[0][1] != "5" || len(rows) != tt.rows || cells != tt.cells {
			t.Errorf("%s: sheet %q, %d rows, %d cells in the widest, want %d and %d", tt.name, tables[0].Sheet, len(rows), cells, tt.rows, tt.cells)
		}
	}
}
