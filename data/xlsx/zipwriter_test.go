package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"
)

// A part deflated in blocks reads back whole with any zip reader's
// checks (size, CRC), whatever its length against the block size.
func TestParallelZipReadsBack(t *testing.T) {
	sizes := []int{0, 1, zipBlock - 1, zipBlock, zipBlock + 1, 3*zipBlock + 5}
	content := func(n int) []byte {
		b := make([]byte, n)
		x := uint32(n) + 1
		for i := range b { // repeats and noise, like a sheet's XML
			x = x*1664525 + 1013904223
			b[i] = "<row r=\"1\"><c s=\"3\" t=\"inlineStr\"><is><t>Trà</t></is></c></row>"[i%60] ^ byte(x>>29)
		}
		return b
	}
	var file bytes.Buffer
	z := newParallelZip(&file)
	for i, n := range sizes {
		w, err := z.Create(fmt.Sprintf("xl/part%d.xml", i))
		if err != nil {
			t.Fatal(err)
		}
		b := content(n)
		for len(b) > 0 { // in uneven writes, as io.Copy and excelize write
			k := min(len(b), 70000)
			w.Write(b[:k])
			b = b[k:]
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) != len(sizes) {
		t.Fatalf("%d parts, want %d", len(r.File), len(sizes))
	}
	for i, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if want := content(sizes[i]); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes read back, want the %d written", f.Name, len(got), len(want))
		}
	}
}
