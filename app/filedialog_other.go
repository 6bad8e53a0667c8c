//go:build !windows

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

func openFile(win fyne.Window, exts []string, picked func(path string)) {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		picked(path)
	}, win)
	open.SetFilter(storage.NewExtensionFileFilter(exts))
	open.Resize(fyne.NewSize(900, 600))
	open.Show()
}

func saveFile(win fyne.Window, name, ext string, picked func(path string)) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if w == nil {
			return // cancelled
		}
		// The dialog created the file; the writers replace it through a
		// temporary file so a failure never leaves half a file.
		path := w.URI().Path()
		w.Close()
		picked(path)
	}, win)
	save.SetFileName(name)
	if ext != "" {
		save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	save.Resize(fyne.NewSize(900, 600))
	save.Show()
}

func chooseFolder(win fyne.Window, picked func(dir string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if dir == nil {
			return // cancelled
		}
		picked(dir.Path())
	}, win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
