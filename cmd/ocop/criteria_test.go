package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocopdesk/ocop/data"
)

func TestCriteriaCommands(t *testing.T) {
	tests := []struct {
		args  []string
		lines int      // 0: not checked
		want  []string // lines the output must have, whole
	}{
		{[]string{"criteria", "list", "--csv", "--as-of", "22/05/2026"}, 27, []string{
			"set_code,name,rule,criteria,points",
			`I.3.c,"Chế biến từ rau, củ, quả, hạt",Quyết định 26/2026/QĐ-TTg,32,100`,
		}},
		{[]string{"criteria", "show", "--set", "I.1.a", "--csv", "--as-of", "22/05/2026"}, 0, []string{
			"set_code,part,section_no,section,criterion_no,criterion,criterion_points,option_no,option,option_points,min_stars",
			`I.1.a,A,2,PHÁT TRIỂN SẢN PHẨM,2.3,"Phong cách, ghi nhãn hàng hóa",3,1,"Có nhãn, ghi nhãn hàng hóa đầy đủ, theo đúng quy định",1,3`,
			`I.1.a,A,2,PHÁT TRIỂN SẢN PHẨM,2.4,Ghi nhãn hàng hóa có sử dụng song ngữ (Việt - Anh hoặc ngôn ngữ nước ngoài khác),1,2,Có,1,`,
			`I.1.a,C,7,DINH DƯỠNG,7,DINH DƯỠNG,3,3,Có trên 2 chỉ tiêu,3,`,
		}},
	}
	for _, tt := range tests {
		code, out, errOut := ocop(tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", tt.args, code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if tt.lines > 0 && len(lines) != tt.lines {
			t.Errorf("%v: %d lines, want %d", tt.args, len(lines), tt.lines)
		}
		have := map[string]bool{}
		for _, l := range lines {
			have[l] = true
		}
		for _, w := range tt.want {
			if !have[w] {
				t.Errorf("%v: no line\n%s", tt.args, w)
			}
		}
	}
	if code, _, errOut := ocop("criteria", "show", "--set", "IX.9"); code != 1 || !strings.Contains(errOut, "IX.9") {
		t.Errorf("unknown set: exit %d, %q", code, errOut)
	}
	if code, _, _ := ocop("criteria", "show"); code != 2 {
		t.Errorf("show without --set: exit %d", code)
	}
}

// A sheet saved as CSV scores from the command line: its stars and what
// holds it down.
func TestCriteriaScoreCommand(t *testing.T) {
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	set, err := data.CriteriaSetFor("I.1.a", day)
	if err != nil {
		t.Fatal(err)
	}
	s := data.NewSheet(set)
	for _, c := range set.Criteria {
		s.Choose(c.No, len(c.Options)) // options run from least to most points
	}
	s.Choose("2.3", 1)
	file := filepath.Join(t.TempDir(), "phieu.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.WriteSheetCSV(f, s); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut := ocop("criteria", "score", "--as-of", "01/06/2026", file)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	for _, w := range []string{
		"98 điểm — chưa đạt mức tối thiểu 4 sao ở tiêu chí 2.3 Phong cách, ghi nhãn hàng hóa: dự kiến 3 sao",
		"Để đạt 4 sao:",
		"- tiêu chí 2.3 Phong cách, ghi nhãn hàng hóa: cần đạt",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	code, out, _ = ocop("criteria", "score", "--as-of", "01/06/2026", file, file)
	if code != 0 || !strings.Contains(out, "Hội đồng (2 phiếu): điểm trung bình 98, 5 sao theo khung điểm") {
		t.Errorf("council of two: exit %d\n%s", code, out)
	}
}
