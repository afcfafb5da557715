"""The classifier's labels on single blocks: a long block of capitalised words is a list of
headlines, unless it is a punctuated sentence with the stopwords of prose."""

from __future__ import annotations

from declutter.classify import Label, label
from declutter.features import add_stats
from declutter.language import stoplist_for
from declutter.model import Block, Document, Kind


def labelled(text: str, language: str) -> Label:
    block = Block(index=0, text=text)
    doc = Document(Kind.TEXT, [block], language=language, stoplist=stoplist_for(language))
    add_stats(doc)
    return label(block, has_stoplist=True)


def test_a_german_lead_full_of_names_is_prose() -> None:
    lead = (
        "Teamchef Michael Kohlmann hat die Mannschaft für die Davis Cup-Qualifiers gegen "
        "Brasilien (4. und 5. März 2022 in Rio de Janeiro) bekanntgegeben. Neben "
        "Jan-Lennard Struff, Kevin Krawietz und Tim Pütz setzt Kohlmann auf zwei Neulinge."
    )
    assert labelled(lead, "de") in (Label.GOOD, Label.NEARGOOD)


def test_a_run_of_headlines_is_not() -> None:
    headlines = (
        "Meet The Designers Who Dress The First Lady Trump Picks Treasury Secretary "
        "Killer Of Three Seeks Mercy From Parole Board China To Implement Sanctions "
        "Gift Idea Simple Dish Made With Real Food Watch This Woman Turn Her SUV Around"
    )
    assert labelled(headlines, "en") is Label.BAD
