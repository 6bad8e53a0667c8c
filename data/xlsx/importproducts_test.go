package xlsx

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/viet"
)

func refOf(t *testing.T, s *data.Store) Reference {
	t.Helper()
	ref, err := ReferenceOf(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

func emptyStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "ocop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The fixture was written by hand as flat ODS (testdata/danh-sach-san-pham.fods)
// and converted to .xlsx by LibreOffice: title rows, a heading over two rows
// with "Quyết định công nhận" merged over "Số QĐ" and "Ngày QĐ", a
// numbering row, section rows, a producer merged down over its two
// products, a totals row, a second sheet with other headings and notations.
func TestReadMessyProductList(t *testing.T) {
	s := emptyStore(t)
	rows, problems, maps, err := ReadProducts("testdata/danh-sach-san-pham.xlsx", refOf(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if len(maps) != 2 || maps[0].HeadRow != 4 || maps[1].HeadRow != 0 {
		t.Fatalf("mappings %+v", maps)
	}
	type want struct {
		product, producer, typ, commune, set, no, decided, until string
		stars                                                    int
		score                                                    string
	}
	wants := []want{
		{"Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết", "htx", "Đoàn Kết", "", "2412/QĐ-UBND", "06/12/2024", "", 4, "72,5"},
		{"Bột thạch đen", "HTX Nông nghiệp Thạch đen Đoàn Kết", "htx", "Đoàn Kết", "", "1203/QĐ-UBND", "07/07/2023", "07/07/2026", 3, "66,36"},
		{"Rượu men lá Quốc Việt", "Hộ kinh doanh Nông Thị Liên", "ho_kinh_doanh", "Quốc Việt", "", "1951/QĐ-UBND", "28/02/2025", "", 3, "61,7"},
		{"Chè Shan tuyết Kháng Chiến", "Công ty TNHH Chè Xứ Lạng", "doanh_nghiep", "Thất Khê", "", "88/QĐ-UBND", "07/07/2023", "", 5, "81"},
		{"Hạt dẻ rang", "HTX Nông sản Quốc Khánh", "htx", "Quốc Khánh", "", "", "", "", 0, ""},
		{"Khau nhục Thất Khê", "Công ty TNHH Đặc sản Xứ Lạng", "doanh_nghiep", "Thất Khê", "I.3.d", "1322/QĐ-UBND", "28/09/2025", "", 3, ""},
		{"Thạch đen Tràng Định", "HTX Nông nghiệp Thạch đen Đoàn Kết", "htx", "Đoàn Kết", "I.3.c", "2412/QĐ-UBND", "06/12/2024", "", 4, ""},
	}
	if len(rows) != len(wants) {
		for _, r := range rows {
			t.Logf("%s row %d: %+v", r.Sheet, r.Row, r)
		}
		t.Fatalf("%d rows read, want %d", len(rows), len(wants))
	}
	communes := map[int64]string{}
	for _, c := range refOf(t, s).Communes {
		communes[c.ID] = c.Name
	}
	for i, w := range wants {
		r := rows[i]
		got := want{r.Product, r.Producer, r.ProducerType, communes[r.CommuneID], r.SetCode, "", "", "", 0, ""}
		if r.Cert != nil {
			got.no, got.decided, got.until, got.stars = r.Cert.DecisionNo, data.VNDate(r.Cert.DecisionDate), data.VNDate(r.Cert.ValidUntil), r.Cert.Stars
			if r.Cert.HasScore {
				got.score = r.Cert.Score.VI()
			}
		}
		if got != w {
			t.Errorf("row %d (%s %d):\n got %+v\nwant %+v", i, r.Sheet, r.Row, got, w)
		}
	}
	var texts []string
	for _, p := range problems {
		texts = append(texts, p.String())
	}
	joined := strings.Join(texts, "\n")
	for _, want := range []string{
		`Trang "Danh sách 2024", dòng 14, cột "Địa chỉ", giá trị "xã Không Có": không tìm thấy xã`,
		`Trang "Danh sách 2024", dòng 14, cột "Quyết định công nhận – Ngày QĐ", giá trị "31/02/2024": ngày quyết định không hợp lệ`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
}

func TestReadCSVEncodings(t *testing.T) {
	s := emptyStore(t)
	for _, file := range []string{"utf8-bom.csv", "windows-1258.csv"} {
		rows, problems, _, err := ReadProducts("testdata/"+file, refOf(t, s))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(rows) != 2 || len(problems) != 0 {
			t.Fatalf("%s: %d rows, problems %v", file, len(rows), problems)
		}
		r := rows[0]
		if r.Product != "Thạch đen Tràng Định" || r.Producer != "HTX Nông nghiệp Thạch đen Đoàn Kết" || r.Cert.Stars != 4 ||
			r.Cert.Score.VI() != "72,5" || data.VNDate(r.Cert.DecisionDate) != "06/12/2024" {
			t.Errorf("%s: %+v %+v", file, r, r.Cert)
		}
		if rows[1].Product != "Miến dong Bình Gia" {
			t.Errorf("%s: second product %q (combining marks not composed?)", file, rows[1].Product)
		}
	}
}

func TestImportProductsAndUndo(t *testing.T) {
	s := emptyStore(t)
	ctx := context.Background()
	rows, _, _, err := ReadProducts("testdata/danh-sach-san-pham.xlsx", refOf(t, s))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PreviewImport(ctx, rows, true)
	if err != nil {
		t.Fatal(err)
	}
	// Six products (the second sheet repeats Thạch đen with its set code), five producers.
	if plan.New != 6 || plan.NewProducers != 5 || plan.AddCert+plan.Fill+plan.Same != 1 {
		t.Fatalf("preview %s", plan.SummaryLine())
	}
	res, err := s.CommitImport(ctx, "danh-sach-san-pham.xlsx", plan)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Products(ctx, data.ProductQuery{})
	if len(list) != 6 || res.Products != 6 || res.Producers != 5 || res.Decisions != 5 {
		t.Fatalf("%d products listed, result %+v", len(list), res)
	}
	// The second sheet's line for Thạch đen gave it its product set, not a second decision.
	for _, p := range list {
		if p.Name == "Thạch đen Tràng Định" && (p.SetCode != "I.3.c" || p.DecisionNo != "2412/QĐ-UBND") {
			t.Errorf("Thạch đen imported as %+v", p)
		}
	}
	// Importing the same file again creates nothing.
	again, _ := s.PreviewImport(ctx, rows, true)
	if again.New != 0 || again.NewProducers != 0 || again.AddCert != 0 {
		t.Errorf("second import would do: %s", again.SummaryLine())
	}
	if err := s.UndoImport(ctx, res.ImportID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Products(ctx, data.ProductQuery{}); len(list) != 0 {
		t.Errorf("%d products after undoing the import", len(list))
	}
	if err := s.UndoImport(ctx, res.ImportID); err == nil {
		t.Error("an import was undone twice")
	}
}

func TestExportThenImportRoundTrip(t *testing.T) {
	src, today := demoStore(t)
	ctx := context.Background()
	// The list's first product has expired: its status, "Hết hạn", is no
	// second heading row (it was once read as one, and the product lost).
	producers, _ := src.Producers(ctx)
	first := &data.Product{ProducerID: producers[0].ID, Name: "A giao Mẫu Sơn", SetCode: "I.3.c"}
	if err := src.AddProduct(ctx, first, &data.Certification{DecisionNo: "12/QĐ-UBND", DecisionDate: today.AddDate(-4, 0, 0),
		Stars: 3, ValidUntil: today.AddDate(-1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	if rows, _ := src.Products(ctx, data.ProductQuery{AsOf: today}); rows[0].Name != first.Name || rows[0].Status != data.StatusExpired {
		t.Fatalf("the list begins with %+v", rows[0])
	}
	out := filepath.Join(t.TempDir(), "DanhSach.xlsx")
	if _, err := ExportProducts(ctx, src, out, today); err != nil {
		t.Fatal(err)
	}
	dst := emptyStore(t)
	rows, problems, _, err := ReadProducts(out, refOf(t, dst))
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %v", problems, err)
	}
	plan, _ := dst.PreviewImport(ctx, rows, true)
	if _, err := dst.CommitImport(ctx, "DanhSach.xlsx", plan); err != nil {
		t.Fatal(err)
	}
	want, _ := src.Products(ctx, data.ProductQuery{AsOf: today})
	got, _ := dst.Products(ctx, data.ProductQuery{AsOf: today})
	if len(got) != len(want) {
		t.Fatalf("%d products back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Name != w.Name || g.Producer != w.Producer || g.ProducerType != w.ProducerType || g.Commune != w.Commune ||
			g.SetCode != w.SetCode || g.Stars != w.Stars || g.Score != w.Score || g.DecisionNo != w.DecisionNo ||
			!g.DecisionDate.Equal(w.DecisionDate) || !g.ValidUntil.Equal(w.ValidUntil) || g.Status != w.Status {
			t.Errorf("came back as\n%+v\nwant\n%+v", g, w)
		}
	}
}

// The same list typed with the .VnTime (TCVN3) and VNI-Times (VNI) fonts,
// by hand, comes back in Unicode.
func TestReadLegacyLists(t *testing.T) {
	for file, enc := range map[string]viet.Legacy{"tcvn3.xlsx": viet.LegacyTCVN3, "vni.xlsx": viet.LegacyVNI} {
		readLegacyList(t, file, enc)
	}
}

func readLegacyList(t *testing.T, file string, enc viet.Legacy) {
	s := emptyStore(t)
	rows, problems, maps, err := ReadProducts("testdata/"+file, refOf(t, s))
	if err != nil || len(problems) != 0 {
		t.Fatalf("%s: %v %v", file, problems, err)
	}
	if maps[0].Legacy != enc || len(rows) != 2 {
		t.Fatalf("%s: encoding %v, %d rows", file, maps[0].Legacy, len(rows))
	}
	if rows[0].Product != "Thạch đen Tràng Định" || rows[0].Producer != "HTX Nông nghiệp Thạch đen Đoàn Kết" ||
		rows[0].Cert.DecisionNo != "2412/QĐ-UBND" || rows[1].Producer != "Hộ kinh doanh Hoàng Thị Mận" || rows[1].ProducerType != "ho_kinh_doanh" {
		t.Errorf("read %+v / %+v", rows[0], rows[1])
	}
}
