"""CSV files: uploaded ones read the same way wherever editors upload one (subscribers, Ghost members), and the
cells of those we export kept from running as spreadsheet formulas."""

import csv
import io


class NotCSV(Exception):
    """The bytes are not CSV text: a binary file (a spreadsheet's own format), or a line the csv module refuses."""


def csv_rows(data, reader=csv.reader):
    """The rows of an uploaded CSV file's bytes, read by `reader` (csv.reader, or csv.DictReader for named columns).

    UTF-8 with or without a BOM, as exports write it; a file saved again by a spreadsheet in another encoding
    is read with replacement characters, which is right for the callers: they use addresses and switches, all
    ASCII. newline="": the reader takes "\\r" (old Mac spreadsheets), "\\n" and "\\r\\n" as line ends itself.
    """
    if b"\x00" in data:
        raise NotCSV("a NUL byte: a binary file")
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return list(reader(io.StringIO(text, newline="")))
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        raise NotCSV(str(error)) from error


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell a spreadsheet would run as a formula ("=HYPERLINK(…)") is kept as text, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
