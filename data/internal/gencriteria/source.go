package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// para is one <p> of the decision as a reader sees it: its text with
// whitespace collapsed, and whether all of it (or some of it) is bold or
// italic, which is how the decision tells headings and notes from options.
type para struct {
	Text         string
	Bold, Italic bool // the whole paragraph
	bold, italic int  // letters in bold, in italic
	letters      int
	Line         int // line of the HTML file the paragraph starts on
}

// block is what the parser walks: a paragraph outside any table, or a
// table row with its cells' paragraphs.
type block struct {
	Line  int
	Para  *para    // outside tables
	Cells [][]para // a table row
}

// readBlocks splits the HTML into blocks in document order.
func readBlocks(r io.Reader) ([]block, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	line := 1
	var (
		out          []block
		depth        int // table nesting
		cells        [][]para
		rowLine      int
		inRow        bool
		cur          *para
		buf          strings.Builder
		bold, italic int
		skip         int
	)
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = collapse(buf.String())
		cur.Bold = cur.letters > 0 && cur.bold == cur.letters
		cur.Italic = cur.letters > 0 && cur.italic == cur.letters
		if depth > 0 && inRow {
			if len(cells) == 0 {
				cells = append(cells, nil)
			}
			cells[len(cells)-1] = append(cells[len(cells)-1], *cur)
		} else if depth == 0 {
			p := *cur
			out = append(out, block{Line: p.Line, Para: &p})
		}
		cur = nil
		buf.Reset()
	}
	for {
		tt := z.Next()
		raw := z.Raw()
		startLine := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				flush()
				return out, nil
			}
			return nil, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			end := tt == html.EndTagToken
			switch tag {
			case "script", "style":
				if end {
					skip--
				} else {
					skip++
				}
			case "table":
				flush()
				if end {
					depth--
				} else {
					depth++
				}
			case "tr":
				flush()
				if end {
					if inRow && depth == 1 {
						out = append(out, block{Line: rowLine, Cells: cells})
					}
					inRow, cells = false, nil
				} else {
					inRow, rowLine, cells = true, startLine, nil
				}
			case "td", "th":
				flush()
				if !end {
					cells = append(cells, nil)
				}
			case "p", "div":
				flush()
				if !end {
					cur = &para{Line: startLine}
				}
			case "br":
				buf.WriteByte(' ')
			case "b", "strong":
				if end {
					bold--
				} else if tt != html.SelfClosingTagToken {
					bold++
				}
			case "i", "em":
				if end {
					italic--
				} else if tt != html.SelfClosingTagToken {
					italic++
				}
			}
		case html.TextToken:
			if skip > 0 || cur == nil {
				continue
			}
			text := string(z.Text())
			buf.WriteString(text)
			for _, r := range text {
				if unicode.IsSpace(r) || r == '\u00a0' {
					continue
				}
				cur.letters++
				if bold > 0 {
					cur.bold++
				}
				if italic > 0 {
					cur.italic++
				}
			}
		}
	}
}

// collapse turns every run of spaces, tabs, line breaks and no-break
// spaces into one space, as a browser shows the text.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' }), " ")
}

func (b block) String() string {
	if b.Para != nil {
		return fmt.Sprintf("%q", b.Para.Text)
	}
	var parts []string
	for _, c := range b.Cells {
		var ps []string
		for _, p := range c {
			ps = append(ps, p.Text)
		}
		parts = append(parts, strings.Join(ps, " / "))
	}
	return fmt.Sprintf("%q", strings.Join(parts, " | "))
}
