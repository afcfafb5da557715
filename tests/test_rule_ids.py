"""The declared rule ids and their roles: ids written as their strings, every family's
roles declared once."""

from __future__ import annotations

import json

import pytest

from declutter import Block, Kind, Reason, Result
from declutter.rules import (
    ROLES,
    RULES,
    Role,
    RuleId,
    all_have_role,
    any_has_role,
    author,
    comments,
    has_role,
    legal,
    metadata,
    navigation,
    newsletter,
    promo,
    related,
    structure,
)

FAMILY_MODULES = (author, comments, legal, metadata, navigation, newsletter, promo, related,
                  structure)


def test_an_id_is_written_as_its_string() -> None:
    reason = Reason(RuleId.RELATED_LIST, "teaser list")
    assert str(reason) == "related_list: teaser list"
    assert f"{RuleId.METADATA}" == "metadata" and RuleId.METADATA == "metadata"
    block = Block(index=0, text="x", kept=True, reason=reason, marks=[reason])
    doc = Result(text="", title=None, language=None, kind=Kind.TEXT, blocks=(block,)).explain()
    written = json.loads(json.dumps(doc))["blocks"][0]
    assert written["rule"] == "related_list" and written["marks"] == ["related_list: teaser list"]


def test_every_family_has_a_row_of_roles() -> None:
    assert len(RULES) == len(FAMILY_MODULES)
    for module in FAMILY_MODULES:
        assert module.RULE in ROLES, module.__name__
    assert metadata.CAPTION_RULE in ROLES


@pytest.mark.parametrize(
    ("rule", "role", "plays"),
    [
        ("caption", Role.INLINE, True),  # a plain string finds its id's row
        (RuleId.METADATA, Role.COMMENT_HEADER, True),
        (RuleId.RELATED_LIST, Role.ENDS_ARTICLE, False),
        (RuleId.LEGAL, Role.FOOTER, True),
        (RuleId.CONTENT, Role.INLINE, False),  # the assembler's ids play no role
    ],
)
def test_has_role(rule: str, role: Role, plays: bool) -> None:
    assert has_role(Reason(rule, "cue"), role) is plays


def test_all_and_any() -> None:
    marks = [Reason(RuleId.CAPTION, "a"), Reason(RuleId.METADATA, "b")]
    assert all_have_role(marks, Role.INLINE) and all_have_role([], Role.INLINE)
    assert not all_have_role([*marks, Reason(RuleId.PROMO, "c")], Role.INLINE)
    assert any_has_role(marks, Role.COMMENT_HEADER) and not any_has_role(marks, Role.FOOTER)
