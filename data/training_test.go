package data

import (
	"context"
	"reflect"
	"testing"
)

// trainingStore holds two courses in 2026 and one in 2025 with known
// rosters and attendance:
//
//	course A (2 sessions): Đức (present both), Lan (present s1, absent s2), Hùng (absent both)
//	course B (1 session):  Đức (present), Mai (excused)
//	course C, 2025:        Lan (present)
func trainingStore(t *testing.T) (*Store, map[string]int64, map[string]int64) {
	t.Helper()
	s := openTemp(t)
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	people := map[string]int64{}
	for _, p := range []Participant{
		{FullName: "Nguyễn Văn Đức", Gender: GenderMale, BirthYear: 1980, Ethnicity: "Tày", Role: "can_bo_quan_ly", Phone: "0912 345 678", CommuneID: communes[0].ID},
		{FullName: "Hoàng Thị Lan", Gender: GenderFemale, BirthYear: 1990, Ethnicity: "Nùng", Role: "chu_the", CommuneID: communes[1].ID},
		{FullName: "Lý Văn Hùng", Gender: GenderMale, BirthYear: 1975, Ethnicity: "Dao", Role: "chu_the"},
		{FullName: "Vi Thị Mai", Gender: GenderFemale, BirthYear: 1985, Ethnicity: "Tày", Role: "thanh_vien_hoi_dong"},
	} {
		p := p
		if err := s.AddParticipant(ctx, &p); err != nil {
			t.Fatal(err)
		}
		people[p.FullName] = p.ID
	}
	courses := map[string]int64{}
	add := func(key, title, start, end string, who ...string) {
		c := &Course{Title: title, Start: day(start), End: day(end), Location: "Hội trường UBND xã"}
		if err := s.AddCourse(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		courses[key] = c.ID
		for _, w := range who {
			if err := s.Enroll(ctx, c.ID, people[w]); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("A", "Tập huấn chu trình OCOP", "2026-05-11", "2026-05-12", "Nguyễn Văn Đức", "Hoàng Thị Lan", "Lý Văn Hùng")
	add("B", "Đánh giá sản phẩm trên phần mềm", "2026-10-23", "2026-10-23", "Nguyễn Văn Đức", "Vi Thị Mai")
	add("C", "Phát triển sản phẩm", "2025-06-01", "2025-06-01", "Hoàng Thị Lan")
	mark := func(course string, session int, who string, a Attendance) {
		r, err := s.Roster(ctx, courses[course])
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetAttendance(ctx, r.Sessions[session].ID, people[who], a); err != nil {
			t.Fatal(err)
		}
	}
	rA, _ := s.Roster(ctx, courses["A"])
	if err := s.MarkSession(ctx, rA.Sessions[0].ID, Present); err != nil { // whole class present...
		t.Fatal(err)
	}
	mark("A", 0, "Lý Văn Hùng", Absent) // ...but one
	mark("A", 1, "Nguyễn Văn Đức", Present)
	mark("A", 1, "Hoàng Thị Lan", Absent)
	mark("A", 1, "Lý Văn Hùng", Absent)
	mark("B", 0, "Nguyễn Văn Đức", Present)
	mark("B", 0, "Vi Thị Mai", ExcusedAbsence)
	mark("C", 0, "Hoàng Thị Lan", Present)
	return s, people, courses
}

func TestDuplicateMatching(t *testing.T) {
	s, people, _ := trainingStore(t)
	ctx := context.Background()
	cases := []struct {
		name   string
		year   int
		phone  string
		want   int64 // 0: no match
		strong bool
	}{
		{"nguyen van duc", 0, "", people["Nguyễn Văn Đức"], false},
		{"NGUYỄN VĂN ĐỨC", 1980, "", people["Nguyễn Văn Đức"], true},
		{"Nguyen  Van Duc", 1981, "", 0, false},                         // a namesake born another year
		{"Nguyễn Đức", 0, "0912345678", people["Nguyễn Văn Đức"], true}, // same phone, other spelling
		{"Hoàng Thị Lan", 0, "", people["Hoàng Thị Lan"], false},
		{"Hoàng Thị Lam", 1990, "", 0, false},
	}
	for _, c := range cases {
		got, err := s.MatchParticipants(ctx, c.name, c.year, c.phone)
		if err != nil {
			t.Fatal(err)
		}
		if c.want == 0 {
			if len(got) != 0 {
				t.Errorf("%q %d: matched %+v", c.name, c.year, got)
			}
			continue
		}
		if len(got) == 0 || got[0].ID != c.want || got[0].Strong != c.strong {
			t.Errorf("%q %d %q: got %+v, want %d strong=%v", c.name, c.year, c.phone, got, c.want, c.strong)
		}
	}
}

func TestAttendanceCounts(t *testing.T) {
	s, people, courses := trainingStore(t)
	ctx := context.Background()
	r, err := s.Roster(ctx, courses["A"])
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Sessions) != 2 || len(r.Participants) != 3 {
		t.Fatalf("%d sessions, %d participants", len(r.Sessions), len(r.Participants))
	}
	s1, s2 := r.Sessions[0].ID, r.Sessions[1].ID
	for _, c := range []struct {
		session int64
		a       Attendance
		want    int
	}{{s1, Present, 2}, {s1, Absent, 1}, {s2, Present, 1}, {s2, Absent, 2}, {s2, ExcusedAbsence, 0}} {
		if got := r.Count(c.session, c.a); got != c.want {
			t.Errorf("session %d %s: %d, want %d", c.session, c.a.Label(), got, c.want)
		}
	}
	if r.Mark(s1, people["Lý Văn Hùng"]) != Absent || r.Mark(s2, people["Nguyễn Văn Đức"]) != Present {
		t.Error("marks read back wrong")
	}
	list, _ := s.Courses(ctx, CourseQuery{Year: 2026})
	if len(list) != 2 || list[0].Title != "Đánh giá sản phẩm trên phần mềm" {
		t.Fatalf("2026 courses %+v", list)
	}
	if a := list[1]; a.Sessions != 2 || a.Enrolled != 3 || a.Attended != 2 {
		t.Errorf("course A listed as %+v", a)
	}
	if got, _ := s.Courses(ctx, CourseQuery{Search: "danh gia phan mem"}); len(got) != 1 {
		t.Errorf("search found %d courses", len(got))
	}
	// Attendance of someone not on the roster is refused.
	if err := s.SetAttendance(ctx, s1, people["Vi Thị Mai"], Present); err == nil {
		t.Error("attendance recorded for someone not enrolled")
	}
	// Taking someone off the roster removes their marks.
	if err := s.Unenroll(ctx, courses["A"], people["Lý Văn Hùng"]); err != nil {
		t.Fatal(err)
	}
	r, _ = s.Roster(ctx, courses["A"])
	if len(r.Participants) != 2 || r.Count(s1, Absent) != 0 {
		t.Errorf("after unenrolling: %d participants, %d absent", len(r.Participants), r.Count(s1, Absent))
	}
}

func TestTrainingStatistics(t *testing.T) {
	s, _, _ := trainingStore(t)
	ctx := context.Background()
	st, err := s.Training(ctx, day("2026-01-01"), day("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	// 2026: course A present Đức, Lan; course B present Đức. Mai was excused, Hùng absent.
	if st.Courses != 2 || st.ParticipantTimes != 3 || st.People != 2 {
		t.Errorf("courses %d, participant-times %d, people %d; want 2, 3, 2", st.Courses, st.ParticipantTimes, st.People)
	}
	if st.ByRole["can_bo_quan_ly"] != 1 || st.ByRole["chu_the"] != 1 || st.ByRole["thanh_vien_hoi_dong"] != 0 {
		t.Errorf("by role %v", st.ByRole)
	}
	if st.ByGender[GenderMale] != 1 || st.ByGender[GenderFemale] != 1 {
		t.Errorf("by gender %v", st.ByGender)
	}
	if st.ByEthnicity["Tày"] != 1 || st.ByEthnicity["Nùng"] != 1 {
		t.Errorf("by ethnicity %v", st.ByEthnicity)
	}
	all, _ := s.Training(ctx, day("2025-01-01"), day("2026-12-31"))
	if all.Courses != 3 || all.ParticipantTimes != 4 || all.People != 2 {
		t.Errorf("2025-2026: %+v", all)
	}
	rows, _ := s.Participants(ctx)
	for _, r := range rows {
		want := map[string]int{"Nguyễn Văn Đức": 2, "Hoàng Thị Lan": 2, "Lý Văn Hùng": 0, "Vi Thị Mai": 0}[r.FullName]
		if r.Courses != want {
			t.Errorf("%s attended %d courses, want %d", r.FullName, r.Courses, want)
		}
	}
}

func TestInvalidParticipantAndCourse(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for _, p := range []Participant{{FullName: " "}, {FullName: "A", BirthYear: 1800}, {FullName: "A", Ethnicity: "Không có"}, {FullName: "A", Role: "giam_doc"}} {
		p := p
		if err := s.AddParticipant(ctx, &p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
	if err := s.AddCourse(ctx, &Course{Title: "X", Start: day("2026-05-12"), End: day("2026-05-11")}, nil); err == nil {
		t.Error("course ending before it starts accepted")
	}
	if n, _ := s.Participants(ctx); len(n) != 0 {
		t.Errorf("%d participants stored from invalid input", len(n))
	}
}

func TestTrainingByCommune(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	communes, _ := s.Communes(ctx)
	home, elsewhere := communes[0], communes[1]
	htx := &Producer{Name: "HTX Thạch đen", Type: "htx", CommuneID: home.ID}
	if err := s.AddProducer(ctx, htx); err != nil {
		t.Fatal(err)
	}
	noCommune := &Producer{Name: "Hộ ông Vi Văn Đức", Type: "ho_kinh_doanh"}
	if err := s.AddProducer(ctx, noCommune); err != nil {
		t.Fatal(err)
	}
	course := &Course{Title: "Tập huấn OCOP", Start: day("2026-05-11"), End: day("2026-05-11")}
	if err := s.AddCourse(ctx, course, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		producer  int64
		commune   int64
		inCommune string // where the statistics count the person, "" for "(chưa rõ xã)"
	}{
		{"Hoàng Văn Thạch", htx.ID, 0, home.Name},               // takes the producer's commune
		{"Lường Thị Mến", htx.ID, elsewhere.ID, elsewhere.Name}, // a commune typed wins
		{"Nông Thị Hoa", 0, elsewhere.ID, elsewhere.Name},       // no producer
		{"Vi Văn Đức", noCommune.ID, 0, ""},                     // the producer has none either
		{"Triệu Thị Dung", 0, 0, ""},                            // nothing known
	}
	want := map[string]int{}
	for _, c := range cases {
		p := &Participant{FullName: c.name, ProducerID: c.producer, CommuneID: c.commune}
		if err := s.AddParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := s.Enroll(ctx, course.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		want[c.inCommune]++
	}
	sessions, _ := s.Sessions(ctx, course.ID)
	if err := s.MarkSession(ctx, sessions[0].ID, Present); err != nil {
		t.Fatal(err)
	}
	st, err := s.Training(ctx, day("2026-01-01"), day("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.ByCommune, want) {
		t.Errorf("people by commune = %v, want %v", st.ByCommune, want)
	}
}

func TestJobTitle(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	cases := []struct{ typed, stored string }{
		{"Giám đốc HTX", "Giám đốc HTX"},
		{"  Chủ tịch   UBND xã ", "Chủ tịch UBND xã"},
		{"", ""},
	}
	for _, c := range cases {
		p := &Participant{FullName: "Hoàng Văn Thạch", Role: "chu_the", JobTitle: c.typed}
		if err := s.AddParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := s.Participant(ctx, p.ID)
		if err != nil || got.JobTitle != c.stored || got.Role != "chu_the" {
			t.Errorf("job title %q stored as %q (role %q), %v; want %q", c.typed, got.JobTitle, got.Role, err, c.stored)
		}
		got.JobTitle = "Phó Giám đốc HTX"
		if err := s.UpdateParticipant(ctx, got); err != nil {
			t.Fatal(err)
		}
		log, _ := s.ChangeLog(ctx, EntityParticipant, p.ID)
		if wantLog := "Chức vụ: «" + c.stored + "» → «Phó Giám đốc HTX»"; len(log) == 0 || log[0].Details != wantLog {
			t.Errorf("change log after editing %q: %+v, want %q", c.stored, log, wantLog)
		}
		rows, _ := s.Participants(ctx)
		found := false
		for _, r := range rows {
			found = found || (r.ID == p.ID && r.JobTitle == "Phó Giám đốc HTX")
		}
		if !found {
			t.Errorf("participant %d not listed with the new job title: %+v", p.ID, rows)
		}
	}
}
