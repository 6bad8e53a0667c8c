package xlsx

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// gapStore is an office whose products have gaps: one with no product
// set, one whose producer has no commune, one with no score, one never
// certified. Its signer and its report's parts are set from st.
func gapStore(t *testing.T, extra int, set func(*data.Settings)) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, _ := s.Settings(ctx)
	st.OfficeName, st.ParentBody, st.SignerTitle, st.SignerName = "PHÒNG KINH TẾ", "UBND XÃ THẤT KHÊ", "TRƯỞNG PHÒNG", "Hoàng Thị Ký"
	if set != nil {
		set(&st)
	}
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	communes, _ := s.Communes(ctx)
	var thatKhe int64
	for _, c := range communes {
		if c.Name == "Thất Khê" {
			thatKhe = c.ID
		}
	}
	placed := &data.Producer{Name: "HTX Thất Khê", Type: "htx", CommuneID: thatKhe}
	nowhere := &data.Producer{Name: "Hộ Nông Văn Bình", Type: "ho_kinh_doanh"}
	for _, p := range []*data.Producer{placed, nowhere} {
		if err := s.AddProducer(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	add := func(name string, pr *data.Producer, set string, stars int, score bool) {
		var c *data.Certification
		if stars > 0 {
			c = &data.Certification{DecisionNo: "12/QĐ-UBND", DecisionDate: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
				Stars: stars, Score: data.Score(2000 * stars), HasScore: score}
		}
		if err := s.AddProduct(ctx, &data.Product{Name: name, ProducerID: pr.ID, SetCode: set}, c); err != nil {
			t.Fatal(err)
		}
	}
	add("Vịt quay Thất Khê", placed, "I.3.d", 4, true)
	add("Bánh gai không phân loại", placed, "", 3, true)
	add("Miến dong không rõ xã", nowhere, "I.3.b", 3, true)
	add("Rượu không có điểm", placed, "II.1.a", 5, false)
	add("Măng chưa công nhận", nowhere, "I.3.c", 0, false)
	for i := range extra {
		add(fmt.Sprintf("Sản phẩm thêm số %03d", i+1), placed, "I.3.c", 3, true)
	}
	return s
}

// TestEveryTableCountsEveryProduct reads back every summary table of the
// report workbook and of the provincial workbook made from it: each total
// is the number of products the table covers, gaps included.
func TestEveryTableCountsEveryProduct(t *testing.T) {
	ctx := context.Background()
	s := gapStore(t, 0, nil)
	dir := t.TempDir()
	path := exportOffice(t, s, dir, "office.xlsx", Reports, testPeriod)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const certified, products = 4, 5
	for _, tc := range []struct {
		sheet, section, unknown string
		want                    int
	}{
		{"Tổng hợp", "I.", data.UnknownGroup, certified},
		{"Tổng hợp", "II.", data.UnknownCommune, certified},
		{"Tổng hợp", "III.", "", certified},
		{"Tổng hợp", "V.", "", certified},
	} {
		got := sheetTable(t, f, tc.sheet, tc.section)
		if tot := got["Tổng cộng"]; len(tot) < 5 || tot[4] != tc.want {
			t.Errorf("%s %s: total %v, want %d", tc.sheet, tc.section, tot, tc.want)
		}
		if tc.unknown != "" && (len(got[tc.unknown]) < 5 || got[tc.unknown][4] != 1) {
			t.Errorf("%s %s: line %q %v, want 1 product", tc.sheet, tc.section, tc.unknown, got[tc.unknown])
		}
	}
	rows, _ := f.GetRows("Tổng hợp")
	statusTotal := ""
	for _, r := range rows {
		if len(r) > 2 && r[1] == "Tổng số sản phẩm" {
			statusTotal = r[2]
		}
	}
	if statusTotal != strconv.Itoa(products) {
		t.Errorf("IV: total %q, want %d", statusTotal, products)
	}
	list, _ := f.GetRows("Danh sách sản phẩm")
	n := 0
	for _, r := range list {
		if len(r) > 1 && r[0] != "" && r[0] != "STT" {
			if _, err := strconv.Atoi(r[0]); err == nil {
				n++
			}
		}
	}
	if n != products {
		t.Errorf("product list: %d rows, want %d", n, products)
	}

	// The province: the same office, with a product whose producer type the
	// province's list does not know.
	files := ReadOfficeReports(ctx, []string{path}, nil)
	for i := range files[0].Report.Products {
		if p := &files[0].Report.Products[i]; p.Name == "Vịt quay Thất Khê" {
			p.ProducerType, p.ProducerTypeName = "", ""
		}
	}
	prov, err := CombineOfficeFiles(ctx, s, files)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tinh.xlsx")
	if err := WriteProvince(ctx, s, out, prov, ProvinceOptions{}); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, tc := range []struct {
		section, unknown string
		col              int
	}{
		{"I.", "", 4}, {"II.", "", 0}, {"III.", data.UnknownGroup, 4}, {"IV.", data.UnknownCommune, 4}, {"V.", data.UnknownType, 4},
	} {
		got := sheetTable(t, g, ProvinceSummarySheet, tc.section)
		if tot := got["Tổng cộng"]; len(tot) <= tc.col || tot[tc.col] != certified {
			t.Errorf("province %s: total %v, want %d", tc.section, tot, certified)
		}
		if tc.unknown != "" && (len(got[tc.unknown]) < 5 || got[tc.unknown][4] != 1) {
			t.Errorf("province %s: line %q %v, want 1 product", tc.section, tc.unknown, got[tc.unknown])
		}
	}
}

// TestReportHeaderAndSignature reads back the parts of an official report
// on every sheet: the number line, Kính gửi, Nơi nhận and the signer, from
// the settings, and their defaults when nothing is set.
func TestReportHeaderAndSignature(t *testing.T) {
	for _, tc := range []struct {
		name           string
		set            func(*data.Settings)
		number         string
		numberLine, to string
		copies, signer []string
	}{
		{"defaults", nil, "", "Số: ……/BC-PKT", "Kính gửi: Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn.",
			[]string{"Nơi nhận:", "- Như trên;", "- Lưu: VT."}, []string{"TRƯỞNG PHÒNG", "", "", "", "Hoàng Thị Ký"}},
		{"set", func(st *data.Settings) {
			st.DocSymbol, st.Recipient, st.CopiesTo = "BC-UBND", "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn (Chi cục PTNT)", "Như trên\n- Chủ tịch UBND xã;\nLưu: VT, KT."
			st.SignerAuthority, st.SignerTitle = "KT. Chủ tịch", "Phó Chủ tịch"
		}, "15", "Số: 15/BC-UBND", "Kính gửi: Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn (Chi cục PTNT).",
			[]string{"Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã;", "- Lưu: VT, KT."}, []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Hoàng Thị Ký"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := gapStore(t, 0, tc.set)
			path := filepath.Join(t.TempDir(), "r.xlsx")
			if _, err := WriteReports(context.Background(), s, path, Reports, ReportOptions{Period: testPeriod, Number: tc.number}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for _, sh := range f.GetSheetList()[:4] {
				get := func(cell string) string { v, _ := f.GetCellValue(sh, cell); return v }
				if get("A3") != tc.numberLine || get("A7") != tc.to {
					t.Errorf("%s: number line %q, Kính gửi %q", sh, get("A3"), get("A7"))
				}
				rows, _ := f.GetRows(sh)
				start := -1
				for i, r := range rows {
					if len(r) > 0 && r[0] == "Nơi nhận:" {
						start = i
					}
				}
				if start < 0 {
					t.Fatalf("%s: no Nơi nhận", sh)
				}
				for i, want := range tc.copies {
					if got := rows[start+i]; len(got) == 0 || got[0] != want {
						t.Errorf("%s: Nơi nhận line %d %v, want %q", sh, i, got, want)
					}
				}
				for i, want := range tc.signer {
					got := ""
					if r := rows[start+i]; len(r) > 1 {
						got = strings.TrimSpace(strings.Join(r[1:], ""))
					}
					if got != want {
						t.Errorf("%s: signer line %d %q, want %q", sh, i, got, want)
					}
				}
			}
		})
	}
}

// TestSignatureKeepsWithTheTable prints product lists of lengths around
// page boundaries through LibreOffice: the signer's name is always on the
// page of the list's last row.
func TestSignatureKeepsWithTheTable(t *testing.T) {
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	for _, extra := range []int{8, 9, 10, 11, 12, 13, 14, 34, 36, 38} {
		t.Run(strconv.Itoa(extra+5), func(t *testing.T) {
			s := gapStore(t, extra, nil)
			dir := t.TempDir()
			path := filepath.Join(dir, "ds.xlsx")
			if _, err := WriteReports(context.Background(), s, path, []string{ReportProducts}, ReportOptions{Period: testPeriod}); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo"), "--convert-to", "pdf", "--outdir", dir, path)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("libreoffice: %v %s", err, out)
			}
			text, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "ds.pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			last := "Sản phẩm thêm số " + fmt.Sprintf("%03d", extra)
			pages := strings.Split(string(text), "\f")
			lastAt, signerAt := -1, -1
			for i, p := range pages {
				if strings.Contains(p, last) {
					lastAt = i
				}
				if strings.Contains(p, "Hoàng Thị Ký") {
					signerAt = i
				}
			}
			if lastAt < 0 || lastAt != signerAt || !strings.Contains(pages[signerAt], "TRƯỞNG PHÒNG") {
				t.Errorf("%d pages: last row on page %d, signer on page %d", len(pages)-1, lastAt+1, signerAt+1)
			}
			if os.Getenv("OCOP_KEEP_PDF") != "" {
				os.WriteFile(fmt.Sprintf("/tmp/review/keep-%d.txt", extra+5), text, 0o644)
			}
		})
	}
}
