package docx

import (
	"strings"
	"time"
)

// Assessment is the commune's report on one dossier (Mẫu số 03, Phụ lục
// III of Decision 26/2026/QĐ-TTg: Báo cáo đánh giá một số nội dung của hồ
// sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP).
type Assessment struct {
	Issuer Issuer    // the commune's People's Committee
	Number string    // the report's number; dots for the clerk when empty
	Date   time.Time // of the report; dots when zero

	// I. Thông tin chung về hồ sơ sản phẩm.
	Producer       string // Tên chủ thể
	ProducerType   string // Loại hình tổ chức: "Hợp tác xã"
	Address        string
	Representative string // Họ tên of the legal representative
	Gender         string // "Nam" or "Nữ"
	Ethnicity      string // Dân tộc: "Tày"
	Residence      string // Địa chỉ thường trú
	Product        string // Sản phẩm đăng ký đánh giá

	// II. The four contents the commune assesses (Điều 7.2a), each the
	// officer's text; a newline starts a new paragraph.
	RawMaterials string // 1. Về sử dụng nguyên liệu địa phương
	Labour       string // 2. Về sử dụng lao động địa phương
	Idea         string // 3. Nguồn gốc ý tưởng sản phẩm
	Identity     string // 4. Bản sắc/trí tuệ địa phương

	// Commune and Province name the two committees in the closing
	// sentence, with their kind: "xã Thất Khê", "tỉnh Lạng Sơn".
	Commune, Province string

	Signer Signer   // "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" when empty
	Copies []string // Nơi nhận; the province's committee and the archive when empty
}

// Document lays the report out as the form in the public copy of the
// decision (its headings and closing sentence quoted from it), in the
// Decree 30 layout: the form shows the office and motto blocks only; a
// report the commune issues also carries its number and date, and the
// signer's name and "Nơi nhận".
func (a Assessment) Document() *Document {
	commune := orDots(a.Commune)
	province := orDots(a.Province)
	line := func(label, value string) *Paragraph {
		return &Paragraph{Before: 6, Align: Justify, Runs: []Run{{Text: label + " "}, {Text: orDots(value)}}}
	}
	section := func(text string) *Paragraph {
		return &Paragraph{Before: 12, KeepNext: true, Runs: []Run{{Text: text, Bold: true}}}
	}
	gender := strings.TrimSpace(a.Gender)
	if gender == "" {
		gender = "…………… (Nam/nữ)"
	}
	body := []Block{headerTable(a.Issuer, a.Number, "BC", a.Date, "")}
	body = append(body, title("BÁO CÁO",
		"Đánh giá một số nội dung của hồ sơ đăng ký tham gia\nđánh giá, phân hạng sản phẩm OCOP")...)
	body = append(body, rule(Mm(30), TextWidth))
	body = append(body,
		section("I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM"),
		line("1. Tên chủ thể:", a.Producer),
		line("2. Loại hình tổ chức:", a.ProducerType),
		line("3. Địa chỉ:", a.Address),
		&Paragraph{Before: 6, KeepNext: true, Runs: []Run{{Text: "4. Tên người đại diện pháp luật:"}}},
		line("- Họ tên:", a.Representative),
		line("- Giới tính:", gender+"; Dân tộc: "+orDots(a.Ethnicity)),
		line("- Địa chỉ thường trú:", a.Residence),
		line("5. Sản phẩm đăng ký đánh giá:", a.Product),
		section("II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM"),
	)
	contents := []struct{ label, text string }{
		{"1. Về sử dụng nguyên liệu địa phương:", a.RawMaterials},
		{"2. Về sử dụng lao động địa phương:", a.Labour},
		{"3. Nguồn gốc ý tưởng sản phẩm:", a.Idea},
		{"4. Bản sắc/trí tuệ địa phương:", a.Identity},
	}
	for _, c := range contents {
		text := strings.TrimSpace(c.text)
		if text == "" {
			text = "……………………………………………………………………………………"
		}
		body = append(body, paras(text, Run{Text: c.label + " "})...)
	}
	body = append(body, para(Run{Text: ending("Ủy ban nhân dân " + commune + " đề nghị Ủy ban nhân dân " + province +
		" đánh giá, phân hạng sản phẩm OCOP cho sản phẩm " + orDots(a.Product) + " của " + orDots(a.Producer))}))
	keepWithNext(body)
	copies := a.Copies
	if len(copies) == 0 {
		copies = []string{"UBND " + province, "Lưu: VT"}
	}
	body = append(body, signature(a.Signer, copies))
	return &Document{
		Title:       "Báo cáo đánh giá hồ sơ sản phẩm OCOP: " + strings.TrimSpace(a.Product),
		Subject:     "Mẫu số 03 Phụ lục III Quyết định số 26/2026/QĐ-TTg",
		Author:      strings.TrimSpace(a.Issuer.Name),
		PageNumbers: true,
		Body:        body,
	}
}
