package data

// The generator of the migration fixtures, testdata/schema/vN.db: one small
// database per schema version, holding what an office would have had at
// that version. migrate_test.go opens copies of them with the current code.
// Read the note at the top of migrate_test.go before running this.
//
//	go test -tags migrated_fynedo ./data -run TestMakeMigrationFixtures -make-fixtures
//
// writes the fixtures that do not exist yet; -overwrite-fixtures rewrites
// the existing ones as well (they come out byte for byte the same as long
// as the migrations, the seeders and the reference files they had are
// unchanged).

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	makeFixtures      = flag.Bool("make-fixtures", false, "write the missing migration fixtures testdata/schema/vN.db (see migrate_test.go)")
	overwriteFixtures = flag.Bool("overwrite-fixtures", false, "with -make-fixtures: rewrite the existing fixtures too")
)

// fixtureDir holds the fixtures, relative to the package.
const fixtureDir = "testdata/schema"

func fixturePath(version int) string {
	return filepath.Join(fixtureDir, fmt.Sprintf("v%d.db", version))
}

// fixtureScripts is, for each schema version, the SQL that fills a
// database just created at that version, in order. Every piece is written
// for the tables as they were from the version where it first appears; a
// piece stays valid later only because columns added since are nullable or
// have defaults. Every id and time stamp is given, so the fixtures come out
// the same each time. migrate_test.go checks these values one by one.
var fixtureScripts = map[int][]string{
	1: {fixtureOfficeSQL, fixtureRecordsV1SQL},
	2: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL},
	3: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL},
	4: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL},
	5: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL},
	6: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL},
	7: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL, fixtureHolidaysV7SQL},
	8: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL, fixtureHolidaysV7SQL, fixtureDossiersV8SQL},
	9: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL, fixtureHolidaysV7SQL, fixtureDossiersV8SQL, fixtureAttachmentsV9SQL},
	10: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL, fixtureHolidaysV7SQL, fixtureDossiersV8SQL, fixtureAttachmentsV9SQL, fixtureSheetsV10SQL},
	// 11 adds the list tag, made by the migration itself: no data of its own.
	11: {fixtureOfficeSQL, fixtureRecordsV1SQL, fixtureEditV2SQL, fixtureTrainingV3SQL, fixtureImportV4SQL, fixtureOfficeV5SQL,
		fixtureCountryV6SQL, fixtureHolidaysV7SQL, fixtureDossiersV8SQL, fixtureAttachmentsV9SQL, fixtureSheetsV10SQL},
}

// Version 1: the office's settings and the communes it covers, one of them
// a pre-2025 name added by hand.
const fixtureOfficeSQL = `
INSERT INTO settings(key, value) VALUES
	('office_name', 'PHÒNG KINH TẾ'),
	('parent_body', 'UBND XÃ THẤT KHÊ'),
	('province', 'Lạng Sơn'),
	('place_name', 'Thất Khê'),
	('staff_name', 'Hoàng Thị Duyên'),
	('signer_title', 'TRƯỞNG PHÒNG'),
	('signer_name', 'Nông Văn Bình'),
	('expiry_window_days', '60'),
	('language', 'vi'),
	('typing', 'telex'),
	('old_tone_style', '1');
UPDATE communes SET covered = 1 WHERE code IN ('06040', '06001');
INSERT INTO communes(code, name, kind, province, covered, note)
	VALUES (NULL, 'Thị trấn Thất Khê (cũ)', 'thị trấn', 'Lạng Sơn', 1, 'Tên trước khi sắp xếp đơn vị hành chính 2025');
`

// Version 1: producers of every type, products in several sets (one not
// yet classified), a current certificate, an expired one, one without a
// score, and a product re-evaluated with two decisions.
const fixtureRecordsV1SQL = `
INSERT INTO producers(id, name, type, commune_id, address, representative, phone, registration_no, created_at, updated_at) VALUES
	(1, 'HTX Nông nghiệp Thạch đen Tràng Định', 'htx', (SELECT id FROM communes WHERE code = '06040'),
		'Khu 3, thị trấn Thất Khê, huyện Tràng Định', 'Hoàng Văn Thạch', '0912 345 678', '14G8000123', '2023-03-01 02:00:00', '2024-03-12 07:00:00'),
	(2, 'Công ty TNHH Hồi Xứ Lạng', 'doanh_nghiep', (SELECT id FROM communes WHERE code = '06325'),
		'Thôn Hữu Vĩnh, xã Bắc Sơn', 'Đinh Thị Ngọc Ánh', '0205 3821 456', '4900876543', '2023-03-01 02:10:00', '2023-03-01 02:10:00'),
	(3, 'Hộ kinh doanh Lường Thị Mến', 'ho_kinh_doanh', (SELECT id FROM communes WHERE name = 'Thị trấn Thất Khê (cũ)'),
		'Phố Đông Hồ, thị trấn Thất Khê (cũ)', 'Lường Thị Mến', '0987 111 222', '', '2023-03-02 03:00:00', '2023-03-02 03:00:00'),
	(4, 'Tổ hợp tác Miến dong Bình Gia', 'tht', (SELECT id FROM communes WHERE code = '06112'),
		'Thôn Pác Khuông', 'Lý Văn Sáng', '', '', '2023-03-02 03:30:00', '2023-03-02 03:30:00'),
	(5, 'Hộ ông Vi Văn Đức', 'ho_kinh_doanh', NULL,
		'Bản Nà Lầu (chưa rõ xã)', 'Vi Văn Đức', '', '', '2023-03-03 04:00:00', '2023-03-03 04:00:00');

INSERT INTO products(id, name, producer_id, set_code, note, created_at, updated_at) VALUES
	(1, 'Thạch đen Tràng Định', 1, 'I.3.c', 'Sản phẩm chủ lực của huyện', '2023-03-01 02:05:00', '2023-03-01 02:05:00'),
	(2, 'Hồi khô Xứ Lạng', 2, 'I.4.b', '', '2023-03-01 02:15:00', '2023-03-01 02:15:00'),
	(3, 'Miến dong Bình Gia', 4, 'I.3.b', 'Đánh giá lại năm 2024', '2023-03-02 03:35:00', '2024-03-05 08:00:00'),
	(4, 'Rượu men lá Thất Khê', 3, 'II.1.a', '', '2023-03-02 03:05:00', '2023-03-02 03:05:00'),
	(5, 'Măng khô Đoàn Kết', 5, NULL, 'Chưa phân bộ', '2023-03-03 04:05:00', '2023-03-03 04:05:00');

INSERT INTO certifications(id, product_id, decision_no, decision_date, issuing_level, score, stars, valid_until, note, created_at) VALUES
	(1, 1, '2412/QĐ-UBND', '2024-12-06', 'tinh', 7250, 4, '2027-12-06', '', '2024-12-07 01:00:00'),
	(2, 2, '1048/QĐ-UBND', '2020-06-15', 'tinh', 6636, 3, '2023-06-15', 'Chưa đánh giá lại', '2023-03-01 02:15:00'),
	(3, 3, '567/QĐ-UBND', '2021-03-10', 'huyen', 5820, 3, '2024-03-10', '', '2023-03-02 03:35:00'),
	(4, 3, '3105/QĐ-UBND', '2024-03-05', 'tinh', 7400, 4, '2027-03-05', 'Đánh giá lại, nâng hạng', '2024-03-05 08:00:00'),
	(5, 4, '89/QĐ-UBND', '2022-09-20', 'huyen', NULL, 3, '2025-09-20', '', '2023-03-02 03:05:00');
`

// Version 2: a producer, a product and a decision in the trash, and the
// change log.
const fixtureEditV2SQL = `
INSERT INTO producers(id, name, type, commune_id, address, representative, phone, registration_no, created_at, updated_at, deleted_at) VALUES
	(6, 'Hộ kinh doanh Nguyễn Văn Tẩm', 'ho_kinh_doanh', (SELECT id FROM communes WHERE code = '06001'),
		'Thôn Nà Pàn', 'Nguyễn Văn Tẩm', '', '', '2024-04-01 01:00:00', '2024-04-01 01:00:00', '2024-04-10 02:00:00');

INSERT INTO products(id, name, producer_id, set_code, note, created_at, updated_at, deleted_at) VALUES
	(6, 'Bánh cuốn trứng Thất Khê', 1, 'I.3.b', '', '2024-03-01 02:05:00', '2024-03-01 02:05:00', '2024-05-02 08:15:00');

INSERT INTO certifications(id, product_id, decision_no, decision_date, issuing_level, score, stars, valid_until, note, created_at, deleted_at) VALUES
	(6, 6, '77/QĐ-UBND', '2022-01-20', 'huyen', 6010, 3, '2025-01-20', '', '2024-03-01 02:05:00', NULL),
	(7, 1, '2501/QĐ-UBND', '2025-01-10', 'tinh', 8000, 4, '2028-01-10', 'Nhập nhầm', '2025-01-10 03:00:00', '2025-01-11 03:20:00');

INSERT INTO change_log(id, at, staff, entity, entity_id, action, details) VALUES
	(1, '2024-03-01 02:00:00', 'Hoàng Thị Duyên', 'producer', 1, 'them', 'HTX Nông nghiệp Thạch đen Tràng Định'),
	(2, '2024-03-01 02:05:00', 'Hoàng Thị Duyên', 'product', 6, 'them',
		'Bánh cuốn trứng Thất Khê' || char(10) || 'Quyết định 77/QĐ-UBND ngày 20/01/2022, 3 sao, 60,1 điểm, hiệu lực đến 20/01/2025'),
	(3, '2024-03-12 07:00:00', '', 'producer', 1, 'sua', 'Điện thoại: «» → «0912 345 678»'),
	(4, '2024-04-10 02:00:00', 'Hoàng Thị Duyên', 'producer', 6, 'xoa', 'Hộ kinh doanh Nguyễn Văn Tẩm'),
	(5, '2024-05-02 08:15:00', 'Hoàng Thị Duyên', 'product', 6, 'xoa', 'Bánh cuốn trứng Thất Khê'),
	(6, '2025-01-10 03:00:00', 'Hoàng Thị Duyên', 'product', 1, 'them', 'Quyết định 2501/QĐ-UBND ngày 10/01/2025, 4 sao, 80 điểm, hiệu lực đến 10/01/2028'),
	(7, '2025-01-11 03:20:00', 'Hoàng Thị Duyên', 'product', 1, 'xoa', 'Quyết định 2501/QĐ-UBND ngày 10/01/2025, 4 sao, 80 điểm, hiệu lực đến 10/01/2028');
`

// Version 3: two courses with sessions, enrolments and attendance, a third
// course in the trash, and a participant in the trash.
const fixtureTrainingV3SQL = `
INSERT INTO courses(id, title, topics, start_date, end_date, location, organiser, trainers, funding, target_group, note, deleted_at, created_at, updated_at) VALUES
	(1, 'Tập huấn nâng cao chất lượng sản phẩm OCOP năm 2024', 'Quy trình đánh giá, phân hạng; bao bì, nhãn mác',
		'2024-10-15', '2024-10-16', 'Hội trường UBND huyện Tràng Định', 'Phòng Nông nghiệp và PTNT', 'ThS. Nguyễn Thị Lan',
		'Ngân sách tỉnh', 'Chủ thể OCOP', 'Có phát tài liệu', NULL, '2024-09-20 01:00:00', '2024-09-20 01:00:00'),
	(2, 'Lớp bồi dưỡng kỹ năng bán hàng trực tuyến', 'Thương mại điện tử; livestream bán hàng',
		'2025-03-20', '2025-03-20', 'Nhà văn hóa xã Thất Khê', 'Phòng Kinh tế', 'Trần Minh Quân',
		'Chương trình OCOP', 'Chủ thể và người lao động', '', NULL, '2025-03-01 01:00:00', '2025-03-01 01:00:00'),
	(3, 'Lớp thử (nhập nhầm)', '', '2024-08-01', '2024-08-01', '', '', '', '', '', '', '2024-09-01 01:00:00',
		'2024-08-30 01:00:00', '2024-08-30 01:00:00');

INSERT INTO course_sessions(id, course_id, day, part) VALUES
	(1, 1, '2024-10-15', 'sang'),
	(2, 1, '2024-10-15', 'chieu'),
	(3, 1, '2024-10-16', 'ca_ngay'),
	(4, 2, '2025-03-20', 'ca_ngay'),
	(5, 3, '2024-08-01', 'ca_ngay');

INSERT INTO participants(id, full_name, gender, birth_year, ethnicity, role, organisation, producer_id, commune_id, phone, deleted_at, created_at, updated_at) VALUES
	(1, 'Hoàng Văn Thạch', 'nam', 1975, 'Tày', 'chu_the', '', 1, (SELECT id FROM communes WHERE code = '06040'), '0912 345 678',
		NULL, '2024-09-20 01:10:00', '2024-09-20 01:10:00'),
	(2, 'Lường Thị Mến', 'nu', 1982, 'Nùng', 'chu_the', '', 3, (SELECT id FROM communes WHERE name = 'Thị trấn Thất Khê (cũ)'), '0987 111 222',
		NULL, '2024-09-20 01:11:00', '2024-09-20 01:11:00'),
	(3, 'Nguyễn Thị Hồng Nhung', 'nu', 1990, 'Kinh', 'can_bo_quan_ly', 'Phòng Kinh tế xã Thất Khê', NULL, NULL, '',
		NULL, '2024-09-20 01:12:00', '2024-09-20 01:12:00'),
	(4, 'Vi Văn Đức', 'nam', NULL, NULL, 'nguoi_lao_dong', '', 5, NULL, '',
		NULL, '2024-09-20 01:13:00', '2024-09-20 01:13:00'),
	(5, 'Triệu Thị Dung', 'nu', 1988, 'Dao', 'khac', '', NULL, (SELECT id FROM communes WHERE code = '06001'), '',
		'2025-04-01 01:00:00', '2025-03-01 01:10:00', '2025-03-01 01:10:00');

INSERT INTO enrolments(course_id, participant_id) VALUES
	(1, 1), (1, 2), (1, 3), (1, 4),
	(2, 1), (2, 3), (2, 5),
	(3, 3);

INSERT INTO attendance(session_id, participant_id, status) VALUES
	(1, 1, 'co_mat'), (1, 2, 'co_mat'), (1, 3, 'vang_co_phep'), (1, 4, 'vang'),
	(2, 1, 'co_mat'), (2, 2, 'vang'), (2, 3, 'co_mat'),
	(3, 1, 'co_mat'), (3, 2, 'co_mat'),
	(4, 1, 'co_mat'), (4, 3, 'vang'), (4, 5, 'co_mat'),
	(5, 3, 'co_mat');

INSERT INTO change_log(id, at, staff, entity, entity_id, action, details) VALUES
	(8, '2024-08-30 01:00:00', 'Hoàng Thị Duyên', 'course', 3, 'them', 'Lớp thử (nhập nhầm)'),
	(9, '2024-09-01 01:00:00', 'Hoàng Thị Duyên', 'course', 3, 'xoa', 'Lớp thử (nhập nhầm)'),
	(10, '2024-09-20 01:00:00', 'Hoàng Thị Duyên', 'course', 1, 'them', 'Tập huấn nâng cao chất lượng sản phẩm OCOP năm 2024'),
	(11, '2024-09-20 01:12:00', 'Hoàng Thị Duyên', 'participant', 3, 'them', 'Nguyễn Thị Hồng Nhung');
`

// Version 4: an import whose records carry its id, and an import undone
// (its records in the trash).
const fixtureImportV4SQL = `
INSERT INTO imports(id, at, staff, file, kind, summary, undone_at) VALUES
	(1, '2025-02-14 09:30:00', 'Hoàng Thị Duyên', 'Danh sách OCOP huyện Tràng Định 2023.xlsx', 'products',
		'1 sản phẩm mới, 1 chủ thể mới, 1 quyết định, 0 sản phẩm được cập nhật', NULL),
	(2, '2025-02-20 10:00:00', 'Hoàng Thị Duyên', 'Danh sách Chi Lăng.xlsx', 'products',
		'1 sản phẩm mới, 1 chủ thể mới, 1 quyết định, 0 sản phẩm được cập nhật', '2025-02-20 10:05:00');

INSERT INTO producers(id, name, type, commune_id, address, representative, phone, registration_no, created_at, updated_at, deleted_at, import_id) VALUES
	(7, 'HTX Chè Shan tuyết Mẫu Sơn', 'htx', (SELECT id FROM communes WHERE code = '06541'),
		'Thôn Khuổi Tẳng', 'Lý Thị Phượng', '0915 222 333', '', '2025-02-14 09:30:00', '2025-02-14 09:30:00', NULL, 1),
	(8, 'HTX Na Chi Lăng', 'tht', (SELECT id FROM communes WHERE code = '06463'),
		'', '', '', '', '2025-02-20 10:00:00', '2025-02-20 10:00:00', '2025-02-20 10:05:00', 2);

INSERT INTO products(id, name, producer_id, set_code, note, created_at, updated_at, deleted_at, import_id) VALUES
	(7, 'Chè Shan tuyết Mẫu Sơn', 7, 'I.5.a', '', '2025-02-14 09:30:00', '2025-02-14 09:30:00', NULL, 1),
	(8, 'Na Chi Lăng', 8, 'I.1.a', '', '2025-02-20 10:00:00', '2025-02-20 10:00:00', '2025-02-20 10:05:00', 2);

INSERT INTO certifications(id, product_id, decision_no, decision_date, issuing_level, score, stars, valid_until, note, created_at, deleted_at, import_id) VALUES
	(8, 7, '215/QĐ-UBND', '2023-11-30', 'tinh', 7020, 4, '2026-11-30', '', '2025-02-14 09:30:00', NULL, 1),
	(9, 8, '33/QĐ-UBND', '2023-05-05', 'tinh', 6200, 3, '2026-05-05', '', '2025-02-20 10:00:00', '2025-02-20 10:05:00', 2);

INSERT INTO change_log(id, at, staff, entity, entity_id, action, details) VALUES
	(12, '2025-02-14 09:30:00', 'Hoàng Thị Duyên', 'product', 7, 'them', 'Chè Shan tuyết Mẫu Sơn (nhập từ tệp Danh sách OCOP huyện Tràng Định 2023.xlsx)'),
	(13, '2025-02-20 10:00:00', 'Hoàng Thị Duyên', 'product', 8, 'them', 'Na Chi Lăng (nhập từ tệp Danh sách Chi Lăng.xlsx)');
`

// Version 5: the office's id (0005 makes a random one; the fixture's is
// fixed) and participants' job titles, one of them edited in the log.
const fixtureOfficeV5SQL = `
UPDATE settings SET value = '5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5' WHERE key = 'office_id';
UPDATE participants SET job_title = 'Giám đốc HTX', updated_at = '2025-06-02 02:00:00' WHERE id = 1;
UPDATE participants SET job_title = 'Chuyên viên' WHERE id = 3;

INSERT INTO change_log(id, at, staff, entity, entity_id, action, details) VALUES
	(14, '2025-06-02 02:00:00', 'Hoàng Thị Duyên', 'participant', 1, 'sua', 'Chức vụ: «» → «Giám đốc HTX»');
`

// Version 6: the office's province code as 0006 sets it, the commune added
// by hand in its province, and a producer across the border, in a commune
// of Cao Bằng.
const fixtureCountryV6SQL = `
INSERT INTO settings(key, value) VALUES ('province_code', '20');
UPDATE communes SET province_code = '20' WHERE code IS NULL;
INSERT INTO producers(id, name, type, commune_id, address, representative, phone, registration_no, created_at, updated_at) VALUES
	(9, 'HTX Miến dong Thục Phán', 'htx', (SELECT id FROM communes WHERE code = '01273'),
		'Tổ 5, phường Thục Phán, tỉnh Cao Bằng', 'Nông Thị Hoa', '0206 3852 111', '', '2025-08-01 02:00:00', '2025-08-01 02:00:00');
`

// Version 7: the office's holidays as it corrected them: the government chose
// 1/9/2026 as the extra day of Quốc khánh (the seed guessed 3/9), and the
// province gave a day off of its own. (0007 seeds the rest from assets/ref.)
const fixtureHolidaysV7SQL = `
UPDATE holidays SET day = '2026-09-01', note = 'Thông báo của Văn phòng Chính phủ' WHERE day = '2026-09-03';
INSERT INTO holidays(day, name, kind, note) VALUES ('2026-10-10', 'Nghỉ theo quyết định của UBND tỉnh', 'nghi', 'Nhập tay');
`

// Version 8: a re-ranking dossier of product 1 received at xã Thất Khê and
// sent back for a missing test report, with its steps, its request, two
// checklist lines and its change log.
const fixtureDossiersV8SQL = `
INSERT INTO dossiers(id, product_id, kind, received_on, received_by, commune_id, receipt_seq, province_code, commune_code,
		receipt_year, paper_set, electronic_set, samples, product_code, round_year, round_no, status, complete_on, note,
		created_at, updated_at) VALUES
	(1, 1, 'danh_gia_lai', '2026-06-01', 'Hoàng Thị Duyên', (SELECT id FROM communes WHERE code = '06040'), 1, '20', '06040',
		2026, 1, 1, 5, '20-06040-01-2026', 2026, 2, 'can_bo_sung', '2026-06-01', 'Đánh giá lại trước khi hết hạn',
		'2026-06-01 02:00:00', '2026-06-03 02:00:00');
INSERT INTO dossier_events(id, dossier_id, status, on_date, staff, note, at) VALUES
	(1, 1, 'da_tiep_nhan', '2026-06-01', 'Hoàng Thị Duyên', 'Đánh giá lại, phiếu số 01/PĐK-20-06040-2026', '2026-06-01 02:00:00'),
	(2, 1, 'can_bo_sung', '2026-06-03', 'Hoàng Thị Duyên', 'Phiếu kết quả kiểm nghiệm', '2026-06-03 02:00:00');
INSERT INTO dossier_requests(id, dossier_id, what, asked_on, due_on) VALUES (1, 1, 'Phiếu kết quả kiểm nghiệm', '2026-06-03', '2026-06-12');
INSERT INTO dossier_evidence(dossier_id, item_code, state, note, expires_on) VALUES
	(1, 'co_so_du_dieu_kien', 'co', '', '2027-03-31'),
	(1, 'kiem_nghiem', 'thieu', 'Phiếu cũ đã hết hạn', NULL);
INSERT INTO change_log(id, at, staff, entity, entity_id, action, details) VALUES
	(15, '2026-06-01 02:00:00', 'Hoàng Thị Duyên', 'dossier', 1, 'them', 'Tiếp nhận hồ sơ 01/PĐK-20-06040-2026'),
	(16, '2026-06-03 02:00:00', 'Hoàng Thị Duyên', 'dossier', 1, 'sua', 'Đã tiếp nhận → Cần bổ sung ngày 03/06/2026: Phiếu kết quả kiểm nghiệm');
`

// Version 9: two files of dossier 1's electronic set, one of the dossier
// and one of its food-safety certificate, and one removed (in the trash).
const fixtureAttachmentsV9SQL = `
INSERT INTO dossier_files(id, dossier_id, item_code, name, stored, size, sha256, added_at, added_by, deleted_at) VALUES
	(1, 1, NULL, 'Phiếu đăng ký.pdf', '1/Phieu-dang-ky.pdf', 2048,
		'0f343b0931126a20f133d67c2b018a3b5ed6a7fd05d8aa6a8b1c1e3dfb1e8b61', '2026-06-01 02:05:00', 'Hoàng Thị Duyên', NULL),
	(2, 1, 'co_so_du_dieu_kien', 'Giấy chứng nhận ATTP.jpg', '1/Giay-chung-nhan-ATTP.jpg', 350000,
		'9e7b1f6cdd4a3c2f1b0a99887766554433221100ffeeddccbbaa998877665544', '2026-06-01 02:06:00', 'Hoàng Thị Duyên', NULL),
	(3, 1, NULL, 'Nhầm.docx', '1/Nham.docx', 10, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
		'2026-06-01 02:07:00', 'Hoàng Thị Duyên', '2026-06-01 02:08:00');
`

// Version 10: two sheets of dossier 1 against the criteria set I.3.c of
// 26/2026 (effective 22/5/2026): the producer's self-assessment, with two
// criteria chosen and one evidence note, and a council member's sheet
// that ticks the first rejection ground; and a removed one.
const fixtureSheetsV10SQL = `
INSERT INTO score_sheets(id, dossier_id, role, member, set_code, set_from, filled_on, answers, total, stars, rejected, updated_at, deleted_at) VALUES
	(1, 1, 'chu_the', '', 'I.3.c', '2026-05-22', '2026-06-02',
		'set_code,member,kind,no,choice,text,evidence
I.3.c,,criterion,1.1,3,Sử dụng nguyên liệu có nguồn gốc trong tỉnh từ 75% đến 100%,Hợp đồng liên kết với 40 hộ
I.3.c,,criterion,1.2,2,"Được cấp giấy chứng nhận chất lượng theo tiêu chuẩn quốc gia (VietGAP, hữu cơ,...)",
', 400, 1, 0, '2026-06-02 03:00:00', NULL),
	(2, 1, 'hoi_dong', 'Nguyễn Văn Bình', 'I.3.c', '2026-05-22', '2026-06-20',
		'set_code,member,kind,no,choice,text,evidence
I.3.c,Nguyễn Văn Bình,criterion,1.1,1,"Có sử dụng nguyên liệu có nguồn gốc trong tỉnh, nhưng có tỷ lệ dưới 50%",
I.3.c,Nguyễn Văn Bình,ground,1,x,,
', 100, 0, 1, '2026-06-20 03:00:00', NULL),
	(3, 1, 'xa', '', 'I.3.c', '2026-05-22', '2026-06-02', 'set_code,member,kind,no,choice,text,evidence
', 0, 0, 0, '2026-06-02 03:00:00', '2026-06-02 04:00:00');
`

// fixturePageSize keeps the fixtures small: each table and index takes at
// least a page. The page size is no part of the schema.
const fixturePageSize = 1024

func TestMakeMigrationFixtures(t *testing.T) {
	if !*makeFixtures {
		t.Skip("writes testdata/schema/vN.db only with -make-fixtures")
	}
	all := migrations()
	for i, m := range all {
		if m.version != i+1 {
			t.Fatalf("migration %s: versions must run 1, 2, 3... without gaps", m.name)
		}
		if fixtureScripts[m.version] == nil {
			t.Fatalf("no fixture data for schema version %d: add fixtureScripts[%d] (SQL for the tables of %s) first",
				m.version, m.version, m.name)
		}
	}
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= len(all); k++ {
		dest := fixturePath(k)
		if _, err := os.Stat(dest); err == nil && !*overwriteFixtures {
			t.Logf("%s: kept as it is (-overwrite-fixtures rewrites it)", dest)
			continue
		}
		size := buildFixture(t, all[:k], fixtureScripts[k], dest)
		t.Logf("%s: schema version %d, %d bytes", dest, k, size)
	}
}

// buildFixture creates a database at the last version of list, as Open
// would have at that time, fills it with script and writes it to dest.
func buildFixture(t *testing.T, list []migration, script []string, dest string) int64 {
	t.Helper()
	ctx := context.Background()
	tmp := filepath.Join(t.TempDir(), "fixture.db")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(tmp), OmitHost: true}
	db, err := sql.Open("sqlite", u.String()+"?_pragma=foreign_keys(1)&_time_format=sqlite")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d", fixturePageSize)); err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if err := applyForFixture(ctx, db, m); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	version := list[len(list)-1].version
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, piece := range script {
		if _, err := tx.ExecContext(ctx, piece); err != nil {
			tx.Rollback()
			t.Fatalf("fixture v%d, piece %d: %v", version, i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// The data must be sound at its own version, or the tests would blame
	// the migrations for the fixture's faults.
	var problems []string
	rows, err := db.QueryContext(ctx, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		rows.Scan(&table, &rowid, &parent)
		problems = append(problems, fmt.Sprintf("%s row %d -> %s", table, rowid.Int64, parent))
	}
	rows.Close()
	var check string
	db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check)
	if check != "ok" || len(problems) > 0 {
		t.Fatalf("fixture v%d is not sound: integrity %q, foreign keys %v", version, check, problems)
	}
	// Offices' databases are in WAL mode (see dsn); so is the fixture.
	if _, err := db.ExecContext(ctx, "VACUUM"); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		t.Fatalf("%s-wal left after closing", tmp)
	}
	raw, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dest+".tmp", raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dest+".tmp", dest); err != nil {
		t.Fatal(err)
	}
	return int64(len(raw))
}

// applyForFixture applies one migration as Store.apply does: its SQL, its
// seeder and the version stamps, in one transaction.
func applyForFixture(ctx context.Context, db *sql.DB, m migration) error {
	return (&Store{db: db}).apply(ctx, m)
}

// fixtureNames lists the fixtures present, for messages.
func fixtureNames() string {
	entries, _ := os.ReadDir(fixtureDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, ", ")
}
