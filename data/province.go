package data

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/data/viet"
)

// Province view: the provincial department combines the report workbooks
// the offices send. Each workbook OCOP Desk writes carries its data in
// machine-readable form (an OfficeReport, see data/xlsx/embedded.go); this
// file holds those types and the combination, with no Excel in it.

// OfficeReportFormat is the version of the OfficeReport format this program
// writes and the newest it reads. Raise it when a field changes meaning.
const OfficeReportFormat = 1

// Office says whose report a workbook is, from the office's settings.
// Reports written before ID and Communes existed have neither; they are
// told apart by name.
type Office struct {
	ID         string   `json:"office_id,omitzero"` // Settings.OfficeID, made once with the office's database
	OfficeName string   `json:"office_name"`
	ParentBody string   `json:"parent_body"`
	Province   string   `json:"province"`
	PlaceName  string   `json:"place_name,omitzero"`
	Communes   []string `json:"communes,omitzero"` // codes of the communes the office covers
}

// Label names the office for people, the body it belongs to first (most
// offices are a "Phòng Kinh tế"): "UBND xã Thất Khê - Phòng Kinh tế".
func (o Office) Label() string {
	switch {
	case o.OfficeName == "" && o.ParentBody == "":
		return "(đơn vị chưa khai báo tên)"
	case o.ParentBody == "":
		return o.OfficeName
	case o.OfficeName == "":
		return o.ParentBody
	}
	return o.ParentBody + " - " + o.OfficeName
}

// nameKey identifies an office by its name however it is typed: all
// there is to go by in a report without an office id.
func (o Office) nameKey() string {
	return viet.Fold(o.Province) + "|" + viet.Fold(o.ParentBody) + "|" + viet.Fold(o.OfficeName)
}

// ReportFileName is the name a report workbook is offered under: the
// period and the office, folded to ASCII without spaces, so that the
// files of many offices can sit in one folder at the province:
// "BaoCao_OCOP_2026_Q4_ThatKhe.xlsx". The place name is used, else the
// office's name.
func ReportFileName(st Settings, p Period) string {
	name := "BaoCao_OCOP_" + p.Code()
	place := fileWord(st.PlaceName)
	if place == "" {
		place = fileWord(st.OfficeName)
	}
	if place != "" {
		name += "_" + place
	}
	return name + ".xlsx"
}

// fileWord folds s to ASCII letters and digits, each word capitalised:
// "Thất Khê" → "ThatKhe", "PHÒNG KINH TẾ" → "PhongKinhTe".
func fileWord(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(viet.Fold(s)) {
		first := true
		for _, c := range w {
			switch {
			case c >= 'a' && c <= 'z':
				if first {
					c -= 'a' - 'A'
				}
			case c >= '0' && c <= '9':
			default:
				continue
			}
			b.WriteRune(c)
			first = false
		}
	}
	return b.String()
}

// OfficeProduct is one product of an office's report as it stood at the
// end of the period: a ProductRow with the names the office's reference
// lists gave its codes.
type OfficeProduct struct {
	Name             string    `json:"name"`
	Producer         string    `json:"producer"`
	ProducerType     string    `json:"producer_type"` // code
	ProducerTypeName string    `json:"producer_type_name"`
	Commune          string    `json:"commune"`
	SetCode          string    `json:"set_code"`
	SetName          string    `json:"set_name"`
	Group            string    `json:"group"` // group (ngành) code, "I"
	GroupName        string    `json:"group_name"`
	Certified        bool      `json:"certified"`
	Stars            int       `json:"stars,omitzero"`
	Score            string    `json:"score,omitzero"` // "66.36"; empty when none
	DecisionNo       string    `json:"decision_no,omitzero"`
	DecisionDate     time.Time `json:"decision_date,omitzero"`
	ValidUntil       time.Time `json:"valid_until,omitzero"`
	Status           Status    `json:"status"`
}

// ScoreValue returns the score, false when there is none.
func (p OfficeProduct) ScoreValue() (Score, bool) {
	if p.Score == "" {
		return 0, false
	}
	s, err := ParseScore(p.Score)
	return s, err == nil
}

// key identifies a product across offices: folded name and producer.
func (p OfficeProduct) key() string { return viet.Fold(p.Name) + "|" + viet.Fold(p.Producer) }

// OfficeCourse is a course of the period, as the training sheet lists it.
type OfficeCourse struct {
	Title    string    `json:"title"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Location string    `json:"location,omitzero"`
	Sessions int       `json:"sessions"`
	Enrolled int       `json:"enrolled"`
	Attended int       `json:"attended"`
}

// OfficeTraining is the training of the period: the courses and the
// statistics the training sheet shows (TrainingStats).
type OfficeTraining struct {
	Courses          []OfficeCourse `json:"courses"`
	CourseCount      int            `json:"course_count"`
	ParticipantTimes int            `json:"participant_times"`
	People           int            `json:"people"`
	ByRole           map[string]int `json:"by_role"`
	ByGender         map[string]int `json:"by_gender"`    // "" for unknown
	ByEthnicity      map[string]int `json:"by_ethnicity"` // "" for unknown
	ByCommune        map[string]int `json:"by_commune"`   // "" for unknown
}

// TrainingOf turns the store's statistics and the period's courses into
// an OfficeTraining.
func TrainingOf(st TrainingStats, courses []CourseRow) OfficeTraining {
	t := OfficeTraining{CourseCount: st.Courses, ParticipantTimes: st.ParticipantTimes, People: st.People,
		ByRole: st.ByRole, ByGender: st.ByGender, ByEthnicity: st.ByEthnicity, ByCommune: st.ByCommune}
	for _, c := range courses {
		t.Courses = append(t.Courses, OfficeCourse{Title: c.Title, Start: c.Start, End: c.End, Location: c.Location,
			Sessions: c.Sessions, Enrolled: c.Enrolled, Attended: c.Attended})
	}
	return t
}

// Stats returns the statistics as TrainingStats.
func (t OfficeTraining) Stats() TrainingStats {
	return TrainingStats{Courses: t.CourseCount, ParticipantTimes: t.ParticipantTimes, People: t.People,
		ByRole: orEmpty(t.ByRole), ByGender: orEmpty(t.ByGender), ByEthnicity: orEmpty(t.ByEthnicity), ByCommune: orEmpty(t.ByCommune)}
}

func orEmpty(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// OfficeDossier is one dossier of an office's report as it stood at the end
// of the period (Store.PeriodDossiers): its kind, its status then, and the
// province's result when it had one.
type OfficeDossier struct {
	Receipt      string        `json:"receipt_no,omitzero"` // "05/PĐK-20-06040-2026"
	Product      string        `json:"product"`
	Producer     string        `json:"producer"`
	Commune      string        `json:"commune,omitzero"`
	Kind         DossierKind   `json:"kind"`
	Status       DossierStatus `json:"status"`
	Received     time.Time     `json:"received"`
	Round        string        `json:"round,omitzero"` // "2026-2"
	Stars        int           `json:"stars,omitzero"` // Đạt: the decision's stars
	Score        string        `json:"score,omitzero"` // "66.36"; empty when none
	DecisionNo   string        `json:"decision_no,omitzero"`
	DecisionDate time.Time     `json:"decision_date,omitzero"`
}

// OfficeDossierOf turns a row of Store.PeriodDossiers into an OfficeDossier.
func OfficeDossierOf(r DossierRow) OfficeDossier {
	d := OfficeDossier{Receipt: r.Receipt.String(), Product: r.Product, Producer: r.Producer, Commune: r.Commune,
		Kind: r.Kind, Status: r.Status, Received: r.Received, Round: r.Round.String(), Stars: r.Result.Stars,
		DecisionNo: r.Result.DecisionNo, DecisionDate: r.Result.DecisionDate}
	if r.Result.HasScore {
		d.Score = r.Result.Score.String()
	}
	return d
}

// VisibleTotal is a total the workbook shows and the value written there,
// so that a reader can tell the visible sheets were edited after export.
type VisibleTotal struct {
	Sheet string  `json:"sheet"`
	Cell  string  `json:"cell"`
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// OfficeReport is the machine-readable content of an office's report
// workbook: whatever sheets the user chose, every product at the end of
// the period and the period's training.
type OfficeReport struct {
	Format   int             `json:"format"`
	Program  string          `json:"program"`
	Exported time.Time       `json:"exported"`
	Office   Office          `json:"office"`
	From     time.Time       `json:"period_from"`
	To       time.Time       `json:"period_to"`
	Label    string          `json:"period_label"`
	Products []OfficeProduct `json:"products"`
	Training OfficeTraining  `json:"training"`
	Totals   []VisibleTotal  `json:"visible_totals"`
	// Dossiers are the period's dossiers. Reports written before they were
	// carried have no "dossiers" field, and read with Dossiers nil; a
	// report of an office without dossiers carries an empty list. Readers
	// from before ignore the field, so the format stays 1.
	Dossiers []OfficeDossier `json:"dossiers"`
}

// HasDossiers reports whether the report carries its period's dossiers
// (was written by a version that carries them).
func (r OfficeReport) HasDossiers() bool { return r.Dossiers != nil }

// DossierCounts counts the report's dossiers.
func (r OfficeReport) DossierCounts() DossierCounts {
	var c DossierCounts
	p := r.Period()
	for _, d := range r.Dossiers {
		c.Add(d.Kind, d.Status, d.Stars, p.Contains(d.Received))
	}
	return c
}

// Period returns the report's period, named ("Năm 2025", "Quý I năm
// 2026") when it is a whole year, half or quarter.
func (r OfficeReport) Period() Period { return PeriodOf(r.From, r.To) }

// PeriodOf returns the period from..to, named when it is a whole year,
// half or quarter.
func PeriodOf(from, to time.Time) Period {
	from, to = DateOf(from), DateOf(to)
	y := from.Year()
	candidates := []Period{Year(y), Half(y, 1), Half(y, 2)}
	for q := 1; q <= 4; q++ {
		candidates = append(candidates, Quarter(y, q))
	}
	for _, p := range candidates {
		if p.From.Equal(from) && p.To.Equal(to) {
			return p
		}
	}
	return Span(from, to)
}

// ProblemKind says what is wrong with an office's workbook.
type ProblemKind string

// Problem kinds. Those marked "left out" keep the file out of the combination.
const (
	ProblemUnreadable    ProblemKind = "unreadable"     // left out: not a readable .xlsx file
	ProblemForeign       ProblemKind = "foreign"        // left out: no OCOP Desk data in it
	ProblemNewerFormat   ProblemKind = "newer_format"   // left out: written by a newer OCOP Desk
	ProblemDamaged       ProblemKind = "damaged"        // left out: the hidden data does not check
	ProblemEdited        ProblemKind = "edited"         // left out: a visible total changed after export
	ProblemOtherPeriod   ProblemKind = "other_period"   // left out: not the period of the others
	ProblemSameOffice    ProblemKind = "same_office"    // left out: a second report of one office
	ProblemSameName      ProblemKind = "same_name"      // kept: another office has the same name
	ProblemSharedProduct ProblemKind = "shared_product" // kept: a product also in another office's report, counted once
)

// ReportProblem is one problem with one office's workbook.
type ReportProblem struct {
	File    string // the file's base name
	Kind    ProblemKind
	LeftOut bool   // the file is not in the combination because of it
	Message string // in Vietnamese, without the file name
	// For ProblemEdited: where, what the cell holds and what was exported.
	Sheet, Cell, Found, Expected string
}

func (p ReportProblem) String() string { return p.File + ": " + p.Message }

// OfficeFile is one office's workbook as read: its report (nil when it
// could not be read as one) and its problems.
type OfficeFile struct {
	Path     string
	Report   *OfficeReport
	Problems []ReportProblem
	label    string // the office's label in a combination, told apart from a namesake's
}

// OfficeLabel names the file's office as the combination shows it: its
// label, with its place or communes beside it when another office in the
// combination has the same name.
func (f OfficeFile) OfficeLabel() string {
	if f.label != "" {
		return f.label
	}
	if f.Report == nil {
		return ""
	}
	return f.Report.Office.Label()
}

// Name is the file's base name.
func (f OfficeFile) Name() string {
	if i := strings.LastIndexAny(f.Path, `/\`); i >= 0 {
		return f.Path[i+1:]
	}
	return f.Path
}

// LeftOut reports whether a problem keeps the file out of the combination.
func (f OfficeFile) LeftOut() bool {
	return f.Report == nil || slices.ContainsFunc(f.Problems, func(p ReportProblem) bool { return p.LeftOut })
}

func (f *OfficeFile) add(kind ProblemKind, leftOut bool, format string, args ...any) {
	f.Problems = append(f.Problems, ReportProblem{File: f.Name(), Kind: kind, LeftOut: leftOut, Message: fmt.Sprintf(format, args...)})
}

// ProvinceProduct is a product of the combination with the office whose
// report counts it.
type ProvinceProduct struct {
	OfficeProduct
	Office string   // label of the office counting it
	Also   []string // labels of other offices whose reports also list it (not counted again)
}

// StarLine is a line of the by-stars table: products certified at a level
// and how many of them are still in force.
type StarLine struct {
	Name      string
	Stars     int // 3, 4, 5; 0 for below 3
	Certified int
	Valid     int // in force at the end of the period (expiring included)
	Expired   int
}

// OfficeTrainingLine is one office's training in the combination.
type OfficeTrainingLine struct {
	Office string
	TrainingStats
}

// OfficeDossierLine is one office's dossiers in the combination.
type OfficeDossierLine struct {
	Office string
	// Known is false for a report written before reports carried
	// dossiers: its office's counts are unknown, not zero.
	Known bool
	DossierCounts
}

// Province is the combination of several offices' reports for one period.
type Province struct {
	Period Period
	// Files are every input in the order given, with the problems of
	// reading and of combining; Included are those combined.
	Files    []OfficeFile
	Included []OfficeFile
	Products []ProvinceProduct // each counted once, by office then name in Vietnamese order

	ByOffice  []NamedCount // certified products by stars, per included office
	ByCommune []NamedCount
	ByGroup   []NamedCount
	ByType    []NamedCount
	ByStars   []StarLine // 5, 4, 3, below 3
	Stars     StarCounts // every certified product
	Total     int        // every product, certified or not
	Valid     int
	Expired   int

	Training      []OfficeTrainingLine // per included office, in the order of ByOffice
	TrainingTotal TrainingStats        // sums across offices (people trained by two offices count twice)

	Dossiers     []OfficeDossierLine // per included office, in the order of ByOffice
	DossierTotal DossierCounts       // sums across the offices whose reports carry dossiers
	NoDossiers   int                 // included offices whose reports predate dossiers
}

// Problems lists every file's problems in file order.
func (p Province) Problems() []ReportProblem {
	var out []ReportProblem
	for _, f := range p.Files {
		out = append(out, f.Problems...)
	}
	return out
}

// LeftOut counts the files not combined.
func (p Province) LeftOut() int { return len(p.Files) - len(p.Included) }

// CombineOfficeReports combines the offices' reports read from files. A
// file with a reading problem is left out; of the rest, those of another
// period than most files' are left out, and of two reports from one office
// only the one exported last is kept. Offices are the same when their
// reports carry the same office id; a report without one (written before
// ids existed) is of the office with the same name, when only one office
// has it. Two offices with the same name and different ids are both
// combined, with a note, their labels told apart. A product listed by two offices
// (same folded name and producer) is flagged and counted once, for the
// first office. classes and types (the province's reference lists) order
// and name the group and producer type tables.
func CombineOfficeReports(files []OfficeFile, classes []Class, types []ProducerType) Province {
	prov := Province{Files: slices.Clone(files)}
	fs := prov.Files
	// The period: the one most readable files cover; the first such on a tie.
	type span struct{ from, to time.Time }
	count := map[span]int{}
	var best span
	bestN := 0
	for _, f := range fs {
		if f.LeftOut() {
			continue
		}
		s := span{DateOf(f.Report.From), DateOf(f.Report.To)}
		count[s]++
		if count[s] > bestN {
			best, bestN = s, count[s]
		}
	}
	if bestN == 0 {
		return prov
	}
	prov.Period = PeriodOf(best.from, best.to)
	for i := range fs {
		f := &fs[i]
		if f.LeftOut() {
			continue
		}
		if p := f.Report.Period(); !p.From.Equal(best.from) || !p.To.Equal(best.to) {
			f.add(ProblemOtherPeriod, true, "báo cáo kỳ %s, khác kỳ %s của các tệp khác: không gộp",
				viet.LowerFirst(p.Label()), viet.LowerFirst(prov.Period.Label()))
		}
	}
	// One report per office: the one exported last.
	keys := officeKeys(fs)
	latest := map[string]int{}
	for i, f := range fs {
		if f.LeftOut() {
			continue
		}
		k := keys[i]
		if j, ok := latest[k]; !ok || f.Report.Exported.After(fs[j].Report.Exported) {
			latest[k] = i
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.LeftOut() {
			continue
		}
		if j := latest[keys[i]]; j != i {
			other := fs[j].Name()
			if other == f.Name() { // same name in another folder
				other = fs[j].Path
			}
			f.add(ProblemSameOffice, true, "cùng là báo cáo của %s như tệp %s (xuất lúc %s): chỉ gộp tệp %s",
				f.Report.Office.Label(), other, fs[j].Report.Exported.Local().Format("15:04 02/01/2006"), other)
		}
	}
	// Offices in Vietnamese order of their labels.
	var idx []int
	for i, f := range fs {
		if !f.LeftOut() {
			idx = append(idx, i)
		}
	}
	nameClashes(fs, idx)
	sortByKeys(idx, func(i int) string { return fs[i].OfficeLabel() })
	// Products, once each.
	first := map[string]int{} // key -> position in prov.Products
	for _, i := range idx {
		f := &fs[i]
		label := f.OfficeLabel()
		var own []ProvinceProduct
		for _, p := range f.Report.Products {
			k := p.key()
			if at, ok := first[k]; ok {
				q := &prov.Products[at]
				q.Also = append(q.Also, label)
				f.add(ProblemSharedProduct, false, "sản phẩm «%s» (chủ thể %s) cũng có trong báo cáo của %s: chỉ tính một lần, cho %s",
					p.Name, p.Producer, q.Office, q.Office)
				continue
			}
			own = append(own, ProvinceProduct{OfficeProduct: p, Office: label})
		}
		sortByKeys(own, func(p ProvinceProduct) string { return p.Name })
		for j, p := range own {
			if _, ok := first[p.key()]; !ok {
				first[p.key()] = len(prov.Products) + j
			}
		}
		prov.Products = append(prov.Products, own...)
	}
	for _, i := range idx {
		prov.Included = append(prov.Included, fs[i])
	}
	prov.tables(classes, types)
	return prov
}

// officeKeys identifies the office of each readable file: its office id,
// or for a report without one the id of the one office of the same name
// among the others, else its name.
func officeKeys(fs []OfficeFile) []string {
	ids := map[string][]string{} // name key -> the ids reported under it
	for _, f := range fs {
		if f.LeftOut() || f.Report.Office.ID == "" {
			continue
		}
		n := f.Report.Office.nameKey()
		if !slices.Contains(ids[n], f.Report.Office.ID) {
			ids[n] = append(ids[n], f.Report.Office.ID)
		}
	}
	keys := make([]string, len(fs))
	for i, f := range fs {
		switch {
		case f.LeftOut():
		case f.Report.Office.ID != "":
			keys[i] = "id:" + f.Report.Office.ID
		case len(ids[f.Report.Office.nameKey()]) == 1:
			keys[i] = "id:" + ids[f.Report.Office.nameKey()][0]
		default:
			keys[i] = "name:" + f.Report.Office.nameKey()
		}
	}
	return keys
}

// nameClashes notes, on the files of idx (the offices combined, one file
// each), every other office with the same label, and tells their labels
// apart by place name, communes or office id.
func nameClashes(fs []OfficeFile, idx []int) {
	byLabel := map[string][]int{}
	for _, i := range idx {
		k := viet.Fold(fs[i].Report.Office.Label())
		byLabel[k] = append(byLabel[k], i)
	}
	for _, same := range byLabel {
		if len(same) < 2 {
			continue
		}
		// The first of these that tells every office of the group apart.
		tells := []func(f OfficeFile) string{
			func(f OfficeFile) string { return f.Report.Office.PlaceName },
			func(f OfficeFile) string {
				if c := f.Report.Office.Communes; len(c) > 0 {
					return "mã xã " + strings.Join(c, ", ")
				}
				return ""
			},
			func(f OfficeFile) string {
				if id := f.Report.Office.ID; id != "" {
					return "mã đơn vị " + id[:min(8, len(id))]
				}
				return ""
			},
			func(f OfficeFile) string { return "tệp " + f.Name() },
		}
		// Best: each by the first of place, communes, id it has.
		base := tells[:3]
		tells = append([]func(f OfficeFile) string{func(f OfficeFile) string {
			for _, tell := range base {
				if t := tell(f); t != "" {
					return t
				}
			}
			return ""
		}}, tells...)
		for _, tell := range tells {
			seen, apart := map[string]bool{}, true
			for _, i := range same {
				t := viet.Fold(tell(fs[i]))
				apart = apart && t != "" && !seen[t]
				seen[t] = true
			}
			if apart {
				for _, i := range same {
					fs[i].label = fs[i].Report.Office.Label() + " (" + tell(fs[i]) + ")"
				}
				break
			}
		}
		for _, i := range same {
			var others []string
			for _, j := range same {
				if j != i {
					others = append(others, fs[j].Name())
				}
			}
			fs[i].add(ProblemSameName, false, "hai đơn vị cùng tên «%s» (tệp này và tệp %s) nhưng là hai đơn vị khác nhau: gộp cả hai, ghi là %s",
				fs[i].Report.Office.Label(), strings.Join(others, ", "), fs[i].label)
		}
	}
}

// tables works out the summary tables from the products and the training.
func (prov *Province) tables(classes []Class, types []ProducerType) {
	var groupAt, typeAt map[string]int
	prov.ByGroup, groupAt = groupLines(classes)
	prov.ByType, typeAt = typeLines(types)
	officeAt := map[string]int{}
	for _, f := range prov.Included {
		officeAt[f.OfficeLabel()] = len(prov.ByOffice)
		prov.ByOffice = append(prov.ByOffice, NamedCount{Name: f.OfficeLabel()})
	}
	communeAt := map[string]int{}
	prov.ByStars = []StarLine{{Name: "5 sao", Stars: 5}, {Name: "4 sao", Stars: 4}, {Name: "3 sao", Stars: 3}, {Name: "Dưới 3 sao"}}
	// at finds or adds a line by code (or folded name when there is no code).
	at := func(lines *[]NamedCount, index map[string]int, code, name string) *NamedCount {
		k := code
		if k == "" {
			k = "?" + viet.Fold(name)
		}
		i, ok := index[k]
		if !ok {
			i = len(*lines)
			index[k] = i
			*lines = append(*lines, NamedCount{Code: code, Name: name})
		}
		return &(*lines)[i]
	}
	prov.Total = len(prov.Products)
	for _, p := range prov.Products {
		if !p.Certified || p.Status == StatusNone || p.Stars < 1 || p.Stars > 5 {
			continue
		}
		s := p.Stars
		prov.Stars[s]++
		prov.ByOffice[officeAt[p.Office]].Stars[s]++
		groupName := p.GroupName
		if groupName == "" {
			groupName = "(chưa phân loại)"
		}
		at(&prov.ByGroup, groupAt, p.Group, groupName).Stars[s]++
		typeName := p.ProducerTypeName
		if typeName == "" {
			typeName = "(chưa rõ loại hình)"
		}
		at(&prov.ByType, typeAt, p.ProducerType, typeName).Stars[s]++
		commune := p.Commune
		if commune == "" {
			commune = "(chưa rõ xã)"
		}
		at(&prov.ByCommune, communeAt, "", commune).Stars[s]++
		line := &prov.ByStars[3]
		if s >= 3 {
			line = &prov.ByStars[5-s]
		}
		line.Certified++
		if p.Status == StatusExpired {
			line.Expired++
			prov.Expired++
		} else {
			line.Valid++
			prov.Valid++
		}
	}
	sortByKeys(prov.ByCommune, func(c NamedCount) string { return c.Name })
	total := TrainingStats{ByRole: map[string]int{}, ByGender: map[string]int{}, ByEthnicity: map[string]int{}, ByCommune: map[string]int{}}
	for _, f := range prov.Included {
		st := f.Report.Training.Stats()
		prov.Training = append(prov.Training, OfficeTrainingLine{Office: f.OfficeLabel(), TrainingStats: st})
		total.Courses += st.Courses
		total.ParticipantTimes += st.ParticipantTimes
		total.People += st.People
		for _, m := range []struct{ to, from map[string]int }{{total.ByRole, st.ByRole}, {total.ByGender, st.ByGender},
			{total.ByEthnicity, st.ByEthnicity}, {total.ByCommune, st.ByCommune}} {
			for k, v := range m.from {
				m.to[k] += v
			}
		}
	}
	prov.TrainingTotal = total
	for _, f := range prov.Included {
		line := OfficeDossierLine{Office: f.OfficeLabel(), Known: f.Report.HasDossiers(), DossierCounts: f.Report.DossierCounts()}
		if line.Known {
			prov.DossierTotal.Merge(line.DossierCounts)
		} else {
			prov.NoDossiers++
		}
		prov.Dossiers = append(prov.Dossiers, line)
	}
}

// SortedKeys returns the keys of a count map in Vietnamese order, the
// unknown ("") last.
func SortedKeys(m map[string]int) []string {
	var keys []string
	unknown := false
	for k := range m {
		if k == "" {
			unknown = true
			continue
		}
		keys = append(keys, k)
	}
	sortByKeys(keys, func(k string) string { return k })
	if unknown {
		keys = append(keys, "")
	}
	return keys
}
