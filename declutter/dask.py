"""Dask: clean a corpus that is bigger than one machine, as a ``dask.bag``.

    >>> import dask.bag as db
    >>> from declutter.dask import clean_bag, clean_jsonl
    >>> records = db.from_sequence([{"id": "p1", "html": "<html>…</html>"}])
    >>> clean_bag(records).compute()                 # [{"id", "text", "title", ...}]
    >>> clean_jsonl(db.read_text("s3://crawl/*.jsonl")).map(json.dumps).to_textfiles("out/*.jsonl")

The records are those of ``declutter --jsonl`` (``declutter.jsonl``): a page in ``"html"``
or ``"text"``, an optional ``"id"``; each answer is ``{"id", ...the record's other
fields..., "text", "title", "language", "kind", "page_type"}`` or ``{"id", "line",
"error"}``, so one bad page never fails a partition. Pages are cleaned where the bag's
partitions live, on any Dask scheduler (threads, processes, a distributed cluster);
nothing is collected on the client until you ask. Needs the ``dask`` extra (dask and distributed):
``pip install '.[dask]'`` in a checkout, or ``pip install 'declutter-text[dask] @ git+URL'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jsonl import clean_record, clean_records
from .options import Options
from .render import DEFAULT_FORMAT

if TYPE_CHECKING:  # dask is an optional extra: imported only by the caller's bag
    from dask.bag import Bag


def clean_bag(records: Bag, *, options: Options | None = None, fmt: str = DEFAULT_FORMAT) -> Bag:
    """A bag of page records -> the bag of their output records, in the same order
    (``fmt``: the records' format, see ``declutter.jsonl``)."""
    return records.map(clean_record, options=options, fmt=fmt)


def clean_jsonl(lines: Bag, *, options: Options | None = None, fmt: str = DEFAULT_FORMAT) -> Bag:
    """A bag of JSON Lines (e.g. ``dask.bag.read_text``) -> the bag of output records.

    A line that is no JSON object is answered with an error record holding its line
    number within its partition; blank lines are skipped.
    """
    return lines.map_partitions(_clean_partition, options=options, fmt=fmt)


def _clean_partition(lines, options: Options | None, fmt: str) -> list[dict]:
    return list(clean_records(lines, options=options, fmt=fmt))
