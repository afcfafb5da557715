"""Linear time and bounded memory (issue 14) without changing any result.

Huge pages are worked through in pieces and chunks (``tokens.pieces``, the statistics'
chunks, ``lexicons.normalise_all``'s chunks). Each test shrinks those sizes to a few
characters, so that every path that only huge pages take runs on small ones, and checks
that the answers are those of the whole-text code. Timings and peak memory are measured
by ``python -m declutter.bench.scaling`` (BENCHMARKS.md), not asserted here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import declutter
from declutter import features, lexicons, tokens
from declutter.assemble import fallback
from declutter.sources import text as text_source

FIXTURES = sorted(
    p for p in (Path(__file__).parent.parent / "fixtures").iterdir()
    if p.suffix in (".txt", ".html") and not p.name.endswith(".expected.txt")
)
# Characters of the random texts: words, spaces of several kinds, punctuation, a final
# sigma, an unspaced script and a combining mark.
ALPHABET = list("abcXYZ  ..,!(\n\t\u00a0\u3000ΣσςΑ漢字\u0301_-0123")


def random_texts(seed: int, n: int = 60) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(ALPHABET, k=rng.randint(0, 80))) for _ in range(n)]


@pytest.fixture
def tiny_pieces(monkeypatch) -> None:
    """Every piece, chunk and normalisation pass a few characters long."""
    monkeypatch.setattr(tokens, "PIECE_CHARS", 5)
    monkeypatch.setattr(features, "CHUNK_CHARS", 40)
    monkeypatch.setattr(features, "CHUNK_BLOCKS", 3)
    monkeypatch.setattr(lexicons, "NORMALISE_CHUNK_CHARS", 30)


@pytest.mark.parametrize("seed", range(5))
def test_piecewise_helpers_equal_the_whole_text_ones(seed: int, tiny_pieces) -> None:
    for text in random_texts(seed):
        tokenise = tokens.tokeniser(text)  # decided on the whole text, used on each piece
        assert [w for p in tokens.pieces(text) for w in tokenise(p)] == tokens.words(text)
        assert "".join(tokens.pieces(text, tokens.WORD_CHAR)) == text
        assert tokens.collapse_whitespace(text) == " ".join(text.split())
        assert tokens.count_split_words(text) == len(text.split())
        assert tokens.visible_chars(text) == len("".join(text.split()))
        assert tokens.lower_word_set(text) == frozenset(tokens.lowered(tokens.words(text)))
        assert tokens.first_words(text, 4) == tokens.words(text)[:4]
        for limit in (0, 1, 3):
            assert tokens.words_up_to(text, limit) == min(len(text.split()), limit + 1)


@pytest.mark.parametrize("seed", range(5))
def test_normalise_all_in_chunks_equals_normalise(seed: int, tiny_pieces) -> None:
    texts = random_texts(seed)
    assert lexicons.normalise_all(texts) == [lexicons.normalise(t) for t in texts]


@pytest.mark.parametrize("page", FIXTURES, ids=lambda p: p.name)
def test_chunked_and_pieced_cleaning_gives_the_same_result(page: Path, monkeypatch) -> None:
    raw = page.read_bytes()
    whole = declutter.clean(raw)
    monkeypatch.setattr(tokens, "PIECE_CHARS", 7)
    monkeypatch.setattr(features, "CHUNK_CHARS", 50)
    monkeypatch.setattr(features, "CHUNK_BLOCKS", 2)
    monkeypatch.setattr(lexicons, "NORMALISE_CHUNK_CHARS", 40)
    pieced = declutter.clean(raw)
    assert pieced.text == whole.text
    assert pieced.explain() == whole.explain()


def _old_segment_texts(decoded: str) -> list[str]:
    """The hard-wrap joining as it was (recounting the growing block on every line)."""
    texts: list[str] = []
    gap = True
    for line in decoded.split("\n"):
        stripped = line.strip()
        if not stripped:
            gap = True
            continue
        bullet = text_source.BULLET.match(stripped) if stripped[0] in "*+-•·◦▪►" else None
        if not gap and not bullet and texts and (
            stripped[0].islower()
            and texts[-1][-1] not in text_source.WRAP_STOPS
            and texts[-1].count(" ") + 1 >= text_source.WRAP_MIN_WORDS
            and stripped.count(" ") + 1 >= text_source.WRAP_MIN_WORDS
        ):
            texts[-1] += "\n" + stripped
            continue
        texts.append(stripped[bullet.end():] if bullet else stripped)
        gap = False
    return texts


@pytest.mark.parametrize("seed", range(8))
def test_hard_wrapped_lines_join_as_before(seed: int) -> None:
    rng = random.Random(seed)
    words = ["the", "council", "Bridge", "said.", "and", "- item", "* x", "yes:", "of"]
    lines = [" ".join(rng.choices(words, k=rng.randint(0, 7))) for _ in range(300)]
    decoded = "\n".join(lines)
    got = [b.text for b in text_source.segment(decoded).blocks]
    assert got == _old_segment_texts(decoded)


def test_table_steps_count_cells_squared_per_row() -> None:
    html = "<table><tr><td>a<td>b</tr><TR><th>x</th><td>y</td><td>z</td></tr></table>"
    assert fallback.table_steps(html) == 2 * 2 + 3 * 3


def test_a_table_too_wide_for_the_fallback_keeps_declutters_result_with_a_note() -> None:
    cells = "".join(f"<td>{n}</td>" for n in range(2500))  # 6.25 M steps, above the floor
    page = f"<html><body><table><tr>{cells}</tr></table></body></html>"
    result = declutter.clean(page)
    (note,) = result.explain()["notes"]
    assert "too wide for trafilatura" in note
    assert all(b.reason is None or b.reason.rule != "fallback" for b in result.blocks)
    assert "notes" not in declutter.clean(page.replace("<td>", "<p>")).explain()


def test_feature_rows_one_at_a_time_are_those_of_the_blocks_as_they_were() -> None:
    from declutter.learned.features import iter_page_features, page_features
    from declutter.pipeline import analyse, segment

    page = (Path(__file__).parent.parent / "fixtures" / "html-riverside-bridge.html").read_text()
    doc = segment(page, declutter.Kind.HTML, "declutter")
    labels, weights, _ = analyse(doc, declutter.Options(learned=False))
    whole = page_features(doc, labels, weights)
    rows = []
    for block, row in zip(doc.blocks, iter_page_features(doc, labels, weights)):
        rows.append(row)
        block.kept = not block.kept  # as ``rescore`` may, once the block's row is out
    assert len(whole) == len(doc.blocks) > 3
    assert rows == whole


def _row_of_cells(cells: list[str]) -> str:
    tds = "".join(f"<td>{cell}</td>" for cell in cells)
    return f"<html><body><table><tr>{tds}</tr></table><p>After the table.</p></body></html>"


def test_small_cells_of_a_row_join_one_block_above_the_size_limit(monkeypatch) -> None:
    from declutter.sources import dom, html

    long_cell = "word " * 60  # over SMALL_CELL_CHARS: a block of its own
    cells = ["one", "two", "three", long_cell.strip(), "four", "five"]
    page = _row_of_cells(cells)
    below = declutter.clean(page)
    assert "notes" not in below.explain()
    assert [b.text for b in below.blocks][:6] == cells

    monkeypatch.setattr(html, "MERGE_CELLS_ABOVE_CHARS", len(page) - 1)
    monkeypatch.setattr(dom, "WIDE_ROW_CELLS", len(cells) - 1)
    monkeypatch.setattr(dom, "MERGED_CELL_CHARS", len("four five"))  # not "one two three"
    above = declutter.clean(page)
    texts = [b.text for b in above.blocks]
    assert texts[:5] == ["one two", "three", long_cell.strip(), "four five", "After the table."]
    assert above.blocks[0].path == below.blocks[0].path and above.blocks[0].tag == "td"
    (note,) = above.explain()["notes"]
    assert "(2 cells joined" in note


@pytest.mark.parametrize(
    ("wide", "texts"), [(1, ["a b", "c", "d", "e f"]), (2, ["a", "b", "c", "d", "e f"])]
)
def test_cells_of_other_rows_narrow_rows_or_with_blocks_inside_stay_apart(
    wide: int, texts: list[str], monkeypatch
) -> None:
    from declutter.sources import dom, html

    monkeypatch.setattr(html, "MERGE_CELLS_ABOVE_CHARS", 0)
    monkeypatch.setattr(dom, "WIDE_ROW_CELLS", wide)  # rows of more cells are wide
    page = (
        "<html><body><table><tr><td>a</td><td>b</td></tr><tr><td>c</td>"
        "<td><p>d</p></td><td>e</td><td>f</td></tr></table></body></html>"
    )
    assert [b.text for b in html.segment_dom(page).blocks] == texts


def test_a_shared_reason_is_one_object_equal_to_a_new_one() -> None:
    from declutter.model import Reason, shared_reason

    assert shared_reason("content", "good prose") is shared_reason("content", "good prose")
    assert shared_reason("content", "good prose") == Reason("content", "good prose")


@pytest.mark.parametrize("paragraphs", [[], ["a"], ["a", "b c", ""]])
def test_joined_paragraphs_are_the_plain_join(paragraphs: list[str]) -> None:
    from declutter.pipeline import _joined

    assert _joined(paragraphs) == ("\n\n".join(paragraphs) + "\n" if paragraphs else "")


def test_repeated_measures_keep_the_least_time_and_the_greatest_peak(monkeypatch) -> None:
    from declutter.bench import scaling

    order = []
    rows = iter([
        {"bytes": 1, "seconds": 3.0, "cpu": 2.0, "above_mb": 5.0, "ratio": 5.0, "base_mb": 1},
        {"bytes": 2, "seconds": 9.0, "cpu": 9.0, "above_mb": 9.0, "ratio": 4.5, "base_mb": 1},
        {"bytes": 1, "seconds": 1.0, "cpu": 3.0, "above_mb": 7.0, "ratio": 7.0, "base_mb": 1},
        {"bytes": 2, "seconds": 8.0, "cpu": 9.5, "above_mb": 8.0, "ratio": 4.0, "base_mb": 1},
    ])

    def fake(kind: str, size: float) -> dict[str, float]:
        order.append(size)
        return next(rows)

    monkeypatch.setattr(scaling, "measure", fake)
    small, large = scaling.measure_sizes("text", [1, 2], 2)
    assert order == [1, 2, 1, 2]  # the sizes in turn
    assert (small["seconds"], small["cpu"], small["above_mb"], small["ratio"]) == (1, 2, 7, 7)
    assert (large["seconds"], large["cpu"], large["above_mb"], large["ratio"]) == (8, 9, 9, 4.5)
