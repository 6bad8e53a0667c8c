# annex-s-quyet-dinh.xlsx is made by LibreOffice Calc from the .csv (UTF-8, comma, quoted newlines).
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir . annex-s-quyet-dinh.csv
