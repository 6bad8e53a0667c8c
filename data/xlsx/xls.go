package xlsx

// A reader of Excel 97-2003 workbooks (.xls, BIFF8): cell values only, as
// the importers need them. The pure-Go readers were weighed first: both
// github.com/extrame/xls (Apache-2.0) and github.com/shakinm/xlsReader
// (MIT) have open reports of a panic on a shared-string index out of range
// (extrame/xls issue 60, shakinm/xlsReader issue 29), and neither has
// moved in years; LibreOffice is not on the offices' PCs. The compound
// file (OLE) is read with github.com/richardlehane/mscfb (Apache-2.0),
// which excelize already brings for password-protected workbooks; the
// BIFF8 records the importers need (shared strings across CONTINUE
// records, numbers, RK, formulas' values, merged cells) are a few hundred
// lines. Numbers come as the .xlsx reader's raw values (a date as its
// serial day), so the importers read both alike.

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/unicode/norm"
)

// xlsError is the refusal of an .xls file that cannot be read, and why.
func xlsError(name, why string) error {
	return fmt.Errorf("tệp %s là Excel 97-2003 (.xls) và không đọc được: %s. Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx", name, why)
}

// maxXLSColumns is Excel 97's last column (IV) plus one: a cell record
// claiming another is from a damaged file.
const maxXLSColumns = 256

// maxXLSStream bounds the workbook stream read into memory.
const maxXLSStream = 64 << 20

// readCFB reads an OLE compound file by the stream it holds: an Excel
// workbook, else a refusal naming what it is (a Word 97 document, a file
// protected by a password).
func readCFB(r io.ReaderAt, size int64, name, ext string) (tables []Table, err error) {
	defer func() {
		if p := recover(); p != nil {
			tables, err = nil, xlsError(name, "tệp đã hỏng")
		}
	}()
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		if ext == ".doc" {
			return nil, fmt.Errorf("tệp %s không đọc được như một tệp Word: không phải tệp Word hoặc tệp đã hỏng", name)
		}
		return nil, xlsError(name, "tệp đã hỏng")
	}
	var book []byte
	isWord, encrypted := false, false
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "Workbook", "Book":
			if book == nil {
				book, err = io.ReadAll(io.LimitReader(entry, maxXLSStream))
				if err != nil {
					return nil, xlsError(name, "tệp đã hỏng")
				}
			}
		case "WordDocument":
			isWord = true
		case "EncryptedPackage":
			encrypted = true
		}
	}
	switch {
	case encrypted:
		return nil, fmt.Errorf("tệp %s có mật khẩu: hãy mở bằng Excel hoặc Word, bỏ mật khẩu và lưu lại rồi nhập", name)
	case isWord && book == nil:
		return nil, fmt.Errorf("tệp %s là Word 97-2003 (.doc): chương trình chỉ đọc được bảng trong tệp Word .docx. Hãy mở bằng Word hoặc LibreOffice và lưu thành .docx (Word 2007-365)", name)
	case book == nil:
		return nil, xlsError(name, "tệp không có bảng tính nào")
	}
	return readBIFF(book, name)
}

// BIFF8 record types read.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recFilePass   = 0x002F
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
	recMergeCells = 0x00E5
)

type record struct {
	typ  uint16
	data []byte
	next int // offset of the following record
}

// recordAt is the record starting at off of the stream, ok false past its end.
func recordAt(b []byte, off int) (record, bool) {
	if off < 0 || off+4 > len(b) {
		return record{}, false
	}
	typ := binary.LittleEndian.Uint16(b[off:])
	n := int(binary.LittleEndian.Uint16(b[off+2:]))
	if off+4+n > len(b) {
		return record{}, false
	}
	return record{typ, b[off+4 : off+4+n], off + 4 + n}, true
}

type sheetRef struct {
	name string
	pos  int
}

// readBIFF reads the workbook stream: the globals (sheets, shared strings),
// then each worksheet.
func readBIFF(b []byte, name string) ([]Table, error) {
	first, ok := recordAt(b, 0)
	if !ok || first.typ != recBOF || len(first.data) < 4 {
		if ok && (first.typ == 0x0009 || first.typ == 0x0209 || first.typ == 0x0409) {
			return nil, xlsError(name, "tệp Excel quá cũ (Excel 2.1-4.0)")
		}
		return nil, xlsError(name, "tệp đã hỏng")
	}
	if v := binary.LittleEndian.Uint16(first.data); v != 0x0600 {
		return nil, xlsError(name, "tệp Excel 5.0/95, cũ hơn Excel 97")
	}
	var sheets []sheetRef
	var sst []string
	for off := first.next; ; {
		rec, ok := recordAt(b, off)
		if !ok {
			return nil, xlsError(name, "tệp đã hỏng (thiếu phần cuối)")
		}
		off = rec.next
		switch rec.typ {
		case recEOF:
			goto globalsDone
		case recFilePass:
			return nil, fmt.Errorf("tệp %s có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu và lưu lại rồi nhập", name)
		case recBoundSheet:
			if len(rec.data) < 8 || rec.data[5] != 0 { // 0: a worksheet, not a chart or macro sheet
				continue
			}
			c := &cursor{segs: [][]byte{rec.data[6:]}}
			n := int(c.u8())
			sheets = append(sheets, sheetRef{name: c.str(n), pos: int(binary.LittleEndian.Uint32(rec.data))})
		case recSST:
			segs := [][]byte{rec.data}
			for {
				next, ok := recordAt(b, off)
				if !ok || next.typ != recContinue {
					break
				}
				segs = append(segs, next.data)
				off = next.next
			}
			sst = readSST(segs)
		}
	}
globalsDone:
	var out []Table
	for _, sh := range sheets {
		rows, err := readSheet(b, sh.pos, sst)
		if err != nil {
			return nil, xlsError(name, fmt.Sprintf("trang %q: %v", sh.name, err))
		}
		out = append(out, Table{Sheet: sh.name, Rows: rows})
	}
	if len(out) == 0 {
		return nil, xlsError(name, "tệp không có bảng tính nào")
	}
	return out, nil
}

// readSST reads the shared strings, which run over CONTINUE records: a
// string cut by one goes on after a new options byte.
func readSST(segs [][]byte) []string {
	c := &cursor{segs: segs}
	c.u32() // total references
	count := int(c.u32())
	var out []string
	for i := 0; i < count && !c.eof(); i++ {
		out = append(out, c.unicodeString())
	}
	return out
}

// readSheet reads the worksheet substream at pos into rows of text.
func readSheet(b []byte, pos int, sst []string) ([][]string, error) {
	rec, ok := recordAt(b, pos)
	if !ok || rec.typ != recBOF {
		return nil, fmt.Errorf("không tìm thấy trang trong tệp")
	}
	var rows [][]string
	set := func(r, c int, v string) {
		if v == "" || c >= maxXLSColumns {
			return
		}
		for len(rows) <= r {
			rows = append(rows, nil)
		}
		for len(rows[r]) <= c {
			rows[r] = append(rows[r], "")
		}
		rows[r][c] = v
	}
	var merges [][4]int
	lastFormula := [2]int{-1, -1}
	for off := rec.next; ; {
		rec, ok := recordAt(b, off)
		if !ok || rec.typ == recEOF {
			break
		}
		off = rec.next
		d := rec.data
		if rec.typ != recMergeCells && rec.typ != recString && len(d) < 6 {
			continue
		}
		row, col := 0, 0
		if len(d) >= 4 {
			row, col = int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
		}
		switch rec.typ {
		case recLabelSST:
			if len(d) >= 10 {
				if i := int(binary.LittleEndian.Uint32(d[6:])); i < len(sst) {
					set(row, col, sst[i])
				}
			}
		case recLabel:
			c := &cursor{segs: [][]byte{d[6:]}}
			n := int(c.u16())
			set(row, col, c.str(n))
		case recNumber:
			if len(d) >= 14 {
				set(row, col, number(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))))
			}
		case recRK:
			if len(d) >= 10 {
				set(row, col, number(rk(binary.LittleEndian.Uint32(d[6:]))))
			}
		case recMulRK:
			for i, c := 4, col; i+6 <= len(d)-2; i, c = i+6, c+1 {
				set(row, c, number(rk(binary.LittleEndian.Uint32(d[i+2:]))))
			}
		case recFormula:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			if res[6] == 0xFF && res[7] == 0xFF {
				switch res[0] {
				case 0: // a string: the STRING record that follows holds it
					lastFormula = [2]int{row, col}
				case 1:
					set(row, col, map[bool]string{true: "TRUE", false: "FALSE"}[res[2] != 0])
				}
				continue
			}
			set(row, col, number(math.Float64frombits(binary.LittleEndian.Uint64(res))))
		case recString:
			if lastFormula[0] >= 0 {
				c := &cursor{segs: [][]byte{d}}
				n := int(c.u16())
				set(lastFormula[0], lastFormula[1], c.str(n))
				lastFormula = [2]int{-1, -1}
			}
		case recBoolErr:
			if len(d) >= 8 && d[7] == 0 {
				set(row, col, map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0])
			}
		case recMergeCells:
			if len(d) < 2 {
				continue
			}
			n := int(binary.LittleEndian.Uint16(d))
			for i := 0; i < n && 2+8*i+8 <= len(d); i++ {
				p := d[2+8*i:]
				merges = append(merges, [4]int{int(binary.LittleEndian.Uint16(p)), int(binary.LittleEndian.Uint16(p[2:])),
					int(binary.LittleEndian.Uint16(p[4:])), int(binary.LittleEndian.Uint16(p[6:]))})
			}
		}
		if len(rows) > maxTableRows {
			return nil, fmt.Errorf("quá nhiều dòng (tối đa %d)", maxTableRows)
		}
	}
	return fillMerges(rows, merges), nil
}

// maxMergedCells bounds the cells that merged ranges fill in one sheet.
const maxMergedCells = 1 << 20

// fillMerges gives every cell of each merged range (first row, last row,
// first column, last column; from 0) the text of its top-left cell, as
// merged cells of an .xlsx read.
func fillMerges(rows [][]string, merges [][4]int) [][]string {
	budget := maxMergedCells
	for _, m := range merges {
		r1, r2, c1, c2 := m[0], m[1], m[2], m[3]
		if r1 < 0 || c1 < 0 || r1 >= len(rows) || r2 < r1 || c2 < c1 || r2-r1 > 10000 || c2-c1 > 200 || c1 >= len(rows[r1]) {
			continue
		}
		// A hostile file's thousand ranges of 10,000 rows would fill
		// billions of cells: beyond the budget, ranges stay unfilled.
		if budget -= (r2 - r1 + 1) * (c2 - c1 + 1); budget < 0 {
			break
		}
		v := rows[r1][c1]
		for r := r1; r <= r2; r++ {
			for len(rows) <= r {
				rows = append(rows, nil)
			}
			for len(rows[r]) <= c2 {
				rows[r] = append(rows[r], "")
			}
			for c := c1; c <= c2; c++ {
				if rows[r][c] == "" {
					rows[r][c] = v
				}
			}
		}
	}
	return rows
}

// rk decodes an RK number: a 30-bit integer or the top of a float, maybe
// divided by 100.
func rk(v uint32) float64 {
	var f float64
	if v&2 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&^3) << 32)
	}
	if v&1 != 0 {
		f /= 100
	}
	return f
}

// number is a cell's number as the .xlsx reader gives raw values: a date is
// its serial day, 72.5 is "72.5".
func number(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// cursor reads little-endian values over the payloads of a record and its
// CONTINUE records; past the end it reads zeros.
type cursor struct {
	segs [][]byte
	si   int
	off  int
}

func (c *cursor) eof() bool {
	for c.si < len(c.segs) && c.off >= len(c.segs[c.si]) {
		c.si, c.off = c.si+1, 0
	}
	return c.si >= len(c.segs)
}

func (c *cursor) u8() byte {
	if c.eof() {
		return 0
	}
	v := c.segs[c.si][c.off]
	c.off++
	return v
}

func (c *cursor) u16() uint16 { return uint16(c.u8()) | uint16(c.u8())<<8 }
func (c *cursor) u32() uint32 { return uint32(c.u16()) | uint32(c.u16())<<16 }

func (c *cursor) skip(n int) {
	for ; n > 0 && !c.eof(); n-- {
		c.off++
	}
}

// str reads the options byte and n characters of a string whose length
// was read already (ShortXLUnicodeString, XLUnicodeString).
func (c *cursor) str(n int) string {
	flags := c.u8()
	return c.chars(n, flags&1 != 0)
}

// chars reads n characters, one or two bytes each; a CONTINUE record met
// on the way starts with a new options byte saying which.
func (c *cursor) chars(n int, wide bool) string {
	units := make([]uint16, 0, min(n, 1<<16))
	for i := 0; i < n; i++ {
		if c.eof() {
			break
		}
		if c.off == 0 && c.si > 0 && i > 0 {
			wide = c.u8()&1 != 0
			if c.eof() {
				break
			}
		}
		if wide {
			units = append(units, c.u16())
		} else {
			units = append(units, uint16(c.u8()))
		}
	}
	return norm.NFC.String(strings.ToValidUTF8(string(utf16.Decode(units)), ""))
}

// unicodeString reads an XLUnicodeRichExtendedString of the shared strings.
func (c *cursor) unicodeString() string {
	n := int(c.u16())
	flags := c.u8()
	runs, ext := 0, 0
	if flags&8 != 0 {
		runs = int(c.u16())
	}
	if flags&4 != 0 {
		ext = int(c.u32())
	}
	s := c.chars(n, flags&1 != 0)
	c.skip(4*runs + ext)
	return s
}
