package xlsx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// writeList writes a participant list as offices keep them: title rows, a
// two-row heading with the year of birth under Nam / Nữ, a numbering row,
// a totals row, and a second sheet with a plain heading.
func writeList(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"UBND XÃ THẤT KHÊ", nil, nil, nil, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"DANH SÁCH HỌC VIÊN LỚP TẬP HUẤN OCOP"},
		{},
		{"STT", "Họ và tên", "Năm sinh", nil, "Dân tộc", "Đơn vị công tác", "Chức vụ", "Số điện thoại"},
		{nil, nil, "Nam", "Nữ"},
		{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"},
		{1, "Hoàng Văn Thắng", 1978, nil, "Tày", "HTX Thạch đen Đoàn Kết", "Giám đốc", "0912 345 601"},
		{2, "nông thị hằng", nil, 1985, "nung", "Công ty TNHH Đặc sản Xứ Lạng", "Đại diện chủ thể", ""},
		{3, "Tống Văn Bình", 1990, nil, "Kinh", "UBND xã", "Công chức địa chính", ""},
		{4, "Lý Thị Lan", nil, "198x", "Dao", "", "", ""},
		{5, "Vi Văn Quế", 1970, nil, "Tày Nùng", "", "Thành viên Hội đồng", ""},
		{"", "Tổng cộng: 5 người"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &r)
	}
	f.MergeCell(sh, "C4", "D4")
	f.NewSheet("Lớp 2")
	more := [][]any{
		{"Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Chức vụ"},
		{"Ma Văn Khánh", "Nam", "12/05/1988", "Tày", "Người lao động"},
		{"Hà Thị Mơ", "nữ", 1993, "Mường", "chủ hộ"},
		{"Đinh Văn Tú", "Trai", 1991, "Kinh", ""},
	}
	for i, r := range more {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Lớp 2", cell, &r)
	}
	// Chức vụ beside a role column of its own.
	f.NewSheet("Lớp 3")
	both := [][]any{
		{"Họ và tên", "Chức vụ", "Thành phần"},
		{"Lục Văn Sơn", "Chủ tịch UBND xã", "Thành viên Hội đồng"},
	}
	for i, r := range both {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Lớp 3", cell, &r)
	}
	path := filepath.Join(t.TempDir(), "DanhSachHocVien.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadParticipants(t *testing.T) {
	s, _ := demoStore(t)
	ctx := context.Background()
	groups, _ := s.EthnicGroups(ctx)
	people, problems, err := ReadParticipants(writeList(t), groups)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, p.FullName)
	}
	want := "Hoàng Văn Thắng|nông thị hằng|Tống Văn Bình|Ma Văn Khánh|Hà Thị Mơ|Lục Văn Sơn"
	if strings.Join(names, "|") != want {
		t.Errorf("read %q\nwant %q", strings.Join(names, "|"), want)
	}
	byName := map[string]ImportedParticipant{}
	for _, p := range people {
		byName[p.FullName] = p
	}
	// "Chức vụ" is the job title; the role comes from its own column, or
	// is guessed from the title when the list has none.
	checks := []struct {
		name, gender, ethnicity, jobTitle, role string
		year, row                               int
	}{
		{"Hoàng Văn Thắng", data.GenderMale, "Tày", "Giám đốc", "chu_the", 1978, 7},
		{"nông thị hằng", data.GenderFemale, "Nùng", "Đại diện chủ thể", "chu_the", 1985, 8},
		{"Tống Văn Bình", data.GenderMale, "Kinh", "Công chức địa chính", "can_bo_quan_ly", 1990, 9},
		{"Ma Văn Khánh", data.GenderMale, "Tày", "Người lao động", "nguoi_lao_dong", 1988, 2},
		{"Hà Thị Mơ", data.GenderFemale, "Mường", "chủ hộ", "chu_the", 1993, 3},
		{"Lục Văn Sơn", "", "", "Chủ tịch UBND xã", "thanh_vien_hoi_dong", 0, 2},
	}
	for _, c := range checks {
		p := byName[c.name]
		if p.Gender != c.gender || p.Ethnicity != c.ethnicity || p.JobTitle != c.jobTitle || p.Role != c.role ||
			p.BirthYear != c.year || p.Row != c.row {
			t.Errorf("%s: %+v", c.name, p)
		}
	}
	// Every problem names its sheet, row, column and value.
	wantProblems := []string{
		`Trang "Sheet1", dòng 10, cột "Nữ", giá trị "198x": cột Nam/Nữ phải ghi năm sinh hoặc dấu x`,
		`Trang "Sheet1", dòng 11, cột "Dân tộc", giá trị "Tày Nùng": không có trong danh mục 54 dân tộc`,
		`Trang "Lớp 2", dòng 4, cột "Giới tính", giá trị "Trai": giới tính chỉ nhận Nam hoặc Nữ`,
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}

	// Importing into a course reuses people on record (Hoàng Văn Thắng and
	// Nông Thị Hằng are in the demo data) and stores the others once.
	courses, _ := s.Courses(ctx, data.CourseQuery{})
	course := courses[0]
	before, _ := s.Participants(ctx)
	var list []data.Participant
	for _, p := range people {
		list = append(list, p.Participant)
	}
	res, err := s.EnrollImported(ctx, course.ID, list)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 4 || res.Reused != 2 {
		t.Errorf("import result %+v, want 4 added and 2 reused", res)
	}
	after, _ := s.Participants(ctx)
	if len(after) != len(before)+4 {
		t.Errorf("%d participants after import, want %d", len(after), len(before)+4)
	}
	for _, p := range after {
		if p.FullName == "Lục Văn Sơn" && p.JobTitle != "Chủ tịch UBND xã" {
			t.Errorf("imported %s stored with job title %q", p.FullName, p.JobTitle)
		}
	}
	again, err := s.EnrollImported(ctx, course.ID, list)
	if err != nil || again.Added != 0 || again.Enrolled != 0 {
		t.Errorf("importing twice: %+v, %v", again, err)
	}
}

func TestReadParticipantsRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"cu.xls": "\xd0\xcf\x11\xe0", "hong.xlsx": "not a zip", "ghichu.txt": "x"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		if _, _, err := ReadParticipants(path, nil); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
	}
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "Tên sản phẩm")
	path := filepath.Join(dir, "sanpham.xlsx")
	f.SaveAs(path)
	if _, _, err := ReadParticipants(path, nil); err == nil || !strings.Contains(err.Error(), "Họ và tên") {
		t.Errorf("a list without a name column: %v", err)
	}
}

// A column whose heading is not recognised can be given its meaning by
// hand, and the list is read again with it.
func TestParticipantColumnCorrected(t *testing.T) {
	tab := Table{Sheet: "DS", Rows: [][]string{
		{"DANH SÁCH HỌC VIÊN"},
		{"STT", "Họ và tên", "NS", "Đơn vị"},
		{"1", "Hoàng Văn Thụ", "1975", "HTX Chè Shan tuyết Kháng Chiến"},
		{"2", "Lường Thị Mai", "1988", "Hộ kinh doanh Lương Văn Tiến"},
	}}
	m, ok := DetectParticipantMapping(tab)
	if !ok || m.HeadRow != 1 || m.Columns["name"] != 1 || m.Columns["org"] != 3 {
		t.Fatalf("mapping %+v", m)
	}
	if _, has := m.Columns["year"]; has {
		t.Fatal("\"NS\" taken for the year of birth by itself")
	}
	people, problems := ParticipantsOf([]Table{tab}, []Mapping{m}, nil)
	if len(people) != 2 || people[0].BirthYear != 0 || len(problems) != 0 {
		t.Fatalf("before: %+v %v", people, problems)
	}
	m.Columns["year"] = 2
	people, problems = ParticipantsOf([]Table{tab}, []Mapping{m}, nil)
	if len(people) != 2 || people[0].BirthYear != 1975 || people[1].BirthYear != 1988 || people[1].Organisation != "Hộ kinh doanh Lương Văn Tiến" || len(problems) != 0 {
		t.Errorf("after: %+v %v", people, problems)
	}
}
