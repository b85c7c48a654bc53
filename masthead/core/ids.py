"""A database id from text a client sent: the number, or None if it cannot be one.

`str.isdigit()` is not enough: it lets through digits of other scripts ("²",
"١٢"), which `int()` refuses or reads, and numbers of any length, which the
database driver refuses with an OverflowError (a 500) before any query runs.
"""

import re

# The smallest id column looked up from a client's text: Wagtail's pages use a 32-bit AutoField (our own
# models use BigAutoField, and will not reach this either).
MAX_ID = 2**31 - 1
ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(value):
    """ "42" → 42; None for anything else: not ASCII digits, more than ten digits, or too big for the column."""
    text = str(value).strip()
    if not ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in a route: `<int:pk>` that does not match a number `parse_id` refuses, so it is a 404.

    Django itself answers an out-of-range `pk=` with no rows, but not a lookup
    through a parent link (an ArticlePage's pk is its page_ptr): that one reaches
    the driver, and a 500.
    """

    regex = "[0-9]+"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)
