"""The OOXML package, read and written part by part: parts we do not touch stay byte-identical.

openpyxl rebuilds a whole workbook from its object model and drops what it does not model
(sparklines, x14 conditional formats and validations, form controls, ...). These modules edit only
the parts a use case changes (a sheet's rows, a table part, styles.xml) and copy every other zip
entry as it was, compressed bytes included.
"""
