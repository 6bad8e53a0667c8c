package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// DemoSummary says what FillDemo created.
type DemoSummary struct {
	Producers, Products, Certifications int
	Courses, Participants               int
	Dossiers                            int
}

// demoProducers and demoProducts are invented but typical of Lạng Sơn: the
// names, people and decisions are samples, not real records.
var demoProducers = []struct {
	name, typ, commune, address, rep, phone, reg string
}{
	{"HTX Nông nghiệp Thạch đen Đoàn Kết", "htx", "Đoàn Kết", "thôn Nà Pàn, xã Đoàn Kết, huyện Tràng Định (cũ)", "Hoàng Văn Thắng", "0912 345 601", "4907 G 000128"},
	{"Công ty TNHH Đặc sản Xứ Lạng", "doanh_nghiep", "Thất Khê", "khối 5, thị trấn Thất Khê, huyện Tràng Định (cũ)", "Nông Thị Hằng", "0205 388 1122", "4900 912 345"},
	{"Hộ kinh doanh Lương Văn Tiến", "ho_kinh_doanh", "Thất Khê", "khối 2, thị trấn Thất Khê, huyện Tràng Định (cũ)", "Lương Văn Tiến", "0986 221 304", "14E8 001 276"},
	{"HTX Hồi Quế Tân Tiến", "htx", "Tân Tiến", "thôn Bản Lịn, xã Tân Tiến", "Lộc Văn Sơn", "0977 104 552", "4907 G 000341"},
	{"Tổ hợp tác Dệt thổ cẩm Bản Chang", "tht", "Kháng Chiến", "thôn Bản Chang, xã Kháng Chiến", "Triệu Thị Mây", "0369 552 810", ""},
	{"HTX Chè Shan tuyết Kháng Chiến", "htx", "Kháng Chiến", "thôn Khuổi Phầy, xã Kháng Chiến", "Chu Văn Lợi", "0915 660 278", "4907 G 000402"},
	{"HTX Nông sản Quốc Khánh", "htx", "Quốc Khánh", "thôn Nà Thuộc, xã Quốc Khánh, huyện Tràng Định (cũ)", "Hà Văn Minh", "0943 317 905", "4907 G 000215"},
	{"Hộ kinh doanh Nông Thị Liên", "ho_kinh_doanh", "Quốc Việt", "thôn Pác Ả, xã Quốc Việt", "Nông Thị Liên", "0398 740 116", ""},
	{"Công ty Cổ phần Dược liệu Tràng Định", "doanh_nghiep", "Tràng Định", "thôn Nà Slải, xã Tràng Định", "Vi Đức Hạnh", "0205 388 6789", "4900 876 210"},
	{"HTX Du lịch cộng đồng Nà Pàn", "htx", "Đoàn Kết", "thôn Nà Pàn, xã Đoàn Kết", "Hoàng Thị Nhung", "0868 205 334", "4907 G 000477"},
}

// ageMonths is how long before "today" the latest decision was taken, so
// the demo always has valid, expiring and expired certificates (validity
// is 36 months).
var demoProducts = []struct {
	producer  int
	name, set string
	score     string
	stars     int
	ageMonths int
	// An earlier certification, when earlierStars > 0.
	earlierScore string
	earlierStars int
	earlierAge   int
}{
	{0, "Thạch đen Tràng Định", "I.3.c", "78,50", 4, 10, "64.20", 3, 46},
	{0, "Bột thạch đen Đoàn Kết", "I.3.c", "66,36", 3, 34, "", 0, 0},
	{0, "Thạch đen khô Nà Pàn", "I.2.b", "62", 3, 40, "", 0, 0},
	{1, "Miến dong Xứ Lạng", "I.3.c", "71,25", 4, 20, "", 0, 0},
	{1, "Khau nhục Thất Khê", "I.3.d", "68,40", 3, 14, "", 0, 0},
	{1, "Lạp sườn hun khói Xứ Lạng", "I.3.d", "58,75", 3, 38, "", 0, 0},
	{1, "Tương ớt Thất Khê", "I.4.a", "55,10", 3, 26, "", 0, 0},
	{2, "Vịt quay Thất Khê", "I.3.d", "73,80", 4, 8, "61.50", 3, 44},
	{2, "Bánh cuốn trứng Thất Khê", "I.3.b", "57,20", 3, 35, "", 0, 0},
	{3, "Hoa hồi khô Tân Tiến", "I.4.b", "74,60", 4, 18, "", 0, 0},
	{3, "Tinh dầu hồi Tân Tiến", "III.3", "69,90", 3, 33, "", 0, 0},
	{3, "Quế thanh Tân Tiến", "I.4.b", "60,45", 3, 45, "", 0, 0},
	{4, "Khăn thổ cẩm Bản Chang", "IV.2", "65,30", 3, 12, "", 0, 0},
	{4, "Túi thổ cẩm Tày", "IV.2", "59,80", 3, 29, "", 0, 0},
	{5, "Chè Shan tuyết Kháng Chiến", "I.5.a", "81,15", 4, 5, "67.00", 3, 41},
	{5, "Trà hoa vàng Khuổi Phầy", "I.5.b", "70,05", 4, 23, "", 0, 0},
	{6, "Mật ong rừng Quốc Khánh", "I.2.b", "72,90", 4, 31, "", 0, 0},
	{6, "Hạt dẻ Quốc Khánh", "I.1.a", "63,65", 3, 16, "", 0, 0},
	{6, "Gạo Bao thai Quốc Khánh", "I.2.a", "56,35", 3, 39, "", 0, 0},
	{7, "Rượu men lá Quốc Việt", "II.1.a", "61,70", 3, 21, "", 0, 0},
	{7, "Mắc mật khô Pác Ả", "I.4.b", "54,20", 3, 34, "", 0, 0},
	{8, "Cao xương khớp Tràng Định", "III.1", "75,35", 4, 3, "", 0, 0},
	{8, "Thuốc tắm người Dao", "III.2", "67,55", 3, 27, "", 0, 0},
	{9, "Du lịch cộng đồng Nà Pàn", "VI", "64,00", 3, 15, "", 0, 0},
	{9, "Hạt dẻ rang Nà Pàn", "I.3.c", "", 0, 0, "", 0, 0}, // registered, not yet evaluated
}

// FillDemo fills an empty database with realistic sample data: the office
// settings (when not yet given), the communes of the former Tràng Định
// district as the office's area, and producers and products with
// certifications dated relative to today so that some are valid, some
// expiring soon and some expired. It refuses a database that has products.
func (s *Store) FillDemo(ctx context.Context, today time.Time) (DemoSummary, error) {
	var sum DemoSummary
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		sum, err = fillDemo(ctx, tx, today)
		return err
	})
	return sum, err
}

func fillDemo(ctx context.Context, tx *sql.Tx, today time.Time) (DemoSummary, error) {
	var sum DemoSummary
	c, err := countRecords(ctx, tx, latestVersion())
	if err != nil {
		return sum, err
	}
	if c.Products > 0 {
		return sum, fmt.Errorf("cơ sở dữ liệu đã có %d sản phẩm; dữ liệu mẫu chỉ dùng cho cơ sở dữ liệu trống", c.Products)
	}
	st, err := readSettings(ctx, tx)
	if err != nil {
		return sum, err
	}
	if !st.Configured() {
		st.OfficeName = "PHÒNG KINH TẾ"
		st.ParentBody = "UBND XÃ THẤT KHÊ"
		st.PlaceName = "Thất Khê"
		st.StaffName = "Nguyễn Thị Thu"
		st.SignerTitle = "TRƯỞNG PHÒNG"
		st.SignerName = "Hoàng Văn Nam"
		st.Province, st.ProvinceCode = "Lạng Sơn", "20"
		if err := saveSettings(ctx, tx, st); err != nil {
			return sum, err
		}
	}
	// The sample office is in Lạng Sơn, whose names other provinces share.
	communes, err := readCommunes(ctx, tx, "WHERE province_code = '20'", nil)
	if err != nil {
		return sum, err
	}
	byName := map[string]int64{}
	for _, c := range communes {
		byName[c.Name] = c.ID
	}
	area := []int64{}
	for _, n := range []string{"Thất Khê", "Đoàn Kết", "Tân Tiến", "Tràng Định", "Quốc Khánh", "Kháng Chiến", "Quốc Việt"} {
		area = append(area, byName[n])
	}
	if err := setCovered(ctx, tx, area); err != nil {
		return sum, err
	}
	rules, err := readRules(ctx, tx)
	if err != nil {
		return sum, err
	}
	today = DateOf(today)
	producerIDs := make([]int64, len(demoProducers))
	decisionNo := 1100
	addCert := func(productID int64, scoreText string, stars, ageMonths int) error {
		score, err := ParseScore(scoreText)
		if err != nil {
			return err
		}
		decided := AddMonths(today, -ageMonths).AddDate(0, 0, -(ageMonths%7)*3)
		level := "tinh"
		if stars == 3 && decided.Before(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
			level = "huyen"
		}
		decisionNo += 37
		c := &Certification{ProductID: productID, DecisionNo: fmt.Sprintf("%d/QĐ-UBND", decisionNo), DecisionDate: decided,
			IssuingLevel: level, Score: score, HasScore: true, Stars: stars, ValidUntil: rules.ValidUntil(decided)}
		if err := addCertification(ctx, tx, c); err != nil {
			return err
		}
		if err := logChange(ctx, tx, EntityProduct, productID, ActionAdd, c.describe()); err != nil {
			return err
		}
		sum.Certifications++
		return nil
	}
	for i, p := range demoProducers {
		pr := &Producer{Name: p.name, Type: p.typ, CommuneID: byName[p.commune], Address: p.address,
			Representative: p.rep, Phone: p.phone, RegistrationNo: p.reg}
		if err := addProducer(ctx, tx, pr); err != nil {
			return sum, err
		}
		if err := logChange(ctx, tx, EntityProducer, pr.ID, ActionAdd, pr.Name+" (dữ liệu mẫu)"); err != nil {
			return sum, err
		}
		producerIDs[i] = pr.ID
		sum.Producers++
	}
	productIDs := make([]int64, len(demoProducts))
	for i, p := range demoProducts {
		prod := &Product{ProducerID: producerIDs[p.producer], Name: p.name, SetCode: p.set}
		if err := addProduct(ctx, tx, prod); err != nil {
			return sum, err
		}
		productIDs[i] = prod.ID
		if err := logChange(ctx, tx, EntityProduct, prod.ID, ActionAdd, prod.Name+" (dữ liệu mẫu)"); err != nil {
			return sum, err
		}
		sum.Products++
		if p.earlierStars > 0 {
			if err := addCert(prod.ID, p.earlierScore, p.earlierStars, p.earlierAge); err != nil {
				return sum, err
			}
		}
		if p.stars > 0 {
			if err := addCert(prod.ID, p.score, p.stars, p.ageMonths); err != nil {
				return sum, err
			}
		}
	}
	if err := fillDemoTraining(ctx, tx, today, byName, producerIDs, &sum); err != nil {
		return sum, err
	}
	if sum.Dossiers, err = fillDemoDossiers(ctx, tx, today, productIDs); err != nil {
		return sum, err
	}
	return sum, nil
}

// demoPeople are invented participants; producer is an index into
// demoProducers, -1 for none.
var demoPeople = []struct {
	name, gender string
	year         int
	ethnicity    string
	role         string
	org          string
	producer     int
	commune      string
	phone        string
	jobTitle     string
}{
	{"Hoàng Văn Thắng", GenderMale, 1978, "Tày", "chu_the", "", 0, "Đoàn Kết", "0912 345 601", "Giám đốc HTX"},
	{"Nông Thị Hằng", GenderFemale, 1985, "Nùng", "chu_the", "", 1, "Thất Khê", "0205 388 1122", "Giám đốc"},
	{"Lương Văn Tiến", GenderMale, 1982, "Tày", "chu_the", "", 2, "Thất Khê", "0986 221 304", "Chủ hộ kinh doanh"},
	{"Lộc Văn Sơn", GenderMale, 1975, "Nùng", "chu_the", "", 3, "Tân Tiến", "0977 104 552", "Giám đốc HTX"},
	{"Triệu Thị Mây", GenderFemale, 1990, "Dao", "chu_the", "", 4, "Kháng Chiến", "0369 552 810", "Tổ trưởng tổ hợp tác"},
	{"Chu Văn Lợi", GenderMale, 1969, "Tày", "chu_the", "", 5, "Kháng Chiến", "0915 660 278", "Giám đốc HTX"},
	{"Hà Văn Minh", GenderMale, 1980, "Tày", "chu_the", "", 6, "Quốc Khánh", "0943 317 905", "Giám đốc HTX"},
	{"Nông Thị Liên", GenderFemale, 1988, "Nùng", "chu_the", "", 7, "Quốc Việt", "0398 740 116", "Chủ hộ kinh doanh"},
	{"Vi Đức Hạnh", GenderMale, 1972, "Tày", "chu_the", "", 8, "Tràng Định", "0205 388 6789", "Giám đốc"},
	{"Hoàng Thị Nhung", GenderFemale, 1993, "Tày", "chu_the", "", 9, "Đoàn Kết", "0868 205 334", "Giám đốc HTX"},
	{"Nguyễn Thị Thu", GenderFemale, 1987, "Kinh", "can_bo_quan_ly", "UBND xã Thất Khê", -1, "Thất Khê", "0912 001 223", "Công chức Kinh tế"},
	{"Hoàng Văn Nam", GenderMale, 1976, "Tày", "can_bo_quan_ly", "UBND xã Thất Khê", -1, "Thất Khê", "0912 001 224", "Phó Chủ tịch UBND xã"},
	{"Lăng Văn Cường", GenderMale, 1981, "Nùng", "thanh_vien_hoi_dong", "Hội đồng đánh giá sản phẩm OCOP xã", -1, "Thất Khê", "0915 220 118", "Thành viên Hội đồng"},
	{"Mã Thị Hương", GenderFemale, 1984, "Tày", "thanh_vien_hoi_dong", "Hội đồng đánh giá sản phẩm OCOP xã", -1, "Đoàn Kết", "0389 114 502", "Thư ký Hội đồng"},
	{"Bế Văn Quang", GenderMale, 1995, "Tày", "nguoi_lao_dong", "", 0, "Đoàn Kết", "", "Công nhân"},
	{"Nông Thị Thảo", GenderFemale, 1998, "Nùng", "nguoi_lao_dong", "", 3, "Tân Tiến", "", "Công nhân"},
}

// fillDemoTraining adds three courses of the past year with their rosters
// and attendance, the last one still to come.
func fillDemoTraining(ctx context.Context, tx *sql.Tx, today time.Time, communes map[string]int64, producers []int64, sum *DemoSummary) error {
	ids := make([]int64, len(demoPeople))
	for i, d := range demoPeople {
		p := &Participant{FullName: d.name, Gender: d.gender, BirthYear: d.year, Ethnicity: d.ethnicity, Role: d.role,
			Organisation: d.org, CommuneID: communes[d.commune], Phone: d.phone, JobTitle: d.jobTitle}
		if d.producer >= 0 {
			p.ProducerID = producers[d.producer]
		}
		if err := addParticipant(ctx, tx, p); err != nil {
			return err
		}
		ids[i] = p.ID
		sum.Participants++
	}
	courses := []struct {
		course  Course
		days    int
		people  []int
		absent  map[int]Attendance // person index -> mark on the last session
		attends bool
	}{
		{Course{Title: "Tập huấn triển khai Chương trình OCOP giai đoạn 2026-2030", Topics: "Chu trình OCOP; bộ tiêu chí đánh giá; hồ sơ đăng ký",
			Location: "Hội trường UBND xã Thất Khê", Organiser: "Phòng Kinh tế xã Thất Khê", Trainers: "Chi cục Phát triển nông thôn tỉnh",
			Funding: "Ngân sách tỉnh", TargetGroup: "Chủ thể OCOP, cán bộ xã"}, 2,
			[]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, map[int]Attendance{4: ExcusedAbsence, 8: Absent}, true},
		{Course{Title: "Đánh giá, phân hạng sản phẩm OCOP trên phần mềm", Topics: "Chấm điểm trực tuyến; minh chứng điện tử",
			Location: "Phòng họp UBND xã Thất Khê", Organiser: "Phòng Kinh tế xã Thất Khê", Trainers: "Văn phòng Điều phối nông thôn mới tỉnh",
			Funding: "Ngân sách tỉnh", TargetGroup: "Thành viên hội đồng đánh giá"}, 1,
			[]int{10, 11, 12, 13}, map[int]Attendance{}, true},
		{Course{Title: "Phát triển sản phẩm và xúc tiến thương mại", Topics: "Bao bì, nhãn mác; truy xuất nguồn gốc; bán hàng trực tuyến",
			Location: "Nhà văn hóa thôn Nà Pàn", Organiser: "Phòng Kinh tế xã Thất Khê", Trainers: "Trung tâm Khuyến công tỉnh",
			Funding: "Ngân sách xã", TargetGroup: "Chủ thể OCOP và người lao động"}, 2,
			[]int{0, 3, 5, 9, 14, 15}, nil, false},
	}
	starts := []time.Time{AddMonths(today, -8), AddMonths(today, -3), today.AddDate(0, 0, 12)}
	for i, d := range courses {
		c := d.course
		c.Start = starts[i]
		c.End = c.Start.AddDate(0, 0, d.days-1)
		if err := addCourse(ctx, tx, &c, nil); err != nil {
			return err
		}
		sum.Courses++
		for _, who := range d.people {
			if _, err := tx.ExecContext(ctx, "INSERT INTO enrolments(course_id, participant_id) VALUES (?, ?)", c.ID, ids[who]); err != nil {
				return err
			}
		}
		if !d.attends {
			continue
		}
		sessions, err := readSessions(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		for k, ss := range sessions {
			for _, who := range d.people {
				a := Present
				if mark, ok := d.absent[who]; ok && k == len(sessions)-1 {
					a = mark
				}
				if err := setAttendance(ctx, tx, ss.ID, ids[who], a); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
