package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// ProductCSVHeader is the header of "ocop list products --csv".
var ProductCSVHeader = []string{"id", "name", "producer", "producer_type", "commune", "set_code", "stars",
	"score", "decision_no", "decision_date", "valid_until", "status"}

func productRecord(r ProductRow) []string {
	rec := []string{strconv.FormatInt(r.ID, 10), r.Name, r.Producer, r.ProducerType, r.Commune, r.SetCode,
		"", "", r.DecisionNo, ISODate(r.DecisionDate), ISODate(r.ValidUntil), string(r.Status)}
	if r.Certified {
		rec[6] = strconv.Itoa(r.Stars)
	}
	if r.HasScore {
		rec[7] = r.Score.String()
	}
	return rec
}

// WriteProductsCSV writes rows as CSV with a header row: dates yyyy-mm-dd,
// scores with '.', statuses as codes.
func WriteProductsCSV(w io.Writer, rows []ProductRow) error {
	cw := csv.NewWriter(w)
	cw.Write(ProductCSVHeader)
	for _, r := range rows {
		cw.Write(productRecord(r))
	}
	cw.Flush()
	return cw.Error()
}

// WriteProductsTable writes rows as an aligned table for a terminal, in
// Vietnamese.
func WriteProductsTable(w io.Writer, rows []ProductRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSản phẩm\tChủ thể\tXã\tBộ\tSao\tĐiểm\tSố QĐ\tNgày QĐ\tHết hạn\tTình trạng")
	for _, r := range rows {
		stars, score := "", ""
		if r.Certified {
			stars = strconv.Itoa(r.Stars)
		}
		if r.HasScore {
			score = r.Score.VI()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Producer, r.Commune, r.SetCode,
			stars, score, r.DecisionNo, VNDate(r.DecisionDate), VNDate(r.ValidUntil), r.Status.Label())
	}
	fmt.Fprintf(tw, "\n%d sản phẩm\n", len(rows))
	return tw.Flush()
}

// ProducerCSVHeader is the header of "ocop list producers --csv".
var ProducerCSVHeader = []string{"id", "name", "type", "commune", "address", "representative", "phone",
	"registration_no", "products"}

// WriteProducersCSV writes producers as CSV with a header row.
func WriteProducersCSV(w io.Writer, rows []ProducerRow) error {
	cw := csv.NewWriter(w)
	cw.Write(ProducerCSVHeader)
	for _, r := range rows {
		cw.Write([]string{strconv.FormatInt(r.ID, 10), r.Name, r.Type, r.Commune, r.Address, r.Representative,
			r.Phone, r.RegistrationNo, strconv.Itoa(r.Products)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteProducersTable writes producers as an aligned table, in Vietnamese.
func WriteProducersTable(w io.Writer, rows []ProducerRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tChủ thể\tLoại hình\tXã\tNgười đại diện\tĐiện thoại\tSố SP")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\n", r.ID, r.Name, r.TypeName, r.Commune, r.Representative, r.Phone, r.Products)
	}
	fmt.Fprintf(tw, "\n%d chủ thể\n", len(rows))
	return tw.Flush()
}

// CourseCSVHeader is the header of "ocop list courses --csv".
var CourseCSVHeader = []string{"id", "title", "start_date", "end_date", "location", "sessions", "enrolled", "attended"}

// WriteCoursesCSV writes courses as CSV with a header row, dates yyyy-mm-dd.
func WriteCoursesCSV(w io.Writer, rows []CourseRow) error {
	cw := csv.NewWriter(w)
	cw.Write(CourseCSVHeader)
	for _, r := range rows {
		cw.Write([]string{strconv.FormatInt(r.ID, 10), r.Title, ISODate(r.Start), ISODate(r.End), r.Location,
			strconv.Itoa(r.Sessions), strconv.Itoa(r.Enrolled), strconv.Itoa(r.Attended)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteCoursesTable writes courses as an aligned table, in Vietnamese.
func WriteCoursesTable(w io.Writer, rows []CourseRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLớp tập huấn\tTừ ngày\tĐến ngày\tĐịa điểm\tSố buổi\tHọc viên\tCó mặt")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", r.ID, r.Title, VNDate(r.Start), VNDate(r.End), r.Location,
			r.Sessions, r.Enrolled, r.Attended)
	}
	fmt.Fprintf(tw, "\n%d lớp\n", len(rows))
	return tw.Flush()
}

// ParticipantCSVHeader is the header of "ocop list participants --csv".
var ParticipantCSVHeader = []string{"id", "full_name", "gender", "birth_year", "ethnicity", "role", "organisation",
	"commune", "phone", "courses_attended", "job_title"}

// WriteParticipantsCSV writes participants as CSV with a header row:
// gender and role as codes, organisation as the sign-in sheet shows it.
func WriteParticipantsCSV(w io.Writer, rows []ParticipantRow) error {
	cw := csv.NewWriter(w)
	cw.Write(ParticipantCSVHeader)
	for _, r := range rows {
		cw.Write([]string{strconv.FormatInt(r.ID, 10), r.FullName, r.Gender, yearText(r.BirthYear), r.Ethnicity, r.Role,
			r.Unit(), r.Commune, r.Phone, strconv.Itoa(r.Courses), r.JobTitle})
	}
	cw.Flush()
	return cw.Error()
}

// WriteParticipantsTable writes participants as an aligned table, in Vietnamese.
func WriteParticipantsTable(w io.Writer, rows []ParticipantRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tHọ và tên\tGiới tính\tNăm sinh\tDân tộc\tVai trò\tĐơn vị / Chủ thể\tSố lớp đã học")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", r.ID, r.FullName, GenderLabel(r.Gender), yearText(r.BirthYear),
			r.Ethnicity, RoleName(r.Role), r.Unit(), r.Courses)
	}
	fmt.Fprintf(tw, "\n%d học viên\n", len(rows))
	return tw.Flush()
}
