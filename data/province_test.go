package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCombineTellsOfficesApart(t *testing.T) {
	at := func(minute int) time.Time { return time.Date(2026, 1, 5, 8, minute, 0, 0, time.UTC) }
	office := func(id, name, place string, communes ...string) Office {
		return Office{ID: id, OfficeName: "PHÒNG KINH TẾ", ParentBody: name, Province: "Lạng Sơn", PlaceName: place, Communes: communes}
	}
	// file is a report of one office with one product of its own.
	type file struct {
		name     string
		office   Office
		exported int // minute
	}
	thatKhe := office("a1b2c3d4e5f60718293a4b5c6d7e8f90", "UBND XÃ THẤT KHÊ", "Thất Khê", "06040")
	example := office("0f9e8d7c6b5a49382716f5e4d3c2b1a0", "UBND XÃ THẤT KHÊ", "Đoàn Kết", "06001") // kept the example text
	cases := []struct {
		name     string
		files    []file
		included []string            // files combined
		labels   []string            // the offices' lines, in order
		notes    map[string][]string // file -> words of its one problem
		leftOut  map[string]bool     // file -> its problem keeps it out
	}{
		{
			name:     "same name, different ids: both combined, with a note",
			files:    []file{{"thatkhe.xlsx", thatKhe, 1}, {"doanket.xlsx", example, 2}},
			included: []string{"thatkhe.xlsx", "doanket.xlsx"},
			labels:   []string{"UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ (Đoàn Kết)", "UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ (Thất Khê)"},
			notes: map[string][]string{
				"thatkhe.xlsx": {"hai đơn vị cùng tên «UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ»", "tệp doanket.xlsx", "gộp cả hai"},
				"doanket.xlsx": {"hai đơn vị cùng tên", "tệp thatkhe.xlsx", "(Đoàn Kết)"},
			},
		},
		{
			name: "same name and place, different ids: told apart by communes",
			files: []file{{"a.xlsx", office("11", "UBND XÃ MỚI", "Lạng Sơn", "06100"), 1},
				{"b.xlsx", office("22", "UBND XÃ MỚI", "Lạng Sơn", "06112", "06115"), 2}},
			included: []string{"a.xlsx", "b.xlsx"},
			labels:   []string{"UBND XÃ MỚI - PHÒNG KINH TẾ (mã xã 06100)", "UBND XÃ MỚI - PHÒNG KINH TẾ (mã xã 06112, 06115)"},
			notes:    map[string][]string{"a.xlsx": {"cùng tên"}, "b.xlsx": {"cùng tên"}},
		},
		{
			name:     "same id twice: the later export is kept",
			files:    []file{{"thatkhe.xlsx", thatKhe, 1}, {"thatkhe_gui_lai.xlsx", thatKhe, 5}},
			included: []string{"thatkhe_gui_lai.xlsx"},
			labels:   []string{"UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ"},
			notes:    map[string][]string{"thatkhe.xlsx": {"cùng là báo cáo của UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ", "chỉ gộp tệp thatkhe_gui_lai.xlsx"}},
			leftOut:  map[string]bool{"thatkhe.xlsx": true},
		},
		{
			name: "same id under a new name: still one office",
			files: []file{{"cu.xlsx", thatKhe, 1},
				{"moi.xlsx", office(thatKhe.ID, "UBND XÃ THẤT KHÊ MỚI", "Thất Khê", "06040"), 3}},
			included: []string{"moi.xlsx"},
			labels:   []string{"UBND XÃ THẤT KHÊ MỚI - PHÒNG KINH TẾ"},
			notes:    map[string][]string{"cu.xlsx": {"chỉ gộp tệp moi.xlsx"}},
			leftOut:  map[string]bool{"cu.xlsx": true},
		},
		{
			name:     "older reports without an id: told apart by name",
			files:    []file{{"cu_1.xlsx", office("", "UBND XÃ ĐOÀN KẾT", ""), 1}, {"cu_2.xlsx", office("", "UBND XÃ Đoàn Kết", ""), 2}, {"khac.xlsx", office("", "UBND XÃ QUỐC KHÁNH", ""), 3}},
			included: []string{"cu_2.xlsx", "khac.xlsx"},
			labels:   []string{"UBND XÃ Đoàn Kết - PHÒNG KINH TẾ", "UBND XÃ QUỐC KHÁNH - PHÒNG KINH TẾ"},
			notes:    map[string][]string{"cu_1.xlsx": {"chỉ gộp tệp cu_2.xlsx"}},
			leftOut:  map[string]bool{"cu_1.xlsx": true},
		},
		{
			name:     "an older report without an id and a newer one of the same name: one office",
			files:    []file{{"cu.xlsx", office("", "UBND XÃ THẤT KHÊ", ""), 1}, {"moi.xlsx", thatKhe, 4}},
			included: []string{"moi.xlsx"},
			labels:   []string{"UBND XÃ THẤT KHÊ - PHÒNG KINH TẾ"},
			notes:    map[string][]string{"cu.xlsx": {"chỉ gộp tệp moi.xlsx"}},
			leftOut:  map[string]bool{"cu.xlsx": true},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var files []OfficeFile
			for i, f := range c.files {
				rep := &OfficeReport{Format: OfficeReportFormat, Exported: at(f.exported), Office: f.office,
					From: Year(2025).From, To: Year(2025).To, Products: []OfficeProduct{
						{Name: fmt.Sprintf("Sản phẩm số %d", i+1), Producer: "HTX số " + f.name, Certified: true, Stars: 3, Status: StatusValid},
					}}
				files = append(files, OfficeFile{Path: "/tmp/gui/" + f.name, Report: rep})
			}
			prov := CombineOfficeReports(files, nil, nil)
			var included, labels []string
			for _, f := range prov.Included {
				included = append(included, f.Name())
			}
			for _, l := range prov.ByOffice {
				labels = append(labels, l.Name)
			}
			if slices.Sort(included); !slices.Equal(included, slices.Sorted(slices.Values(c.included))) {
				t.Errorf("combined %v, want %v", included, c.included)
			}
			if !slices.Equal(labels, c.labels) {
				t.Errorf("offices %q, want %q", labels, c.labels)
			}
			if len(prov.Products) != len(c.included) {
				t.Errorf("%d products counted, want one per office combined (%d)", len(prov.Products), len(c.included))
			}
			for _, p := range prov.Products {
				if !slices.Contains(labels, p.Office) {
					t.Errorf("product %q counted for %q, not an office line", p.Name, p.Office)
				}
			}
			for _, f := range prov.Files {
				words := c.notes[f.Name()]
				if len(f.Problems) != min(1, len(words)) {
					t.Errorf("%s: problems %v, want %d", f.Name(), f.Problems, min(1, len(words)))
					continue
				}
				for _, p := range f.Problems {
					if p.LeftOut != c.leftOut[f.Name()] {
						t.Errorf("%s: %q leaves it out: %v", f.Name(), p.Message, p.LeftOut)
					}
					for _, w := range words {
						if !strings.Contains(p.String(), w) {
							t.Errorf("%s: %q lacks %q", f.Name(), p.String(), w)
						}
					}
				}
			}
		})
	}
}

func TestReportFileName(t *testing.T) {
	q4 := Quarter(2026, 4)
	cases := []struct {
		place, office string
		period        Period
		want          string
	}{
		{"Thất Khê", "PHÒNG KINH TẾ", q4, "BaoCao_OCOP_2026_Q4_ThatKhe.xlsx"},
		{"Đồng Đăng", "", Year(2026), "BaoCao_OCOP_2026_DongDang.xlsx"},
		{"  Tràng   Định ", "", q4, "BaoCao_OCOP_2026_Q4_TrangDinh.xlsx"},
		{"", "PHÒNG KINH TẾ", q4, "BaoCao_OCOP_2026_Q4_PhongKinhTe.xlsx"},
		{"Xã Hoàng Văn Thụ (cũ), số 2", "", q4, "BaoCao_OCOP_2026_Q4_XaHoangVanThuCuSo2.xlsx"},
		{"", "", q4, "BaoCao_OCOP_2026_Q4.xlsx"},
	}
	for _, c := range cases {
		if got := ReportFileName(Settings{PlaceName: c.place, OfficeName: c.office}, c.period); got != c.want {
			t.Errorf("%q, %q: %q, want %q", c.place, c.office, got, c.want)
		}
	}
}
