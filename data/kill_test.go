package data

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var kills = flag.Int("kills", 25, "how many times TestSurvivesKill kills the writer (make test: 25; try 300)")

// TestSurvivesKill starts a writer process (this test binary, running
// TestKillWriter) that adds products and imports lists of 20 in a loop and
// reports each commit on its output, kills it with SIGKILL at a random
// moment, and checks after each kill: the database opens and passes the
// integrity check, every change reported committed is there, and no import
// is half applied.
func TestSurvivesKill(t *testing.T) {
	if os.Getenv("OCOP_KILL_WRITER") != "" {
		t.Skip("inside the writer")
	}
	db := filepath.Join(t.TempDir(), "kill.db")
	s, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pr := &Producer{Name: "HTX Chịu Đựng", Type: "htx"}
	if err := s.AddProducer(ctx, pr); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	committed := map[string]bool{}
	imports := map[string]bool{}
	survived := 0
	for k := 0; k < *kills; k++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), "OCOP_KILL_WRITER="+db, fmt.Sprintf("OCOP_KILL_ROUND=%d", k))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1000)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(30+rng.Intn(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for l := range lines {
			switch {
			case strings.HasPrefix(l, "product "):
				committed[strings.TrimPrefix(l, "product ")] = true
			case strings.HasPrefix(l, "import "):
				imports[strings.TrimPrefix(l, "import ")] = true
			}
		}
		// After the kill: the database opens, is sound, and holds what was reported.
		s, err := Open(db)
		if err != nil {
			t.Fatalf("kill %d: the database does not open: %v", k, err)
		}
		if r, err := s.Check(ctx); err != nil || len(r.Problems) > 0 {
			t.Fatalf("kill %d: integrity %v %v", k, r.Problems, err)
		}
		rows, err := s.Products(ctx, ProductQuery{})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		perImport := map[string]int{}
		for _, r := range rows {
			have[r.Name] = true
			if strings.HasPrefix(r.Name, "nhập ") {
				perImport[strings.Fields(r.Name)[1]]++
			}
		}
		for name := range committed {
			if !have[name] {
				t.Fatalf("kill %d: %q was reported committed but is missing", k, name)
			}
		}
		for id, n := range perImport {
			if n != 20 {
				t.Fatalf("kill %d: import %s is half applied (%d of 20 rows)", k, id, n)
			}
		}
		for id := range imports {
			if perImport[id] != 20 {
				t.Fatalf("kill %d: import %s was reported committed but has %d rows", k, id, perImport[id])
			}
		}
		survived++
	}
	t.Logf("survived %d kills; %d products and %d imports reported committed were all there", survived, len(committed), len(imports))
}

// TestKillWriter is the writer TestSurvivesKill kills; it does nothing
// unless started by it.
func TestKillWriter(t *testing.T) {
	db := os.Getenv("OCOP_KILL_WRITER")
	if db == "" {
		t.Skip("started by TestSurvivesKill")
	}
	round := os.Getenv("OCOP_KILL_ROUND")
	s, err := Open(db)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ctx := context.Background()
	producers, _ := s.Producers(ctx)
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		name := fmt.Sprintf("sản phẩm %s-%d", round, i)
		p := &Product{Name: name, ProducerID: producers[0].ID}
		if err := s.AddProduct(ctx, p, &Certification{DecisionDate: time.Now(), Stars: 3}); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		out.WriteString("product " + name + "\n")
		out.Flush()
		if i%3 == 0 {
			id := round + "-" + strconv.Itoa(i)
			var rows []ImportRow
			for r := 0; r < 20; r++ {
				rows = append(rows, ImportRow{Sheet: "S", Row: r + 2, Product: fmt.Sprintf("nhập %s dòng %d", id, r),
					Producer: "HTX Nhập Khẩu", ProducerType: "htx"})
			}
			plan, err := s.PreviewImport(ctx, rows, true)
			if err == nil {
				_, err = s.CommitImport(ctx, "kill.xlsx", plan)
			}
			if err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			out.WriteString("import " + id + "\n")
			out.Flush()
		}
	}
}
