package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// now is the clock of the files' created and modified properties.
var now = time.Now

// WriteFile writes the document to path. It writes a temporary file in the
// same folder and renames it over path once complete, so that path never
// holds half a document (a full disk or a crash leaves the old file, or
// none).
func (d *Document) WriteFile(path string) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = d.Write(f); err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	// CreateTemp makes the file readable by its owner only; a document is
	// as readable as any file the user saves.
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("ghi %s: %w", filepath.Base(path), err)
	}
	return nil
}

// Write writes the document as a .docx package to w.
func (d *Document) Write(w io.Writer) error {
	z := zip.NewWriter(w)
	stamp := now()
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", d.core(stamp)},
		{"docProps/app.xml", appProps},
		{"word/document.xml", d.document()},
		{"word/styles.xml", d.styles()},
		{"word/settings.xml", settings},
		{"word/_rels/document.xml.rels", d.documentRels()},
	}
	if d.PageNumbers {
		parts = append(parts, struct {
			name string
			data []byte
		}{"word/header1.xml", d.pageHeader()})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return z.Close()
}

func (d *Document) size() float64 {
	if d.Size > 0 {
		return d.Size
	}
	return 14
}

func (d *Document) contentTypes() []byte {
	var w xmlWriter
	w.header()
	w.open("Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
	w.empty("Default", "Extension", "rels", "ContentType", "application/vnd.openxmlformats-package.relationships+xml")
	w.empty("Default", "Extension", "xml", "ContentType", "application/xml")
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	w.empty("Override", "PartName", "/word/document.xml", "ContentType", wml+"document.main+xml")
	w.empty("Override", "PartName", "/word/styles.xml", "ContentType", wml+"styles+xml")
	w.empty("Override", "PartName", "/word/settings.xml", "ContentType", wml+"settings+xml")
	if d.PageNumbers {
		w.empty("Override", "PartName", "/word/header1.xml", "ContentType", wml+"header+xml")
	}
	w.empty("Override", "PartName", "/docProps/core.xml", "ContentType", "application/vnd.openxmlformats-package.core-properties+xml")
	w.empty("Override", "PartName", "/docProps/app.xml", "ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	w.close("Types")
	return w.b.Bytes()
}

var packageRels = []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (d *Document) documentRels() []byte {
	var w xmlWriter
	w.header()
	w.open("Relationships", "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")
	w.empty("Relationship", "Id", "rId1", "Type", nsR+"/styles", "Target", "styles.xml")
	w.empty("Relationship", "Id", "rId2", "Type", nsR+"/settings", "Target", "settings.xml")
	if d.PageNumbers {
		w.empty("Relationship", "Id", "rId3", "Type", nsR+"/header", "Target", "header1.xml")
	}
	w.close("Relationships")
	return w.b.Bytes()
}

func (d *Document) core(stamp time.Time) []byte {
	var w xmlWriter
	w.header()
	w.open("cp:coreProperties",
		"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		"xmlns:dc", "http://purl.org/dc/elements/1.1/",
		"xmlns:dcterms", "http://purl.org/dc/terms/",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	w.element("dc:title", d.Title)
	w.element("dc:subject", d.Subject)
	w.element("dc:creator", d.Author)
	w.element("cp:lastModifiedBy", d.Author)
	w.element("dc:language", "vi-VN")
	ts := stamp.UTC().Format("2006-01-02T15:04:05Z")
	w.open("dcterms:created", "xsi:type", "dcterms:W3CDTF")
	w.b.WriteString(ts)
	w.close("dcterms:created")
	w.open("dcterms:modified", "xsi:type", "dcterms:W3CDTF")
	w.b.WriteString(ts)
	w.close("dcterms:modified")
	w.close("cp:coreProperties")
	return w.b.Bytes()
}

var appProps = []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>OCOP Desk</Application><DocSecurity>0</DocSecurity></Properties>`)

// styles sets the document's defaults: Times New Roman in black for every
// script (Vietnamese letters are Latin, but Word picks the complex-script
// and East Asian fonts for some marks), no space between paragraphs unless
// asked, Vietnamese as the proofing language.
func (d *Document) styles() []byte {
	var w xmlWriter
	w.header()
	w.open("w:styles", "xmlns:w", nsW)
	w.open("w:docDefaults")
	w.open("w:rPrDefault")
	w.open("w:rPr")
	w.empty("w:rFonts", "w:ascii", fontName, "w:hAnsi", fontName, "w:eastAsia", fontName, "w:cs", fontName)
	w.empty("w:color", "w:val", "000000")
	w.empty("w:sz", "w:val", halfPoints(d.size()))
	w.empty("w:szCs", "w:val", halfPoints(d.size()))
	w.empty("w:lang", "w:val", "vi-VN", "w:eastAsia", "en-US", "w:bidi", "ar-SA")
	w.close("w:rPr")
	w.close("w:rPrDefault")
	w.open("w:pPrDefault")
	w.open("w:pPr")
	w.empty("w:spacing", "w:after", "0", "w:line", "240", "w:lineRule", "auto")
	w.close("w:pPr")
	w.close("w:pPrDefault")
	w.close("w:docDefaults")
	w.open("w:style", "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal")
	w.empty("w:name", "w:val", "Normal")
	w.empty("w:qFormat")
	w.close("w:style")
	w.open("w:style", "w:type", "table", "w:default", "1", "w:styleId", "TableNormal")
	w.empty("w:name", "w:val", "Normal Table")
	w.empty("w:uiPriority", "w:val", "99")
	w.empty("w:semiHidden")
	w.empty("w:unhideWhenUsed")
	w.open("w:tblPr")
	w.empty("w:tblInd", "w:w", "0", "w:type", "dxa")
	w.open("w:tblCellMar")
	w.empty("w:top", "w:w", "0", "w:type", "dxa")
	w.empty("w:left", "w:w", "108", "w:type", "dxa")
	w.empty("w:bottom", "w:w", "0", "w:type", "dxa")
	w.empty("w:right", "w:w", "108", "w:type", "dxa")
	w.close("w:tblCellMar")
	w.close("w:tblPr")
	w.close("w:style")
	w.close("w:styles")
	return w.b.Bytes()
}

var settings = []byte(xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`</w:settings>`)

// pageHeader is the top margin's content from the second page on: the page
// number, centred (Decree 30, Phụ lục I, số trang).
func (d *Document) pageHeader() []byte {
	var w xmlWriter
	w.header()
	w.open("w:hdr", "xmlns:w", nsW, "xmlns:r", nsR)
	w.paragraph(&Paragraph{Align: Center, Runs: []Run{{PageNumber: true}}}, d.size())
	w.close("w:hdr")
	return w.b.Bytes()
}

func (d *Document) document() []byte {
	var w xmlWriter
	w.header()
	w.open("w:document", "xmlns:w", nsW, "xmlns:r", nsR)
	w.open("w:body")
	w.blocks(d.Body, d.size())
	if n := len(d.Body); n == 0 {
		w.paragraph(&Paragraph{}, d.size())
	} else if _, table := d.Body[n-1].(*Table); table {
		w.paragraph(&Paragraph{Exact: 1}, d.size())
	}
	w.open("w:sectPr")
	if d.PageNumbers {
		w.empty("w:headerReference", "w:type", "default", "r:id", "rId3")
	}
	w.empty("w:pgSz", "w:w", itoa(pageWidth), "w:h", itoa(pageHeight))
	w.empty("w:pgMar", "w:top", itoa(marginTop), "w:right", itoa(marginR), "w:bottom", itoa(marginBottom),
		"w:left", itoa(marginLeft), "w:header", itoa(Mm(10)), "w:footer", itoa(Mm(10)), "w:gutter", "0")
	w.empty("w:cols", "w:space", "720")
	if d.PageNumbers {
		w.empty("w:titlePg") // no number on the first page
	}
	w.empty("w:docGrid", "w:linePitch", "360")
	w.close("w:sectPr")
	w.close("w:body")
	w.close("w:document")
	return w.b.Bytes()
}
