package xlsx

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
)

// testdata/lam-dong-dia-chi-cu.fods, converted to .xlsx by LibreOffice
// (libreoffice --headless --convert-to xlsx), is a list of 24 products
// certified in Lâm Đồng, Đắk Nông and Bình Thuận with their addresses as
// the decisions wrote them before 01/7/2025: old communes, districts and
// provinces, same-named old communes of different districts, wards by
// number, a split commune, one address without marks, one in the new tone
// style, and one written the new way.
func TestImportOldAddressesLamDong(t *testing.T) {
	ctx := context.Background()
	s := emptyStore(t)
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ProvinceCode = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "68"
	if err := s.SetUpOffice(ctx, st, nil, true); err != nil {
		t.Fatal(err)
	}
	ref, err := ReferenceOf(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	rows, problems, _, err := ReadProducts("testdata/lam-dong-dia-chi-cu.xlsx", ref)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // product → its commune now
		"Cà phê Thuận Hà": "Thuận Hạnh", "Hồ tiêu Đức An": "Đức An", "Mắc ca Nam Bình": "Đức An",
		"Cà phê rang xay Đắk Môl": "Đắk Song", "Sầu riêng Đắk Hoà": "Đắk Song", "Mật ong hoa cà phê": "Đức Lập",
		"Cà phê Đức Minh": "Đức Lập", "Bơ sáp Tâm Thắng": "Cư Jút", "Gạo Krông Nô": "Krông Nô",
		"Rau an toàn Tân Thành": "Tân Hội", "Thanh long Tân Thành": "Tân Thành", "Nho Bình Thạnh": "Liên Hương",
		"Cà phê Bình Thạnh": "Đinh Văn Lâm Hà", "Nước mắm Phong Phú": "", "Trà atiso Đà Lạt": "Lâm Viên - Đà Lạt",
		"Mứt dâu Đà Lạt": "Xuân Hương - Đà Lạt", "Trà ô long B'Lao": "1 Bảo Lộc", "Trà xanh Lộc Thanh": "1 Bảo Lộc",
		"Rượu cần Đạ Chais": "Lạc Dương", "Dâu tây Lạc Dương": "Lang Biang - Đà Lạt", "Cà phê Di Linh": "Di Linh",
		"Hạt điều Hàm Thắng": "Hàm Thắng", "Thanh long Hàm Hiệp": "Bình Thuận", "Cà phê Thuận Hạnh": "Thuận Hạnh",
	}
	all, _ := s.AllCommunes(ctx)
	name := map[int64]data.Commune{}
	for _, c := range all {
		name[c.ID] = c
	}
	if len(rows) != 24 {
		t.Fatalf("%d rows read, want 24; problems %v", len(rows), problems)
	}
	split := -1
	for i, r := range rows {
		c := name[r.CommuneID]
		if c.Name != want[r.Product] || (c.ID != 0 && c.ProvinceCode != "68") {
			t.Errorf("%s (%q): commune %q %s, want %q", r.Product, r.Address, c.Name, c.ProvinceCode, want[r.Product])
		}
		if !strings.Contains(r.Address, "xã") && !strings.Contains(r.Address, "Xã") && !strings.Contains(r.Address, "Phường") &&
			!strings.Contains(r.Address, "Thị trấn") && !strings.Contains(r.Address, "thị trấn") && !strings.Contains(r.Address, "xa ") {
			t.Errorf("%s: address not kept as written: %q", r.Product, r.Address)
		}
		if r.Product == "Nước mắm Phong Phú" {
			split = i
		}
	}
	if rows[0].CommuneNote != "Xã Thuận Hà, Huyện Đắk Song, Tỉnh Đắk Nông (trước 01/7/2025) nay thuộc xã Thuận Hạnh, tỉnh Lâm Đồng" {
		t.Errorf("note of the first row: %q", rows[0].CommuneNote)
	}
	// The split commune asks, with its two candidates, and nothing else does.
	r := rows[split]
	var choices []string
	for _, c := range r.CommuneChoices {
		choices = append(choices, c.Name)
	}
	slices.Sort(choices)
	if !slices.Equal(choices, []string{"Phan Rí Cửa", "Tuy Phong"}) || !strings.Contains(r.CommuneNote, "hãy chọn") {
		t.Errorf("split commune: choices %v, note %q", choices, r.CommuneNote)
	}
	if len(problems) != 1 || problems[0].Row != r.Row || !strings.Contains(problems[0].Reason, "đã được chia cho 2 xã, phường") {
		t.Errorf("problems: %v", problems)
	}
	plan, err := s.PreviewImport(ctx, rows, true)
	if err != nil || plan.New != 24 {
		t.Fatalf("preview: %d new, %v", plan.New, err)
	}
	pick := r.CommuneChoices[0]
	if err := plan.Rows[split].ChooseCommune(pick.ID); err != nil {
		t.Fatal(err)
	}
	if err := plan.Rows[split].ChooseCommune(rows[0].CommuneID); err == nil {
		t.Error("a commune not among the choices was accepted")
	}
	if _, err := s.CommitImport(ctx, "lam-dong-dia-chi-cu.xlsx", plan); err != nil {
		t.Fatal(err)
	}
	producers, _ := s.Producers(ctx)
	got := map[string]string{}
	for _, p := range producers {
		got[p.Name] = p.Commune
	}
	if got["Cơ sở nước mắm Hồng Lâm"] != pick.Name || got["HTX Cà phê Thuận Hà"] != "Thuận Hạnh" || got["HTX Nông nghiệp Tân Thành"] != "Krông Nô" {
		t.Errorf("producers' communes after import: %v", got)
	}
}
