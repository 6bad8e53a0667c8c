package docx

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestTypedTextIsText writes what a user might type or paste into a
// paragraph and reads it back: markup characters come back as the same
// characters, never as formatting; characters XML 1.0 forbids (which make
// Word refuse the whole file) are dropped; tabs and line breaks stay tabs
// and line breaks.
func TestTypedTextIsText(t *testing.T) {
	tests := []struct{ name, typed, reads string }{
		{"markup", `<b>&"'`, `<b>&"'`},
		{"a closing tag", "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>đậm", "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>đậm"},
		{"an entity", "&amp; &lt; &#x41;", "&amp; &lt; &#x41;"},
		{"CDATA end", "]]> <![CDATA[x]]>", "]]> <![CDATA[x]]>"},
		{"NUL and C0 controls", "a\x00b\x01c\x08d\x0be\x0cf\x1fg", "abcdefg"},
		{"escape and delete", "x\x1b[1my\x7f", "x[1my\x7f"},
		{"non-characters", "a\ufffeb\uffffc", "abc"},
		{"broken UTF-8", "H\xffợp\xc3 tác\xed\xa0\x80 xã", "Hợp tác xã"},
		{"a real replacement character", "a\ufffdb", "a\ufffdb"},
		{"tab", "Điện thoại:\t0912", "Điện thoại:\t0912"},
		{"Windows line ends", "dòng 1\r\ndòng 2\rdòng 3\ndòng 4", "dòng 1\ndòng 2\ndòng 3\ndòng 4"},
		{"combining marks", "Hoa\u0300 Bi\u0300nh", "Hoa\u0300 Bi\u0300nh"},
		{"outside the BMP", "𠀀 😀", "𠀀 😀"},
		{"spaces kept", "  hai  khoảng  ", "  hai  khoảng  "},
		{"private use", "\ue000", "\ue000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Title: tt.typed, Author: tt.typed, Body: []Block{Text(tt.typed)}}
			o := open(t, d) // fails unless every part is well-formed XML
			if len(o.paragraphs) == 0 || o.paragraphs[0] != tt.reads {
				t.Errorf("typed %q, the document reads %q, want %q", tt.typed, o.paragraphs, tt.reads)
			}
			raw := string(o.parts["word/document.xml"])
			if strings.Contains(raw, "<b>") || strings.Contains(raw, "<w:b/></w:rPr><w:t>đậm") {
				t.Errorf("typed text became markup:\n%s", raw)
			}
		})
	}
}

// nasty is what every field of the documents is filled with in
// TestEveryFieldIsEscaped: a tag, the five markup characters, forbidden
// controls and a line break.
const nasty = "<b>&\"'\x00\x01\x0b\x0c\ufffe</b> ]]>"

// fillStrings sets every string in v (a pointer to a struct) to a value
// naming its field, "F7 " + nasty, recursing into structs and slices, and
// returns the values set.
func fillStrings(v reflect.Value, n *int, set *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		fillStrings(v.Elem(), n, set)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillStrings(v.Field(i), n, set)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := 0; i < v.Len(); i++ {
			fillStrings(v.Index(i), n, set)
		}
	case reflect.String:
		*n++
		s := fmt.Sprintf("F%d %s x", *n, nasty)
		v.SetString(s)
		*set = append(*set, s)
	}
}

// TestEveryFieldIsEscaped fills every text field of each document with
// markup and forbidden characters: each document is still well-formed
// XML in every part, and each field shows as the text typed (in capitals
// where the layout prints it so), without the forbidden characters.
func TestEveryFieldIsEscaped(t *testing.T) {
	forms := []interface{ Document() *Document }{&Registration{}, &Assessment{}, &Request{}, &Notice{}}
	for _, f := range forms {
		name := reflect.TypeOf(f).Elem().Name()
		t.Run(name, func(t *testing.T) {
			var n int
			var set []string
			fillStrings(reflect.ValueOf(f), &n, &set)
			o := open(t, f.Document())
			text := o.text()
			for _, s := range set {
				if r, ok := f.(*Registration); ok && s == string(r.Kind) {
					continue // the form ticks a box for a kind it knows, and prints none
				}
				want := clean(s)
				if !strings.Contains(text, want) && !strings.Contains(text, strings.ToUpper(want)) {
					t.Errorf("%s: no %q in the document:\n%s", name, want, text)
				}
			}
			for part, b := range o.parts {
				if strings.Contains(string(b), "<b>") || strings.Contains(string(b), "<B>") || strings.Contains(string(b), "\x00") {
					t.Errorf("%s: %s holds typed markup or a NUL", name, part)
				}
			}
		})
	}
}
