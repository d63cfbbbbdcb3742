"""Excel import: templates to download and parsers that preview every row before anything is saved.

    cells.py       cell parsers (text, dates, whole numbers, choices) and the Fault they raise
    references.py  cells that name a record: an award of the catalogue, a unit
    columns.py     the declarative Column and the one row loop (read_preview) that reports every fault
    nominees.py    the nominee list of a dossier: its columns and parse_nominees
    ledger.py      the ledger of past years: its columns and parse_ledger
    template.py    the downloadable templates with their guide sheet

The parsers read the catalogue and the units but write nothing: saving is the services' (a file without
faults only), after the user has seen the preview. Opening an upload safely (size and row limits, the
package checks, the header row) is core.sheets', the upload and confirmation pages core.imports'.
"""

from core.sheets import MAX_FILE_BYTES, MAX_ROWS, XLSX_CONTENT_TYPE, named, read_upload

from .columns import Column, ImportPreview, PreviewRow
from .ledger import LEDGER_COLUMNS, LEDGER_SHEET, LedgerPreview, parse_ledger
from .nominees import NOMINEE_COLUMNS, NOMINEE_SHEET, parse_nominees
from .template import GUIDE_SHEET, ledger_template, nominee_template

__all__ = [
    "GUIDE_SHEET",
    "LEDGER_COLUMNS",
    "LEDGER_SHEET",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "NOMINEE_COLUMNS",
    "NOMINEE_SHEET",
    "XLSX_CONTENT_TYPE",
    "Column",
    "ImportPreview",
    "LedgerPreview",
    "PreviewRow",
    "ledger_template",
    "named",
    "nominee_template",
    "parse_ledger",
    "parse_nominees",
    "read_upload",
]
