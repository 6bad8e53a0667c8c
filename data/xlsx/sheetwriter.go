package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes one sheet's cells in row order, either through
// excelize's StreamWriter (long lists: fast, little memory) or through its
// normal API (small sheets with charts or cells written out of order). The
// sheets' code is the same either way.
type sheetWriter struct {
	f       *excelize.File
	name    string
	sw      *excelize.StreamWriter // nil: the normal API
	row     int                    // the row being gathered (stream)
	cells   []excelize.Cell        // its cells (stream)
	filled  []bool                 // which of them are set (stream)
	out     []any                  // the cells handed to SetRow, as *excelize.Cell: no allocation per cell
	height  float64                // its height, 0 for the default (stream)
	heights []float64              // every row's height as set, by row, for pagination
}

// defaultRowHeight is the height of a row given none, in points.
const defaultRowHeight = 15

// rowHeight is the height of row as set, or the default.
func (w *sheetWriter) rowHeight(row int) float64 {
	if row < len(w.heights) && w.heights[row] > 0 {
		return w.heights[row]
	}
	return defaultRowHeight
}

// set writes value v with style at row, col (1-based). Strings stay text:
// a name beginning with "=" is never read as a formula.
func (w *sheetWriter) set(row, col int, v any, style int) error {
	if w.sw == nil {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		switch v := v.(type) {
		case nil:
		case string:
			w.f.SetCellStr(w.name, cell, v)
		default:
			w.f.SetCellValue(w.name, cell, v)
		}
		return w.f.SetCellStyle(w.name, cell, cell, style)
	}
	if row < w.row {
		return fmt.Errorf("trang %s: dòng %d ghi sau dòng %d", w.name, row, w.row)
	}
	if row > w.row {
		if err := w.flushRow(); err != nil {
			return err
		}
		w.row = row
	}
	for len(w.cells) < col {
		w.cells = append(w.cells, excelize.Cell{})
		w.filled = append(w.filled, false)
	}
	w.cells[col-1] = excelize.Cell{StyleID: style, Value: v}
	w.filled[col-1] = true
	return nil
}

// setHeight sets the height of row in points.
func (w *sheetWriter) setHeight(row int, h float64) {
	for len(w.heights) <= row {
		w.heights = append(w.heights, 0)
	}
	w.heights[row] = h
	if w.sw == nil {
		w.f.SetRowHeight(w.name, row, h)
		return
	}
	if row > w.row {
		w.flushRow()
		w.row = row
	}
	w.height = h
}

// merge merges a range of one row and writes v with style in it.
func (w *sheetWriter) merge(row, fromCol, toCol int, v any, style int) error {
	a, _ := excelize.CoordinatesToCellName(fromCol, row)
	b, _ := excelize.CoordinatesToCellName(toCol, row)
	if err := w.set(row, fromCol, v, style); err != nil {
		return err
	}
	if w.sw == nil {
		w.f.SetCellStyle(w.name, a, b, style)
		return w.f.MergeCell(w.name, a, b)
	}
	return w.sw.MergeCell(a, b)
}

func (w *sheetWriter) flushRow() error {
	if w.sw == nil || (len(w.cells) == 0 && w.height == 0) || w.row == 0 {
		w.cells, w.filled, w.height = w.cells[:0], w.filled[:0], 0
		return nil
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	var opts []excelize.RowOpts
	if w.height > 0 {
		opts = append(opts, excelize.RowOpts{Height: w.height})
	}
	// SetRow writes the cells out before it returns: the slices are reused.
	w.out = w.out[:0]
	for i := range w.cells {
		if w.filled[i] {
			w.out = append(w.out, &w.cells[i])
		} else {
			w.out = append(w.out, nil)
		}
	}
	err := w.sw.SetRow(cell, w.out, opts...)
	w.cells, w.filled, w.height = w.cells[:0], w.filled[:0], 0
	return err
}

// close ends the sheet: in stream mode, writes what is gathered. Page set-up,
// page breaks and the autofilter must be set before.
func (w *sheetWriter) close() error {
	if w.sw == nil {
		return nil
	}
	if err := w.flushRow(); err != nil {
		return err
	}
	return w.sw.Flush()
}
