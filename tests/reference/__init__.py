"""A reference implementation of the workbook port over openpyxl, for tests only.

custdev edits files with one adapter, `addin.adapters.package.PackageBook`. The tests run the
same use cases through this openpyxl implementation (a workbook in memory, written the way
openpyxl writes it) and compare what the two produce, cell by cell and table by table.
"""
