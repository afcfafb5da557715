"""Column layouts in text dumps: a layout grid (menu column beside the article column) is
read column by column; a data table is read by rows, as written."""

from __future__ import annotations

import declutter
from declutter import Kind, Options
from declutter.sources.columns import is_layout_grid, numbered_lines

PARAGRAPH = (
    "The city council approved the new budget on Tuesday after a long debate about public "
    "transport, schools and the repair of the old harbour bridge, which has been closed to "
    "lorries since the spring."
)
PAD = " " * 12
# A menu column beside the article column: the article's paragraph runs over two lines, the
# menu items sit beside its first line and below it.
GRID = [
    f"Home{PAD}{PARAGRAPH}",
    f"{' ' * 16}Members of the opposition said that the plan was too optimistic.",
    "World",
    "Sport",
]
TABLE = [
    f"Account{PAD}Fees",
    f"Card Buy{PAD}A fee will apply",
    f"Wire Transfer{PAD}$10 ($25 outgoing)",
]


def test_a_layout_grid_is_read_column_by_column_keeping_line_numbers() -> None:
    assert is_layout_grid(GRID)
    lines = list(numbered_lines("\n".join(GRID)))
    assert lines == [
        (1, "Home"),
        (3, "World"),
        (4, "Sport"),
        (1, PARAGRAPH),
        (2, "Members of the opposition said that the plan was too optimistic."),
    ]


def test_a_data_table_is_read_by_rows() -> None:
    assert not is_layout_grid(TABLE)
    text = "\n".join(TABLE)
    assert [line for _, line in numbered_lines(text)] == TABLE


def test_the_article_column_comes_out_without_the_menu_beside_it() -> None:
    title = "Council approves budget for the harbour bridge"
    page = "\n".join([title, "", *GRID]) + "\n"
    result = declutter.clean(page, options=Options(kind=Kind.TEXT, language="en"))
    assert result.text.split("\n\n") == [title, PARAGRAPH + "\n"]
