"""Language detection from the page's own words: the sample is prose, and a big stoplist
that holds many English words besides its own does not outvote English on English text."""

from __future__ import annotations

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
