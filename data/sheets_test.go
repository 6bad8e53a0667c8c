package data

import (
	"context"
	"strings"
	"testing"
)

// sheetDossier is a dossier of a I.3.c product received under 26/2026.
func sheetDossier(t *testing.T) (*Store, *Dossier) {
	t.Helper()
	s, pr := dossierStore(t)
	p := certifiedProduct(t, s, pr, "Thạch đen Tràng Định", "I.3.c", day("2023-06-01"))
	return s, receive(t, s, p, KindRerank, day("2026-06-01"))
}

func TestStoredSheets(t *testing.T) {
	ctx := context.Background()
	s, d := sheetDossier(t)
	set, err := SheetSetFor("I.3.c", *d)
	if err != nil {
		t.Fatal(err)
	}
	if !set.EffectiveFrom.Equal(day("2026-05-22")) {
		t.Fatalf("a dossier received 1/6/2026 is scored on the set of %v, want 26/2026's", set.EffectiveFrom)
	}
	if _, err := SheetSetFor("", *d); err == nil || !strings.Contains(err.Error(), "chưa có bộ sản phẩm") {
		t.Errorf("no set: %v", err)
	}

	// The producer's sheet: 72 points held at 3 stars by one minimum.
	own := bestSheet(t, "I.3.c")
	lowerTo(t, own, 7200, 3)
	self := &StoredSheet{DossierID: d.ID, Role: RoleProducer, FilledOn: day("2026-06-02"), Sheet: own}
	if err := s.SaveSheet(ctx, self); err != nil {
		t.Fatal(err)
	}
	if self.ID == 0 || self.Total != 7200 {
		t.Fatalf("saved sheet: id %d, total %s", self.ID, self.Total)
	}
	// A second producer's sheet is refused: the first is opened and edited.
	if err := s.SaveSheet(ctx, &StoredSheet{DossierID: d.ID, Role: RoleProducer, Sheet: NewSheet(set)}); err == nil ||
		!strings.Contains(err.Error(), "đã có phiếu \"chủ thể tự đánh giá\"") {
		t.Errorf("second producer's sheet: %v", err)
	}
	// Council members: named, one sheet each.
	if err := s.SaveSheet(ctx, &StoredSheet{DossierID: d.ID, Role: RoleCouncil, Sheet: NewSheet(set)}); err == nil ||
		!strings.Contains(err.Error(), "ghi họ tên thành viên") {
		t.Errorf("council sheet without a name: %v", err)
	}
	totals := map[string]Score{"Nguyễn Văn Bình": 7400, "Hoàng Thu Trang": 6900, "Lý Văn Sáng": 7600}
	var ids []int64
	for _, m := range []string{"Nguyễn Văn Bình", "Hoàng Thu Trang", "Lý Văn Sáng"} {
		sh := bestSheet(t, "I.3.c")
		lowerTo(t, sh, totals[m], 3)
		sh.Member = m
		st := &StoredSheet{DossierID: d.ID, Role: RoleCouncil, FilledOn: day("2026-06-20"), Sheet: sh}
		if err := s.SaveSheet(ctx, st); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, st.ID)
	}
	dup := NewSheet(set)
	dup.Member = " Lý Văn Sáng "
	if err := s.SaveSheet(ctx, &StoredSheet{DossierID: d.ID, Role: RoleCouncil, Sheet: dup}); err == nil ||
		!strings.Contains(err.Error(), "đã có phiếu của thành viên Lý Văn Sáng") {
		t.Errorf("a member's second sheet: %v", err)
	}

	score, err := s.ScoreDossier(ctx, d.ID, day("2026-06-20"))
	if err != nil {
		t.Fatal(err)
	}
	if len(score.Sheets) != 4 || score.Sheets[0].Role != RoleProducer || score.Sheets[1].Sheet.Member != "Nguyễn Văn Bình" {
		t.Fatalf("sheets in order: %+v", score.Sheets)
	}
	if score.Producer == nil || score.Producer.Total != 7200 {
		t.Errorf("producer's result: %+v", score.Producer)
	}
	// (74 + 69 + 76) / 3 = 73: four stars by the band of the average.
	if score.Council == nil || score.Council.Average != 7300 || score.Council.Stars != 4 || len(score.Members) != 3 {
		t.Fatalf("council: %+v", score.Council)
	}

	// Editing a member's sheet changes the average; removing one too, and
	// restoring it brings it back.
	m := score.Members[1]
	lowerTo(t, m.Sheet, 6500, 3)
	if err := s.SaveSheet(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSheet(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	score, _ = s.ScoreDossier(ctx, d.ID, day("2026-06-20"))
	if score.Council == nil || score.Council.Average != 6950 || score.Council.Stars != 3 {
		t.Errorf("after an edit and a removal: %+v", score.Council)
	}
	if err := s.RestoreSheet(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	score, _ = s.ScoreDossier(ctx, d.ID, day("2026-06-20"))
	if score.Council == nil || score.Council.Average != 7167 {
		t.Errorf("after the restore: %+v", score.Council)
	}
	log, _ := s.ChangeLog(ctx, EntityDossier, d.ID)
	var said []string
	for _, l := range log {
		said = append(said, l.Details)
	}
	if all := strings.Join(said, "\n"); !strings.Contains(all, "Thêm phiếu đánh giá \"Thành viên hội đồng Lý Văn Sáng\" (bộ I.3.c): 76 điểm") ||
		!strings.Contains(all, "Bỏ phiếu đánh giá \"Thành viên hội đồng Lý Văn Sáng\"") {
		t.Errorf("change log:\n%s", all)
	}

	// A closed dossier's sheets are a record.
	for _, to := range []DossierStatus{DossierAssessed, DossierSent, DossierPassed} {
		if err := takeStep(s, d.ID, to, day("2026-06-25")); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveSheet(ctx, self); err == nil || !strings.Contains(err.Error(), "không sửa được nữa") {
		t.Errorf("editing a closed dossier's sheet: %v", err)
	}
	if err := s.RemoveSheet(ctx, ids[0]); err == nil || !strings.Contains(err.Error(), "không sửa được nữa") {
		t.Errorf("removing a closed dossier's sheet: %v", err)
	}
}
