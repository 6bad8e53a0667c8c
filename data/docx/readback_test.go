package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// opened is a .docx read back: every part's bytes, and the text of
// word/document.xml as a reader sees it, one string a paragraph (tabs and
// line breaks as \t and \n).
type opened struct {
	parts      map[string][]byte
	paragraphs []string
}

func (o opened) text() string { return strings.Join(o.paragraphs, "\n") }

// has reports whether some paragraph contains s.
func (o opened) has(s string) bool {
	for _, p := range o.paragraphs {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// open writes d to memory and reads it back as Word would: a zip whose
// parts are well-formed XML, with the parts a document needs.
func open(t *testing.T, d *Document) opened {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return readDocx(t, buf.Bytes())
}

func readDocx(t *testing.T, data []byte) opened {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	o := opened{parts: map[string][]byte{}}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		o.parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if _, ok := o.parts[name]; !ok {
			t.Fatalf("the package has no %s", name)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(o.parts["word/document.xml"]))
	var cur strings.Builder
	inText, inRun, depth := false, false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				if depth == 0 {
					cur.Reset()
				}
				depth++
			case "r":
				inRun = true
			case "t":
				inText = true
			case "tab":
				if inRun {
					cur.WriteByte('\t')
				}
			case "br":
				if inRun {
					cur.WriteByte('\n')
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				depth--
				if depth == 0 {
					o.paragraphs = append(o.paragraphs, cur.String())
				}
			case "r":
				inRun = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
	return o
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}
