#!/bin/sh
# Regenerates the fixtures that LibreOffice (not this program) makes from the
# sources in src/: the decision annex 2865 as .docx (Writer) and .xlsx (Calc),
# and .ods, the product list of danh-sach-san-pham.fods as Excel 97 (.xls),
# and .ods, the Word sign-in list as .docx, Word 97 (.doc) and .odt. Run from this folder: sh make-fixtures.sh
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
profile="-env:UserInstallation=file://$out/profile"
so() { soffice "$profile" --headless "$@" --outdir "$out" >/dev/null; }
so --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' src/annex-2865.html
so --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' src/signin-word.html
so --infilter="HTML (StarCalc)" --convert-to 'xlsx:Calc MS Excel 2007 XML' src/annex-2865.html
so --infilter="HTML (StarCalc)" --convert-to ods src/annex-2865.html
so --infilter="HTML (StarWriter)" --convert-to 'doc:MS Word 97' src/signin-word.html
so --convert-to 'xls:MS Excel 97' danh-sach-san-pham.fods
so --convert-to ods danh-sach-san-pham.fods
so --infilter="HTML (StarWriter)" --convert-to odt src/signin-word.html
mv "$out/annex-2865.docx" annex-2865.docx
mv "$out/signin-word.docx" signin-word.docx
mv "$out/annex-2865.xlsx" annex-2865.xlsx
mv "$out/danh-sach-san-pham.xls" products-97.xls
mv "$out/annex-2865.ods" annex-2865.ods
mv "$out/signin-word.doc" signin-word97.doc
mv "$out/danh-sach-san-pham.ods" products.ods
mv "$out/signin-word.odt" signin-writer.odt
rm -rf "$out"
