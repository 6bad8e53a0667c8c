package data

// Every schema migration, tested from every earlier schema version with
// data in it.
//
// testdata/schema/vN.db is a small database as an office had it at schema
// version N (PRAGMA user_version N): settings, producers, products and
// decisions, and from the version that brought them the trash and change
// log (v2), training courses (v3), imports (v4) and the office id and
// participants' job titles (v5). The tests below copy
// each one, open the copy with the current code (which upgrades it) and
// check every record against the values written here, so a migration that
// loses or alters old data fails them. The fixtures were made once by
// TestMakeMigrationFixtures (migrate_fixtures_test.go), each with the code
// at its schema version.
//
// When you add migration 0008 (schema version 8):
//
//   - Keep v1.db .. v7.db exactly as they are. They stand for databases
//     already in offices, made by the code of their time; do not
//     regenerate them with the new code (its seeders and reference files
//     may differ from what those offices got), and do not edit their
//     expected values below to make a failing test pass: a failure there
//     means the new migration breaks old data.
//   - Add fixtureScripts[8] in migrate_fixtures_test.go: the pieces of
//     version 7 that still fit the tables, plus SQL for what 0008 adds,
//     written for the tables as 0008 leaves them.
//   - Run the generator once, with the new code:
//     go test -tags migrated_fynedo ./data -run TestMakeMigrationFixtures -make-fixtures
//     It writes only the missing v8.db (v1..v7 exist and are kept; only
//     -overwrite-fixtures would rewrite them). Check v8.db in.
//   - Add what v8.db holds to fixtureWant (under "v >= 8").
//
// (Migrations 0009, the dossiers' attached files, and 0010, their filled
// criteria sheets, were added the same way: fixtureScripts[9] and [10],
// v9.db and v10.db, and fixtureWant under "v >= 9" and "v >= 10". 0011,
// the product list's tag, holds no data of its own: fixtureScripts[11] is
// version 10's, and v11.db is checked by the same fixtureWant.)
//
// TestMigrationFixturesCoverEveryVersion fails until vN.db exists for
// every schema version.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixtureAsOf is the day statuses are worked out for.
var fixtureAsOf = day("2025-06-30")

func ts(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureWant is what the fixture of schema version v holds, as the store
// shows it once upgraded.
type fixtureWant struct {
	settings     Settings
	covered      []string // communes covered, by name
	communes     int      // communes the office works with (Store.Communes)
	producers    []ProducerRow
	products     []ProductRow // as of fixtureAsOf, by id
	product      []Product    // every live product, by id
	certs        map[int64][]Certification
	trash        []TrashItem // by kind, then id
	changes      map[string][]Change
	courses      []CourseRow // newest first
	sessions     map[int64][]Session
	participants []ParticipantRow // by id
	marks        map[int64]map[[2]int64]Attendance
	holidays     map[string]string // by day: the holiday's name, or "" for a day not listed
	dossiers     []Dossier         // newest receipt first, as Store.Dossiers lists them
	evidence     map[int64][]Evidence
	attachments  map[int64][]Attachment // live files by dossier, without Path
	sheets       map[int64][]string     // live criteria sheets by dossier, as sheetLine gives them
	// Rows in the fixture, trash included, for the backup's counts.
	liveProducts, liveProducers, liveCourses, liveParticipants int
}

func wantFixture(v int) fixtureWant {
	st := defaultSettings()
	st.OfficeName, st.ParentBody, st.Province, st.PlaceName = "PHÒNG KINH TẾ", "UBND XÃ THẤT KHÊ", "Lạng Sơn", "Thất Khê"
	st.StaffName, st.SignerTitle, st.SignerName = "Hoàng Thị Duyên", "TRƯỞNG PHÒNG", "Nông Văn Bình"
	st.ExpiryWindowDays, st.Language, st.Typing, st.OldToneStyle = 60, "vi", "telex", true
	w := fixtureWant{
		settings: st,
		covered:  []string{"Đoàn Kết", "Thất Khê", "Thị trấn Thất Khê (cũ)"},
		producers: []ProducerRow{
			{Producer{1, "HTX Nông nghiệp Thạch đen Tràng Định", "htx", 0, "Khu 3, thị trấn Thất Khê, huyện Tràng Định",
				"Hoàng Văn Thạch", "0912 345 678", "14G8000123"}, "Hợp tác xã", "Thất Khê", 1},
			{Producer{2, "Công ty TNHH Hồi Xứ Lạng", "doanh_nghiep", 0, "Thôn Hữu Vĩnh, xã Bắc Sơn",
				"Đinh Thị Ngọc Ánh", "0205 3821 456", "4900876543"}, "Doanh nghiệp", "Bắc Sơn", 1},
			{Producer{3, "Hộ kinh doanh Lường Thị Mến", "ho_kinh_doanh", 0, "Phố Đông Hồ, thị trấn Thất Khê (cũ)",
				"Lường Thị Mến", "0987 111 222", ""}, "Hộ sản xuất / hộ kinh doanh", "Thị trấn Thất Khê (cũ)", 1},
			{Producer{4, "Tổ hợp tác Miến dong Bình Gia", "tht", 0, "Thôn Pác Khuông", "Lý Văn Sáng", "", ""},
				"Tổ hợp tác", "Bình Gia", 1},
			{Producer{5, "Hộ ông Vi Văn Đức", "ho_kinh_doanh", 0, "Bản Nà Lầu (chưa rõ xã)", "Vi Văn Đức", "", ""},
				"Hộ sản xuất / hộ kinh doanh", "", 1},
		},
		products: []ProductRow{
			{ID: 1, Name: "Thạch đen Tràng Định", ProducerID: 1, Producer: "HTX Nông nghiệp Thạch đen Tràng Định", ProducerType: "htx",
				Commune: "Thất Khê", SetCode: "I.3.c", Certified: true, Stars: 4, Score: 7250, HasScore: true, DecisionNo: "2412/QĐ-UBND",
				DecisionDate: day("2024-12-06"), ValidUntil: day("2027-12-06"), Status: StatusValid},
			{ID: 2, Name: "Hồi khô Xứ Lạng", ProducerID: 2, Producer: "Công ty TNHH Hồi Xứ Lạng", ProducerType: "doanh_nghiep",
				Commune: "Bắc Sơn", SetCode: "I.4.b", Certified: true, Stars: 3, Score: 6636, HasScore: true, DecisionNo: "1048/QĐ-UBND",
				DecisionDate: day("2020-06-15"), ValidUntil: day("2023-06-15"), Status: StatusExpired},
			{ID: 3, Name: "Miến dong Bình Gia", ProducerID: 4, Producer: "Tổ hợp tác Miến dong Bình Gia", ProducerType: "tht",
				Commune: "Bình Gia", SetCode: "I.3.b", Certified: true, Stars: 4, Score: 7400, HasScore: true, DecisionNo: "3105/QĐ-UBND",
				DecisionDate: day("2024-03-05"), ValidUntil: day("2027-03-05"), Status: StatusValid},
			// Valid only with the office's 60-day window; the default 90 days would make it expiring.
			{ID: 4, Name: "Rượu men lá Thất Khê", ProducerID: 3, Producer: "Hộ kinh doanh Lường Thị Mến", ProducerType: "ho_kinh_doanh",
				Commune: "Thị trấn Thất Khê (cũ)", SetCode: "II.1.a", Certified: true, Stars: 3, DecisionNo: "89/QĐ-UBND",
				DecisionDate: day("2022-09-20"), ValidUntil: day("2025-09-20"), Status: StatusValid},
			{ID: 5, Name: "Măng khô Đoàn Kết", ProducerID: 5, Producer: "Hộ ông Vi Văn Đức", ProducerType: "ho_kinh_doanh",
				Status: StatusNone},
		},
		product: []Product{
			{1, 1, "Thạch đen Tràng Định", "I.3.c", "Sản phẩm chủ lực của huyện"},
			{2, 2, "Hồi khô Xứ Lạng", "I.4.b", ""},
			{3, 4, "Miến dong Bình Gia", "I.3.b", "Đánh giá lại năm 2024"},
			{4, 3, "Rượu men lá Thất Khê", "II.1.a", ""},
			{5, 5, "Măng khô Đoàn Kết", "", "Chưa phân bộ"},
		},
		certs: map[int64][]Certification{
			1: {{1, 1, "2412/QĐ-UBND", day("2024-12-06"), "tinh", 7250, true, 4, day("2027-12-06"), ""}},
			2: {{2, 2, "1048/QĐ-UBND", day("2020-06-15"), "tinh", 6636, true, 3, day("2023-06-15"), "Chưa đánh giá lại"}},
			3: {
				{4, 3, "3105/QĐ-UBND", day("2024-03-05"), "tinh", 7400, true, 4, day("2027-03-05"), "Đánh giá lại, nâng hạng"},
				{3, 3, "567/QĐ-UBND", day("2021-03-10"), "huyen", 5820, true, 3, day("2024-03-10"), ""},
			},
			4: {{5, 4, "89/QĐ-UBND", day("2022-09-20"), "huyen", 0, false, 3, day("2025-09-20"), ""}},
			5: nil,
		},
		changes: map[string][]Change{
			"product/1": nil, "producer/1": nil, "product/6": nil,
		},
		liveProducts: 5, liveProducers: 5,
		communes: 66, // Lạng Sơn's 65 and one added by hand
		// Seeded by schema 7 into every database, whatever its version.
		holidays: map[string]string{"2026-02-17": "Tết Nguyên Đán", "2026-04-27": "Nghỉ bù Giỗ Tổ Hùng Vương",
			"2026-09-01": "", "2026-09-03": "Quốc khánh (ngày nghỉ thêm)", "2026-10-10": ""},
	}
	if v >= 2 {
		w.trash = []TrashItem{
			{"certification", 7, "Thạch đen Tràng Định – QĐ 2501/QĐ-UBND (2025-01-10)", ts("2025-01-11 03:20:00")},
			{"producer", 6, "Hộ kinh doanh Nguyễn Văn Tẩm", ts("2024-04-10 02:00:00")},
			{"product", 6, "Bánh cuốn trứng Thất Khê", ts("2024-05-02 08:15:00")},
		}
		decision := "Quyết định 2501/QĐ-UBND ngày 10/01/2025, 4 sao, 80 điểm, hiệu lực đến 10/01/2028"
		w.changes = map[string][]Change{
			"producer/1": {
				{ts("2024-03-12 07:00:00"), "", ActionEdit, "Điện thoại: «» → «0912 345 678»"},
				{ts("2024-03-01 02:00:00"), "Hoàng Thị Duyên", ActionAdd, "HTX Nông nghiệp Thạch đen Tràng Định"},
			},
			"producer/6": {{ts("2024-04-10 02:00:00"), "Hoàng Thị Duyên", ActionDelete, "Hộ kinh doanh Nguyễn Văn Tẩm"}},
			"product/1": {
				{ts("2025-01-11 03:20:00"), "Hoàng Thị Duyên", ActionDelete, decision},
				{ts("2025-01-10 03:00:00"), "Hoàng Thị Duyên", ActionAdd, decision},
			},
			"product/6": {
				{ts("2024-05-02 08:15:00"), "Hoàng Thị Duyên", ActionDelete, "Bánh cuốn trứng Thất Khê"},
				{ts("2024-03-01 02:05:00"), "Hoàng Thị Duyên", ActionAdd,
					"Bánh cuốn trứng Thất Khê\nQuyết định 77/QĐ-UBND ngày 20/01/2022, 3 sao, 60,1 điểm, hiệu lực đến 20/01/2025"},
			},
		}
	}
	if v >= 3 {
		w.trash = append(w.trash, TrashItem{"course", 3, "Lớp thử (nhập nhầm)", ts("2024-09-01 01:00:00")})
		w.changes["course/3"] = []Change{
			{ts("2024-09-01 01:00:00"), "Hoàng Thị Duyên", ActionDelete, "Lớp thử (nhập nhầm)"},
			{ts("2024-08-30 01:00:00"), "Hoàng Thị Duyên", ActionAdd, "Lớp thử (nhập nhầm)"},
		}
		w.changes["course/1"] = []Change{{ts("2024-09-20 01:00:00"), "Hoàng Thị Duyên", ActionAdd, "Tập huấn nâng cao chất lượng sản phẩm OCOP năm 2024"}}
		w.changes["participant/3"] = []Change{{ts("2024-09-20 01:12:00"), "Hoàng Thị Duyên", ActionAdd, "Nguyễn Thị Hồng Nhung"}}
		w.courses = []CourseRow{
			{Course{2, "Lớp bồi dưỡng kỹ năng bán hàng trực tuyến", "Thương mại điện tử; livestream bán hàng",
				day("2025-03-20"), day("2025-03-20"), "Nhà văn hóa xã Thất Khê", "Phòng Kinh tế", "Trần Minh Quân",
				"Chương trình OCOP", "Chủ thể và người lao động", ""}, 1, 2, 1},
			{Course{1, "Tập huấn nâng cao chất lượng sản phẩm OCOP năm 2024", "Quy trình đánh giá, phân hạng; bao bì, nhãn mác",
				day("2024-10-15"), day("2024-10-16"), "Hội trường UBND huyện Tràng Định", "Phòng Nông nghiệp và PTNT",
				"ThS. Nguyễn Thị Lan", "Ngân sách tỉnh", "Chủ thể OCOP", "Có phát tài liệu"}, 3, 4, 3},
		}
		w.sessions = map[int64][]Session{
			1: {{1, 1, day("2024-10-15"), SessionMorning}, {2, 1, day("2024-10-15"), SessionAfternoon}, {3, 1, day("2024-10-16"), SessionFullDay}},
			2: {{4, 2, day("2025-03-20"), SessionFullDay}},
		}
		w.participants = []ParticipantRow{
			{Participant{1, "Hoàng Văn Thạch", GenderMale, 1975, "Tày", "chu_the", "", 1, 0, "0912 345 678", ""},
				"Thất Khê", "HTX Nông nghiệp Thạch đen Tràng Định", 2},
			{Participant{2, "Lường Thị Mến", GenderFemale, 1982, "Nùng", "chu_the", "", 3, 0, "0987 111 222", ""},
				"Thị trấn Thất Khê (cũ)", "Hộ kinh doanh Lường Thị Mến", 1},
			{Participant{3, "Nguyễn Thị Hồng Nhung", GenderFemale, 1990, "Kinh", "can_bo_quan_ly", "Phòng Kinh tế xã Thất Khê", 0, 0, "", ""},
				"", "", 1},
			{Participant{4, "Vi Văn Đức", GenderMale, 0, "", "nguoi_lao_dong", "", 5, 0, "", ""}, "", "Hộ ông Vi Văn Đức", 0},
		}
		w.marks = map[int64]map[[2]int64]Attendance{
			1: {{1, 1}: Present, {1, 2}: Present, {1, 3}: ExcusedAbsence, {1, 4}: Absent,
				{2, 1}: Present, {2, 2}: Absent, {2, 3}: Present,
				{3, 1}: Present, {3, 2}: Present},
			2: {{4, 1}: Present, {4, 3}: Absent, {4, 5}: Present},
		}
		w.liveCourses, w.liveParticipants = 2, 4
	}
	if v >= 4 {
		w.producers = append(w.producers, ProducerRow{Producer{7, "HTX Chè Shan tuyết Mẫu Sơn", "htx", 0, "Thôn Khuổi Tẳng",
			"Lý Thị Phượng", "0915 222 333", ""}, "Hợp tác xã", "Mẫu Sơn", 1})
		w.products = append(w.products, ProductRow{ID: 7, Name: "Chè Shan tuyết Mẫu Sơn", ProducerID: 7, Producer: "HTX Chè Shan tuyết Mẫu Sơn",
			ProducerType: "htx", Commune: "Mẫu Sơn", SetCode: "I.5.a", Certified: true, Stars: 4, Score: 7020, HasScore: true,
			DecisionNo: "215/QĐ-UBND", DecisionDate: day("2023-11-30"), ValidUntil: day("2026-11-30"), Status: StatusValid})
		w.product = append(w.product, Product{7, 7, "Chè Shan tuyết Mẫu Sơn", "I.5.a", ""})
		w.certs[7] = []Certification{{8, 7, "215/QĐ-UBND", day("2023-11-30"), "tinh", 7020, true, 4, day("2026-11-30"), ""}}
		undone := ts("2025-02-20 10:05:00")
		w.trash = append(w.trash,
			TrashItem{"certification", 9, "Na Chi Lăng – QĐ 33/QĐ-UBND (2023-05-05)", undone},
			TrashItem{"producer", 8, "HTX Na Chi Lăng", undone},
			TrashItem{"product", 8, "Na Chi Lăng", undone})
		w.changes["product/7"] = []Change{{ts("2025-02-14 09:30:00"), "Hoàng Thị Duyên", ActionAdd,
			"Chè Shan tuyết Mẫu Sơn (nhập từ tệp Danh sách OCOP huyện Tràng Định 2023.xlsx)"}}
		w.liveProducts, w.liveProducers = 6, 6
	}
	if v >= 5 {
		w.settings.OfficeID = "5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5"
		w.participants[0].JobTitle = "Giám đốc HTX"
		w.participants[2].JobTitle = "Chuyên viên"
		w.changes["participant/1"] = []Change{{ts("2025-06-02 02:00:00"), "Hoàng Thị Duyên", ActionEdit, "Chức vụ: «» → «Giám đốc HTX»"}}
	}
	if v >= 6 {
		w.producers = append(w.producers, ProducerRow{Producer{9, "HTX Miến dong Thục Phán", "htx", 0, "Tổ 5, phường Thục Phán, tỉnh Cao Bằng",
			"Nông Thị Hoa", "0206 3852 111", ""}, "Hợp tác xã", "Thục Phán", 0})
		w.liveProducers++
		w.communes = 67 // and a commune of Cao Bằng, where a producer is
	}
	if v >= 7 {
		// The office moved Quốc khánh's extra day and added one of the province's.
		w.holidays["2026-09-01"], w.holidays["2026-09-03"] = "Quốc khánh (ngày nghỉ thêm)", ""
		w.holidays["2026-10-10"] = "Nghỉ theo quyết định của UBND tỉnh"
	}
	if v >= 8 {
		w.dossiers = []Dossier{{ID: 1, ProductID: 1, Kind: KindRerank, Received: day("2026-06-01"), ReceivedBy: "Hoàng Thị Duyên",
			Receipt: ReceiptNo{1, "20", "06040", 2026}, PaperSet: true, ElectronicSet: true, Samples: 5, ProductCode: "20-06040-01-2026",
			Round:  Round{Year: 2026, No: 2, CutOff: day("2026-10-30"), Deadline: day("2026-12-30"), Source: "Quyết định 26/2026/QĐ-TTg"},
			Status: DossierNeedsMore, CompleteOn: day("2026-06-01"), Note: "Đánh giá lại trước khi hết hạn"}}
		w.evidence = map[int64][]Evidence{1: {
			{Item: EvidenceItem{Code: "co_so_du_dieu_kien"}, State: EvidencePresent, ExpiresOn: day("2027-03-31")},
			{Item: EvidenceItem{Code: "kiem_nghiem"}, State: EvidenceMissing, Note: "Phiếu cũ đã hết hạn"},
		}}
		w.changes["dossier/1"] = []Change{
			{ts("2026-06-03 02:00:00"), "Hoàng Thị Duyên", ActionEdit, "Đã tiếp nhận → Cần bổ sung ngày 03/06/2026: Phiếu kết quả kiểm nghiệm"},
			{ts("2026-06-01 02:00:00"), "Hoàng Thị Duyên", ActionAdd, "Tiếp nhận hồ sơ 01/PĐK-20-06040-2026"},
		}
	}
	if v >= 9 {
		w.attachments = map[int64][]Attachment{1: {
			{ID: 1, DossierID: 1, Name: "Phiếu đăng ký.pdf", Stored: "1/Phieu-dang-ky.pdf", Size: 2048,
				SHA256: "0f343b0931126a20f133d67c2b018a3b5ed6a7fd05d8aa6a8b1c1e3dfb1e8b61", AddedAt: ts("2026-06-01 02:05:00"), AddedBy: "Hoàng Thị Duyên"},
			{ID: 2, DossierID: 1, ItemCode: "co_so_du_dieu_kien", ItemName: "Giấy chứng nhận cơ sở đủ điều kiện sản xuất", Name: "Giấy chứng nhận ATTP.jpg",
				Stored: "1/Giay-chung-nhan-ATTP.jpg", Size: 350000, SHA256: "9e7b1f6cdd4a3c2f1b0a99887766554433221100ffeeddccbbaa998877665544",
				AddedAt: ts("2026-06-01 02:06:00"), AddedBy: "Hoàng Thị Duyên"},
		}}
	}
	if v >= 10 {
		w.sheets = map[int64][]string{1: {
			"1 chu_the  2026-06-02 4/1 1.1=3 1.2=2 ev1.1=Hợp đồng liên kết với 40 hộ",
			"2 hoi_dong Nguyễn Văn Bình 2026-06-20 1/0 1.1=1 ground1 rejected",
		}}
	}
	slices.SortFunc(w.trash, compareTrash)
	return w
}

// sheetLine is what a migration test compares of a stored sheet: its id,
// role, member, day, stored total and stars, each choice and evidence note,
// the grounds ticked.
func sheetLine(st StoredSheet) string {
	line := fmt.Sprintf("%d %s %s %s %s/%d", st.ID, st.Role, st.Sheet.Member, st.FilledOn.Format(time.DateOnly), st.Total, st.Stars)
	for _, c := range st.Sheet.Set.Criteria {
		if o := st.Sheet.Chosen(c); o != nil {
			line += fmt.Sprintf(" %s=%d", c.No, o.No)
		}
	}
	for _, c := range st.Sheet.Set.Criteria {
		if e := st.Sheet.Evidence[c.Index]; e != "" {
			line += " ev" + c.No + "=" + e
		}
	}
	for i, g := range st.Sheet.Grounds {
		if g {
			line += fmt.Sprintf(" ground%d", i+1)
		}
	}
	if st.Rejected {
		line += " rejected"
	}
	return line
}

func compareTrash(a, b TrashItem) int {
	if a.Kind != b.Kind {
		return strings.Compare(a.Kind, b.Kind)
	}
	return int(a.ID - b.ID)
}

// copyFixture copies testdata/schema/vN.db to a new folder as ocop.db; the
// checked-in file itself is never opened.
func copyFixture(t *testing.T, v int) string {
	t.Helper()
	raw, err := os.ReadFile(fixturePath(v))
	if err != nil {
		t.Fatalf("no fixture for schema version %d (have: %s): see the note at the top of migrate_test.go: %v", v, fixtureNames(), err)
	}
	path := filepath.Join(t.TempDir(), "ocop.db")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawVersion reads a database file's user_version and application_id,
// read-only, without the store.
func rawVersion(t *testing.T, path string) (version, appID int) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)").
		Scan(&version, &appID); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return version, appID
}

func TestMigrationFixturesCoverEveryVersion(t *testing.T) {
	for v := 1; v <= LatestSchemaVersion(); v++ {
		path := copyFixture(t, v)
		got, app := rawVersion(t, path)
		if got != v || app != ApplicationID {
			t.Errorf("%s: user_version %d, application_id %#x; want %d, %#x", fixturePath(v), got, app, v, ApplicationID)
		}
	}
}

func TestMigrationFixtures(t *testing.T) {
	latest := LatestSchemaVersion()
	fresh := freshSchema(t)
	for v := 1; v <= latest; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			ctx := context.Background()
			path := copyFixture(t, v)
			if got, _ := rawVersion(t, path); got != v {
				t.Fatalf("fixture is at version %d, want %d", got, v)
			}
			s, err := Open(path)
			if err != nil {
				t.Fatalf("opening the v%d fixture: %v", v, err)
			}
			defer s.Close()

			// The schema is the latest, sound, and the same as a new database's.
			r, err := s.Check(ctx)
			if err != nil || r.SchemaVersion != latest || len(r.Problems) > 0 {
				t.Fatalf("Check after upgrading from v%d = %+v, %v; want version %d and no problems", v, r, err, latest)
			}
			if got := schemaOf(t, s.db); !reflect.DeepEqual(got, fresh) {
				t.Errorf("schema after upgrading from v%d differs from a new database's:\n%s", v, schemaDiff(got, fresh))
			}

			// The backup taken before the upgrade, at the old version.
			checkUpgradeBackup(t, path, v, latest, wantFixture(v))

			checkFixtureData(t, s, v, wantFixture(v))
			checkWritesAfterUpgrade(t, s, v)
		})
	}
}

// checkUpgradeBackup checks that upgrading from v left exactly one copy of
// the database as it was, still at v, and that a current one left none.
func checkUpgradeBackup(t *testing.T, path string, v, latest int, w fixtureWant) {
	entries, err := os.ReadDir(BackupDir(path))
	if v == latest {
		if len(entries) > 0 {
			t.Errorf("opening a current database made backups: %v", entries)
		}
		return
	}
	if err != nil || len(entries) != 1 {
		t.Fatalf("backups after upgrading from v%d: %v, %v; want one", v, entries, err)
	}
	name := entries[0].Name()
	if !regexp.MustCompile(fmt.Sprintf(`^ocop-truoc-nang-cap-v%d-\d{8}-\d{6}\.db$`, v)).MatchString(name) {
		t.Errorf("backup %s, want ocop-truoc-nang-cap-v%d-yyyymmdd-hhmmss.db", name, v)
	}
	backup := filepath.Join(BackupDir(path), name)
	if got, app := rawVersion(t, backup); got != v || app != ApplicationID {
		t.Errorf("backup is at version %d (application_id %#x), want the old version %d", got, app, v)
	}
	info := InspectBackup(backup)
	if info.Problem != "" || info.SchemaVersion != v || info.Before != fmt.Sprintf("nang-cap-v%d", v) ||
		info.Products != w.liveProducts || info.Producers != w.liveProducers ||
		info.Courses != w.liveCourses || info.Participants != w.liveParticipants {
		t.Errorf("InspectBackup = %+v; want version %d, %d products, %d producers, %d courses, %d participants",
			info, v, w.liveProducts, w.liveProducers, w.liveCourses, w.liveParticipants)
	}
}

func checkFixtureData(t *testing.T, s *Store, v int, w fixtureWant) {
	ctx := context.Background()

	st, err := s.Settings(ctx)
	if w.settings.OfficeID == "" {
		// Older than version 5: the upgrade made a random id, once.
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(st.OfficeID) {
			t.Errorf("office id after upgrading from v%d = %q, want 32 hex digits", v, st.OfficeID)
		}
		st.OfficeID = ""
	}
	if err != nil || !reflect.DeepEqual(st, w.settings) {
		t.Errorf("settings = %+v, %v\nwant       %+v", st, err, w.settings)
	}

	communes, err := s.Communes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	communeID := map[string]int64{}
	var covered []string
	for _, c := range communes {
		communeID[c.Name] = c.ID
		if c.Covered {
			covered = append(covered, c.Name)
		}
		if c.Name == "Thị trấn Thất Khê (cũ)" && (c.Code != "" || c.Kind != "thị trấn" || c.Province != "Lạng Sơn" || c.ProvinceCode != "20") {
			t.Errorf("commune added by hand = %+v", c)
		}
		if want := map[bool]string{true: "04", false: "20"}[c.Name == "Thục Phán"]; c.ProvinceCode != want {
			t.Errorf("commune %+v: province code", c)
		}
	}
	if len(communes) != w.communes || !slices.Equal(covered, w.covered) {
		t.Errorf("%d communes, covered %v; want %d, covered %v", len(communes), covered, w.communes, w.covered)
	}
	if all, err := s.AllCommunes(ctx); err != nil || len(all) != 3321+1 {
		t.Errorf("%d communes in the country (%v), want 3,321 and 1 added by hand", len(all), err)
	}
	idOf := func(name string) int64 {
		if name == "" {
			return 0
		}
		id, ok := communeID[name]
		if !ok {
			t.Fatalf("commune %q missing", name)
		}
		return id
	}

	producers, err := s.Producers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(producers, func(a, b ProducerRow) int { return int(a.ID - b.ID) })
	wantProducers := slices.Clone(w.producers)
	for i := range wantProducers {
		wantProducers[i].CommuneID = idOf(wantProducers[i].Commune)
	}
	if !reflect.DeepEqual(producers, wantProducers) {
		t.Errorf("producers:\n%s", listDiff(producers, wantProducers))
	}
	for _, p := range wantProducers {
		if got, err := s.Producer(ctx, p.ID); err != nil || got != p.Producer {
			t.Errorf("Producer(%d) = %+v, %v; want %+v", p.ID, got, err, p.Producer)
		}
	}

	rows, err := s.Products(ctx, ProductQuery{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		rows[i].folded = ""
	}
	slices.SortFunc(rows, func(a, b ProductRow) int { return int(a.ID - b.ID) })
	wantRows := slices.Clone(w.products)
	for i := range wantRows {
		wantRows[i].CommuneID = idOf(wantRows[i].Commune)
	}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("products as of %s:\n%s", ISODate(fixtureAsOf), listDiff(rows, wantRows))
	}
	// Search still finds old records, diacritics folded.
	if found, _ := s.Products(ctx, ProductQuery{Search: "mien dong", AsOf: fixtureAsOf}); len(found) != 1 || found[0].ID != 3 {
		t.Errorf("search \"mien dong\" found %d products", len(found))
	}
	for _, p := range w.product {
		if got, err := s.Product(ctx, p.ID); err != nil || got != p {
			t.Errorf("Product(%d) = %+v, %v; want %+v", p.ID, got, err, p)
		}
	}
	for id, want := range w.certs {
		got, err := s.Certifications(ctx, id)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("certifications of product %d:\n%s", id, listDiff(got, want))
		}
	}

	trash, err := s.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(trash, compareTrash)
	if !reflect.DeepEqual(trash, w.trash) {
		t.Errorf("trash:\n%s", listDiff(trash, w.trash))
	}
	if v >= 2 {
		if _, err := s.Product(ctx, 6); !errors.Is(err, ErrNotFound) {
			t.Errorf("product 6, in the trash: Product = %v, want ErrNotFound", err)
		}
		if _, err := s.Producer(ctx, 6); !errors.Is(err, ErrNotFound) {
			t.Errorf("producer 6, in the trash: Producer = %v, want ErrNotFound", err)
		}
	}
	// Dossiers (schema 8), and the Mẫu 02 checklist whatever the version.
	dossiers, err := s.Dossiers(ctx, DossierQuery{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatal(err)
	}
	var gotDossiers []Dossier
	for _, r := range dossiers {
		gotDossiers = append(gotDossiers, r.Dossier)
	}
	for i := range w.dossiers {
		w.dossiers[i].CommuneID = idOfCode(t, s, w.dossiers[i].Receipt.CommuneCode)
	}
	if !reflect.DeepEqual(gotDossiers, w.dossiers) {
		t.Errorf("dossiers:\n%s", listDiff(gotDossiers, w.dossiers))
	}
	for id, want := range w.evidence {
		lines, err := s.DossierEvidence(ctx, id)
		var got []Evidence
		for _, l := range lines {
			if l.State != EvidenceUnchecked {
				l.Item = EvidenceItem{Code: l.Item.Code}
				got = append(got, l)
			}
		}
		if err != nil || len(lines) != 15 || !reflect.DeepEqual(got, want) {
			t.Errorf("checklist of dossier %d (%v, %d lines):\n%s", id, err, len(lines), listDiff(got, want))
		}
	}
	for id, want := range w.attachments {
		got, err := s.Attachments(ctx, id)
		for i := range got {
			got[i].Path = ""
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("attached files of dossier %d (%v):\n%s", id, err, listDiff(got, want))
		}
	}
	for id, want := range w.sheets {
		sheets, err := s.DossierSheets(ctx, id)
		var got []string
		for _, st := range sheets {
			got = append(got, sheetLine(st))
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("criteria sheets of dossier %d (%v):\n%s", id, err, listDiff(got, want))
		}
	}
	if items, err := s.EvidenceItems(ctx); err != nil || len(items) != 15 {
		t.Errorf("%d evidence items, %v", len(items), err)
	}

	for key, want := range w.changes {
		entity, id, _ := strings.Cut(key, "/")
		var n int64
		fmt.Sscan(id, &n)
		got, err := s.ChangeLog(ctx, entity, n)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("change log of %s:\n%s", key, listDiff(got, want))
		}
	}

	courses, err := s.Courses(ctx, CourseQuery{})
	if err != nil || !reflect.DeepEqual(courses, w.courses) {
		t.Errorf("courses (%v):\n%s", err, listDiff(courses, w.courses))
	}
	for id, want := range w.sessions {
		if got, err := s.Sessions(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("sessions of course %d:\n%s", id, listDiff(got, want))
		}
	}
	people, err := s.Participants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(people, func(a, b ParticipantRow) int { return int(a.ID - b.ID) })
	wantPeople := slices.Clone(w.participants)
	for i := range wantPeople {
		wantPeople[i].CommuneID = idOf(wantPeople[i].Commune)
	}
	if !reflect.DeepEqual(people, wantPeople) {
		t.Errorf("participants:\n%s", listDiff(people, wantPeople))
	}
	for id, want := range w.marks {
		r, err := s.Roster(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.marks, want) {
			t.Errorf("attendance of course %d = %v, want %v", id, r.marks, want)
		}
	}
	if v >= 3 {
		r, _ := s.Roster(ctx, 1)
		var ids []int64
		for _, p := range r.Participants {
			ids = append(ids, p.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, []int64{1, 2, 3, 4}) || r.Count(1, Present) != 2 || r.Count(2, Present) != 2 {
			t.Errorf("roster of course 1: participants %v, present %d and %d", ids, r.Count(1, Present), r.Count(2, Present))
		}
		stats, err := s.Training(ctx, day("2024-01-01"), day("2025-12-31"))
		if err != nil || stats.Courses != 2 || stats.ParticipantTimes != 4 || stats.People != 3 || stats.ByGender[GenderFemale] != 2 {
			t.Errorf("training statistics = %+v, %v", stats, err)
		}
	}
	groups, err := s.EthnicGroups(ctx)
	if err != nil || len(groups) != 54 || groups[0] != "Kinh" {
		t.Errorf("%d ethnic groups (%v), want the 54 seeded", len(groups), err)
	}

	// The rules of 26/2026 and the holidays, whatever the version upgraded from.
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rules.RuleName(day("2026-05-21")) != "Quyết định 148/QĐ-TTg" || rules.RuleName(day("2026-05-22")) != "Quyết định 26/2026/QĐ-TTg" ||
		rules.StarsForScore(7000, day("2026-06-01")) != 4 || rules.ValidityMonths(day("2026-06-01")) != 36 ||
		rules.ProcedureOn(day("2026-06-01")).CommuneWorkingDays != 15 || rules.RoundFor(day("2026-06-01")).String() != "2026-2" ||
		!strings.HasPrefix(rules.ClassName("I.3.d", day("2026-06-01")), "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong") {
		t.Errorf("rules after upgrading from v%d: %s on 22/5/2026, %d stars for 70, procedure %+v, I.3.d %q", v,
			rules.RuleName(day("2026-05-22")), rules.StarsForScore(7000, day("2026-06-01")), rules.ProcedureOn(day("2026-06-01")),
			rules.ClassName("I.3.d", day("2026-06-01")))
	}
	if n := len(rules.Bands); n != 15 {
		t.Errorf("%d star bands after upgrading from v%d, want 15 (1048, 148, 26/2026)", n, v)
	}
	holidays, err := s.Holidays(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, h := range holidays {
		names[ISODate(h.Day)] = h.Name
	}
	for d, want := range w.holidays {
		if names[d] != want {
			t.Errorf("holiday on %s = %q, want %q", d, names[d], want)
		}
	}

	if v >= 4 {
		var file, summary string
		var undone sql.NullString
		var products int
		err := s.db.QueryRowContext(ctx, `SELECT file, summary, undone_at, (SELECT count(*) FROM products WHERE import_id = imports.id)
			FROM imports WHERE id = 1`).Scan(&file, &summary, &undone, &products)
		if err != nil || file != "Danh sách OCOP huyện Tràng Định 2023.xlsx" || undone.Valid || products != 1 ||
			summary != "1 sản phẩm mới, 1 chủ thể mới, 1 quyết định, 0 sản phẩm được cập nhật" {
			t.Errorf("import 1: %q, %q, undone %v, %d products, %v", file, summary, undone, products, err)
		}
	}
}

// checkWritesAfterUpgrade writes through the API into the upgraded
// database, old records included, and reads the result back.
// idOfCode returns the id of the commune with the official code.
func idOfCode(t *testing.T, s *Store, code string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow("SELECT id FROM communes WHERE code = ?", code).Scan(&id); err != nil {
		t.Fatalf("commune %s: %v", code, err)
	}
	return id
}

func checkWritesAfterUpgrade(t *testing.T, s *Store, v int) {
	ctx := context.Background()
	p := &Product{Name: "Bánh khảo Thất Khê", ProducerID: 1, SetCode: "I.3.b", Note: "Thêm sau nâng cấp"}
	c := &Certification{DecisionNo: "1234/QĐ-UBND", DecisionDate: day("2025-07-01"), Score: 6500, HasScore: true, Stars: 3}
	if err := s.AddProduct(ctx, p, c); err != nil {
		t.Fatalf("adding a product after upgrading from v%d: %v", v, err)
	}
	if err := s.UpdateProduct(ctx, Product{ID: 2, ProducerID: 2, Name: "Hoa hồi khô Xứ Lạng", SetCode: "I.4.b", Note: "Đổi tên"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddCertification(ctx, &Certification{ProductID: 2, DecisionNo: "2105/QĐ-UBND", DecisionDate: day("2025-05-21"),
		Score: 7100, HasScore: true, Stars: 4}); err != nil {
		t.Fatal(err)
	}
	// A dossier received after the upgrade takes the next number of its
	// commune and year, and its change log line.
	d, err := s.NewDossier(ctx, 3, KindRerank, day("2026-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	d.CommuneID = idOfCode(t, s, "06040")
	if err := s.ReceiveDossier(ctx, &d, nil); err != nil {
		t.Fatalf("receiving a dossier after upgrading from v%d: %v", v, err)
	}
	wantNo := "01/PĐK-20-06040-2026"
	if v >= 8 {
		wantNo = "02/PĐK-20-06040-2026"
	}
	if dlog, _ := s.ChangeLog(ctx, EntityDossier, d.ID); d.Receipt.String() != wantNo || len(dlog) != 1 || dlog[0].Staff != "Hoàng Thị Duyên" {
		t.Errorf("dossier after upgrading from v%d: %s, log %+v", v, d.Receipt, dlog)
	}
	pr, _ := s.Producer(ctx, 4)
	pr.Phone = "0209 3880 123"
	if err := s.UpdateProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Products(ctx, ProductQuery{AsOf: fixtureAsOf})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]ProductRow{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	if r := byID[p.ID]; r.Name != "Bánh khảo Thất Khê" || r.Stars != 3 || r.Score != 6500 || ISODate(r.ValidUntil) != "2028-07-01" {
		t.Errorf("new product listed as %+v", r)
	}
	if r := byID[2]; r.Name != "Hoa hồi khô Xứ Lạng" || r.Stars != 4 || r.DecisionNo != "2105/QĐ-UBND" || r.Status != StatusValid ||
		ISODate(r.ValidUntil) != "2028-05-21" {
		t.Errorf("edited product listed as %+v", r)
	}
	if got, _ := s.Certifications(ctx, 2); len(got) != 2 || got[1].DecisionNo != "1048/QĐ-UBND" {
		t.Errorf("product 2's decisions after re-evaluation: %+v", got)
	}
	log, _ := s.ChangeLog(ctx, EntityProduct, 2)
	if len(log) != 2 || log[1].Action != ActionEdit || log[1].Staff != "Hoàng Thị Duyên" ||
		log[1].Details != "Tên sản phẩm: «Hồi khô Xứ Lạng» → «Hoa hồi khô Xứ Lạng»\nGhi chú: «» → «Đổi tên»" {
		t.Errorf("change log of product 2 = %+v", log)
	}
	if got, _ := s.Producer(ctx, 4); got.Phone != "0209 3880 123" {
		t.Errorf("producer 4 after edit: %+v", got)
	}

	// Training, into tables a v1 or v2 database got from the upgrade.
	person := &Participant{FullName: "Đàm Thị Thu", Gender: GenderFemale, BirthYear: 1995, Ethnicity: "Tày", Role: "chu_the", ProducerID: 4,
		JobTitle: "Tổ trưởng tổ hợp tác"}
	if err := s.AddParticipant(ctx, person); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Participant(ctx, person.ID); got.JobTitle != "Tổ trưởng tổ hợp tác" {
		t.Errorf("job title of a participant added after upgrading from v%d: %q", v, got.JobTitle)
	}
	course := &Course{Title: "Tập huấn sau nâng cấp", Start: day("2025-08-04"), End: day("2025-08-05"), Location: "Hội trường xã"}
	if err := s.AddCourse(ctx, course, nil); err != nil {
		t.Fatal(err)
	}
	enrol := []int64{person.ID}
	if v >= 3 {
		enrol = append(enrol, 1) // someone from the fixture
	}
	if err := s.Enroll(ctx, course.ID, enrol...); err != nil {
		t.Fatal(err)
	}
	sessions, _ := s.Sessions(ctx, course.ID)
	if len(sessions) != 2 {
		t.Fatalf("new course has %d sessions", len(sessions))
	}
	if err := s.MarkSession(ctx, sessions[0].ID, Present); err != nil {
		t.Fatal(err)
	}
	courses, _ := s.Courses(ctx, CourseQuery{Year: 2025})
	if len(courses) == 0 || courses[0].ID != course.ID || courses[0].Sessions != 2 || courses[0].Enrolled != len(enrol) || courses[0].Attended != len(enrol) {
		t.Errorf("courses of 2025 after adding one: %+v", courses)
	}

	if v >= 2 {
		// Old records come back from the trash with their decisions.
		if err := s.RestoreProduct(ctx, 6); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Products(ctx, ProductQuery{Search: "banh cuon", AsOf: fixtureAsOf})
		if len(got) != 1 || got[0].ID != 6 || got[0].DecisionNo != "77/QĐ-UBND" || got[0].Stars != 3 || got[0].Status != StatusExpired {
			t.Errorf("product 6 restored: %+v", got)
		}
	}
	if v >= 4 {
		// Records keep their import: undoing it takes them back.
		if err := s.UndoImport(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Product(ctx, 7); !errors.Is(err, ErrNotFound) {
			t.Errorf("product 7 after undoing its import: %v", err)
		}
		if _, err := s.Product(ctx, 1); err != nil {
			t.Errorf("product 1, not imported, after undoing an import: %v", err)
		}
		if err := s.UndoImport(ctx, 2); err == nil || !strings.Contains(err.Error(), "đã được hoàn tác") {
			t.Errorf("undoing the undone import 2: %v", err)
		}
	}
	if r, err := s.Check(ctx); err != nil || len(r.Problems) > 0 {
		t.Errorf("Check after writing = %+v, %v", r, err)
	}
}

func TestMigrationFixturesReopenIsNoOp(t *testing.T) {
	latest := LatestSchemaVersion()
	for v := 1; v <= latest; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			path := copyFixture(t, v)
			original, _ := os.ReadFile(path)
			open := func() {
				t.Helper()
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				if r, err := s.Check(context.Background()); err != nil || r.SchemaVersion != latest || len(r.Problems) > 0 {
					t.Errorf("Check = %+v, %v", r, err)
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
			}
			open()
			first, _ := os.ReadFile(path)
			backups := backupList(t, path)
			if v == latest && !bytes.Equal(first, original) {
				t.Errorf("opening a current database changed the file")
			}
			open()
			second, _ := os.ReadFile(path)
			if !bytes.Equal(first, second) {
				t.Errorf("opening the upgraded database again changed the file")
			}
			if again := backupList(t, path); !slices.Equal(again, backups) {
				t.Errorf("backups after opening again: %v, before %v", again, backups)
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Errorf("a -wal file is left after closing")
			}
		})
	}
}

// backupList names the files in the database's backup folder, with sizes.
func backupList(t *testing.T, path string) []string {
	t.Helper()
	entries, _ := os.ReadDir(BackupDir(path))
	var out []string
	for _, e := range entries {
		info, _ := e.Info()
		out = append(out, fmt.Sprintf("%s (%d)", e.Name(), info.Size()))
	}
	return out
}

// freshSchema is the schema of a database created by Open.
func freshSchema(t *testing.T) []string {
	t.Helper()
	s := openTemp(t)
	return schemaOf(t, s.db)
}

func schemaOf(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_schema ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var typ, name, table, text string
		if err := rows.Scan(&typ, &name, &table, &text); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s on %s: %s", typ, name, table, text))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func schemaDiff(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "  only upgraded: %s\n", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "  only new:      %s\n", w)
		}
	}
	return b.String()
}

// listDiff shows two lists line by line where they differ.
func listDiff[T any](got, want []T) string {
	var b strings.Builder
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = fmt.Sprintf("%+v", got[i])
		}
		if i < len(want) {
			w = fmt.Sprintf("%+v", want[i])
		}
		if g != w {
			fmt.Fprintf(&b, "  [%d] got  %s\n      want %s\n", i, g, w)
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("  (equal when printed: got %d, want %d)", len(got), len(want))
	}
	return b.String()
}
