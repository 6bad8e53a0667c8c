package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ocopdesk/ocop/data"
)

// criteria runs "ocop criteria list|show|score": the criteria sets the
// program carries, no database needed.
func criteria(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	fs := flag.NewFlagSet("criteria", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asCSV := fs.Bool("csv", false, "")
	asOf := asOfFlag(fs)
	switch args[0] {
	case "list":
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		day, err := asOf()
		if err != nil {
			return err
		}
		sets, err := data.CriteriaSetsOn(day)
		if err != nil {
			return err
		}
		rows := [][]string{{"set_code", "name", "rule", "criteria", "points"}}
		for _, s := range sets {
			rows = append(rows, []string{s.Code, s.Name, s.Source, strconv.Itoa(len(s.Criteria)), s.Points().String()})
		}
		return writeRows(stdout, rows, *asCSV)
	case "show":
		code := fs.String("set", "", "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *code == "" {
			return errUsage
		}
		day, err := asOf()
		if err != nil {
			return err
		}
		set, err := data.CriteriaSetFor(*code, day)
		if err != nil {
			return err
		}
		rows := [][]string{{"set_code", "part", "section_no", "section", "criterion_no", "criterion", "criterion_points", "option_no", "option", "option_points", "min_stars"}}
		for _, p := range set.Parts {
			for _, sec := range p.Sections {
				for _, c := range sec.Items {
					for _, o := range c.Options {
						stars := ""
						if o.MinStars > 0 {
							stars = strconv.Itoa(o.MinStars)
						}
						rows = append(rows, []string{set.Code, p.Code, sec.No, sec.Name, c.No, c.Name, c.Points.String(),
							strconv.Itoa(o.No), o.Text, o.Points.String(), stars})
					}
				}
			}
		}
		return writeRows(stdout, rows, *asCSV)
	case "score":
		if fs.Parse(args[1:]) != nil || fs.NArg() == 0 {
			return errUsage
		}
		day, err := asOf()
		if err != nil {
			return err
		}
		return scoreSheets(fs.Args(), day, stdout)
	}
	return errUsage
}

// scoreSheets prints what sheet files (as data.WriteSheetCSV writes them)
// come to; several are one council's, averaged.
func scoreSheets(files []string, day time.Time, stdout io.Writer) error {
	rules, err := data.ReferenceRules()
	if err != nil {
		return err
	}
	var sheets []*data.Sheet
	for _, name := range files {
		s, err := data.ReadSheetFile(name, day)
		if err != nil {
			return err
		}
		sheets = append(sheets, s)
	}
	if len(sheets) == 1 {
		res := rules.ScoreSheet(sheets[0], day)
		fmt.Fprintf(stdout, "%s (%s)\n%s\n", res.Summary(), partsText(res), bandLine(res))
		if res.Unanswered > 0 {
			fmt.Fprintf(stdout, "Còn %d tiêu chí chưa chọn (tính 0 điểm).\n", res.Unanswered)
		}
		for _, l := range res.Next.Lines(5) {
			fmt.Fprintln(stdout, l)
		}
		return nil
	}
	res, err := rules.ScoreCouncil(sheets, day)
	if err != nil {
		return err
	}
	for i, m := range res.Members {
		fmt.Fprintf(stdout, "%s: %s\n", memberName(sheets[i], files[i]), m.Summary())
	}
	fmt.Fprintf(stdout, "Hội đồng (%d phiếu): ", len(res.Members))
	printCouncil(stdout, res)
	return nil
}

func bandLine(res data.SheetResult) string {
	return fmt.Sprintf("Khung điểm: %d sao; dự kiến: %d sao.", res.BandStars, res.Stars)
}

func memberName(s *data.Sheet, file string) string {
	if s.Member != "" {
		return s.Member
	}
	return file
}

// writeRows writes rows (the first the header) as CSV or as aligned columns.
func writeRows(w io.Writer, rows [][]string, asCSV bool) error {
	if asCSV {
		cw := csv.NewWriter(w)
		cw.WriteAll(rows)
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
