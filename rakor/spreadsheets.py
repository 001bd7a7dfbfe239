"""Cells of exported spreadsheets (CSV, XLSX) that a spreadsheet program can never run.

A text typed by a delegate ("=HYPERLINK(...)") becomes a live formula when an organiser opens the
export. OWASP's advice (CSV Injection): a text cell starting with = + - @, tab or carriage return
is prefixed with a single quote, so it shows as the text it is. Numbers stay numbers; NIPs and
codes are text and keep their digits.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as it may go into an exported cell."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]
