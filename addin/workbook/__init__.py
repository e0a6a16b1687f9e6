"""The openpyxl side: read input files and build the templates (files are edited by
`addin.adapters.package`). Nothing is imported here: a module that needs no pandas (atomic
writes, file checks, the template cache) is imported without it."""
