// Command ocop is OCOP Desk: with no command it opens the window, with a
// command it does the same work from the command line.
//
//	ocop [--db FILE] [command]
//
// See usage below, or README.md.
package main

import (
	// First of all: a locale Fyne can parse (see the package).
	_ "github.com/ocopdesk/ocop/cmd/ocop/syslocale"

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ocopdesk/ocop/app"
	"github.com/ocopdesk/ocop/data"
	"github.com/ocopdesk/ocop/data/outbox"
	"github.com/ocopdesk/ocop/data/xlsx"
)

const usage = `Cách dùng: ocop [--db TỆP] [lệnh]

Không có lệnh: mở cửa sổ OCOP Desk.

Lệnh:
  init --province MÃ_TỈNH [--office TÊN] [--parent TÊN] [--communes MÃ,MÃ…|all]
                                         thiết lập cơ sở dữ liệu mới cho một đơn vị (như hộp thoại lần đầu)
  demo                                   thêm dữ liệu mẫu vào cơ sở dữ liệu trống
  check                                  kiểm tra tính toàn vẹn và phiên bản lược đồ
  list products [--search CHỮ] [--csv] [--as-of yyyy-mm-dd]
                                         danh sách sản phẩm với quyết định công nhận mới nhất
  list producers [--csv]                 danh sách chủ thể
  list courses [--search CHỮ] [--year NĂM] [--csv]
                                         danh sách lớp tập huấn
  list participants [--csv]              danh sách học viên
  list dossiers [--csv] [--status TÌNH_TRẠNG] [--round 2026-2]
                                         danh sách hồ sơ OCOP, hạn 15 ngày làm việc của xã
  list communes [--province MÃ_TỈNH] [--csv]
                                         danh mục xã, phường (không có --db: danh mục có sẵn của cả nước)
  export BÁO_CÁO[,BÁO_CÁO...] --out TỆP.xlsx [--period 2026|2026-Q1|2026-H1 | --from dd/mm/yyyy --to dd/mm/yyyy]
         [--valid-only] [--days N]
                                         báo cáo Excel gửi tỉnh, mỗi báo cáo một trang tính:
                                         products, summary, expiring, training
  export mau01|mau03 --dossier ID --out TỆP.docx
                                         Phiếu đăng ký (Mẫu 01) hoặc Báo cáo đánh giá của xã (Mẫu 03) của một hồ sơ
  export request --round 2026-2 --out TỆP.docx
                                         công văn đề nghị tỉnh đánh giá các sản phẩm của một đợt
  export notice --product ID --out TỆP.docx
                                         thông báo nộp hồ sơ đánh giá lại của một sản phẩm
  export round --round 2026-2 --out THƯ_MỤC
                                         chuẩn bị gửi tỉnh: một tệp .zip (công văn, danh sách, Mẫu 03 và tệp đính kèm)
  backup TỆP.db                          sao lưu cơ sở dữ liệu vào một tệp
  restore TỆP.db                         khôi phục từ một bản sao lưu (dữ liệu hiện có được sao lưu trước)
  import TỆP [--kind products|participants] [--course ID] [--dry-run] [--skip-existing]
         [--decision SỐ --decision-date dd/mm/yyyy]
                                         nhập danh sách sản phẩm (kèm chủ thể, quyết định) hoặc học viên từ
                                         .xlsx, .xls, .ods, .csv hoặc bảng trong tệp Word .docx, .odt;
                                         --decision: quyết định cho các dòng không ghi quyết định
                                         (thay cho quyết định ghi ở tiêu đề của phụ lục)
  export signin --course ID [--session ID] --out TỆP.xlsx
                                         xuất danh sách học viên ký tên của một lớp
  export attendance --course ID --out TỆP.xlsx
                                         xuất bảng điểm danh của một lớp
  province --out TỈNH.xlsx BÁO_CÁO1.xlsx BÁO_CÁO2.xlsx ...
                                         gộp báo cáo Excel của các đơn vị thành báo cáo toàn tỉnh
  criteria list [--csv]                  các bộ tiêu chí đánh giá đang có hiệu lực (không cần --db)
  criteria show --set MÃ_BỘ [--csv]      các tiêu chí, lựa chọn, điểm và mức tối thiểu của một bộ (như I.3.c)
  criteria score PHIẾU.csv [PHIẾU.csv…]  điểm, hạng sao dự kiến và việc cần làm; nhiều phiếu: điểm trung bình của hội đồng
  score --dossier ID [--csv] [--as-of yyyy-mm-dd]
                                         điểm các phiếu đánh giá của một hồ sơ, điểm trung bình của hội đồng, việc cần làm
  score --dossier ID --add [--role hoi_dong|chu_the|xa] PHIẾU.csv [PHIẾU.csv…]
                                         thêm các tệp phiếu (của thành viên hội đồng) vào hồ sơ, rồi tính như trên
  version                                phiên bản chương trình
  help                                   cách dùng (trang này)

Tùy chọn:
  --db TỆP   tệp cơ sở dữ liệu (mặc định: %s)
`

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

// runGUI opens the window (which explains itself why a database cannot be
// used); tests replace it.
var runGUI = app.Start

func main() {
	if len(os.Args) > 1 {
		attachConsole() // a command: its output goes to the console it was typed in
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a wrongly used command line: usage is printed, exit 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	def, err := data.DefaultPath()
	if err != nil {
		def = "ocop.db"
	}
	global := flag.NewFlagSet("ocop", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dbPath := global.String("db", def, "")
	printUsage := func() { fmt.Fprintf(stderr, usage, def) }
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usage, def)
			return 0
		}
		fmt.Fprintf(stderr, "Lỗi: %v\n\n", err)
		printUsage()
		return 2
	}
	rest := global.Args()
	if len(rest) > 0 && rest[0] == "help" {
		fmt.Fprintf(stdout, usage, def)
		return 0
	}
	if len(rest) > 0 && rest[0] == "version" {
		fmt.Fprintf(stdout, "OCOP Desk %s (lược đồ dữ liệu %d)\n", Version, data.LatestSchemaVersion())
		return 0
	}
	if len(rest) > 0 && !knownCommand(rest[0]) {
		fmt.Fprintf(stderr, "Lỗi: không có lệnh %q\n\n", rest[0])
		printUsage()
		return 2
	}
	// exit is a command's exit code: 2 with the usage for a command used
	// wrongly, 1 with the error said, 0 when it went well.
	exit := func(err error) int {
		switch {
		case errors.Is(err, errUsage):
			printUsage()
			return 2
		case err != nil:
			fmt.Fprintf(stderr, "Lỗi: %v\n", err)
			return 1
		}
		return 0
	}
	dbGiven := false
	global.Visit(func(f *flag.Flag) { dbGiven = dbGiven || f.Name == "db" })
	if !dbGiven && len(rest) >= 2 && rest[0] == "list" && rest[1] == "communes" {
		// The country's list as the program carries it, no database needed.
		return exit(listCommunes(context.Background(), nil, rest[2:], stdout))
	}
	if len(rest) > 0 && rest[0] == "criteria" {
		// The criteria sets the program carries: no database needed.
		return exit(criteria(rest[1:], stdout))
	}
	if len(rest) == 0 {
		// The window takes the database's lock, and explains any problem itself.
		if err := runGUI(*dbPath, app.Options{Version: Version}); err != nil {
			fmt.Fprintf(stderr, "Lỗi: %v\n", err)
			return 1
		}
		return 0
	}
	store, err := data.Open(*dbPath)
	if err != nil {
		// A database that cannot be opened is never written to; restore puts a
		// backup in its place, keeping the damaged file aside.
		if len(rest) == 2 && rest[0] == "restore" {
			kept, rerr := data.ReplaceDamaged(*dbPath, rest[1])
			if rerr != nil {
				fmt.Fprintf(stderr, "Lỗi: %v\n", rerr)
				return 1
			}
			fmt.Fprintf(stdout, "Đã khôi phục %s từ %s. Tệp hỏng được giữ lại ở %s.\n", *dbPath, rest[1], kept)
			return 0
		}
		err = withBackupHint(err, *dbPath)
		fmt.Fprintf(stderr, "Lỗi: %v\n", err)
		return 1
	}
	defer store.Close()
	return exit(command(context.Background(), store, rest, stdout, stderr))
}

func knownCommand(name string) bool {
	switch name {
	case "init", "demo", "check", "list", "export", "import", "backup", "restore", "province", "criteria", "score":
		return true
	}
	return false
}

func command(ctx context.Context, store *data.Store, args []string, stdout, stderr io.Writer) error {
	switch args[0] {
	case "init":
		return initOffice(ctx, store, args[1:], stdout)
	case "demo":
		if len(args) != 1 {
			return errUsage
		}
		sum, err := store.FillDemo(ctx, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã thêm dữ liệu mẫu: %d chủ thể, %d sản phẩm, %d quyết định công nhận, %d lớp tập huấn, %d học viên, %d hồ sơ.\n",
			sum.Producers, sum.Products, sum.Certifications, sum.Courses, sum.Participants, sum.Dossiers)
		return nil
	case "check":
		if len(args) != 1 {
			return errUsage
		}
		r, err := store.Check(ctx)
		if err != nil {
			return fmt.Errorf("cơ sở dữ liệu %s bị hỏng: %w", store.Path(), err)
		}
		if len(r.Problems) > 0 {
			for _, p := range r.Problems {
				fmt.Fprintln(stderr, p)
			}
			return fmt.Errorf("cơ sở dữ liệu %s bị hỏng (%d lỗi)", store.Path(), len(r.Problems))
		}
		fmt.Fprintf(stdout, "Cơ sở dữ liệu %s: toàn vẹn, lược đồ phiên bản %d.\n", store.Path(), r.SchemaVersion)
		return nil
	case "list":
		return list(ctx, store, args[1:], stdout)
	case "export":
		return export(ctx, store, args[1:], stdout)
	case "import":
		return importFile(ctx, store, args[1:], stdout)
	case "province":
		return province(ctx, store, args[1:], stdout)
	case "score":
		return score(ctx, store, args[1:], stdout)
	case "backup":
		if len(args) != 2 {
			return errUsage
		}
		if err := store.BackupTo(ctx, args[1]); err != nil {
			return fmt.Errorf("không sao lưu được vào %s: %w", args[1], err)
		}
		fmt.Fprintf(stdout, "Đã sao lưu %s vào %s.\n", store.Path(), args[1])
		return nil
	case "restore":
		if len(args) != 2 {
			return errUsage
		}
		saved, err := store.RestoreBackup(ctx, args[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã khôi phục từ %s. Dữ liệu trước đó được giữ ở %s.\n", args[1], saved)
		return nil
	}
	return errUsage
}

// asOfFlag adds --as-of to fs; the returned function gives the day.
func asOfFlag(fs *flag.FlagSet) func() (time.Time, error) {
	s := fs.String("as-of", "", "")
	return func() (time.Time, error) {
		if *s == "" {
			return time.Now(), nil
		}
		return data.ParseDate(*s)
	}
}

func list(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asCSV := fs.Bool("csv", false, "")
	switch args[0] {
	case "products":
		search := fs.String("search", "", "")
		asOf := asOfFlag(fs)
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		day, err := asOf()
		if err != nil {
			return err
		}
		rows, err := store.Products(ctx, data.ProductQuery{Search: *search, AsOf: day})
		if err != nil {
			return err
		}
		if *asCSV {
			return data.WriteProductsCSV(stdout, rows)
		}
		return data.WriteProductsTable(stdout, rows)
	case "producers":
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		rows, err := store.Producers(ctx)
		if err != nil {
			return err
		}
		if *asCSV {
			return data.WriteProducersCSV(stdout, rows)
		}
		return data.WriteProducersTable(stdout, rows)
	case "courses":
		search := fs.String("search", "", "")
		year := fs.Int("year", 0, "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		rows, err := store.Courses(ctx, data.CourseQuery{Search: *search, Year: *year})
		if err != nil {
			return err
		}
		if *asCSV {
			return data.WriteCoursesCSV(stdout, rows)
		}
		return data.WriteCoursesTable(stdout, rows)
	case "communes":
		return listCommunes(ctx, store, args[1:], stdout)
	case "dossiers":
		status := fs.String("status", "", "")
		round := fs.String("round", "", "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		q := data.DossierQuery{AsOf: time.Now()}
		var err error
		if *status != "" {
			if q.Status, err = data.ParseDossierStatus(*status); err != nil {
				return fmt.Errorf("--status: %w", err)
			}
		}
		if *round != "" {
			if q.Round, err = data.ParseRound(*round); err != nil {
				return fmt.Errorf("--round: %w", err)
			}
		}
		rows, err := store.Dossiers(ctx, q)
		if err != nil {
			return err
		}
		if *asCSV {
			return data.WriteDossiersCSV(stdout, rows)
		}
		return data.WriteDossiersTable(stdout, rows)
	case "participants":
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 {
			return errUsage
		}
		rows, err := store.Participants(ctx)
		if err != nil {
			return err
		}
		if *asCSV {
			return data.WriteParticipantsCSV(stdout, rows)
		}
		return data.WriteParticipantsTable(stdout, rows)
	}
	return errUsage
}

// listCommunes prints the communes of the database, or with store nil the
// embedded list of the country's, of one province with --province.
func listCommunes(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("list communes", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asCSV := fs.Bool("csv", false, "")
	province := fs.String("province", "", "")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return errUsage
	}
	var list []data.Commune
	var err error
	if store == nil {
		list, err = data.ReferenceCommunes()
	} else {
		list, err = store.AllCommunes(ctx)
	}
	if err != nil {
		return err
	}
	if code := strings.TrimSpace(*province); code != "" {
		var in []data.Commune
		for _, c := range list {
			if c.ProvinceCode == code {
				in = append(in, c)
			}
		}
		if len(in) == 0 {
			return fmt.Errorf("không có tỉnh, thành phố mã %q (mã hai chữ số, ví dụ 20 là Lạng Sơn, 68 là Lâm Đồng)", code)
		}
		list = in
	}
	data.SortCommunesByCode(list)
	if *asCSV {
		return data.WriteCommunesCSV(stdout, list)
	}
	return data.WriteCommunesTable(stdout, list)
}

// initOffice sets up a new database for an office, as the first-start
// dialog does, and refuses one already set up.
func initOffice(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	province := fs.String("province", "", "")
	office := fs.String("office", "PHÒNG KINH TẾ", "")
	parent := fs.String("parent", "", "")
	communes := fs.String("communes", "", "")
	if fs.Parse(args) != nil || fs.NArg() > 0 || strings.TrimSpace(*province) == "" {
		return errUsage
	}
	st, err := store.Settings(ctx)
	if err != nil {
		return err
	}
	st.ProvinceCode, st.OfficeName, st.ParentBody = strings.TrimSpace(*province), *office, *parent
	all := strings.TrimSpace(*communes) == "all"
	var codes []string
	if !all {
		codes = strings.Split(*communes, ",")
	}
	if err := store.SetUpOffice(ctx, st, codes, all); err != nil {
		return fmt.Errorf("%s: %w", store.Path(), err)
	}
	st, err = store.Settings(ctx)
	if err != nil {
		return err
	}
	list, err := store.Communes(ctx)
	if err != nil {
		return err
	}
	covered := 0
	for _, c := range list {
		if c.Covered {
			covered++
		}
	}
	fmt.Fprintf(stdout, "Đã thiết lập %s: %s, tỉnh %s (mã %s), %d xã, phường thuộc địa bàn.\n",
		store.Path(), st.OfficeName, st.Province, st.ProvinceCode, covered)
	return nil
}

// importFile reads a list of products or participants, prints what it
// would do and every problem, and commits it unless --dry-run. It fails
// (exit 1) when nothing could be read, when no row could be imported
// (nothing is recorded then), or on a dry run that found problems.
func importFile(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("kind", "products", "")
	dryRun := fs.Bool("dry-run", false, "")
	skip := fs.Bool("skip-existing", false, "")
	course := fs.Int64("course", 0, "")
	decisionNo := fs.String("decision", "", "")
	decisionDate := fs.String("decision-date", "", "")
	// The file may come before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if fs.Parse(args) != nil {
		return errUsage
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return errUsage
	}
	switch *kind {
	case "products":
		ref, err := xlsx.ReferenceOf(ctx, store)
		if err != nil {
			return err
		}
		// --decision and --decision-date give the decision of the rows that
		// name none, instead of the one of the list's title.
		var given *xlsx.Decision
		if *decisionNo != "" || *decisionDate != "" {
			given = &xlsx.Decision{No: strings.TrimSpace(*decisionNo), Source: "theo --decision"}
			if *decisionDate != "" {
				day, err := data.ParseDate(*decisionDate)
				if err != nil {
					return fmt.Errorf("--decision-date %q: ghi ngày/tháng/năm, ví dụ 31/12/2025", *decisionDate)
				}
				given.Date = day
			}
		}
		rows, problems, maps, err := xlsx.ReadProductsWith(file, ref, given)
		if err != nil {
			return err
		}
		plan, err := store.PreviewImport(ctx, rows, !*skip)
		if err != nil {
			return err
		}
		for _, line := range xlsx.DecisionLines(maps, rows) {
			fmt.Fprintln(stdout, line+".")
		}
		fmt.Fprintf(stdout, "Tệp %s: %d dòng sản phẩm đọc được: %s.\n", filepath.Base(file), len(rows), plan.SummaryLine())
		for _, r := range plan.Rows {
			if r.Reevaluation() {
				fmt.Fprintf(stdout, "  Trang %q, dòng %d: %s: %s.\n", r.Sheet, r.Row, r.Product, r.What())
			}
		}
		if stop, err := previewDone(stdout, problems, *dryRun); stop {
			return err
		}
		if len(rows) == 0 {
			return data.NothingImported(filepath.Base(file), "sản phẩm", problems)
		}
		res, err := store.CommitImport(ctx, filepath.Base(file), plan)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã nhập (lần nhập số %d): %s.\n", res.ImportID, res)
		return nil
	case "participants":
		if *course == 0 {
			return fmt.Errorf("nhập học viên: cần --course ID (lớp tập huấn nhận các học viên này)")
		}
		groups, err := store.EthnicGroups(ctx)
		if err != nil {
			return err
		}
		communes, err := store.CommuneResolver(ctx)
		if err != nil {
			return err
		}
		people, problems, err := xlsx.ReadParticipants(file, groups, communes)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Tệp %s: %d học viên đọc được.\n", filepath.Base(file), len(people))
		if stop, err := previewDone(stdout, problems, *dryRun); stop {
			return err
		}
		if len(people) == 0 {
			return data.NothingImported(filepath.Base(file), "học viên", problems)
		}
		list := make([]data.Participant, len(people))
		for i, p := range people {
			list[i] = p.Participant
		}
		res, err := store.EnrollImported(ctx, *course, list)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã nhập: %d người mới, %d người đã có; %d người được thêm vào lớp.\n", res.Added, res.Reused, res.Enrolled)
		return nil
	}
	return errUsage
}

// previewDone prints an import's problems; on a dry run it ends the
// import there (stop), with an error when there were problems.
func previewDone(stdout io.Writer, problems []xlsx.Problem, dryRun bool) (stop bool, err error) {
	for _, p := range problems {
		fmt.Fprintln(stdout, "  Lỗi: "+p.String())
	}
	if !dryRun {
		return false, nil
	}
	if len(problems) > 0 {
		return true, fmt.Errorf("chạy thử: %d lỗi, chưa nhập gì", len(problems))
	}
	fmt.Fprintln(stdout, "Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
	return true, nil
}

// withBackupHint adds to an open error the newest good backup and how to
// restore it.
func withBackupHint(err error, dbPath string) error {
	best, ok := data.NewestGoodBackup(dbPath)
	if !ok {
		return err
	}
	return fmt.Errorf("%w\n\nBản sao lưu tốt gần nhất: %s (%s, %d sản phẩm, %d chủ thể). Để khôi phục, chạy:\nocop --db \"%s\" restore \"%s\"",
		err, best.Path, best.At.Format("02/01/2006 15:04"), best.Products, best.Producers, dbPath, best.Path)
}

// reportNoun says what each report's count counts.
var reportNoun = map[string]string{
	xlsx.ReportProducts: "danh sách %d sản phẩm", xlsx.ReportSummary: "tổng hợp %d sản phẩm được công nhận",
	xlsx.ReportExpiring: "%d sản phẩm hết hạn hoặc sắp hết hạn", xlsx.ReportTraining: "%d lớp tập huấn",
	xlsx.ReportDossiers: "%d hồ sơ",
}

// reportPeriod is the period of an export: --period, or --from and --to
// (either may be missing: from the start of that year, to today), or the
// single day --as-of (today by default).
func reportPeriod(period, from, to, asOf string) (data.Period, error) {
	switch {
	case period != "":
		return data.ParsePeriod(period, "", "")
	case from != "" || to != "":
		if to == "" {
			to = data.VNDate(time.Now())
		}
		if from == "" {
			t, err := data.ParseDate(to)
			if err != nil {
				return data.Period{}, fmt.Errorf("--to: %w", err)
			}
			from = data.VNDate(time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC))
		}
		return data.ParsePeriod("", from, to)
	case asOf != "":
		d, err := data.ParseDate(asOf)
		if err != nil {
			return data.Period{}, fmt.Errorf("--as-of: %w", err)
		}
		return data.Span(d, d), nil
	}
	return data.Span(time.Now(), time.Now()), nil
}

func export(ctx context.Context, store *data.Store, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "")
	if names, err := xlsx.ParseReports(args[0]); err == nil {
		from := fs.String("from", "", "")
		to := fs.String("to", "", "")
		period := fs.String("period", "", "")
		asOf := fs.String("as-of", "", "")
		validOnly := fs.Bool("valid-only", false, "")
		days := fs.Int("days", 0, "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *out == "" {
			return errUsage
		}
		p, err := reportPeriod(*period, *from, *to, *asOf)
		if err != nil {
			return err
		}
		counts, err := xlsx.WriteReports(ctx, store, *out, names, xlsx.ReportOptions{Period: p, ValidOnly: *validOnly, ExpiringDays: *days})
		if err != nil {
			return err
		}
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf(reportNoun[n], counts[n]))
		}
		when := p.Label()
		if p.From.Equal(p.To) {
			when = "tính đến ngày " + data.VNDate(p.To)
		}
		fmt.Fprintf(stdout, "Đã xuất báo cáo %s (%s) ra %s.\n", when, strings.Join(parts, "; "), *out)
		return nil
	}
	switch args[0] {
	case "signin", "attendance":
		course := fs.Int64("course", 0, "")
		session := fs.Int64("session", 0, "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *out == "" || *course == 0 {
			return errUsage
		}
		var n int
		var err error
		if args[0] == "signin" {
			n, err = xlsx.ExportSignIn(ctx, store, *course, *session, *out)
		} else {
			n, err = xlsx.ExportAttendance(ctx, store, *course, *out, time.Now())
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã xuất danh sách %d học viên ra %s.\n", n, *out)
		return nil
	case "mau01", "mau03":
		dossier := fs.Int64("dossier", 0, "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *out == "" || *dossier == 0 {
			return errUsage
		}
		write, what := outbox.ExportMau01, "Phiếu đăng ký (Mẫu 01)"
		if args[0] == "mau03" {
			write, what = outbox.ExportMau03, "Báo cáo đánh giá (Mẫu 03)"
		}
		if err := write(ctx, store, *dossier, *out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã xuất %s của hồ sơ %d ra %s.\n", what, *dossier, *out)
		return nil
	case "request", "round":
		roundText := fs.String("round", "", "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *out == "" || *roundText == "" {
			return errUsage
		}
		round, err := data.ParseRound(*roundText)
		if err != nil {
			return err
		}
		if args[0] == "round" {
			path, err := outbox.PrepareRound(ctx, store, round, *out, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Đã chuẩn bị hồ sơ gửi tỉnh của %s: %s.\n", strings.ToLower(round.Label()), path)
			return nil
		}
		n, err := outbox.ExportRequest(ctx, store, round, *out)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã xuất công văn đề nghị đánh giá %s (%d sản phẩm) ra %s.\n", strings.ToLower(round.Label()), n, *out)
		return nil
	case "notice":
		product := fs.Int64("product", 0, "")
		if fs.Parse(args[1:]) != nil || fs.NArg() > 0 || *out == "" || *product == 0 {
			return errUsage
		}
		if err := outbox.ExportNotice(ctx, store, *product, *out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã xuất thông báo nộp hồ sơ đánh giá lại của sản phẩm %d ra %s.\n", *product, *out)
		return nil
	}
	return errUsage
}
