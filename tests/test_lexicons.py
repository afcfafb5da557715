"""The lexicon files: present for every family and core language, well formed, and precise
enough that no entry fires on text made only of function words."""

from __future__ import annotations

import itertools
from importlib import resources

import pytest
import regex

from declutter import lexicons
from declutter.lexicons import Lexicon

# Families whose phrases mark blocks, and the two whose phrases only feed a pattern of
# the metadata rule (a unit after a number, a month next to a day or year).
CUE_FAMILIES = (
    "author",
    "caption",
    "comments",
    "legal",
    "metadata",
    "navigation",
    "newsletter",
    "promo",
    "related",
    "source",
)
PATTERN_FAMILIES = ("byline", "counter", "months")
FAMILIES = CUE_FAMILIES + PATTERN_FAMILIES
CORE_LANGUAGES = ("it", "en", "de", "fr", "es")

# Characters a phrase may hold besides letters, digits and single spaces: the punctuation
# of real cues ("photo:", "p.iva", "s'abonner", "(ansa)", "newsletter-anmeldung", "©").
# Anything else (a "*", "[", "|", "\\", a "#" mid-line...) is a regex or comment surprise.
ALLOWED_PUNCTUATION = set(":.,'’-&/()©+!?")

# Common function words: a phrase made only of these occurs in any sentence.
FUNCTION_WORDS = {
    "en": "a an the of in on at to for from by with and or but not is are was were be "
    "been it its this that these those he she we you they i me my our your their us "
    "about more most all some any no as so if then there here what which who how",
    "it": "il lo la i gli le un una uno di a da in con su per tra fra e o ma non è sono "
    "era che chi cui del della dei delle al alla nel nella sul sulla si ci ne noi voi "
    "loro questo questa quello quella più come anche se siamo",
    "de": "der die das den dem des ein eine einen einem einer und oder aber nicht ist "
    "sind war wer wir ihr sie er es ich du in im an am auf aus bei mit nach von vom zu "
    "zum zur für über unter uns mehr auch wie was wenn dass",
    "fr": "le la les un une des de du d l à au aux en dans sur par pour avec et ou mais "
    "ne pas est sont était qui que quoi nous vous ils elles il elle je tu on ce cette "
    "ces plus aussi comme si sommes",
    "es": "el la los las un una unos unas de del a al en con por para sin y o pero no es "
    "son era que quién quiénes cual nosotros vosotros ellos ellas él ella yo tú se lo "
    "le les más también como si somos",
    "pt": "o a os as um uma de do da dos das em no na nos nas por para com e ou mas não "
    "é são era que quem nós eles elas ele ela eu se mais também como somos",
    "nl": "de het een en of maar niet is zijn was wie wat wij jij zij hij ik in op aan "
    "bij met naar van voor over uit te om meer ook als dat die dit",
}
_ALL_FUNCTION_WORDS = frozenset(
    word for words in FUNCTION_WORDS.values() for word in words.split()
)


def _files() -> list[tuple[str, str]]:
    root = resources.files("declutter.lexicons")
    return sorted(
        (family.name, path.name[: -len(".txt")])
        for family in root.iterdir()
        if family.is_dir() and family.name in FAMILIES
        for path in family.iterdir()
        if path.name.endswith(".txt")
    )


FILES = _files()


def _lines(family: str, language: str) -> list[str]:
    path = resources.files("declutter.lexicons").joinpath(family, f"{language}.txt")
    return path.read_text(encoding="utf-8").splitlines()


def _entries(family: str, language: str) -> list[str]:
    return [line.strip() for line in _lines(family, language) if line.strip()
            and not line.strip().startswith("#")]


def _kind_and_phrase(entry: str) -> tuple[str, str]:
    """The loader's own split, so the tests read entries exactly as declutter does."""
    return lexicons._split_kind(entry)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_has_the_core_languages(family: str) -> None:
    languages = {language for fam, language in FILES if fam == family}
    missing = set(CORE_LANGUAGES) - languages
    assert not missing, f"{family}: no lexicon file for {sorted(missing)}"


@pytest.mark.parametrize(("family", "language"), FILES)
def test_file_parses(family: str, language: str) -> None:
    lines = _lines(family, language)
    assert lines and lines[0].startswith("#"), "a file starts with a comment saying what it holds"
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        where = f"{family}/{language}.txt:{number}: {raw!r}"
        if not line or line.startswith("#"):
            continue
        assert raw == line, f"{where}: stray spaces around the entry"
        kind, phrase = _kind_and_phrase(line)
        assert phrase, f"{where}: empty phrase"
        assert phrase == phrase.lower(), f"{where}: write phrases in lower case"
        assert "  " not in phrase and phrase == phrase.strip(), f"{where}: odd spacing"
        assert "#" not in phrase, f"{where}: '#' starts a comment only at the line start"
        odd = {c for c in phrase if not (c.isalnum() or c == " ")} - ALLOWED_PUNCTUATION
        assert not odd, f"{where}: unexpected characters {sorted(odd)}"
        if family in PATTERN_FAMILIES:
            assert not kind, f"{where}: {family} phrases feed a regex, no '^' or '='"
        # Cue phrases are looked up by their normalised form ("jan." and "jan" are one cue);
        # pattern phrases are used as written.
        key = phrase if family in PATTERN_FAMILIES else f"{kind}{lexicons.normalise(phrase)}"
        assert key not in seen, f"{where}: duplicate of line {seen[key]}"
        seen[key] = number
    assert seen, f"{family}/{language}.txt has no entries"


@pytest.mark.parametrize(("family", "language"), FILES)
def test_every_entry_matches_its_own_phrase(family: str, language: str) -> None:
    """Each phrase compiles and finds itself, alone and at the start of a longer block."""
    for entry in _entries(family, language):
        kind, phrase = _kind_and_phrase(entry)
        if family in PATTERN_FAMILIES:
            assert regex.fullmatch(lexicons._pattern(phrase), phrase, regex.IGNORECASE)
            continue
        lexicon = Lexicon(family, [(language, entry)])
        cue = lexicon.find(phrase.upper() if phrase.isascii() else phrase)
        assert cue is not None and cue.phrase == phrase, f"{family}/{language}: {entry!r}"
        if kind == "$":  # at the end of a block only
            assert lexicon.find(f"xyzzy {phrase}") is not None, f"{family}/{language}: {entry!r}"
            assert lexicon.find(f"{phrase} xyzzy") is None, f"{family}/{language}: {entry!r}"
        elif kind != "=":
            assert lexicon.find(f"{phrase} xyzzy") is not None, f"{family}/{language}: {entry!r}"
        else:
            assert lexicon.find(f"{phrase} xyzzy") is None, f"{family}/{language}: {entry!r}"


@pytest.mark.parametrize(("family", "language"), FILES)
def test_no_entry_is_only_function_words(family: str, language: str) -> None:
    """A cue made of function words ("in the", "über uns") would fire on plain prose."""
    if family in PATTERN_FAMILIES:
        return  # only ever matched next to a number
    for entry in _entries(family, language):
        _, phrase = _kind_and_phrase(entry)
        words = regex.findall(r"\w+", phrase.lower())
        if not words:
            assert phrase == "©", f"{family}/{language}: wordless entry {entry!r}"
            continue
        assert not set(words) <= _ALL_FUNCTION_WORDS, f"{family}/{language}: {entry!r}"


def _function_word_phrases() -> list[str]:
    phrases: list[str] = []
    for words in FUNCTION_WORDS.values():
        vocabulary = words.split()
        phrases += vocabulary
        phrases += [" ".join(pair) for pair in itertools.permutations(vocabulary[:25], 2)]
        phrases += [f"{a} {b}." for a, b in itertools.combinations(vocabulary[:12], 2)]
    return phrases


@pytest.mark.parametrize("family", CUE_FAMILIES)
def test_no_lexicon_matches_a_function_word_phrase(family: str) -> None:
    lexicon = lexicons.load(family)
    hits = [(p, c.phrase) for p in _function_word_phrases() if (c := lexicon.find(p))]
    assert not hits, f"{family} fires on function words: {hits[:10]}"


def test_counter_and_month_patterns_need_a_number() -> None:
    units = regex.compile(rf"\A(?:{lexicons.alternation('counter')})\Z", regex.IGNORECASE)
    months = regex.compile(rf"\A(?:{lexicons.alternation('months')})\Z", regex.IGNORECASE)
    assert units.match("visualizzazioni") and units.match("Minuten Lesezeit")
    assert months.match("Aprile") and months.match("März") and months.match("sept.")
    for word in ("the", "set", "and", "di", "gen", "mag", "out"):
        assert not months.match(word), word
