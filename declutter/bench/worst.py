"""``--worst N``: the pages where a declutter system loses most F1, and why.

Only *tune* pages are listed (``data.half``): the check halves are for judging a change,
never for looking at. The system is ``declutter-dump`` unless ``--worst-system`` names
another declutter system (``declutter-inscriptis`` on the inscriptis dump, ``declutter-html``
on the HTML).

For each such page declutter is run again to get its blocks, and every block is compared
with the gold text through its 4-token shingles (a block under 4 tokens: its tokens as a
contiguous run of gold tokens):

- **removed body**: a removed block whose shingles are mostly (≥ half) in the gold;
- **kept boilerplate**: a kept block whose shingles are mostly not in the gold.

Each is printed on one line with the block's ``reason`` (rule: cue), biggest first, and a
tally of the rules behind the lost tokens closes the listing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import declutter
from declutter import Kind, Options

from .data import CHECK, Page
from .metric import SHINGLE, TOKEN, PageScore
from .runner import Row
from .systems import SYSTEMS

SYSTEM = "declutter-dump"  # the default: the text path, which no peer serves
# How each declutter system is run again for its blocks: the options of its call.
_OPTIONS = {
    "declutter-dump": Options(kind=Kind.TEXT),
    "declutter-inscriptis": Options(kind=Kind.TEXT),
    "declutter-html": Options(kind=Kind.HTML),
}
WORST_SYSTEMS = tuple(_OPTIONS)
SHOWN_BLOCKS = 6
TEXT_WIDTH = 90
REASON_WIDTH = 60


@dataclass(slots=True)
class Offender:
    tokens: int
    reason: str
    text: str


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def in_gold(block: str, gold_shingles: set[tuple[str, ...]], gold_joined: str) -> float:
    """The share of the block's shingles found in the gold (0.0 for a block without words)."""
    tokens = TOKEN.findall(block)
    if not tokens:
        return 0.0
    if len(tokens) < SHINGLE:
        return 1.0 if f" {' '.join(tokens)} " in gold_joined else 0.0
    grams = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    return sum(1 for g in grams if g in gold_shingles) / len(grams)


def offenders(result: declutter.Result, gold: str) -> tuple[list[Offender], list[Offender]]:
    """(removed body, kept boilerplate) of one cleaned page, biggest first."""
    gold_tokens = TOKEN.findall(gold)
    gold_shingles = {
        tuple(gold_tokens[i : i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)
    }
    gold_joined = f" {' '.join(gold_tokens)} "
    removed, kept = [], []
    for block in result.blocks:
        share = in_gold(block.text, gold_shingles, gold_joined)
        reason = str(block.reason) if block.reason else "no reason"
        o = Offender(len(TOKEN.findall(block.text)), reason, block.text)
        if block.kept and share < 0.5:
            kept.append(o)
        elif not block.kept and share >= 0.5:
            removed.append(o)
    removed.sort(key=lambda o: -o.tokens)
    kept.sort(key=lambda o: -o.tokens)
    return removed, kept


def _rule(reason: str) -> str:
    return reason.split(":", 1)[0]


def _listing(title: str, blocks: list[Offender]) -> list[str]:
    total = sum(o.tokens for o in blocks)
    lines = [f"    {title}: {len(blocks)} block(s), {total} tokens"]
    for o in blocks[:SHOWN_BLOCKS]:
        lines.append(
            f"      - {o.tokens:>4} tok  [{_one_line(o.reason, REASON_WIDTH)}]  "
            f"{_one_line(o.text, TEXT_WIDTH)}"
        )
    if len(blocks) > SHOWN_BLOCKS:
        lines.append(f"      - … {len(blocks) - SHOWN_BLOCKS} more")
    return lines


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def tune_rows(rows: Sequence[Row], system: str) -> list[Row]:
    """``system``'s rows on the tune pages of the gold corpora (never a check page)."""
    return [
        r
        for r in rows
        if r.system == system and isinstance(r.score, PageScore) and r.half != CHECK
    ]


def worst_pages(
    rows: Sequence[Row],
    n: int,
    gold_tokens: dict[tuple[str, str], int],
    system: str = SYSTEM,
) -> list[Row]:
    """``system``'s rows on the tune pages of gold corpora, lowest F1 first; among equal F1
    the longest gold first (most text lost), then by corpus/id."""
    mine = tune_rows(rows, system)

    def key(r: Row) -> tuple:
        return (round(r.score.f1, 6), -gold_tokens.get((r.corpus, r.id), 0), r.corpus, r.id)

    return sorted(mine, key=key)[:n]


def worst_report(rows: Sequence[Row], pages: Sequence[Page], n: int, system: str = SYSTEM) -> str:
    """The readable listing of the ``n`` worst pages of ``system`` (one of WORST_SYSTEMS)."""
    if not any(r.system == system for r in rows):
        return f"--worst: `{system}` was not among the systems run; nothing to show.\n"
    field, options = SYSTEMS[system].field, _OPTIONS[system]
    by_key = {(p.corpus, p.id): p for p in pages}
    removed_by_rule: Counter[str] = Counter()
    kept_by_rule: Counter[str] = Counter()
    gold_tokens = {k: len(TOKEN.findall(p.gold or "")) for k, p in by_key.items() if not p.snippets}
    chosen = worst_pages(rows, n, gold_tokens, system)
    mine = tune_rows(rows, system)
    zero = sum(1 for r in mine if r.score.f1 == 0.0)
    lines = [
        f"## The {len(chosen)} worst pages of `{system}` (tune halves of gold corpora, "
        "lowest F1)",
        "",
        f"{zero} of {len(mine)} tune gold pages score F1 0; ties are listed longest gold "
        "first.",
        "",
    ]
    for rank, row in enumerate(chosen, 1):
        page = by_key[row.corpus, row.id]
        s = row.score
        head = (
            f"{rank:>2}. {row.corpus}/{row.id}  F1 {s.f1:.3f}  P {_fmt(s.precision)}  "
            f"R {_fmt(s.recall)}  (gold {gold_tokens[row.corpus, row.id]} tokens)"
        )
        lines.append(head)
        if row.error:
            lines += [f"    failed: {row.error}", ""]
            continue
        raw = getattr(page, field)
        if not raw.strip():
            lines += [f"    empty {field}", ""]
            continue
        result = declutter.clean(raw, options=replace(options, keep_title=page.title_in_gold))
        removed, kept = offenders(result, page.gold or "")
        n_kept = sum(1 for b in result.blocks if b.kept)
        out_tokens = len(TOKEN.findall(result.text))
        lines.append(
            f"    {len(result.blocks)} blocks, {n_kept} kept, output {out_tokens} tokens, "
            f"language {result.language}"
        )
        lines += _listing("removed body", removed)
        lines += _listing("kept boilerplate", kept)
        lines.append("")
        for o in removed:
            removed_by_rule[_rule(o.reason)] += o.tokens
        for o in kept:
            kept_by_rule[_rule(o.reason)] += o.tokens
    lines.append("Tokens lost over these pages, by the rule that decided:")
    lines.append(
        "  removed body:     "
        + (", ".join(f"{r} {t}" for r, t in removed_by_rule.most_common(8)) or "none")
    )
    lines.append(
        "  kept boilerplate: "
        + (", ".join(f"{r} {t}" for r, t in kept_by_rule.most_common(8)) or "none")
    )
    return "\n".join(lines) + "\n"
