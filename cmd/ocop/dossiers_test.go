package main

import (
	"encoding/csv"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
)

func TestListDossiers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, out, errOut := ocop("--db", db, "demo"); code != 0 || !strings.Contains(out, "10 hồ sơ") {
		t.Fatalf("demo: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut := ocop("--db", db, "list", "dossiers", "--csv")
	if code != 0 {
		t.Fatalf("list dossiers: exit %d, %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "id,receipt_no,product,producer,kind,received,status,round,working_days_left" {
		t.Fatalf("header %s", got)
	}
	if len(recs) != 11 {
		t.Fatalf("%d rows:\n%s", len(recs)-1, out)
	}
	receipt := regexp.MustCompile(`^\d{2}/PĐK-20-\d{5}-\d{4}$`)
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	round := regexp.MustCompile(`^\d{4}-\d$`)
	statuses, rounds := map[string]int{}, map[string]int{}
	overdue := 0
	for _, r := range recs[1:] {
		if !receipt.MatchString(r[1]) || r[2] == "" || r[3] == "" || !date.MatchString(r[5]) || !round.MatchString(r[7]) {
			t.Errorf("row %v", r)
		}
		if _, err := data.ParseDossierStatus(r[6]); err != nil {
			t.Errorf("status %q: %v", r[6], err)
		}
		if r[4] != "lan_dau" && r[4] != "nang_hang" && r[4] != "danh_gia_lai" {
			t.Errorf("kind %q", r[4])
		}
		statuses[r[6]]++
		rounds[r[7]]++
		if r[8] == "-5" {
			overdue++
		}
		// Days left only while the commune's 15 days run.
		if running := r[6] == "da_tiep_nhan" || r[6] == "da_bo_sung"; running != (r[8] != "") {
			t.Errorf("%s with working_days_left %q", r[6], r[8])
		}
	}
	if len(statuses) != 8 || overdue != 1 {
		t.Errorf("statuses %v, %d overdue by 5 working days", statuses, overdue)
	}

	code, out, _ = ocop("--db", db, "list", "dossiers", "--csv", "--status", "can_bo_sung")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, ",can_bo_sung,") {
		t.Errorf("--status: exit %d\n%s", code, out)
	}
	for r, n := range rounds {
		code, out, _ = ocop("--db", db, "list", "dossiers", "--csv", "--round", r)
		if code != 0 || strings.Count(out, "\n") != n+1 {
			t.Errorf("--round %s: exit %d, want %d rows\n%s", r, code, n, out)
		}
	}
	code, out, _ = ocop("--db", db, "list", "dossiers")
	if code != 0 || !strings.Contains(out, "quá hạn 5 ngày làm việc") || !strings.Contains(out, "10 hồ sơ") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"--status", "xong"}, {"--round", "2026"}} {
		code, _, errOut = ocop(append([]string{"--db", db, "list", "dossiers"}, bad...)...)
		if code != 1 || !strings.Contains(errOut, bad[0]+": ") || !strings.Contains(errOut, "không") {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
}
