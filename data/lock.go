package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// One copy of the program edits a database at a time. The first copy holds
// an operating-system lock on a small file beside the database (ocop.db.lock),
// released by the system when the program ends however it ends, so a power
// cut or a kill never leaves a stale lock behind. A second copy finds the
// lock taken and can view read-only, or ask the first copy to bring its
// window forward through a request file (ocop.db.raise) the first watches.

// ErrOpenElsewhere means another copy of OCOP Desk has the database open.
var ErrOpenElsewhere = errors.New("cơ sở dữ liệu đang được mở trong một cửa sổ OCOP Desk khác")

// OpenElsewhereError says which copy holds the database.
type OpenElsewhereError struct {
	Path   string
	Holder LockHolder
}

func (e *OpenElsewhereError) Error() string {
	msg := fmt.Sprintf("%s: %s", e.Path, ErrOpenElsewhere)
	if e.Holder.PID != 0 {
		msg += fmt.Sprintf(" (máy %s, tiến trình %d, mở lúc %s)", e.Holder.Host, e.Holder.PID, e.Holder.Since.Format("15:04 02/01/2006"))
	}
	return msg
}

func (e *OpenElsewhereError) Unwrap() error { return ErrOpenElsewhere }

// LockHolder is what the copy holding the lock wrote in the lock file.
type LockHolder struct {
	PID   int
	Host  string
	Since time.Time
}

// Lock is held by the copy of the program that edits a database.
type Lock struct {
	raise string   // the request file another copy writes (RaisePath)
	f     *os.File // the lock file, held open
}

// LockPath and RaisePath are the files beside the database at dbPath.
func LockPath(dbPath string) string  { return absPath(dbPath) + ".lock" }
func RaisePath(dbPath string) string { return absPath(dbPath) + ".raise" }

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// LockDatabase takes the lock of the database at dbPath (creating its
// folder when needed). When another copy holds it, the error is an
// *OpenElsewhereError naming that copy.
func LockDatabase(dbPath string) (*Lock, error) {
	lp := LockPath(dbPath)
	if err := os.MkdirAll(filepath.Dir(lp), 0o755); err != nil {
		return nil, fmt.Errorf("không tạo được thư mục chứa dữ liệu %s: %w", filepath.Dir(lp), err)
	}
	f, err := lockFile(lp)
	if errors.Is(err, errLocked) {
		return nil, &OpenElsewhereError{Path: absPath(dbPath), Holder: readHolder(lp)}
	}
	if err != nil {
		if diskKind(err) == ErrNoWriteAccess {
			return nil, fmt.Errorf("thư mục %s không cho ghi, nên không sửa được dữ liệu ở đây; hãy chép tệp dữ liệu sang thư mục khác hoặc nhờ người quản trị cấp quyền ghi: %w", filepath.Dir(lp), err)
		}
		return nil, fmt.Errorf("không khóa được %s: %w", lp, err)
	}
	host, _ := os.Hostname()
	f.Truncate(0)
	f.WriteAt([]byte(fmt.Sprintf("%d\n%s\n%s\n", os.Getpid(), host, time.Now().Format(time.RFC3339))), 0)
	raise := RaisePath(dbPath)
	os.Remove(raise) // a request left from before is not for us
	return &Lock{raise: raise, f: f}, nil
}

var errLocked = errors.New("locked")

func readHolder(lp string) LockHolder {
	raw, err := os.ReadFile(lp)
	if err != nil {
		return LockHolder{}
	}
	lines := strings.Split(string(raw), "\n")
	var h LockHolder
	if len(lines) >= 3 {
		h.PID, _ = strconv.Atoi(lines[0])
		h.Host = lines[1]
		h.Since, _ = time.Parse(time.RFC3339, lines[2])
	}
	return h
}

// Release lets another copy take the database.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// RequestRaise asks the copy holding the database at dbPath to bring its
// window forward.
func RequestRaise(dbPath string) error {
	return os.WriteFile(RaisePath(dbPath), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// RaiseRequested reports (once) whether another copy asked this one, which
// holds the lock, to bring its window forward.
func (l *Lock) RaiseRequested() bool {
	if _, err := os.Stat(l.raise); err != nil {
		return false
	}
	os.Remove(l.raise)
	return true
}
