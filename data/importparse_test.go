package data

import (
	"testing"
)

func TestParseStars(t *testing.T) {
	for in, want := range map[string]int{"4": 4, "4 sao": 4, "4 Sao": 4, "★★★★": 4, "★★★☆☆": 3, "3*": 3, "5.0": 5, "Ba sao": 3, " 3 ": 3,
		"3 sao": 3, "3 *": 3, "***": 3, "* * * *": 4, "★★★": 3, "3★": 3, "3 ★": 3, "Hạng 3 sao": 3, "hạng 4 sao": 4, "Năm sao": 5} {
		if got, err := ParseStars(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "6", "0 sao", "tốt", "★★★★★★", "******", "3 sao 4", "hạng A", "*3"} {
		if _, err := ParseStars(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParseCellDate(t *testing.T) {
	for in, want := range map[string]string{"07/7/2023": "07/07/2023", "7/7/2023": "07/07/2023", "45114": "07/07/2023",
		"2023-07-07": "07/07/2023", "06-12-2024": "06/12/2024"} {
		if got, err := ParseCellDate(in); err != nil || VNDate(got) != want {
			t.Errorf("%q: %s, %v; want %s", in, VNDate(got), err, want)
		}
	}
	if _, err := ParseCellDate("31/02/2024"); err == nil {
		t.Error("31/02/2024 accepted")
	}
}

func TestParseDecision(t *testing.T) {
	for _, c := range []struct{ in, no, day string }{
		{"2412/QĐ-UBND ngày 06/12/2024", "2412/QĐ-UBND", "06/12/2024"},
		{"QĐ số 1203/QĐ-UBND ngày 07/7/2023", "1203/QĐ-UBND", "07/07/2023"},
		{"Quyết định số 88/QĐ-UBND ngày 5 tháng 3 năm 2025", "88/QĐ-UBND", "05/03/2025"},
		{"1203/QĐ-UBND", "1203/QĐ-UBND", ""},
		{"Số 45/2024/QĐ-UBND, ngày 1/2/2024", "45/2024/QĐ-UBND", "01/02/2024"},
		{"07/7/2023", "", "07/07/2023"},
	} {
		no, day, err := ParseDecision(c.in)
		if err != nil || no != c.no || VNDate(day) != c.day {
			t.Errorf("%q: %q %q %v; want %q %q", c.in, no, VNDate(day), err, c.no, c.day)
		}
	}
	if _, _, err := ParseDecision("chưa có"); err == nil {
		t.Error("text without a decision accepted")
	}
}

func TestFindCommune(t *testing.T) {
	s := openTemp(t)
	communes, _ := s.Communes(t.Context())
	for in, want := range map[string]string{
		"thôn Nà Pàn, xã Quốc Khánh, huyện Tràng Định (cũ)": "Quốc Khánh",
		"khối 5, thị trấn Thất Khê, huyện Tràng Định":       "Thất Khê",
		"Đoàn Kết":                        "Đoàn Kết",
		"thôn Bản Chang - xã Kháng Chiến": "Kháng Chiến",
		"Xã tân tiến":                     "Tân Tiến",
	} {
		c, ok := FindCommune(in, communes)
		if !ok || c.Name != want {
			t.Errorf("%q: %q %v, want %q", in, c.Name, ok, want)
		}
	}
	if c, ok := FindCommune("huyện Tràng Định (cũ)", communes); ok {
		t.Errorf("a district matched commune %q", c.Name)
	}
}

func TestParseProducerType(t *testing.T) {
	for _, c := range []struct{ typ, name, want string }{
		{"HTX", "", "htx"}, {"", "HTX Nông nghiệp Quốc Khánh", "htx"}, {"Hợp tác xã", "", "htx"},
		{"", "Công ty TNHH Đặc sản Xứ Lạng", "doanh_nghiep"}, {"Doanh nghiệp", "", "doanh_nghiep"},
		{"Hộ kinh doanh", "", "ho_kinh_doanh"}, {"", "Hộ kinh doanh Lương Văn Tiến", "ho_kinh_doanh"},
		{"THT", "", "tht"}, {"", "Tổ hợp tác Dệt thổ cẩm", "tht"},
	} {
		if got, ok := ParseProducerType(c.typ, c.name); !ok || got != c.want {
			t.Errorf("%q %q: %q %v, want %q", c.typ, c.name, got, ok, c.want)
		}
	}
	if _, ok := ParseProducerType("", "Lò Văn Sáng"); ok {
		t.Error("a person's name was given a producer type")
	}
}

// The ways offices write a producer and its address in one cell.
func TestSplitProducerAddress(t *testing.T) {
	for _, c := range []struct{ in, producer, address string }{
		{"HTX Nông nghiệp Đoàn Kết; địa chỉ: xã Đoàn Kết, tỉnh Lạng Sơn", "HTX Nông nghiệp Đoàn Kết", "xã Đoàn Kết, tỉnh Lạng Sơn"},
		{"HTX Nông nghiệp Đoàn Kết; xã Đoàn Kết", "HTX Nông nghiệp Đoàn Kết", "xã Đoàn Kết"},
		{"Công ty TNHH Chè Xứ Lạng - Địa chỉ: khối 3, xã Thất Khê", "Công ty TNHH Chè Xứ Lạng", "khối 3, xã Thất Khê"},
		{"Hộ kinh doanh Nông Thị Liên, thôn Bản Cầu, xã Quốc Việt, tỉnh Lạng Sơn", "Hộ kinh doanh Nông Thị Liên", "thôn Bản Cầu, xã Quốc Việt, tỉnh Lạng Sơn"},
		{"HTX Nông sản Quốc Khánh (xã Quốc Khánh, tỉnh Lạng Sơn)", "HTX Nông sản Quốc Khánh", "xã Quốc Khánh, tỉnh Lạng Sơn"},
		{"HTX Nông sản Quốc Khánh\nxã Quốc Khánh, tỉnh Lạng Sơn", "HTX Nông sản Quốc Khánh", "xã Quốc Khánh, tỉnh Lạng Sơn"},
		{"HTX Nông sản Quốc Khánh\r\nĐịa chỉ: xã Quốc Khánh", "HTX Nông sản Quốc Khánh", "xã Quốc Khánh"},
		{"Công ty TNHH Đặc sản Xứ Lạng, Phường Lương Văn Tri", "Công ty TNHH Đặc sản Xứ Lạng", "Phường Lương Văn Tri"},
		{"Công ty CP ABC, số 12 đường Bà Triệu, phường Đông Kinh", "Công ty CP ABC", "số 12 đường Bà Triệu, phường Đông Kinh"},
		{"HTX Thạch đen xã Đoàn Kết", "HTX Thạch đen xã Đoàn Kết", ""},
		{"Công ty TNHH Xứ Lạng (Việt Nam)", "Công ty TNHH Xứ Lạng (Việt Nam)", ""},
		{"Công ty TNHH Bảo Anh, Lạng Sơn", "Công ty TNHH Bảo Anh, Lạng Sơn", ""},
		{"HTX Tân Thành ĐC: thôn Pá Phiêng", "HTX Tân Thành", "thôn Pá Phiêng"},
	} {
		p, a := SplitProducerAddress(c.in)
		if p != c.producer || a != c.address {
			t.Errorf("%q:\n got %q | %q\nwant %q | %q", c.in, p, a, c.producer, c.address)
		}
	}
}
