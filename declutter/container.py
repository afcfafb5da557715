"""The article's container on an HTML page: the element that holds the article region.

The text path's maximum-sum region finds the article's core: the run of blocks of the
largest total weight. On an HTML page that run can stop short of the article's end,
cut by a table of contents, a pull quote or a box of links inside the article. The
innermost element that holds the whole core is the article's container; the region
grows to all of that element's blocks when they weigh, together, at least
``MIN_CONTAINER_SHARE`` of the core (a container that mostly holds furniture, such as
``body`` around a core that crosses into a sidebar, is not taken).
"""

from __future__ import annotations

from .classify import Label
from .model import Block, Document, Reason

# The container's blocks must weigh at least this share of the core region's weight.
MIN_CONTAINER_SHARE = 0.5


def grow_to_container(
    doc: Document, labels: list[Label], weights: list[float], core: tuple[int, int] | None
) -> tuple[int, int] | None:
    """``core`` grown to the blocks of the innermost element holding all of it.

    Short blocks do not count against the container: inside an article they are its
    headings and list items.
    """
    if core is None:
        return None
    first, last = core
    prefix = _common_ancestor(doc.blocks[first].path or "", doc.blocks[last].path or "")
    if not prefix:
        return core
    start, end = first, last
    while start > 0 and _inside(doc.blocks[start - 1].path, prefix):
        start -= 1
    while end + 1 < len(doc.blocks) and _inside(doc.blocks[end + 1].path, prefix):
        end += 1
    core_weight = sum(weights[first : last + 1])
    container_weight = sum(
        w
        for w, label in zip(weights[start : end + 1], labels[start : end + 1])
        if label is not Label.SHORT
    )
    if container_weight < MIN_CONTAINER_SHARE * core_weight:
        return core
    return start, end


def _common_ancestor(a: str, b: str) -> str:
    """The path of the innermost element that holds both paths' elements."""
    common: list[str] = []
    for step_a, step_b in zip(a.split("/"), b.split("/")):
        if step_a != step_b:
            break
        common.append(step_a)
    return "/".join(common)


def _inside(path: str | None, prefix: str) -> bool:
    return path is not None and (path == prefix or path.startswith(prefix + "/"))


# Inside the article, these elements hold text that is no prose but belongs to it:
# code, tables, and their captions.
VERBATIM_TAGS = frozenset({"pre", "td", "th", "caption"})
# Image captions are no part of the article's text.
CAPTION_TAGS = frozenset({"figcaption"})


def inside_container(block: Block, label: Label) -> tuple[bool, Reason]:
    """Keep or drop an unmarked block inside the article region of an HTML page.

    Headings, list items and short lines inside the article's element are its own;
    only a long block that is no prose (a list of names, a link farm) goes, unless it
    is code or a table cell.
    """
    if block.tag in CAPTION_TAGS:
        return False, Reason("caption", f"<{block.tag}>: an image caption")
    if label in (Label.GOOD, Label.NEARGOOD):
        return True, Reason("content", f"{label.value} prose")
    if block.heading:
        return True, Reason("content", f"h{block.heading} heading inside the article")
    if label is Label.BAD and block.tag not in VERBATIM_TAGS:
        return False, Reason("statistics", "long block with few stopwords: not prose")
    return True, Reason("content", f"<{block.tag}> inside the article")
