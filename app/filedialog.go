package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// The program asks for files and folders through three functions, whose
// dialogs depend on the system: on Windows the system's own Open, Save
// and folder dialogs (in the language of Windows, with the Desktop,
// Documents, USB drives and recent places: filedialog_windows.go),
// elsewhere Fyne's (filedialog_other.go). Each hands the chosen path to
// picked on the UI thread, does nothing when cancelled and shows an error
// in win.
//
//	openFile(win, exts, picked)        an existing file ending in one of exts (".db", ".xlsx")
//	saveFile(win, name, ext, picked)   where to write a file, name proposed, ending in ext
//	chooseFolder(win, picked)          a folder

// filterName is what a file dialog calls files ending in ext.
func filterName(ext string) string {
	switch strings.ToLower(ext) {
	case ".xlsx":
		return lang.L("Bảng tính Excel")
	case ".docx":
		return lang.L("Văn bản Word")
	case ".zip":
		return lang.L("Tệp nén ZIP")
	case ".db":
		return lang.L("Tệp dữ liệu OCOP Desk")
	case ".csv":
		return lang.L("Tệp CSV")
	}
	return strings.ToUpper(strings.TrimPrefix(ext, "."))
}

// withExt is path ending in ext: a name typed without it gets it.
func withExt(path, ext string) string {
	if ext == "" || strings.EqualFold(filepath.Ext(path), ext) {
		return path
	}
	return path + ext
}
