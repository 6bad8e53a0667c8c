package docx

import (
	"strconv"
	"strings"
	"time"
)

// Kind is a dossier's kind as the forms name it.
type Kind string

// The three kinds of dossier (Điều 6.1 of Decision 26/2026/QĐ-TTg).
const (
	KindFirst   Kind = "Lần đầu"
	KindUpgrade Kind = "Nâng hạng"
	KindRerank  Kind = "Đánh giá lại"
)

// Registration is the producer's registration form (Mẫu số 01, Phụ lục III
// of Decision 26/2026/QĐ-TTg: Phiếu đăng ký tham gia đánh giá, phân hạng
// sản phẩm OCOP), filled from the records for the producer to sign, with
// the part for the commune's People's Committee filled in when the dossier
// is received. An empty field keeps the form's dotted blank.
type Registration struct {
	Province string // "Lạng Sơn": "của tỉnh Lạng Sơn năm 2026"
	Year     int    // the year of evaluation

	Producer       string // Tên đơn vị
	Representative string // Họ tên người đại diện pháp lý
	Position       string // Chức vụ: "Giám đốc"
	Address        string // Địa chỉ liên hệ
	Phone, Email   string

	Product        string // Tên sản phẩm
	Classification string // Ngành, Nhóm, Phân nhóm as in Phụ lục I
	Kind           Kind
	Samples        string // Sản phẩm mẫu (số lượng): "05 sản phẩm"

	// The producer's signing line: place and date; dots when empty, for
	// the producer to write by hand.
	SignPlace string
	Signed    time.Time

	// The commune's part (Dành cho Ủy ban nhân dân cấp xã).
	ReceiptNo  string    // Phiếu số: "03-…/PĐK-20-06040-2026"
	Received   time.Time // Ngày nhận
	ReceivedBy string    // Người tiếp nhận
}

// checkbox is the form's box, crossed when on.
func checkbox(on bool) string {
	if on {
		return "☒"
	}
	return "☐"
}

// Document lays the form out as the public copy of the decision prints it
// (its text quoted from that copy; check it against the gazette's when one
// is at hand):
// the national name and motto centred at the top (the form has no office
// block: the producer files it), the numbered items, the pledge, the
// representative's signature bottom right, the classification's footnote,
// then "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ" with the commune's and the
// province's receipt parts.
func (r Registration) Document() *Document {
	year := "……"
	if r.Year > 0 {
		year = strconv.Itoa(r.Year)
	}
	item := func(label, value string) *Paragraph {
		return &Paragraph{Before: 6, Align: Justify, Runs: []Run{{Text: label + " "}, {Text: orDots(value)}}}
	}
	heading := func(text string) *Paragraph {
		return &Paragraph{Before: 6, KeepNext: true, Runs: []Run{{Text: text}}}
	}
	const motto = "Độc lập - Tự do - Hạnh phúc"
	body := []Block{
		centred(Run{Text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Bold: true, Size: sizeHeader}),
		centred(Run{Text: motto, Bold: true}),
		rule(textWidth(motto, sizeMotto, true), TextWidth),
		&Paragraph{Align: Center, Before: 24, KeepNext: true, Runs: []Run{{Text: "PHIẾU ĐĂNG KÝ", Bold: true}}},
		&Paragraph{Align: Center, KeepNext: true, After: 6, Runs: []Run{{
			Text: "Tham gia đánh giá, phân hạng sản phẩm OCOP\ncủa tỉnh " + orDots(r.Province) + " năm " + year, Bold: true}}},
		heading("1. Thông tin về đơn vị đăng ký:"),
		item("- Tên đơn vị:", r.Producer),
		item("- Họ tên người đại diện pháp lý:", r.Representative),
		item("- Chức vụ:", r.Position),
		item("- Địa chỉ liên hệ:", r.Address),
		&Paragraph{Before: 6, Runs: []Run{{Text: "- Điện thoại: " + orDots(r.Phone) + "\tEmail: " + orDots(r.Email)}},
			Tabs: []Tab{{Pos: TextWidth / 2}}},
		item("2. Tên sản phẩm:", r.Product),
		&Paragraph{Before: 6, Align: Justify, Runs: []Run{
			{Text: "3. Nhóm sản phẩm đăng ký (Ngành, Nhóm, Phân nhóm"}, {Text: "1", Superscript: true},
			{Text: "): "}, {Text: orDots(r.Classification)}}},
		&Paragraph{Before: 6, Runs: []Run{{Text: "4. Lần đăng ký đánh giá: Lần đầu " + checkbox(r.Kind == KindFirst) +
			"   Nâng hạng: " + checkbox(r.Kind == KindUpgrade) + "   Đánh giá lại: " + checkbox(r.Kind == KindRerank)}}},
		heading("5. Tài liệu kèm theo:"),
		&Paragraph{Before: 6, Runs: []Run{{Text: "- Báo cáo đánh giá về sản phẩm theo Bộ tiêu chí (bản gốc, bản điện tử)."}}},
		item("- Sản phẩm mẫu (số lượng):", r.Samples),
		para(Run{Text: "Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật, chúng tôi xin cam kết tuân thủ các quy định về đánh giá, phân hạng sản phẩm OCOP, chịu trách nhiệm trước Hội đồng và pháp luật về Hồ sơ đăng ký đánh giá, phân hạng sản phẩm."}),
	}
	keepWithNext(body)
	sign := PlaceDate(strings.TrimSpace(r.SignPlace), r.Signed)
	if r.SignPlace == "" && r.Signed.IsZero() {
		sign = "........, ngày........tháng........năm......"
	}
	body = append(body, &Table{
		Widths: []int{TextWidth - Mm(95), Mm(95)},
		Rows: []Row{{Cells: []Cell{{}, {Blocks: []Block{
			&Paragraph{Align: Center, Before: 12, Runs: []Run{{Text: sign, Italic: true}}},
			centred(Run{Text: "ĐẠI DIỆN", Bold: true}),
			centred(Run{Text: "(Ký, đóng dấu, ghi rõ họ tên)", Italic: true}),
			&Paragraph{Align: Center, Before: 60, Runs: []Run{{Text: strings.TrimSpace(r.Representative), Bold: true}}},
		}}}}},
	})
	// The footnote of item 3, under a short line as the public copy has it.
	body = append(body,
		&Paragraph{Before: 12, Runs: []Run{{Text: "_____________________", Size: 12}}},
		&Paragraph{Runs: []Run{{Text: "1", Superscript: true, Size: 12},
			{Text: " Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, phân hạng sản phẩm OCOP.", Size: 12}}},
	)
	receipt := func(office, number string, received time.Time, by string) []Block {
		if strings.TrimSpace(number) == "" {
			number = "……-……. /PĐK- (Mã tỉnh) - (Mã xã) - (Năm)"
		}
		day := "……………………"
		if !received.IsZero() {
			day = dmy(received)
		}
		return []Block{
			&Paragraph{Before: 12, KeepNext: true, Runs: []Run{{Text: office, Bold: true}}},
			&Paragraph{Before: 6, KeepNext: true, Runs: []Run{{Text: "Phiếu số: " + strings.TrimSpace(number)}}},
			&Paragraph{Before: 6, KeepNext: true, Runs: []Run{{Text: "Ngày nhận: " + day}}},
			&Paragraph{Before: 6, KeepNext: true, Tabs: []Tab{{Pos: TextWidth * 3 / 5}},
				Runs: []Run{{Text: "Người tiếp nhận: " + orDots(by) + "\tChữ ký: ……………………"}}},
			&Table{
				Widths: []int{TextWidth - Mm(95), Mm(95)},
				Rows: []Row{{Cells: []Cell{{}, {Blocks: []Block{
					&Paragraph{Align: Center, Before: 12, Runs: []Run{{Text: "Cơ quan tiếp nhận", Bold: true}}},
					centred(Run{Text: "(Ký, đóng dấu và ghi rõ họ tên)", Italic: true}),
					spacer(60),
				}}}}},
			},
		}
	}
	body = append(body, &Paragraph{Align: Center, PageBreakBefore: true, KeepNext: true, Runs: []Run{{Text: "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ", Bold: true}}})
	body = append(body, receipt("DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ", r.ReceiptNo, r.Received, r.ReceivedBy)...)
	body = append(body, receipt("DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH", "", time.Time{}, "")...)
	return &Document{
		Title:       "Phiếu đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP: " + strings.TrimSpace(r.Product),
		Subject:     "Mẫu số 01 Phụ lục III Quyết định số 26/2026/QĐ-TTg",
		Author:      strings.TrimSpace(r.Producer),
		PageNumbers: true,
		Body:        body,
	}
}
