"""declutter: strip boilerplate from scraped web pages, with a reason for every removal.

    >>> import declutter
    >>> result = declutter.clean(open("page.txt", "rb").read())
    >>> print(result.text)
"""

from .errors import DeclutterError
from .model import Block, Kind, Reason, Result
from .options import Options
from .pipeline import clean, clean_many

__all__ = [
    "Block",
    "DeclutterError",
    "Kind",
    "Options",
    "Reason",
    "Result",
    "clean",
    "clean_many",
]
__version__ = "0.1.0"
