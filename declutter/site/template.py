"""The site-template rule: blocks that recur across a site's pages are boilerplate.

``mark`` runs after the rule families (``declutter.rules``) when the page comes with
``SiteEvidence``: a template block gets a ``site_template`` mark, first among its marks
(its reason, ``site_template: seen on 37 of 40 pages of example.org``). ``finalise`` runs
after the learned scorer: a template mark is final, so no score brings such a block back
(the title and its copies aside, as for the scorer).

A page's own headline is never a template block: the headline of one article stands in
the "read also" lists of many others, and there it is template. The title loses the
parts at its ends that are template blocks of the site (``strip_site_parts``: "Headline -
Real Time Brussels - WSJ" -> "Headline", where both names stand on the site's pages).
"""

from __future__ import annotations

import regex

from ..assemble.title import TITLE_SEPARATORS
from ..classify import Label, label
from ..model import Document, Reason
from ..rules.ids import TITLE_RULES, RuleId
from .evidence import SiteEvidence

RULE = RuleId.SITE_TEMPLATE
# The assembler's decisions that the site's counts do not change: the title and its copies.
FIXED_RULES = TITLE_RULES


_SEPARATORS = regex.compile("|".join(regex.escape(s) for s in TITLE_SEPARATORS))
_SPLIT = regex.compile("(" + _SEPARATORS.pattern + ")")


def mark(doc: Document, site: SiteEvidence) -> None:
    """Mark the template blocks of ``doc`` (after the rules, before classifying)."""
    has_stoplist = bool(doc.stoplist)
    headline = site.fingerprint(_headline(doc.title)) if doc.title else None
    found = [site.fingerprint(block.text) for block in doc.blocks]
    for block, print_, seen in zip(doc.blocks, found, site.seen_on(found)):
        if seen < site.thresholds.min_pages or print_ == headline:
            continue
        strong_body = label(block, has_stoplist) is Label.GOOD
        if site.is_template(seen, strong_body):
            block.marks.insert(0, Reason(RULE, site.cue(seen)))


def _headline(title: str) -> str:
    """The page's headline: the longest part of its title (site names cut off)."""
    return max(_SEPARATORS.split(title), key=len)


def strip_site_parts(title: str, site: SiteEvidence) -> str:
    """``title`` without the parts at its ends (between separators) that are template
    blocks of the site; a title made of such parts only stays whole."""
    pieces = _SPLIT.split(title)  # part, separator, part, ...
    parts = pieces[::2]
    if len(parts) < 2:
        return title
    seen = site.seen_on([site.fingerprint(part) for part in parts])
    own = [i for i, n in enumerate(seen) if not site.is_template(n, strong_body=False)]
    if not own:
        return title
    return "".join(pieces[2 * own[0] : 2 * own[-1] + 1]).strip()


def finalise(doc: Document) -> None:
    """Remove every template-marked block that a later step kept (after the scorer)."""
    for block in doc.blocks:
        if not block.marks or block.marks[0].rule != RULE:
            continue
        if block.reason is not None and block.reason.rule in FIXED_RULES:
            continue
        block.kept = False
        block.reason = block.marks[0]
