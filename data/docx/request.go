package docx

import (
	"fmt"
	"strings"
	"time"
)

// Request is the commune's letter (công văn) asking the province's People's
// Committee to evaluate and rank the products of a round (Điều 6.2a and
// 7.2b of Decision 26/2026/QĐ-TTg), listing them.
type Request struct {
	Issuer Issuer    // the commune's People's Committee
	Number string    // the letter's number; dots for the clerk when empty
	Date   time.Time // of the letter; dots when zero

	// Commune and Province name the two committees with their kind: "xã
	// Thất Khê", "tỉnh Lạng Sơn".
	Commune, Province string
	Round             string // the round: "đợt 2 năm 2026"
	// Recipient is the Kính gửi line; "Ủy ban nhân dân " + Province when
	// empty.
	Recipient string
	// Basis is the legal grounds the letter opens with, one "Căn cứ"
	// each; Decision 26/2026/QĐ-TTg when empty (a round under the earlier
	// rules names Decision 148/QĐ-TTg here).
	Basis    []string
	Products []RequestItem
	Contact  string // "Đầu mối liên hệ: …" under the list when set

	Signer Signer   // "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" when empty
	Copies []string // Nơi nhận; "Như trên" and the archive when empty
}

// RequestItem is one product in the letter's list.
type RequestItem struct {
	Product   string
	Producer  string
	Address   string
	Kind      Kind   // lần đầu, nâng hạng, đánh giá lại
	ReceiptNo string // the Mẫu 01 receipt number
}

// decision26 is how a document cites the decision in force since 22/5/2026.
const decision26 = "Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm mỗi xã một sản phẩm"

// count writes a small number as offices do, with two digits: 03 sản phẩm.
func count(n int) string { return fmt.Sprintf("%02d", n) }

// Document lays the letter out: the header with "V/v" under the number,
// Kính gửi, the grounds, the list as a ruled table whose heading repeats on
// each page, what goes with the letter (Điều 6.2 as the public copy of the
// decision words it), the signer and "Nơi nhận".
func (q Request) Document() *Document {
	commune := "Ủy ban nhân dân " + orDots(q.Commune)
	province := "Ủy ban nhân dân " + orDots(q.Province)
	round := strings.TrimSpace(q.Round)
	subject := "đề nghị đánh giá, phân hạng sản phẩm OCOP"
	if round != "" {
		subject += " " + round
	}
	recipient := strings.TrimSpace(q.Recipient)
	if recipient == "" {
		recipient = province
	}
	body := []Block{headerTable(q.Issuer, q.Number, "", q.Date, subject), addressee(recipient)}
	basis := q.Basis
	if len(basis) == 0 {
		basis = []string{decision26}
	}
	for _, b := range basis {
		b = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(b), "Căn cứ")), ".;")
		body = append(body, para(Run{Text: "Căn cứ " + b + ";"}))
	}
	what := "đánh giá, phân hạng sản phẩm OCOP"
	if round != "" {
		what += " " + round
	}
	body = append(body, para(Run{Text: commune + " đã tiếp nhận, kiểm tra thành phần hồ sơ và đánh giá một số nội dung của hồ sơ sản phẩm theo quy định. " +
		commune + " đề nghị " + province + " " + what + " cho " + count(len(q.Products)) + " sản phẩm sau:"}))
	keepWithNext(body)
	body = append(body, q.table())
	body = append(body,
		para(Run{Text: "Hồ sơ gửi kèm mỗi sản phẩm gồm: Báo cáo đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản phẩm OCOP (Mẫu số 03); hồ sơ sản phẩm (01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử); 05 sản phẩm mẫu (trừ nhóm sản phẩm Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch)."}),
	)
	if c := strings.TrimSpace(q.Contact); c != "" {
		body = append(body, para(Run{Text: "Đầu mối liên hệ: " + strings.TrimRight(c, ".") + "."}))
	}
	body = append(body, para(Run{Text: ending(commune + " kính đề nghị " + province + " xem xét, tổ chức đánh giá, phân hạng")}))
	keepWithNext(body)
	copies := q.Copies
	if len(copies) == 0 {
		copies = []string{"Như trên", "Lưu: VT"}
	}
	body = append(body, signature(q.Signer, copies))
	return &Document{
		Title:       "Đề nghị đánh giá, phân hạng sản phẩm OCOP " + round,
		Author:      strings.TrimSpace(q.Issuer.Name),
		PageNumbers: true,
		Body:        body,
	}
}

// requestColumns are the list's columns and widths in millimetres (165 mm
// between the margins).
var requestColumns = []struct {
	title string
	mm    float64
}{
	{"STT", 11}, {"Tên sản phẩm", 33}, {"Chủ thể", 33}, {"Địa chỉ", 30}, {"Loại hồ sơ", 23}, {"Số phiếu đăng ký", 35},
}

func (q Request) table() *Table {
	const size = 12
	widths := make([]int, len(requestColumns))
	head := Row{Header: true}
	for i, c := range requestColumns {
		widths[i] = Mm(c.mm)
		head.Cells = append(head.Cells, Cell{Middle: true, Blocks: []Block{
			&Paragraph{Align: Center, Before: 3, After: 3, Runs: []Run{{Text: c.title, Bold: true, Size: size}}},
		}})
	}
	widths[len(widths)-1] += TextWidth - sum(widths)
	cell := func(text string, align Align) Cell {
		return Cell{Middle: true, Blocks: []Block{
			&Paragraph{Align: align, Before: 3, After: 3, Runs: []Run{{Text: strings.TrimSpace(text), Size: size}}},
		}}
	}
	t := &Table{Widths: widths, Borders: true, Rows: []Row{head}}
	for i, p := range q.Products {
		t.Rows = append(t.Rows, Row{Cells: []Cell{
			cell(fmt.Sprint(i+1), Center), cell(p.Product, Left), cell(p.Producer, Left), cell(p.Address, Left),
			cell(string(p.Kind), Center), cell(p.ReceiptNo, Center),
		}})
	}
	if len(q.Products) == 0 {
		t.Rows = append(t.Rows, Row{Cells: []Cell{{Span: len(widths), Blocks: []Block{
			&Paragraph{Align: Center, Before: 3, After: 3, Runs: []Run{{Text: "(Không có sản phẩm)", Italic: true, Size: size}}},
		}}}})
	}
	return t
}

func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}
