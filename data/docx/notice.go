package docx

import (
	"strconv"
	"strings"
	"time"
)

// Notice tells a producer that the window for filing its product's
// re-ranking dossier has opened (Điều 7.6 of Decision 26/2026/QĐ-TTg: no
// earlier than 180 and no later than 120 days before the certificate
// expires); the dossier code works the dates out from the rules in force.
type Notice struct {
	Issuer Issuer    // the commune's People's Committee
	Number string    // the notice's number; dots for the clerk when empty
	Date   time.Time // of the notice; dots when zero

	Commune string // "xã Thất Khê", in the text

	Producer string // the Kính gửi line
	Product  string
	Stars    int

	// The certification: "Quyết định số 1203/QĐ-UBND ngày 07/7/2023 của
	// Ủy ban nhân dân tỉnh Lạng Sơn".
	DecisionNumber string
	DecisionDate   time.Time
	DecisionBy     string // "Ủy ban nhân dân tỉnh Lạng Sơn"; left out when empty
	Expires        time.Time

	// The window for filing, first and last day.
	Opens, Closes time.Time
	// Rule is the sentence of the rule the window comes from; Điều 7.6a of
	// Decision 26/2026/QĐ-TTg when empty.
	Rule string
	// Papers is what to file, one item each; the re-ranking dossier of
	// Điều 6.1c and the samples of Điều 6.2d when empty.
	Papers []string
	// Where is where to file it: "Bộ phận Một cửa, Ủy ban nhân dân xã Thất
	// Khê"; "Ủy ban nhân dân " + Commune when empty.
	Where   string
	Contact string // "Đầu mối liên hệ: …" when set

	Signer Signer   // "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" when empty
	Copies []string // Nơi nhận; "Như trên" and the archive when empty
}

// rule26 is Điều 7.6a's sentence on when a re-ranking dossier is filed.
const rule26 = "Theo khoản 6 Điều 7 " + decision26 + ": khi hết thời hạn 36 tháng của giấy chứng nhận, trường hợp chủ thể OCOP đề nghị đánh giá, phân hạng lại sản phẩm thì nộp hồ sơ sản phẩm tại Ủy ban nhân dân cấp xã; thời gian nộp hồ sơ không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến ngày hết thời hạn của giấy chứng nhận."

// papers26 is the re-ranking dossier of Điều 6.1c with the samples of
// Điều 6.2d, as the public copy of the decision words them.
var papers26 = []string{
	"Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP theo Mẫu số 01 Phụ lục III ban hành kèm theo Quyết định số 26/2026/QĐ-TTg",
	"Báo cáo tự đánh giá về sản phẩm theo Mẫu số 02 Phụ lục III ban hành kèm theo Quyết định số 26/2026/QĐ-TTg; đồng thời, cập nhật những nội dung mới và kết quả sau thời gian sản phẩm OCOP được công nhận về: nguyên liệu, công nghệ sử dụng, bao bì, nhãn mác, công bố chất lượng, các phiếu kiểm nghiệm định kỳ, thị trường tiêu thụ, sản lượng, doanh thu và bổ sung minh chứng các giấy tờ pháp lý có thời hạn",
	"05 sản phẩm mẫu (trừ nhóm sản phẩm Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch)",
}

// Document lays the notice out: header, title and what it is about, Kính
// gửi the producer, the certificate and its expiry, the rule and the
// window's dates, what to file and where, the signer and "Nơi nhận".
func (n Notice) Document() *Document {
	commune := "Ủy ban nhân dân " + orDots(n.Commune)
	producer := orDots(n.Producer)
	body := []Block{headerTable(n.Issuer, n.Number, "TB", n.Date, "")}
	body = append(body, title("THÔNG BÁO", "Về việc nộp hồ sơ đánh giá, phân hạng lại sản phẩm OCOP")...)
	body = append(body, rule(Mm(30), TextWidth), addressee(producer))
	stars := "…"
	if n.Stars > 0 {
		stars = strconv.Itoa(n.Stars)
	}
	decision := "Quyết định số " + orDots(n.DecisionNumber) + " ngày " + dmy(n.DecisionDate)
	if by := strings.TrimSpace(n.DecisionBy); by != "" {
		decision += " của " + by
	}
	body = append(body,
		para(Run{Text: "Sản phẩm " + orDots(n.Product) + " của " + producer + " được công nhận đạt " + stars +
			" sao theo " + decision + "; giấy chứng nhận sản phẩm OCOP hết hạn ngày " + dmy(n.Expires) + "."}))
	rule := strings.TrimSpace(n.Rule)
	if rule == "" {
		rule = rule26
	}
	body = append(body,
		para(Run{Text: rule}),
		para(Run{Text: commune + " thông báo: thời gian nộp hồ sơ đánh giá, phân hạng lại sản phẩm trên "},
			Run{Text: "từ ngày " + dmy(n.Opens) + " đến hết ngày " + dmy(n.Closes), Bold: true}, Run{Text: "."}),
		&Paragraph{Align: Justify, FirstLine: Mm(10), Before: 6, KeepNext: true, Runs: []Run{{Text: "Hồ sơ gồm:"}}},
	)
	papers := n.Papers
	if len(papers) == 0 {
		papers = papers26
	}
	for i, p := range papers {
		mark := ";"
		if i == len(papers)-1 {
			mark = "."
		}
		body = append(body, para(Run{Text: "- " + strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "-")), ".;") + mark}))
	}
	where := strings.TrimSpace(n.Where)
	if where == "" {
		where = commune
	}
	body = append(body, para(Run{Text: "Nơi nộp: " + strings.TrimRight(where, ".") + " (01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử)."}))
	if c := strings.TrimSpace(n.Contact); c != "" {
		body = append(body, para(Run{Text: "Đầu mối liên hệ: " + strings.TrimRight(c, ".") + "."}))
	}
	body = append(body, para(Run{Text: ending(commune + " thông báo để " + producer + " biết, chuẩn bị và nộp hồ sơ đúng thời hạn")}))
	keepWithNext(body)
	copies := n.Copies
	if len(copies) == 0 {
		copies = []string{"Như trên", "Lưu: VT"}
	}
	body = append(body, signature(n.Signer, copies))
	return &Document{
		Title:       "Thông báo nộp hồ sơ đánh giá lại sản phẩm OCOP: " + strings.TrimSpace(n.Product),
		Author:      strings.TrimSpace(n.Issuer.Name),
		PageNumbers: true,
		Body:        body,
	}
}
