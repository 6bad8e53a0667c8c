package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on what a workbook read from outside may unzip to: all of it, and
// one sheet or the shared strings held in memory (beyond that, excelize
// works from a temporary file).
var (
	unzipLimit    int64 = 200 << 20
	unzipXMLLimit int64 = 64 << 20
)

// openWorkbook opens an .xlsx file from outside within the limits on size;
// a refusal says in Vietnamese why (see openError).
func openWorkbook(path, name string) (*excelize.File, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: min(unzipXMLLimit, unzipLimit)})
	if err != nil {
		return nil, openError(name, err)
	}
	return f, nil
}

// openError says in Vietnamese why excelize could not open the file name:
// over the size limit (in MB), not an .xlsx file, protected by a password.
func openError(name string, err error) error {
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return fmt.Errorf("tệp %s quá lớn: nội dung giải nén vượt giới hạn %d MB", name, unzipLimit>>20)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fmt.Errorf("tệp %s không đọc được như một tệp Excel (.xlsx): không phải tệp Excel hoặc tệp đã hỏng", name)
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrUnknownEncryptMechanism),
		errors.Is(err, excelize.ErrUnsupportedEncryptMechanism):
		return fmt.Errorf("tệp %s có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu và lưu lại rồi nhập", name)
	}
	return fmt.Errorf("tệp %s không đọc được như một tệp Excel: %w", name, err)
}
