package docx

import (
	"strings"
	"testing"
)

// The documents of one commune's round, as the dossier code would fill
// them.
var (
	thatKhe = Issuer{Name: "Ủy ban nhân dân xã Thất Khê", Symbol: "UBND", Place: "Thất Khê"}
	chair   = Signer{Authority: "TM. ỦY BAN NHÂN DÂN", Title: "Chủ tịch", Name: "Hoàng Văn Minh"}

	sampleRegistration = Registration{
		Province: "Lạng Sơn", Year: 2026,
		Producer: "Hợp tác xã Nông nghiệp Quốc Khánh", Representative: "Lương Thị Hoa", Position: "Giám đốc",
		Address: "Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn", Phone: "0912 345 678", Email: "htxquockhanh@gmail.com",
		Product: "Miến dong Quốc Khánh", Classification: "Thực phẩm; Thực phẩm chế biến; Chế biến từ lương thực (tinh bột, miến, bún)",
		Kind: KindRerank, Samples: "05 sản phẩm",
		ReceiptNo: "03-…/PĐK-20-06040-2026", Received: day("2026-06-08"), ReceivedBy: "Nông Thị Lan",
	}
	sampleAssessment = Assessment{
		Issuer: thatKhe, Number: "57", Date: day("2026-06-22"),
		Producer: "Hợp tác xã Nông nghiệp Quốc Khánh", ProducerType: "Hợp tác xã",
		Address: "Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn", Representative: "Lương Thị Hoa",
		Gender: "Nữ", Ethnicity: "Tày", Residence: "Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn",
		Product:      "Miến dong Quốc Khánh",
		RawMaterials: "Hợp tác xã sử dụng củ dong riềng trồng tại các thôn Bản Piàng, Nà Cạn (khoảng 35 ha), thu mua theo hợp đồng với 62 hộ thành viên.\nQua kiểm tra thực tế, 100% nguyên liệu có nguồn gốc trên địa bàn xã.",
		Labour:       "Hợp tác xã có 18 lao động thường xuyên, 16 người có hộ khẩu thường trú tại xã; mùa vụ thuê thêm 25 lao động địa phương.",
		Idea:         "Nghề làm miến dong truyền thống của đồng bào Tày ở Thất Khê, có từ trước năm 1990.",
		Identity:     "Sợi miến làm thủ công từ tinh bột dong riềng giống địa phương, phơi nắng tự nhiên trên giàn tre; kinh nghiệm lọc bột nhiều lần của cộng đồng tạo nên sợi miến dai, trong.",
		Commune:      "xã Thất Khê", Province: "tỉnh Lạng Sơn",
		Signer: chair,
		Copies: []string{"UBND tỉnh Lạng Sơn (qua Sở Nông nghiệp và Môi trường)", "Chủ tịch, các PCT UBND xã", "Lưu: VT, KT"},
	}
	sampleRequest = Request{
		Issuer: Issuer{Name: "Ủy ban nhân dân xã Thất Khê", Symbol: "UBND-KT", Place: "Thất Khê"}, Number: "412", Date: day("2026-06-24"),
		Commune: "xã Thất Khê", Province: "tỉnh Lạng Sơn", Round: "đợt 2 năm 2026",
		Products: []RequestItem{
			{Product: "Miến dong Quốc Khánh", Producer: "Hợp tác xã Nông nghiệp Quốc Khánh", Address: "Thôn Bản Piàng, xã Thất Khê", Kind: KindRerank, ReceiptNo: "03-…/PĐK-20-06040-2026"},
			{Product: "Hạt dẻ Thất Khê", Producer: "Hộ kinh doanh Hoàng Văn Tú", Address: "Khu 3, xã Thất Khê", Kind: KindFirst, ReceiptNo: "04-…/PĐK-20-06040-2026"},
			{Product: "Trà hoa vàng sấy lạnh", Producer: "Công ty TNHH Nông sản Xứ Lạng", Address: "Thôn Nà Cạn, xã Thất Khê", Kind: KindUpgrade, ReceiptNo: "05-…/PĐK-20-06040-2026"},
		},
		Contact: "bà Nông Thị Lan, công chức Kinh tế xã, điện thoại 0205 3880 123",
		Signer:  Signer{Authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", Title: "PHÓ CHỦ TỊCH", Name: "Đinh Thị Thu"},
		Copies:  []string{"Như trên", "Sở Nông nghiệp và Môi trường", "Lưu: VT"},
	}
	sampleNotice = Notice{
		Issuer: thatKhe, Number: "15", Date: day("2026-01-09"),
		Commune: "xã Thất Khê", Producer: "Hợp tác xã Nông nghiệp Quốc Khánh", Product: "Miến dong Quốc Khánh", Stars: 4,
		DecisionNumber: "1203/QĐ-UBND", DecisionDate: day("2023-07-07"), DecisionBy: "Ủy ban nhân dân tỉnh Lạng Sơn",
		Expires: day("2026-07-06"), Opens: day("2026-01-07"), Closes: day("2026-03-08"),
		Where:   "Bộ phận Một cửa, Ủy ban nhân dân xã Thất Khê (Khu 2, xã Thất Khê)",
		Contact: "bà Nông Thị Lan, điện thoại 0205 3880 123",
		Signer:  chair,
	}
)

// sampleDocuments are the four documents with the names the tests give
// their files.
func sampleDocuments() []struct {
	name string
	doc  *Document
} {
	return []struct {
		name string
		doc  *Document
	}{
		{"mau01", sampleRegistration.Document()},
		{"mau03", sampleAssessment.Document()},
		{"cong-van", sampleRequest.Document()},
		{"thong-bao", sampleNotice.Document()},
	}
}

// TestDocumentsHoldTheirFields reads each document back and finds what a
// reader looks for: the filled fields, the form's fixed text, the Decree
// 30 header and signature lines.
func TestDocumentsHoldTheirFields(t *testing.T) {
	header := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
	tests := []struct {
		name string
		doc  *Document
		want []string
	}{
		{"Mẫu 01", sampleRegistration.Document(), []string{
			"PHIẾU ĐĂNG KÝ", "Tham gia đánh giá, phân hạng sản phẩm OCOP\ncủa tỉnh Lạng Sơn năm 2026",
			"- Tên đơn vị: Hợp tác xã Nông nghiệp Quốc Khánh", "- Họ tên người đại diện pháp lý: Lương Thị Hoa",
			"- Chức vụ: Giám đốc", "- Địa chỉ liên hệ: Thôn Bản Piàng, xã Thất Khê, tỉnh Lạng Sơn",
			"- Điện thoại: 0912 345 678\tEmail: htxquockhanh@gmail.com", "2. Tên sản phẩm: Miến dong Quốc Khánh",
			"Chế biến từ lương thực (tinh bột, miến, bún)",
			"4. Lần đăng ký đánh giá: Lần đầu ☐   Nâng hạng: ☐   Đánh giá lại: ☒",
			"- Sản phẩm mẫu (số lượng): 05 sản phẩm", "Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật",
			"ĐẠI DIỆN", "(Ký, đóng dấu, ghi rõ họ tên)", "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ", "DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ",
			"Phiếu số: 03-…/PĐK-20-06040-2026", "Ngày nhận: 08/06/2026", "Người tiếp nhận: Nông Thị Lan\tChữ ký:",
			"DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH", "Phiếu số: ……-……. /PĐK- (Mã tỉnh) - (Mã xã) - (Năm)",
			"Theo Phụ lục I về Danh mục phân loại sản phẩm",
		}},
		{"Mẫu 03", sampleAssessment.Document(), []string{
			"ỦY BAN NHÂN DÂN", "XÃ THẤT KHÊ", "Số: 57/BC-UBND", "Thất Khê, ngày 22 tháng 6 năm 2026",
			"BÁO CÁO", "Đánh giá một số nội dung của hồ sơ đăng ký tham gia\nđánh giá, phân hạng sản phẩm OCOP",
			"I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM", "1. Tên chủ thể: Hợp tác xã Nông nghiệp Quốc Khánh",
			"2. Loại hình tổ chức: Hợp tác xã", "4. Tên người đại diện pháp luật:", "- Họ tên: Lương Thị Hoa",
			"- Giới tính: Nữ; Dân tộc: Tày", "- Địa chỉ thường trú: Thôn Bản Piàng", "5. Sản phẩm đăng ký đánh giá: Miến dong Quốc Khánh",
			"II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM",
			"1. Về sử dụng nguyên liệu địa phương: Hợp tác xã sử dụng củ dong riềng",
			"Qua kiểm tra thực tế, 100% nguyên liệu có nguồn gốc trên địa bàn xã.",
			"2. Về sử dụng lao động địa phương: Hợp tác xã có 18 lao động", "3. Nguồn gốc ý tưởng sản phẩm: Nghề làm miến dong",
			"4. Bản sắc/trí tuệ địa phương: Sợi miến làm thủ công",
			"Ủy ban nhân dân xã Thất Khê đề nghị Ủy ban nhân dân tỉnh Lạng Sơn đánh giá, phân hạng sản phẩm OCOP cho sản phẩm Miến dong Quốc Khánh của Hợp tác xã Nông nghiệp Quốc Khánh./.",
			"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Minh", "Nơi nhận:", "- UBND tỉnh Lạng Sơn (qua Sở Nông nghiệp và Môi trường);",
			"- Lưu: VT, KT.",
		}},
		{"công văn", sampleRequest.Document(), []string{
			"Số: 412/UBND-KT", "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP đợt 2 năm 2026", "Thất Khê, ngày 24 tháng 6 năm 2026",
			"Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.", "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026",
			"đề nghị Ủy ban nhân dân tỉnh Lạng Sơn đánh giá, phân hạng sản phẩm OCOP đợt 2 năm 2026 cho 03 sản phẩm sau:",
			"STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Loại hồ sơ", "Số phiếu đăng ký",
			"Hạt dẻ Thất Khê", "Hộ kinh doanh Hoàng Văn Tú", "Khu 3, xã Thất Khê", "Lần đầu", "Nâng hạng", "Đánh giá lại",
			"05-…/PĐK-20-06040-2026", "05 sản phẩm mẫu", "Đầu mối liên hệ: bà Nông Thị Lan",
			"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Thị Thu", "- Như trên;", "- Lưu: VT.",
		}},
		{"thông báo", sampleNotice.Document(), []string{
			"Số: 15/TB-UBND", "Thất Khê, ngày 09 tháng 01 năm 2026", "THÔNG BÁO",
			"Về việc nộp hồ sơ đánh giá, phân hạng lại sản phẩm OCOP", "Kính gửi: Hợp tác xã Nông nghiệp Quốc Khánh.",
			"Sản phẩm Miến dong Quốc Khánh của Hợp tác xã Nông nghiệp Quốc Khánh được công nhận đạt 4 sao theo Quyết định số 1203/QĐ-UBND ngày 07/07/2023 của Ủy ban nhân dân tỉnh Lạng Sơn; giấy chứng nhận sản phẩm OCOP hết hạn ngày 06/07/2026.",
			"không sớm hơn 180 ngày và không muộn hơn 120 ngày", "từ ngày 07/01/2026 đến hết ngày 08/03/2026",
			"- Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP theo Mẫu số 01", "bổ sung minh chứng các giấy tờ pháp lý có thời hạn;",
			"Nơi nộp: Bộ phận Một cửa, Ủy ban nhân dân xã Thất Khê (Khu 2, xã Thất Khê) (01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử).",
			"Đầu mối liên hệ: bà Nông Thị Lan, điện thoại 0205 3880 123.", "Hoàng Văn Minh",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := open(t, tt.doc)
			for _, want := range append(header, tt.want...) {
				if !o.has(want) {
					t.Errorf("no paragraph says %q; the document reads:\n%s", want, o.text())
					return
				}
			}
		})
	}
}

// TestEmptyFieldsKeepTheFormsBlanks: a form filled from a record that lacks
// a field prints the dotted blank for hand filling, never "<nil>" or an
// empty label.
func TestEmptyFieldsKeepTheFormsBlanks(t *testing.T) {
	o := open(t, Registration{}.Document())
	for _, want := range []string{"của tỉnh …………………… năm ……", "- Tên đơn vị: ……………………", "........, ngày........tháng........năm......",
		"4. Lần đăng ký đánh giá: Lần đầu ☐   Nâng hạng: ☐   Đánh giá lại: ☐", "Phiếu số: ……-……. /PĐK- (Mã tỉnh) - (Mã xã) - (Năm)"} {
		if !o.has(want) {
			t.Errorf("empty Mẫu 01 has no %q:\n%s", want, o.text())
		}
	}
	o = open(t, Assessment{}.Document())
	for _, want := range []string{"Số: ……/BC-……", "……………, ngày …… tháng …… năm ……", "- Giới tính: …………… (Nam/nữ); Dân tộc: ……………………",
		"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"} {
		if !o.has(want) {
			t.Errorf("empty Mẫu 03 has no %q:\n%s", want, o.text())
		}
	}
	o = open(t, Request{}.Document())
	if !o.has("(Không có sản phẩm)") || !o.has("cho 00 sản phẩm sau:") {
		t.Errorf("a letter with no products:\n%s", o.text())
	}
	if strings.Contains(o.text(), "<nil>") {
		t.Errorf("a blank printed as <nil>")
	}
}

// TestPlaceDate is the date line of Decree 30: a leading zero on days 1-9
// and on months 1 and 2 only.
func TestPlaceDate(t *testing.T) {
	tests := []struct{ on, want string }{
		{"2026-02-05", "Lạng Sơn, ngày 05 tháng 02 năm 2026"},
		{"2026-01-31", "Lạng Sơn, ngày 31 tháng 01 năm 2026"},
		{"2026-03-15", "Lạng Sơn, ngày 15 tháng 3 năm 2026"},
		{"2026-12-09", "Lạng Sơn, ngày 09 tháng 12 năm 2026"},
		{"2026-10-10", "Lạng Sơn, ngày 10 tháng 10 năm 2026"},
	}
	for _, tt := range tests {
		if got := PlaceDate("Lạng Sơn", day(tt.on)); got != tt.want {
			t.Errorf("PlaceDate(%s) = %q, want %q", tt.on, got, tt.want)
		}
	}
}
