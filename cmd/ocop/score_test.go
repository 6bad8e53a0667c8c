package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
)

// councilFiles writes one sheet file per member of the council, each at
// its total: every criterion at its best option, then lowered from the
// last criterion while the 4-star minimums stay met.
func councilFiles(t *testing.T, set *data.CriteriaSet, totals map[string]data.Score) []string {
	t.Helper()
	var files []string
	for _, member := range []string{"Nguyễn Văn Bình", "Hoàng Thu Trang", "Lý Văn Sáng"} {
		s := data.NewSheet(set)
		s.Member = member
		total := data.Score(0)
		for _, c := range set.Criteria {
			s.Choose(c.No, len(c.Options)) // options run from least to most points
			total += c.Options[len(c.Options)-1].Points
		}
		for i := len(set.Criteria) - 1; i >= 0 && total > totals[member]; i-- {
			c := set.Criteria[i]
			for no := len(c.Options) - 1; no >= 1; no-- {
				cut := c.Options[s.Choices[c.Index]].Points - c.Options[no-1].Points
				if c.Options[no-1].Points < c.Required(4) || total-cut < totals[member] {
					break
				}
				s.Choose(c.No, no)
				total -= cut
			}
		}
		if total != totals[member] {
			t.Fatalf("%s: could not make a sheet of %s points (%s)", member, totals[member], total)
		}
		name := filepath.Join(t.TempDir(), "phieu-"+strconv.Itoa(len(files)+1)+".csv")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		data.WriteSheetCSV(f, s)
		f.Close()
		files = append(files, name)
	}
	return files
}

func TestScoreDossierCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := ocop("--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	// A dossier the office sent to the province, and its product's set.
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := store.Dossiers(ctx, data.DossierQuery{Status: data.DossierSent})
	if err != nil || len(list) == 0 {
		t.Fatalf("no dossier sent to the province in the demo (%v)", err)
	}
	d := list[0].Dossier
	p, _ := store.Product(ctx, d.ProductID)
	set, err := data.SheetSetFor(p.SetCode, d)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(d.ID, 10)

	code, _, errOut := ocop("--db", db, "score", "--dossier", id)
	if code != 1 || !strings.Contains(errOut, "chưa có phiếu đánh giá nào") {
		t.Errorf("no sheets yet: exit %d, %q", code, errOut)
	}

	files := councilFiles(t, set, map[string]data.Score{"Nguyễn Văn Bình": 7400, "Hoàng Thu Trang": 6900, "Lý Văn Sáng": 7600})
	// A damaged file among them: nothing is added.
	bad := filepath.Join(t.TempDir(), "hong.csv")
	os.WriteFile(bad, []byte("set_code,member,kind,no,choice,text,evidence\n"+set.Code+",X,criterion,9.9,1,,\n"), 0o644)
	code, _, errOut = ocop("--db", db, "score", "--dossier", id, "--add", files[0], bad)
	if code != 1 || !strings.Contains(errOut, "hong.csv: dòng 2: không có tiêu chí 9.9") {
		t.Errorf("a bad file: exit %d, %q", code, errOut)
	}
	code, _, errOut = ocop("--db", db, "score", "--dossier", id, "--add", files[0], files[0])
	if code != 1 || !strings.Contains(errOut, "chưa thêm phiếu nào: hồ sơ đã có phiếu của thành viên Nguyễn Văn Bình") {
		t.Errorf("the same member twice: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ocop("--db", db, "score", "--dossier", id); code != 1 || !strings.Contains(errOut, "chưa có phiếu") {
		t.Errorf("after refusals the dossier still has no sheet: exit %d, %q", code, errOut)
	}

	code, out, errOut := ocop(append([]string{"--db", db, "score", "--dossier", id, "--as-of", "20/06/2026", "--add"}, files...)...)
	if code != 0 {
		t.Fatalf("add: exit %d, %s", code, errOut)
	}
	for _, w := range []string{
		"Đã thêm phiếu của thành viên hội đồng Hoàng Thu Trang từ tệp " + files[1] + ": 69 điểm.",
		"Thành viên hội đồng Lý Văn Sáng: 76 điểm",
		// (74 + 69 + 76) / 3 = 73.
		"Hội đồng (3 phiếu): điểm trung bình 73, 4 sao theo khung điểm (Điều 3.3).",
		"- chấm khác nhau ở tiêu chí",
		// The lowest member's sheet says what would bring it to 4 stars.
		"Để đạt 4 sao:\n- cần thêm 1 điểm",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}

	code, out, errOut = ocop("--db", db, "score", "--dossier", id, "--as-of", "20/06/2026", "--csv")
	if code != 0 {
		t.Fatalf("csv: exit %d, %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "sheet_id,role,member,set_code,part_a,part_b,part_c,total,band_stars,stars,rejected,unanswered,next_stars,score_needed,held_by,needs" {
		t.Fatalf("header %s", got)
	}
	if len(recs) != 5 {
		t.Fatalf("%d rows:\n%s", len(recs), out)
	}
	if r := recs[2]; r[1] != "hoi_dong" || r[2] != "Hoàng Thu Trang" || r[7] != "69" || r[8] != "3" || r[12] != "4" || r[13] != "1" {
		t.Errorf("Trang's row: %v", r)
	}
	if r := recs[4]; r[1] != "hoi_dong_trung_binh" || r[7] != "73" || r[8] != "4" {
		t.Errorf("the average's row: %v", r)
	}
}
