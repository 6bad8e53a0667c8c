package data

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
)

// Failures of the disk rather than of the data: the disk is full, or the
// folder or file may not be written. They are told to the user in these
// words, naming the place, with what to do; the operation that met them has
// changed nothing.
var (
	ErrDiskFull      = errors.New("ổ đĩa đã đầy")
	ErrNoWriteAccess = errors.New("không có quyền ghi (thư mục hoặc tệp chỉ cho đọc)")
)

// DiskError is a write that failed because of the disk.
type DiskError struct {
	What  string // what was being written: "lưu dữ liệu", "sao lưu", "xuất tệp Excel"
	Where string // the file or folder
	Kind  error  // ErrDiskFull or ErrNoWriteAccess
	Err   error
}

func (e *DiskError) Error() string {
	advice := "hãy xóa bớt tệp không cần hoặc chọn ổ đĩa khác rồi thử lại"
	if e.Kind == ErrNoWriteAccess {
		advice = "hãy chọn thư mục khác hoặc nhờ người quản trị cấp quyền ghi"
	}
	return fmt.Sprintf("không %s được vào %s: %s; không có gì bị thay đổi, %s", e.What, e.Where, e.Kind, advice)
}

func (e *DiskError) Unwrap() []error { return []error{e.Kind, e.Err} }

// diskKind says whether err is a full disk or a refused write.
func diskKind(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 13: // SQLITE_FULL
			return ErrDiskFull
		case 8: // SQLITE_READONLY
			return ErrNoWriteAccess
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), isDiskFullErrno(err):
		return ErrDiskFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return ErrNoWriteAccess
	}
	return nil
}

// ExplainWrite turns a write that failed for lack of space or of
// permission into a *DiskError naming what and where; any other error is
// returned as it is.
func ExplainWrite(err error, what, where string) error {
	if err == nil {
		return nil
	}
	var de *DiskError
	if errors.As(err, &de) {
		return err
	}
	if kind := diskKind(err); kind != nil {
		return &DiskError{What: what, Where: where, Kind: kind, Err: err}
	}
	return err
}

// explainStoreWrite explains a failed write to the database.
func (s *Store) explainStoreWrite(err error) error {
	return ExplainWrite(err, "lưu dữ liệu", filepath.Dir(s.path))
}
