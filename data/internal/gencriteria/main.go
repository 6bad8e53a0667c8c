// Command gencriteria writes assets/ref/criteria-26-2026.csv, the 26
// criteria sets of Decision 26/2026/QĐ-TTg (Phụ lục II, "Bộ tiêu chí …
// kiêm phiếu đánh giá"), from the decision's HTML text. Run it by hand from
// the repository's root and review the difference before checking it in:
//
//	go run ./data/internal/gencriteria -src ../shared/docs/reference/qd-26-2026-qd-ttg.html > assets/ref/criteria-26-2026.csv
//
// It reads the tables as the decision prints them (a bold "1. TỔ CHỨC SẢN
// XUẤT 18" is a section, "1.1. Nguồn gốc sản phẩm 3" a criterion, "□ …
// 2" an option, italics are notes) and fails, listing every problem with its
// line, on anything it does not understand or on points that do not add
// up, instead of dropping it. A later decision gets its own file, with its
// own effective date; this one is not edited.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ocopdesk/ocop/data/viet"
)

const (
	effectiveFrom = "2026-05-22"
	source        = "Quyết định 26/2026/QĐ-TTg"
)

func main() {
	src := flag.String("src", "../shared/docs/reference/qd-26-2026-qd-ttg.html", "the decision's HTML text")
	classes := flag.String("classification", "assets/ref/classification.csv", "the product classification (codes)")
	names := flag.String("names", "assets/ref/classification-names.csv", "the classification's names by decision (Phụ lục I)")
	flag.Parse()
	if err := run(*src, *classes, *names, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gencriteria:", err)
		os.Exit(1)
	}
}

func run(src, classes, names string, stdout, stderr io.Writer) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	blocks, err := readBlocks(f)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	sets, problems := parse(blocks)
	codes, err := setCodes(classes, names)
	if err != nil {
		return err
	}
	problems = append(problems, link(sets, codes)...)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		return fmt.Errorf("%s: %d chỗ không hiểu, không ghi gì", src, len(problems))
	}
	return write(stdout, sets)
}

// class is a bộ sản phẩm of Phụ lục I: its code and its name under 26/2026.
type class struct{ Code, Name string }

// setCodes returns the 26 product sets of the classification in its order,
// which is the order of Phụ lục I and of Phụ lục II.
func setCodes(classes, names string) ([]class, error) {
	rows, err := readCSV(classes)
	if err != nil {
		return nil, err
	}
	named, err := readCSV(names)
	if err != nil {
		return nil, err
	}
	name := map[string]string{}
	for _, r := range named {
		if r["effective_from"] == effectiveFrom {
			name[r["code"]] = r["name"]
		}
	}
	var out []class
	for _, r := range rows {
		if r["level"] == "bo" {
			if name[r["code"]] == "" {
				return nil, fmt.Errorf("%s: không có tên của %s theo %s", names, r["code"], source)
			}
			out = append(out, class{r["code"], name[r["code"]]})
		}
	}
	return out, nil
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		r := map[string]string{}
		for i, h := range recs[0] {
			r[h] = rec[i]
		}
		out = append(out, r)
	}
	return out, nil
}

// link gives each set, in order, the code of the bộ sản phẩm in the same
// place of Phụ lục I, and checks that the two names share most of their
// words (Phụ lục II writes "Chè tươi, chè chế biến" for Phụ lục I's "Chè
// tươi, chế biến"): a set out of place fails.
func link(sets []*criteriaSet, codes []class) []problem {
	if len(sets) != len(codes) {
		return []problem{{What: "số bộ tiêu chí khác số bộ sản phẩm", Text: fmt.Sprintf("%d và %d", len(sets), len(codes))}}
	}
	var out []problem
	for i, s := range sets {
		s.Code = codes[i].Code
		if overlap(s.Name, codes[i].Name) < 0.5 {
			out = append(out, problem{Line: s.Line, Set: s.No, What: "tên bộ tiêu chí không khớp Phụ lục I",
				Text: fmt.Sprintf("%q và %s %q", s.Name, codes[i].Code, codes[i].Name)})
		}
	}
	return out
}

// overlap is the share of the shorter name's words found in the other,
// without marks ("cacao" and "ca cao" count as the same).
func overlap(a, b string) float64 {
	words := func(s string) map[string]bool {
		s = strings.ReplaceAll(viet.Fold(s), "cacao", "ca cao")
		m := map[string]bool{}
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
			m[w] = true
		}
		return m
	}
	wa, wb := words(a), words(b)
	if len(wb) < len(wa) {
		wa, wb = wb, wa
	}
	n := 0
	for w := range wa {
		if wb[w] {
			n++
		}
	}
	if len(wa) == 0 {
		return 0
	}
	return float64(n) / float64(len(wa))
}

// header is the file's columns. One row per set, rejection ground, part,
// section, criterion and option, in the decision's order. A set's note is
// its "Hồ sơ bị loại khi" sentence; a ground's criterion_no is the
// criterion whose note gives it; a criterion's shape is "section" for a
// section scored by its own options, "yes_no" for one printed without
// options (the points or none), "group" for one scored by its
// sub-criteria (6.1 over 6.1.1); an option's note is its case ("a. Trường
// hợp 1: …") where the criterion's options come in cases.
var header = []string{"effective_from", "source", "set_code", "kind", "part", "section_no", "criterion_no", "option_no",
	"text", "points", "min_stars", "shape", "note"}

func write(w io.Writer, sets []*criteriaSet) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := func(set, kind, part, sec, crit, opt, text, pts, stars, shape string, notes []string) error {
		return cw.Write([]string{effectiveFrom, source, set, kind, part, sec, crit, opt, text, pts, stars, shape, strings.Join(notes, "\n")})
	}
	for _, s := range sets {
		if err := row(s.Code, "set", "", "", "", strconv.Itoa(s.No), s.Name, "100", "", "", []string{s.Rejection}); err != nil {
			return err
		}
		for i, g := range s.Grounds {
			if err := row(s.Code, "ground", "", "", g.Criterion, strconv.Itoa(i+1), g.Text, "", "", "", nil); err != nil {
				return err
			}
		}
		for _, pt := range s.Parts {
			if err := row(s.Code, "part", pt.Code, "", "", "", pt.Name, pt.Points.String(), "", "", nil); err != nil {
				return err
			}
			for _, sec := range pt.Sections {
				if err := row(s.Code, "section", pt.Code, sec.No, "", "", sec.Name, sec.Points.String(), "", "", sec.Notes); err != nil {
					return err
				}
				written := map[string]bool{}
				for _, c := range sec.Criteria {
					for _, g := range sec.Groups {
						if g.No == c.Group && !written[g.No] {
							written[g.No] = true
							if err := row(s.Code, "criterion", pt.Code, sec.No, g.No, "", g.Name, g.Points.String(), "", "group", g.Notes); err != nil {
								return err
							}
						}
					}
					shape := ""
					switch {
					case c.Direct:
						shape = "section"
					case c.YesNo:
						shape = "yes_no"
					}
					if err := row(s.Code, "criterion", pt.Code, sec.No, c.No, "", c.Name, c.Points.String(), "", shape, c.Notes); err != nil {
						return err
					}
					for i, o := range c.Options {
						stars := ""
						if o.MinStars > 0 {
							stars = strconv.Itoa(o.MinStars)
						}
						var cases []string
						if o.Case != "" {
							cases = []string{o.Case}
						}
						if err := row(s.Code, "option", pt.Code, sec.No, c.No, strconv.Itoa(i+1), o.Text, o.Points.String(), stars, "", cases); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
