package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Sample dossiers for FillDemo: one at every step of the path, dated in
// working days before today, one overdue, and one whose 15 working days
// cross the latest Tết Nguyên Đán before today.

// demoAssessment is the commune's assessment the sample dossiers carry.
var demoAssessment = Assessment{
	Materials:  "Nguyên liệu chính được thu mua từ các hộ trên địa bàn xã theo hợp đồng liên kết; chủ thể có vùng nguyên liệu riêng khoảng 5 ha.",
	Labour:     "Sử dụng 12 lao động thường xuyên, đều là người địa phương (có danh sách đóng bảo hiểm kèm nơi thường trú).",
	Idea:       "Sản phẩm truyền thống của đồng bào Tày, Nùng trên địa bàn, được chủ thể cải tiến bao bì, nhãn mác.",
	Identity:   "Sản phẩm gắn với tri thức bản địa về chọn nguyên liệu và cách chế biến thủ công được cộng đồng lưu giữ qua nhiều thế hệ.",
	AssessedBy: "Nguyễn Thị Thu",
}

// latestTet returns the first day off of the latest Tết Nguyên Đán that
// began on or before today: the first weekday off between 20/1 and 25/2.
func latestTet(cal Calendar, today time.Time) (time.Time, bool) {
	for y := today.Year(); y >= today.Year()-1; y-- {
		for d := time.Date(y, 1, 20, 0, 0, 0, 0, time.UTC); d.Month() < 3 && !(d.Month() == 2 && d.Day() > 25); d = d.AddDate(0, 0, 1) {
			if !weekendDay(d) && !cal.IsWorkingDay(d) {
				if d.After(today) {
					break
				}
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// fillDemoDossiers adds the sample dossiers for the demo products
// (productIDs in the order of demoProducts) and returns how many.
func fillDemoDossiers(ctx context.Context, tx *sql.Tx, today time.Time, productIDs []int64) (int, error) {
	hs, err := readHolidays(ctx, tx, "")
	if err != nil {
		return 0, err
	}
	cal := NewCalendar(hs)
	wd := func(n int) time.Time { return cal.AddWorkingDays(today, n) } // n working days from today (negative: before)
	n := 0
	receive := func(product int, kind DossierKind, received time.Time, note string) (int64, error) {
		d := &Dossier{ProductID: productIDs[product], Kind: kind, Received: received, ReceivedBy: "Nguyễn Thị Thu",
			PaperSet: true, ElectronicSet: true, Samples: 5, Note: note}
		if demoProducts[product].set == "VI" {
			d.Samples = 0
		}
		if err := receiveDossier(ctx, tx, d); err != nil {
			return 0, fmt.Errorf("hồ sơ mẫu của %q: %w", demoProducts[product].name, err)
		}
		n++
		return d.ID, nil
	}
	assess := func(id int64, on time.Time, meeting bool) error {
		a := demoAssessment
		a.AssessedOn, a.ChairMeeting = on, meeting
		return completeAssessment(ctx, tx, id, a)
	}
	letter := 310
	send := func(id int64, on time.Time) error {
		letter += 7
		return sendToProvince(ctx, tx, id, fmt.Sprintf("%d/UBND-KT", letter), on)
	}

	// Đã tiếp nhận, three working days ago: the product is not yet certified.
	if _, err := receive(24, KindFirst, wd(-3), "Chủ thể đăng ký lần đầu"); err != nil {
		return n, err
	}
	// Đã tiếp nhận twenty working days ago and never assessed: overdue.
	if _, err := receive(6, KindUpgrade, wd(-20), "Đăng ký nâng hạng lên 4 sao"); err != nil {
		return n, err
	}
	// Cần bổ sung: the test report is missing.
	id, err := receive(11, KindRerank, wd(-10), "")
	if err != nil {
		return n, err
	}
	if err := requestSupplement(ctx, tx, id, "Phiếu kết quả kiểm nghiệm còn hiệu lực; giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
		wd(-6), wd(4)); err != nil {
		return n, err
	}
	if err := setDemoEvidence(ctx, tx, id, today, "kiem_nghiem", "co_so_du_dieu_kien"); err != nil {
		return n, err
	}
	// Đã bổ sung: the count started again on the day it was completed.
	if id, err = receive(1, KindRerank, wd(-12), ""); err != nil {
		return n, err
	}
	if err := requestSupplement(ctx, tx, id, "Danh sách lao động đóng bảo hiểm có xác nhận của chủ thể", wd(-9), wd(-2)); err != nil {
		return n, err
	}
	if err := completeSupplement(ctx, tx, id, wd(-4), "Chủ thể nộp bổ sung danh sách lao động"); err != nil {
		return n, err
	}
	if err := setDemoEvidence(ctx, tx, id, today); err != nil {
		return n, err
	}
	// Đã đánh giá cấp xã, waiting for the letter.
	if id, err = receive(5, KindRerank, wd(-11), ""); err != nil {
		return n, err
	}
	if err := assess(id, wd(-2), true); err != nil {
		return n, err
	}
	// Đã gửi tỉnh.
	if id, err = receive(18, KindRerank, wd(-16), ""); err != nil {
		return n, err
	}
	if err := assess(id, wd(-6), false); err != nil {
		return n, err
	}
	if err := send(id, wd(-4)); err != nil {
		return n, err
	}
	// Đạt: the dossier behind the product's latest certification.
	if err := demoPassed(ctx, tx, cal, 21, productIDs[21], receive, assess, send); err != nil {
		return n, err
	}
	// Không đạt: an upgrade that did not reach 70 points.
	if id, err = receive(20, KindUpgrade, wd(-120), "Đăng ký nâng hạng lên 4 sao"); err != nil {
		return n, err
	}
	if err := assess(id, wd(-110), false); err != nil {
		return n, err
	}
	if err := send(id, wd(-108)); err != nil {
		return n, err
	}
	if err := recordFailed(ctx, tx, id, DossierResult{Score: 6820, HasScore: true, DecisionDate: wd(-60),
		Reason: "Chưa đạt 70 điểm để nâng hạng 4 sao; giữ hạng 3 sao theo giấy chứng nhận đang còn hiệu lực"}); err != nil {
		return n, err
	}
	// Rút hồ sơ.
	if id, err = receive(19, KindUpgrade, wd(-45), ""); err != nil {
		return n, err
	}
	if err := withdrawDossier(ctx, tx, id, wd(-40), "Chủ thể xin rút để hoàn thiện bao bì, nhãn mác"); err != nil {
		return n, err
	}
	// Across Tết: received a week before the latest Tết; still counting
	// when Tết was recent, otherwise sent on time (Tết not counted).
	if tet, ok := latestTet(cal, today); ok {
		received := cal.AddWorkingDays(tet, -5)
		if id, err = receive(2, KindRerank, received, "Tiếp nhận trước Tết Nguyên Đán"); err != nil {
			return n, err
		}
		if due := cal.AddWorkingDays(received, 15); today.After(due) {
			if err := assess(id, cal.AddWorkingDays(received, 12), false); err != nil {
				return n, err
			}
			if err := send(id, cal.AddWorkingDays(received, 15)); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// setDemoEvidence fills a sample checklist: every paper there, those named
// missing, the test report expiring within the year.
func setDemoEvidence(ctx context.Context, tx *sql.Tx, id int64, today time.Time, missing ...string) error {
	rows, err := tx.QueryContext(ctx, "SELECT code, expires FROM evidence_items ORDER BY sort_order")
	if err != nil {
		return err
	}
	type item struct {
		code    string
		expires bool
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.code, &it.expires); err != nil {
			rows.Close()
			return err
		}
		items = append(items, it)
	}
	rows.Close()
	absent := map[string]bool{}
	for _, m := range missing {
		absent[m] = true
	}
	for _, it := range items {
		state, note := EvidencePresent, ""
		var expires any
		switch {
		case absent[it.code]:
			state = EvidenceMissing
		case it.code == "giai_thuong":
			state, note = EvidenceNA, "Chưa có giải thưởng"
		case it.expires:
			expires = ISODate(AddMonths(today, 8))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dossier_evidence(dossier_id, item_code, state, note, expires_on) VALUES (?, ?, ?, ?, ?)",
			id, it.code, state, note, expires); err != nil {
			return err
		}
	}
	return nil
}

// demoPassed walks a first dossier of demo product index (id product) to
// Đạt, ending in the product's latest certification the demo already made.
func demoPassed(ctx context.Context, tx *sql.Tx, cal Calendar, index int, product int64,
	receive func(int, DossierKind, time.Time, string) (int64, error),
	assess func(int64, time.Time, bool) error, send func(int64, time.Time) error) error {
	c, err := scanCertification(tx.QueryRowContext(ctx, `SELECT id, decision_no, decision_date, issuing_level, score, stars, valid_until, note
		FROM certifications WHERE product_id = ? AND deleted_at IS NULL ORDER BY decision_date DESC, id DESC LIMIT 1`, product))
	if err != nil {
		return err
	}
	received := cal.AddWorkingDays(c.DecisionDate, -60)
	id, err := receive(index, KindFirst, received, "")
	if err != nil {
		return err
	}
	if err := assess(id, cal.AddWorkingDays(received, 10), true); err != nil {
		return err
	}
	if err := send(id, cal.AddWorkingDays(received, 13)); err != nil {
		return err
	}
	return stepTx(ctx, tx, id, DossierPassed, c.DecisionDate, "Ngày quyết định", func(tx *sql.Tx, d *Dossier) (string, error) {
		_, err := tx.ExecContext(ctx, `UPDATE dossiers SET result_score = ?, result_stars = ?, decision_no = ?, decision_date = ?,
			certification_id = ? WHERE id = ?`, int(c.Score), c.Stars, c.DecisionNo, ISODate(c.DecisionDate), c.ID, id)
		return c.describe(), err
	})
}
