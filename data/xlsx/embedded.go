package xlsx

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocopdesk/ocop/data"
)

// The machine-readable part of a report workbook.
//
// Every workbook WriteReports writes carries its data as JSON in a very
// hidden, protected sheet, so that the province can combine the offices'
// reports without depending on the visible layout, which people edit.
//
// Why a sheet and not a custom XML part: a very hidden sheet is kept when
// the file is opened and saved again in Excel, LibreOffice or WPS (custom
// parts are dropped by LibreOffice and WPS on saving), it cannot be shown
// from Excel's menus, and excelize reads and writes it through its normal
// API. The JSON is gzipped and written as base64 (a tenth of its size: a
// workbook of 100,000 products carries about 3 MB instead of 35 MB, which
// Excel would otherwise store, escape and compress at every save). Excel
// holds at most 32,767 characters in a cell, so the text is cut into
// pieces of dataChunk characters, one cell each, down column A. A SHA-256
// of the JSON tells a damaged or hand-edited data sheet.
//
// Layout of the sheet:
//
//	A1 dataMagic          B1 format version      C1 dataEncoding
//	A2 number of pieces   B2 SHA-256 (hex) of the JSON
//	A3... the pieces
const (
	dataSheet    = "OCOP_DESK_DATA"
	dataMagic    = "OCOP Desk: dữ liệu báo cáo (không sửa trang này)"
	dataChunk    = 30000 // characters per cell
	dataPassword = "ocopdesk"
	dataEncoding = "gzip+base64"
)

// reportData is the data part being written: the report's products are
// encoded, hashed and gzipped on a goroutine of their own while the sheets
// are written (they were a sixth of the workbook's time), straight from
// the rows, without a list of them as JSON values nor the JSON in memory.
type reportData struct {
	rep  data.OfficeReport // all but the products, the training and the totals
	done chan reportDataPart
}

// reportDataPart is the goroutine's work: the JSON up to the end of the
// products, and where it went.
type reportDataPart struct {
	head   []byte // the JSON written, up to the end of the products
	packed *bytes.Buffer
	zw     *gzip.Writer
	sum    hash.Hash
	err    error
}

// productsKey ends the JSON before the products (which Marshal writes as
// [] when empty) and starts what follows them. Within a JSON string
// every quote is escaped, so it can only be the field itself.
const productsKey = `,"products":[],"training":`

// startReportData starts the data part of a report workbook (see
// finishReportData): every product at the end of the period and the
// period's dossiers (Store.PeriodDossiers).
func (d *document) startReportData(ctx context.Context, store *data.Store, st data.Settings, opt ReportOptions,
	dossiers []data.DossierRow) (*reportData, error) {
	rep := data.OfficeReport{
		Format:   data.OfficeReportFormat,
		Program:  "OCOP Desk",
		Exported: time.Now().UTC().Truncate(time.Second),
		Office: data.Office{ID: st.OfficeID, OfficeName: st.OfficeName, ParentBody: st.ParentBody, Province: st.Province,
			PlaceName: st.PlaceName},
		From:     opt.Period.From,
		To:       opt.Period.To,
		Label:    opt.Period.Label(),
		Products: []data.OfficeProduct{},
		Dossiers: []data.OfficeDossier{}, // present even when empty: see OfficeReport.HasDossiers
	}
	for _, r := range dossiers {
		rep.Dossiers = append(rep.Dossiers, data.OfficeDossierOf(r))
	}
	typeName, className, err := referenceNames(ctx, store)
	if err != nil {
		return nil, err
	}
	communes, err := store.Communes(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range communes {
		if c.Covered && c.Code != "" {
			rep.Office.Communes = append(rep.Office.Communes, c.Code)
		}
	}
	slices.Sort(rep.Office.Communes)
	rd := &reportData{rep: rep, done: make(chan reportDataPart, 1)}
	rows := d.rows
	go func() {
		part := reportDataPart{packed: &bytes.Buffer{}, sum: sha256.New()}
		part.zw, _ = gzip.NewWriterLevel(part.packed, gzip.BestSpeed)
		raw, err := json.Marshal(rep)
		at := bytes.Index(raw, []byte(productsKey))
		if err != nil || at < 0 {
			part.err = fmt.Errorf("phần dữ liệu của báo cáo: không ghi được danh sách sản phẩm (%v)", err)
			rd.done <- part
			return
		}
		head := raw[:at+len(`,"products":[`)]
		out := io.MultiWriter(part.sum, part.zw)
		buf := bytes.NewBuffer(slices.Clone(head))
		for i, r := range rows {
			p := data.OfficeProduct{Name: r.Name, Producer: r.Producer, ProducerType: r.ProducerType, ProducerTypeName: typeName[r.ProducerType],
				Commune: r.Commune, SetCode: r.SetCode, SetName: className[r.SetCode], Certified: r.Certified, Status: r.Status}
			if r.SetCode != "" {
				p.Group = data.GroupOf(r.SetCode)
				p.GroupName = className[p.Group]
			}
			if r.HasScore {
				p.Score = r.Score.String()
			}
			if r.Certified {
				p.Stars, p.DecisionNo, p.DecisionDate, p.ValidUntil = r.Stars, r.DecisionNo, r.DecisionDate, r.ValidUntil
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			b, err := json.Marshal(p)
			if err != nil {
				part.err = err
				rd.done <- part
				return
			}
			buf.Write(b)
			if buf.Len() >= 256<<10 {
				out.Write(buf.Bytes())
				buf.Reset()
			}
		}
		buf.WriteByte(']')
		out.Write(buf.Bytes())
		part.head = head
		rd.done <- part
	}()
	return rd, nil
}

// finishReportData adds the data sheet to a report workbook: the products
// started by startReportData, the period's training and the visible
// totals of the sheets written (names).
func (d *document) finishReportData(ctx context.Context, store *data.Store, opt ReportOptions, names []string, rd *reportData) error {
	rep := rd.rep
	tr, err := d.periodTraining(ctx, store, opt.Period)
	if err != nil {
		return err
	}
	rep.Training = data.TrainingOf(tr.stats, tr.courses)
	for _, n := range names {
		switch n {
		case ReportSummary:
			rep.Totals = append(rep.Totals, d.visibleTotals("Tổng hợp", map[string]bool{"Tổng cộng": true, "Tổng số sản phẩm": true})...)
		case ReportTraining:
			rep.Totals = append(rep.Totals, d.visibleTotals("Tập huấn", map[string]bool{"Tổng cộng": true, "Số lớp tập huấn": true,
				"Số lượt người tham gia (có mặt ít nhất một buổi)": true, "Số người được tập huấn": true})...)
		case ReportDossiers:
			rep.Totals = append(rep.Totals, d.visibleTotals(DossiersSheet, map[string]bool{"Tổng cộng": true})...)
		}
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	part := <-rd.done
	if part.err != nil {
		return part.err
	}
	// The same JSON as one Marshal of the whole report: what comes before
	// the products is the goroutine's, what comes after them is here.
	at := bytes.Index(raw, []byte(productsKey))
	if at < 0 || !bytes.Equal(raw[:at+len(`,"products":[`)], part.head) {
		return fmt.Errorf("phần dữ liệu của báo cáo: phần đầu không khớp")
	}
	tail := raw[at+len(`,"products":[]`):]
	part.sum.Write(tail)
	part.zw.Write(tail)
	if err := part.zw.Close(); err != nil {
		return err
	}
	return writePackedDataSheet(d.f, part.packed.Bytes(), part.sum.Sum(nil))
}

// periodTraining is the training of a report's period: its courses,
// oldest first, and its statistics.
type periodTraining struct {
	courses []data.CourseRow
	stats   data.TrainingStats
}

// periodTraining reads the period's training once for the whole workbook.
func (d *document) periodTraining(ctx context.Context, store *data.Store, p data.Period) (*periodTraining, error) {
	if d.training != nil {
		return d.training, nil
	}
	all, err := store.Courses(ctx, data.CourseQuery{})
	if err != nil {
		return nil, err
	}
	tr := &periodTraining{}
	for i := len(all) - 1; i >= 0; i-- { // oldest first
		if p.Contains(all[i].Start) {
			tr.courses = append(tr.courses, all[i])
		}
	}
	if tr.stats, err = store.Training(ctx, p.From, p.To); err != nil {
		return nil, err
	}
	d.training = tr
	return tr, nil
}

// visibleTotals reads back, on a sheet just written, the numbers of the
// rows whose label (column B) is one of labels.
func (d *document) visibleTotals(sheet string, labels map[string]bool) []data.VisibleTotal {
	rows, err := d.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil
	}
	var out []data.VisibleTotal
	for r, row := range rows {
		if len(row) < 3 || !labels[strings.TrimSpace(row[1])] {
			continue
		}
		for c := 2; c < len(row); c++ {
			v, err := strconv.ParseFloat(row[c], 64)
			if err != nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			out = append(out, data.VisibleTotal{Sheet: sheet, Cell: cell, Label: strings.TrimSpace(row[1]), Value: v})
		}
	}
	return out
}

// writeDataSheet adds the very hidden, protected data sheet holding raw.
func writeDataSheet(f *excelize.File, raw []byte) error {
	sum := sha256.Sum256(raw)
	var packed bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&packed, gzip.BestSpeed)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return err
	}
	return writePackedDataSheet(f, packed.Bytes(), sum[:])
}

// writePackedDataSheet adds the very hidden, protected data sheet holding
// a JSON: packed is the JSON gzipped, sum its SHA-256.
func writePackedDataSheet(f *excelize.File, packed, sum []byte) error {
	if _, err := f.NewSheet(dataSheet); err != nil {
		return err
	}
	chunks := splitRunes(base64.StdEncoding.EncodeToString(packed), dataChunk)
	f.SetCellStr(dataSheet, "A1", dataMagic)
	f.SetCellInt(dataSheet, "B1", data.OfficeReportFormat)
	f.SetCellStr(dataSheet, "C1", dataEncoding)
	f.SetCellInt(dataSheet, "A2", int64(len(chunks)))
	f.SetCellStr(dataSheet, "B2", hex.EncodeToString(sum[:]))
	for i, c := range chunks {
		if err := f.SetCellStr(dataSheet, fmt.Sprintf("A%d", i+3), c); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(dataSheet, false, true); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.ProtectSheet(dataSheet, &excelize.SheetProtectionOptions{Password: dataPassword, SelectLockedCells: false})
}

// splitRunes cuts s into pieces of at most n characters, in one pass.
func splitRunes(s string, n int) []string {
	var out []string
	start, k := 0, 0
	for i := range s { // i steps from character to character
		if k == n {
			out = append(out, s[start:i])
			start, k = i, 0
		}
		k++
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// ReadOfficeReport reads an office's report workbook: its data, and the
// problems that keep it out of a combination (unreadable, not an OCOP
// Desk report, a newer format, damaged data, visible totals edited after
// export). It never fails: a file that cannot be read comes back with no
// Report and a problem saying why.
func ReadOfficeReport(path string) data.OfficeFile {
	of := data.OfficeFile{Path: path}
	add := func(kind data.ProblemKind, format string, args ...any) data.OfficeFile {
		of.Problems = append(of.Problems, data.ReportProblem{File: of.Name(), Kind: kind, LeftOut: true, Message: fmt.Sprintf(format, args...)})
		return of
	}
	f, err := openWorkbook(path, of.Name())
	if err != nil {
		return add(data.ProblemUnreadable, "không đọc được tệp: %v: không gộp", err)
	}
	defer f.Close()
	foreign := "không phải báo cáo của OCOP Desk (không có phần dữ liệu do chương trình ghi): không gộp"
	if idx, _ := f.GetSheetIndex(dataSheet); idx < 0 {
		return add(data.ProblemForeign, "%s", foreign)
	}
	get := func(cell string) string {
		v, _ := f.GetCellValue(dataSheet, cell, excelize.Options{RawCellValue: true})
		return v
	}
	if get("A1") != dataMagic {
		return add(data.ProblemForeign, "%s", foreign)
	}
	damaged := "phần dữ liệu ẩn của báo cáo bị hỏng hoặc đã bị sửa: không gộp; đề nghị đơn vị xuất lại báo cáo từ OCOP Desk"
	version, err := strconv.Atoi(get("B1"))
	if err != nil || version < 1 {
		return add(data.ProblemDamaged, "%s", damaged)
	}
	if version > data.OfficeReportFormat {
		return add(data.ProblemNewerFormat, "báo cáo được ghi bằng phiên bản OCOP Desk mới hơn (định dạng %d; phiên bản này đọc đến định dạng %d): hãy cập nhật OCOP Desk rồi gộp lại; không gộp",
			version, data.OfficeReportFormat)
	}
	n, err := strconv.Atoi(get("A2"))
	if err != nil || n < 1 || n > 100000 {
		return add(data.ProblemDamaged, "%s", damaged)
	}
	var b strings.Builder
	for i := range n {
		b.WriteString(get(fmt.Sprintf("A%d", i+3)))
	}
	raw, err := unpack(get("C1"), b.String())
	if err != nil {
		return add(data.ProblemDamaged, "%s", damaged)
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != get("B2") {
		return add(data.ProblemDamaged, "%s", damaged)
	}
	var rep data.OfficeReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		return add(data.ProblemDamaged, "%s", damaged)
	}
	if rep.Format > data.OfficeReportFormat {
		return add(data.ProblemNewerFormat, "báo cáo được ghi bằng phiên bản OCOP Desk mới hơn (định dạng %d; phiên bản này đọc đến định dạng %d): hãy cập nhật OCOP Desk rồi gộp lại; không gộp",
			rep.Format, data.OfficeReportFormat)
	}
	of.Report = &rep
	// The visible totals must still say what was exported.
	sheets := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		sheets[sh] = true
	}
	missing := map[string]bool{}
	for _, t := range rep.Totals {
		want := formatNumber(t.Value)
		if !sheets[t.Sheet] {
			if missing[t.Sheet] {
				continue
			}
			missing[t.Sheet] = true
			of.Problems = append(of.Problems, data.ReportProblem{File: of.Name(), Kind: data.ProblemEdited, LeftOut: true,
				Sheet: t.Sheet, Cell: t.Cell, Expected: want,
				Message: fmt.Sprintf("đã bị sửa sau khi xuất: trang «%s» không còn trong tệp: không gộp; đề nghị đơn vị xuất lại báo cáo", t.Sheet)})
			continue
		}
		found, _ := f.GetCellValue(t.Sheet, t.Cell, excelize.Options{RawCellValue: true})
		if v, err := strconv.ParseFloat(strings.TrimSpace(found), 64); err == nil && math.Abs(v-t.Value) < 1e-9 {
			continue
		}
		shown := found
		if strings.TrimSpace(shown) == "" {
			shown = "(ô trống)"
		}
		of.Problems = append(of.Problems, data.ReportProblem{File: of.Name(), Kind: data.ProblemEdited, LeftOut: true,
			Sheet: t.Sheet, Cell: t.Cell, Found: found, Expected: want,
			Message: fmt.Sprintf("đã bị sửa sau khi xuất: trang «%s», ô %s (%s) ghi %s, số liệu khi xuất là %s: không gộp; đề nghị đơn vị xuất lại báo cáo",
				t.Sheet, t.Cell, t.Label, shown, want)})
	}
	return of
}

// unpack decodes the data sheet's text written with encoding.
func unpack(encoding, text string) ([]byte, error) {
	if encoding != dataEncoding {
		return nil, fmt.Errorf("unknown encoding %q", encoding)
	}
	packed, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, err
	}
	// A data part is at most a few hundred MB of JSON; more is not ours.
	return io.ReadAll(io.LimitReader(zr, 1<<30))
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ReadOfficeReports reads several offices' workbooks in order, calling
// progress (when not nil) after each with how many are done, of how many,
// and the file just read. It stops early, returning what it read, when ctx
// is cancelled.
func ReadOfficeReports(ctx context.Context, paths []string, progress func(done, total int, path string)) []data.OfficeFile {
	out := make([]data.OfficeFile, 0, len(paths))
	for i, p := range paths {
		if ctx.Err() != nil {
			break
		}
		out = append(out, ReadOfficeReport(p))
		if progress != nil {
			progress(i+1, len(paths), p)
		}
	}
	return out
}
