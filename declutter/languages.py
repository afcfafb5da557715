"""The language codes declutter knows, as data (``lexicons/_languages/codes.txt``).

A code is ISO 639-1 where the language has one, else ISO 639-3 (three letters); each
names one of jusText's stoplists, which ``declutter.language`` detects languages with.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

CODES_FILE = ("_languages", "codes.txt")


@lru_cache(maxsize=1)
def stoplist_names() -> dict[str, str]:
    """Every known code -> the name of its jusText stoplist, in the file's order."""
    path = resources.files("declutter.lexicons").joinpath(*CODES_FILE)
    rows = (line.split() for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if row and not row[0].startswith("#")}


def checked_code(code: str) -> str:
    """``code`` lower-cased, when declutter knows it; else a ValueError listing the codes."""
    lowered = code.strip().lower()
    if lowered not in stoplist_names():
        raise ValueError(
            f"unknown language code {code!r}: use an ISO 639-1 code (ISO 639-3 where a "
            f"language has none), one of {', '.join(sorted(stoplist_names()))}"
        )
    return lowered
