"""Language detection from the page's own words: the sample is prose, and a big stoplist
that holds many English words besides its own does not outvote English on English text."""

from __future__ import annotations

import pytest

import declutter
from declutter import Kind, Options
from declutter.language import detect

# Plain English with a few words that the big Marathi stoplist holds and English's does
# not (example, web, data, information): Marathi's count edges ahead of English's.
ENGLISH = (
    "The study gives an example of how web data and information are used. We asked the "
    "people who run the site what they would do if their users left, and most of them said "
    "that they had no plan for it yet, but they were going to think about it over the "
    "summer when there is more time."
)


def test_english_text_is_english_not_a_bigger_stoplist_that_holds_english_words() -> None:
    assert detect(ENGLISH) == "en"


def test_the_sample_is_prose_not_markup_left_in_the_dump() -> None:
    # The longest block is a form's markup; the paragraphs that end in a full stop are
    # the sample, enough of them to fill it.
    markup = (
        '<form class="services-form" data-id="x1"> <input type="checkbox" name="consent"> '
        '<label for="consent">Allow</label> <div class="service item"></div> </form> ' * 40
    )
    prose = (
        "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen, "
        "der vor allem Geld für Schulen und die Sanierung der alten Brücke vorsieht."
    )
    text = "\n\n".join(["Titel der Seite", markup, *[prose] * 25]) + "\n"
    assert declutter.clean(text, options=Options(kind=Kind.TEXT)).language == "de"


# --- codes ---------------------------------------------------------------------------

# Piedmontese words that its stoplist holds and no bigger list does.
PIEDMONTESE = (
    "Ël Piemont a l'é na region dl'Italia. La lenga piemontèisa a l'é parlà da tanta gent "
    "ant ij pais e ant le sità dla region, e a l'ha na literatura veja."
)


def test_every_stoplist_has_one_code_of_two_or_three_letters() -> None:
    from declutter.language import _stoplists, code_of, stoplist_for
    from declutter.languages import stoplist_names

    codes = [code_of(name) for name in _stoplists()]
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() and code.isalpha() and len(code) in (2, 3) for code in codes)
    assert set(codes) == set(stoplist_names())
    assert all(stoplist_for(code_of(name)) == words for name, words in _stoplists().items())


def test_a_language_without_an_iso_639_1_code_is_reported_by_its_639_3_code() -> None:
    assert detect(PIEDMONTESE) == "pms"  # was "piedmontese", the stoplist's name


def test_an_unknown_language_code_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown language code 'zz'.*\ben, eo, es\b"):
        Options(language="zz")
    assert Options(language="IT").language == "it"
