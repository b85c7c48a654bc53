"""CSV files: uploaded ones read the same way wherever editors upload one (subscribers, Ghost members), and the
cells of those we export kept from running as spreadsheet formulas."""

import csv
import io
from typing import NamedTuple

from django.utils.translation import gettext_lazy

# Said in an import's result when the file was not UTF-8: the editor can check the names it read.
READ_AS_WINDOWS_1252 = gettext_lazy(
    "The file was not saved as UTF-8, so it was read as Windows-1252, as Excel on Windows saves CSV files."
)


class NotCSV(Exception):
    """The bytes are not CSV text: a binary file (a spreadsheet's own format), or a line the csv module refuses."""


class UnknownEncoding(NotCSV):
    """Text in neither UTF-8 nor Windows-1252: reading it in another encoding would change its addresses."""


class CSVFile(NamedTuple):
    rows: list
    encoding: str  # "utf-8" or "cp1252"


def read_csv(data, reader=csv.reader):
    """An uploaded CSV file's bytes as a CSVFile: its rows read by `reader` (csv.reader, or csv.DictReader for
    named columns), and the encoding they were read in.

    UTF-8 with or without a BOM, as exports write it; else Windows-1252, as Excel on Windows saves "CSV" (an
    address such as jörg@müller.de must arrive whole, not with a replacement character). Bytes that are
    neither are refused rather than guessed at. newline="": the reader takes "\r" (old Mac spreadsheets),
    "\n" and "\r\n" as line ends itself.
    """
    if b"\x00" in data:
        raise NotCSV("a NUL byte: a binary file")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            raise UnknownEncoding(str(error)) from error
    try:
        return CSVFile(list(reader(io.StringIO(text, newline=""))), encoding)
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        raise NotCSV(str(error)) from error


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell a spreadsheet would run as a formula ("=HYPERLINK(…)") is kept as text, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
