package data

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// DossierCSVHeader is the header of "ocop list dossiers --csv".
var DossierCSVHeader = []string{"id", "receipt_no", "product", "producer", "kind", "received", "status", "round", "working_days_left"}

// WriteDossiersCSV writes rows as CSV with a header row: dates yyyy-mm-dd,
// kinds and statuses as their codes, the round as "2026-2", and the
// working days left of the commune's 15 (negative when overdue, empty when
// they are not running: waiting for a supplement, or the commune's part done).
func WriteDossiersCSV(w io.Writer, rows []DossierRow) error {
	cw := csv.NewWriter(w)
	cw.Write(DossierCSVHeader)
	for _, r := range rows {
		left := ""
		if n, ok := r.Deadline.DaysLeft(); ok {
			left = strconv.Itoa(n)
		}
		cw.Write([]string{strconv.FormatInt(r.ID, 10), r.Receipt.String(), r.Product, r.Producer, string(r.Kind),
			ISODate(r.Received), string(r.Status), r.Round.String(), left})
	}
	cw.Flush()
	return cw.Error()
}

// WriteDossiersTable writes rows as an aligned table for a terminal, in
// Vietnamese.
func WriteDossiersTable(w io.Writer, rows []DossierRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSố phiếu\tSản phẩm\tChủ thể\tLần đăng ký\tNgày nhận\tTình trạng\tĐợt\tHạn xã (15 ngày làm việc)")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Receipt, r.Product, r.Producer, r.Kind.Label(),
			VNDate(r.Received), r.Status.Label(), r.Round.Label(), r.Deadline.Label())
	}
	fmt.Fprintf(tw, "\n%d hồ sơ\n", len(rows))
	return tw.Flush()
}
