package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ocopdesk/ocop/data"
)

// score runs "ocop score --dossier ID": what the sheets kept with a
// dossier come to (each sheet, the council's average) and, for the sheet
// that decides, what stands between it and the next star. With --add, the
// sheet files given (as "Lưu ra tệp…" or "criteria score" read them) are
// first kept with the dossier, in the role --role.
func score(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asCSV := fs.Bool("csv", false, "")
	id := fs.Int64("dossier", 0, "")
	add := fs.Bool("add", false, "")
	role := fs.String("role", string(data.RoleCouncil), "")
	asOf := asOfFlag(fs)
	if fs.Parse(args) != nil || *id <= 0 || (fs.NArg() > 0) != *add {
		return errUsage
	}
	day, err := asOf()
	if err != nil {
		return err
	}
	if *add {
		if err := addSheets(ctx, store, *id, data.SheetRole(*role), fs.Args(), stdout); err != nil {
			return err
		}
	}
	d, err := store.Dossier(ctx, *id)
	if err != nil {
		return fmt.Errorf("hồ sơ %d: %w", *id, err)
	}
	res, err := store.ScoreDossier(ctx, *id, day)
	if err != nil {
		return err
	}
	if len(res.Sheets) == 0 {
		return fmt.Errorf("hồ sơ %s chưa có phiếu đánh giá nào: chấm trong cửa sổ hồ sơ (thẻ «Phiếu đánh giá») hoặc thêm tệp phiếu bằng --add", d.Receipt)
	}
	if *asCSV {
		return scoreCSV(res, stdout)
	}
	fmt.Fprintf(stdout, "Hồ sơ %s: %d phiếu đánh giá theo bộ tiêu chí %s (%s).\n", d.Receipt, len(res.Sheets), res.Set.Code, res.Set.Source)
	for i, st := range res.Sheets {
		r := res.Results[i]
		fmt.Fprintf(stdout, "%s: %s (%s)\n", st.Title(), r.Summary(), partsText(r))
	}
	if c := res.Council; c != nil {
		fmt.Fprintf(stdout, "Hội đồng (%d phiếu): ", len(c.Members))
		printCouncil(stdout, *c)
		for _, st := range res.Mixed {
			fmt.Fprintf(stdout, "Không tính phiếu %s: theo bộ tiêu chí khác (%s).\n", st.Title(), st.Sheet.Set.Source)
		}
	}
	if r := deciding(res); r != nil {
		for _, l := range r.Next.Lines(5) {
			fmt.Fprintln(stdout, l)
		}
	}
	return nil
}

// deciding is the sheet whose gaps are worth telling: the council's lowest
// member's when there is a council (what holds the average down is theirs
// to explain), else the office's check, else the producer's.
func deciding(res data.DossierScore) *data.SheetResult {
	if c := res.Council; c != nil {
		low := 0
		for i, m := range c.Members {
			if m.Total < c.Members[low].Total {
				low = i
			}
		}
		return &c.Members[low]
	}
	if res.Office != nil {
		return res.Office
	}
	return res.Producer
}

// scoreCSV writes one row per sheet and a last row for the council's
// average; held_by and needs are the criteria numbers below the next
// star's minimum and the option numbers each needs.
func scoreCSV(res data.DossierScore, w io.Writer) error {
	rows := [][]string{{"sheet_id", "role", "member", "set_code", "part_a", "part_b", "part_c", "total", "band_stars", "stars",
		"rejected", "unanswered", "next_stars", "score_needed", "held_by", "needs"}}
	for i, st := range res.Sheets {
		r := res.Results[i]
		row := []string{strconv.FormatInt(st.ID, 10), string(st.Role), st.Sheet.Member, st.Sheet.Set.Code}
		for _, p := range r.Parts {
			row = append(row, p.Points.String())
		}
		next, needed, held, needs := "", "", []string{}, []string{}
		if r.Next != nil {
			next, needed = strconv.Itoa(r.Next.Stars), r.Next.ScoreNeeded.String()
			for _, s := range r.Next.Minimums {
				held, needs = append(held, s.Criterion.No), append(needs, strconv.Itoa(s.Needed.No))
			}
		}
		rows = append(rows, append(row, r.Total.String(), strconv.Itoa(r.BandStars), strconv.Itoa(r.Stars), yesNo(r.Rejected),
			strconv.Itoa(r.Unanswered), next, needed, strings.Join(held, " "), strings.Join(needs, " ")))
	}
	if c := res.Council; c != nil {
		rows = append(rows, []string{"", "hoi_dong_trung_binh", strconv.Itoa(len(c.Members)) + " phiếu", res.Set.Code, "", "", "",
			c.Average.String(), strconv.Itoa(c.Stars), strconv.Itoa(c.Stars), strconv.Itoa(c.Rejected), "", "", "", "", ""})
	}
	return writeRows(w, rows, true)
}

// printCouncil prints the average, the members who ticked a rejection
// ground and the five criteria they scored most differently.
func printCouncil(w io.Writer, c data.CouncilResult) {
	fmt.Fprintf(w, "điểm trung bình %s, %d sao theo khung điểm (Điều 3.3).\n", c.Average.VI(), c.Stars)
	if c.Rejected > 0 {
		fmt.Fprintf(w, "%d thành viên đánh dấu hồ sơ bị loại.\n", c.Rejected)
	}
	for i, d := range c.Disagreements {
		if i >= 5 {
			break
		}
		fmt.Fprintf(w, "- chấm khác nhau ở tiêu chí %s %s: %s\n", d.Criterion.No, d.Criterion.Name, pointsText(d.Points))
	}
}

func yesNo(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func partsText(r data.SheetResult) string {
	var parts []string
	for _, p := range r.Parts {
		parts = append(parts, fmt.Sprintf("phần %s %s/%s", p.Code, p.Points.VI(), p.Max.VI()))
	}
	return strings.Join(parts, ", ")
}

func pointsText(pts []data.Score) string {
	var s []string
	for _, p := range pts {
		s = append(s, p.VI())
	}
	return strings.Join(s, " / ")
}

// addSheets keeps the sheet files with dossier id in role.
func addSheets(ctx context.Context, store *data.Store, id int64, role data.SheetRole, files []string, stdout io.Writer) error {
	d, err := store.Dossier(ctx, id)
	if err != nil {
		return fmt.Errorf("hồ sơ %d: %w", id, err)
	}
	p, err := store.Product(ctx, d.ProductID)
	if err != nil {
		return err
	}
	set, err := data.SheetSetFor(p.SetCode, d)
	if err != nil {
		return err
	}
	var sheets []*data.StoredSheet
	for _, name := range files {
		sheet, err := data.ReadSheetFile(name, set.EffectiveFrom)
		if err != nil {
			return err
		}
		if sheet.Set != set {
			return fmt.Errorf("tệp %s: phiếu theo bộ tiêu chí %s, sản phẩm của hồ sơ thuộc bộ %s", name, sheet.Set.Code, set.Code)
		}
		sheets = append(sheets, &data.StoredSheet{DossierID: id, Role: role, Sheet: sheet})
	}
	// All the files are kept, or none.
	if err := store.SaveSheets(ctx, sheets...); err != nil {
		return fmt.Errorf("chưa thêm phiếu nào: %w", err)
	}
	for i, st := range sheets {
		fmt.Fprintf(stdout, "Đã thêm phiếu của %s từ tệp %s: %s điểm.\n", strings.ToLower(st.Title()[:1])+st.Title()[1:], files[i], st.Total.VI())
	}
	return nil
}
