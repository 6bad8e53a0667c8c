package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const root = "../../../"

// The checked-in file is what the converter writes from the decision: no
// hand edits.
func TestCheckedInFileIsGenerated(t *testing.T) {
	src := root + "../shared/docs/reference/qd-26-2026-qd-ttg.html"
	if _, err := os.Stat(src); err != nil {
		t.Skip("the decision's text is not beside the repository:", err)
	}
	var out, errs bytes.Buffer
	if err := run(src, root+"assets/ref/classification.csv", root+"assets/ref/classification-names.csv", &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	want, err := os.ReadFile(root + "assets/ref/criteria-26-2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Error("assets/ref/criteria-26-2026.csv differs from the converter's output: regenerate it (see the package comment)")
	}
}

// Rows the converter does not understand, and points that do not add up,
// are listed with their line, never dropped.
func TestConverterFailsLoudly(t *testing.T) {
	row := func(left, pts string) string {
		return "<tr><td><p>" + left + "</p></td><td><p>" + pts + "</p></td></tr>\n"
	}
	page := func(rows string) string {
		return "<p><b>PHỤ LỤC II</b></p>\n<p><b>1. Bộ sản phẩm: Rau, củ, quả, hạt tươi</b></p>\n" +
			"<p><i>Hồ sơ bị loại khi: Giả mạo hồ sơ</i></p>\n<table>\n" + rows + "</table>\n<p><b>PHỤ LỤC III</b></p>\n"
	}
	good := row("<b>Phần A:</b></p><p><b>SẢN PHẨM (40 Điểm)</b>", "40") +
		row("<b>1. TỔ CHỨC SẢN XUẤT</b>", "40") +
		row("<b>1.1. Nguồn gốc</b>", "40") +
		row("□ Ít", "0") + row("□ Nhiều***", "40")
	tests := []struct {
		name, html, want string
	}{
		{"a row of unknown shape", page(good + row("Một dòng lạ", "5")), "dòng bảng không hiểu: \"Một dòng lạ | 5\""},
		{"an option without points", page(good + row("□ Rất nhiều", "")), "lựa chọn không có điểm"},
		{"a criterion above its best option", page(strings.Replace(good, "□ Nhiều***</p></td><td><p>40", "□ Nhiều***</p></td><td><p>30", 1)), "điểm tiêu chí khác điểm cao nhất"},
		{"six stars", page(strings.Replace(good, "Nhiều***", "Nhiều******", 1)), "số dấu sao"},
		{"a paragraph outside the tables", strings.Replace(page(good), "</table>", "</table>\n<p>Một đoạn lạ</p>", 1), "đoạn văn không hiểu: Một đoạn lạ"},
	}
	for _, tt := range tests {
		blocks, err := readBlocks(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		_, problems := parse(blocks)
		var all []string
		for _, p := range problems {
			all = append(all, p.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), tt.want) {
			t.Errorf("%s: problems\n%s\nwant one with %q", tt.name, strings.Join(all, "\n"), tt.want)
		}
		for _, p := range problems {
			if p.Line == 0 && !strings.Contains(p.What, "số bộ") && !strings.Contains(p.What, "sai sót đã biết") {
				t.Errorf("%s: problem without its line: %s", tt.name, p)
			}
		}
	}
}
