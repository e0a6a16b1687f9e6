"""A VBA project (vbaProject.bin) written from the project's own VBA source, for the .xlsm
templates: the MS-OVBA streams (compression, `dir`, `PROJECT`) in a Compound File (MS-CFB)."""
