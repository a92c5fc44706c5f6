"""Reading .xlsx files safely: format sniffing, zip pre-flight, bounded streaming parse.

``read_xlsx(path)`` returns a :class:`RawBook` (cells as stored, nothing interpreted) or
raises :class:`ReadError` with a message, in French or English, that names the file and
says what to do. ``sniff(path)`` tells what a file really is, from its bytes.
"""

from ..errors import ReadError
from .limits import Limits
from .model import RawBook, RawCell, RawSheet
from .reader import read_xlsx
from .sniff import KINDS, sniff
from .styles import is_date_format

__all__ = [
    "KINDS",
    "Limits",
    "RawBook",
    "RawCell",
    "RawSheet",
    "ReadError",
    "is_date_format",
    "read_xlsx",
    "sniff",
]
