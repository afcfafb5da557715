"""Raw bytes -> text, and which kind of page the text is.

Order of evidence for the encoding: byte-order mark; a UTF-16 pattern without BOM
(NUL high bytes); strict UTF-8; UTF-16 without BOM of non-Latin text (few distinct
high bytes, or NULs and only one byte order printable; never for a page that declares a
charset in ASCII bytes, nor for bytes that read as a legacy CJK encoding and hold no NUL);
the charset the page declares (``<meta charset>``, http-equiv, XML
declaration); mostly-UTF-8 with a few bad bytes (replaced); then charset-normalizer's
best guess, where windows-1252 wins over another Latin-script guess unless reading the
page as windows-1252 puts odd symbols inside words. Latin-1 / ASCII declarations are
read as windows-1252, as browsers do. Bytes that are no text at all (images, archives,
PDFs, control bytes) are refused with a clear error instead of being decoded into noise.

The text then has its line breaks (``\r\n``, ``\r``, VT, FF, NEL, U+2028/2029)
normalised to ``\n`` and its C0/C1 control characters (tab and newline kept),
noncharacters and surrogates removed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import regex
from charset_normalizer import from_bytes

from .errors import BinaryPageError, DecodeError, EmptyPageError
from .model import Kind

# Leading bytes of common binary formats that scrapers save under a page extension.
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How far into the page a charset declaration or an HTML signature is looked for.
SNIFF_BYTES = 4096
# Share of control bytes above which a page is binary (text has almost none).
BINARY_CONTROL_SHARE = 0.10
# In UTF-16 without BOM, about half the bytes of Latin text are NUL at one parity.
UTF16_NUL_SHARE = 0.35

# Linear: a declaration does not run past the next "<" (was quadratic on "<meta" runs).
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^<>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^<>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these declarations (and guesses) as windows-1252.
_AS_WINDOWS_1252 = frozenset(
    "iso-8859-1 iso8859-1 latin-1 latin1 latin_1 l1 us-ascii ascii".split()
)
# A page that declares UTF-16 or UTF-32 in ASCII-compatible bytes is not UTF-16 (the
# HTML standard reads such a declaration as UTF-8): the declaration is ignored.
_IGNORED_DECLARATIONS = ("utf-16", "utf-32", "utf_16", "utf_32")
# Bytes no text holds: C0 controls other than whitespace (tab, LF, VT, FF, CR).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
# Line breaks other than \r and \n: vertical tab, form feed, NEL, line/paragraph separator.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_LINE_BREAK_CHARS = "\r\x0b\x0c\x85\u2028\u2029"  # the characters that pattern starts with
# C0 and C1 control characters (tab and newline kept), DEL, noncharacters, and surrogates
# (which only a str page given to ``clean`` can hold).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
# A comment cannot run past its "-->", so comments in a row are matched one way only.
_HTML_SIGNATURE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|table|td|li|ul|script|meta|link|img)\b", re.I)
# A text sniffed as HTML without a signature needs this many tags per kilobyte.
HTML_TAGS_PER_KB = 2.0
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# Bytes of an undeclared, non-UTF-8 page that charset-normalizer looks at.
GUESS_BYTES = 1 << 16
# A page that is not strict UTF-8 is still read as UTF-8 (bad bytes replaced) when its
# valid multi-byte characters outnumber its invalid bytes this many times.
MOSTLY_UTF8_RATIO = 4
# Fewer non-ASCII bytes than this are too little evidence for a guess: windows-1252.
MIN_GUESS_BYTES = 8
# Symbols inside words betray a wrong code page: Polish cp1250 read as windows-1252
# shows "zosta³a", "¿ó³æ".
_ODD_IN_WORD = regex.compile(r"(?<=\p{L})[^\x00-\x7f\p{L}\p{M}\p{Pi}\p{Pf}\p{Pd}\s](?=\p{L})")
_NON_ASCII_LETTER = regex.compile(r"[^\x00-\x7f\P{L}]")
_LATIN_LETTER = regex.compile(r"[^\x00-\x7f\P{Latin}]")


def decode(raw: bytes, *, charset: str | None = None) -> str:
    """Decode a page's bytes to text with newlines normalised to ``\\n``.

    ``charset``: the encoding that a source outside the page gives (the HTTP
    ``Content-Type`` header of a crawl record), used where the page declares none; like
    a declaration, it does not outweigh a byte-order mark or valid UTF-8.

    Raises ``EmptyPageError``, ``BinaryPageError`` or ``DecodeError`` with a reason.
    """
    if not raw.strip():
        raise EmptyPageError("empty page" if not raw else "page holds only whitespace")
    if not raw.translate(None, _CONTROL_BYTES).strip():
        raise EmptyPageError("page holds only whitespace or control characters")
    text = normalise_text(_decode_bytes(raw, charset))
    if not text.strip():
        raise EmptyPageError("page holds only whitespace or control characters")
    return text


def normalise_text(text: str) -> str:
    """Newlines normalised to ``\\n``, control characters and noncharacters removed."""
    if any(char in text for char in _LINE_BREAK_CHARS):  # most texts hold none
        text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL_CHARS.sub("", text)


def _decode_bytes(raw: bytes, hint: str | None) -> str:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _with_bom(raw[len(bom) :], encoding)
    _refuse_magic(raw)
    head = raw[:SNIFF_BYTES]
    utf16 = _plausible_utf16(head, _utf16_by_nul_bytes(head))
    if utf16:
        return _strict(raw, utf16)
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # Cyrillic UTF-16 is ASCII bytes, many of them control bytes (0x04): valid UTF-8.
    # A charset declared in ASCII bytes proves the page ASCII-compatible: no UTF-16.
    # (Looked for only here: a valid UTF-8 page of text needs no declaration.)
    declared = None
    if text is None or _control_share(head) > BINARY_CONTROL_SHARE:
        declared = _declared_charset(raw) or (_charset_name(hint) if hint else None)
        utf16 = None if declared else _plausible_utf16(head, _utf16_by_high_bytes(head))
        if utf16:
            return _strict(raw, utf16)
    _refuse_control_bytes(head)
    if text is not None:
        return text
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if _mostly_utf8(raw[: 1 << 20]):
        return raw.decode("utf-8", errors="replace")
    return raw.decode(_guess(raw[:GUESS_BYTES]), errors="replace")


def _with_bom(raw: bytes, encoding: str) -> str:
    if encoding == "utf-8":  # the BOM settles it: a stray bad byte is replaced
        return raw.decode("utf-8", errors="replace")
    return _strict(raw, encoding)


def _strict(raw: bytes, encoding: str) -> str:
    """UTF-16/32 decoded strictly, save an incomplete last code unit (a cut download)."""
    unit = 4 if "32" in encoding else 2
    try:
        return raw[: len(raw) - len(raw) % unit].decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} at byte {exc.start}") from None


def _refuse_magic(raw: bytes) -> None:
    for magic, name in BINARY_MAGIC:
        if raw.startswith(magic):
            raise BinaryPageError(f"binary content ({name}), not a web page")


def _control_share(head: bytes) -> float:
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)


def _refuse_control_bytes(head: bytes) -> None:
    if _control_share(head) > BINARY_CONTROL_SHARE:
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        raise BinaryPageError(
            f"binary content ({controls} control bytes in the first {len(head)}), not text"
        )


# UTF-16 text puts its NUL bytes (the high bytes of ASCII characters) at both code units
# of a 4-byte stretch alike; bytes with a NUL every fourth byte put them all at one
# position mod 4: above this share there it is periodic noise, not UTF-16 (it would read
# as CJK mixed with letters).
UTF16_MAX_NUL_PERIOD_SHARE = 0.9
# NUL bytes needed before their positions say anything.
UTF16_MIN_NULS = 32


def _plausible_utf16(head: bytes, encoding: str | None) -> str | None:
    """``encoding`` unless ``head``'s NUL bytes are periodic noise (see above)."""
    if encoding is None:
        return None
    nuls = [head[start::4].count(0) for start in range(4)]
    total = sum(nuls)
    if total >= UTF16_MIN_NULS and max(nuls) > total * UTF16_MAX_NUL_PERIOD_SHARE:
        return None
    return encoding


def _utf16_by_nul_bytes(head: bytes) -> str | None:
    """UTF-16 without BOM of Latin-script text: NUL high bytes at one parity."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) / len(odd) > UTF16_NUL_SHARE and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) / len(even) > UTF16_NUL_SHARE and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


# UTF-16 of one script: the high bytes take a handful of values (0x04 for Cyrillic,
# 0x4E-0x9F for CJK), the low bytes many; and the decoded text is made of assigned,
# printable characters (random bytes give ~30% unassigned, private-use, surrogates).
UTF16_DISTINCT_RATIO = 1.5
UTF16_MAX_ODD_SHARE = 0.02
# Legacy multi-byte encodings of CJK text look alike (few distinct lead bytes, many trail
# bytes) but never hold a NUL byte, which UTF-16 gives every space, newline and digit.
LEGACY_CJK = ("cp932", "euc-jp", "gb18030", "big5", "euc-kr")


def _utf16_by_high_bytes(head: bytes) -> str | None:
    """UTF-16 without BOM of non-Latin text, which has few NUL bytes."""
    if len(head) < 64 or (b"\x00" not in head and _legacy_cjk(head)):
        return None
    even, odd = len(set(head[0::2])), len(set(head[1::2]))
    if odd * UTF16_DISTINCT_RATIO <= even:
        return "utf-16-le" if _printable_utf16(head, "utf-16-le") else None
    if even * UTF16_DISTINCT_RATIO <= odd:
        return "utf-16-be" if _printable_utf16(head, "utf-16-be") else None
    if b"\x00" not in head:
        return None
    # CJK spread over many high bytes: the NULs of its spaces and newlines tell that it
    # is UTF-16, and only the right byte order reads as printable text.
    readable = [e for e in ("utf-16-le", "utf-16-be") if _printable_utf16(head, e)]
    return readable[0] if len(readable) == 1 else None


def _printable_utf16(head: bytes, encoding: str) -> bool:
    """``head`` read as ``encoding`` is made of assigned, printable characters."""
    text = head[: len(head) - len(head) % 4].decode(encoding, errors="replace")
    odd_chars = sum(
        1
        for char in text
        if char == "\ufffd"
        or (unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r")
    )
    return odd_chars <= len(text) * UTF16_MAX_ODD_SHARE


def _legacy_cjk(head: bytes) -> bool:
    """``head`` reads as one of the legacy CJK encodings (its last character may be cut)."""
    for codec in LEGACY_CJK:
        try:
            head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 1:
                continue
        return True
    return False


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(raw[:SNIFF_BYTES])
    if not match:
        return None
    return _charset_name((match.group(1) or match.group(2)).decode("ascii", "replace"))


def _charset_name(name: str) -> str | None:
    """The codec of a declared charset name, as browsers read it; None to ignore it."""
    name = name.strip().lower()
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    if name.startswith(_IGNORED_DECLARATIONS):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _mostly_utf8(raw: bytes) -> bool:
    """Mostly valid UTF-8 with a few bad bytes (a page pasted together from two sources)."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good > 0 and good >= MOSTLY_UTF8_RATIO * bad


def _guess(sample: bytes) -> str:
    """charset-normalizer's guess, or the Latin code page that reads the page best.

    charset-normalizer often reads short French or German windows-1252 text as cp1250
    or cp852 ("coűte", "Trčs"), and Polish cp1250 as windows-1252 ("zosta³a"). A guess
    in another script (Cyrillic, Greek, CJK...) is kept; for Latin-script text,
    windows-1252 (the browsers' default for undeclared Western pages), the guess and
    cp1250 compete on the fewest odd symbols inside words, ties going to windows-1252.
    With too few non-ASCII bytes to tell, windows-1252.
    """
    if len(sample) - len(sample.decode("ascii", errors="ignore")) < MIN_GUESS_BYTES:
        return "cp1252"
    best = from_bytes(sample).best()
    guess = _codec_name(best.encoding) if best is not None and best.encoding else "cp1252"
    if guess.startswith(_IGNORED_DECLARATIONS):
        guess = "cp1252"
    guessed = sample.decode(guess, errors="replace")
    letters = len(_NON_ASCII_LETTER.findall(guessed))
    if len(_LATIN_LETTER.findall(guessed)) < letters * 0.8:
        return guess  # another script
    candidates = dict.fromkeys(("cp1252", guess, "cp1250"))
    return min(candidates, key=lambda c: len(_ODD_IN_WORD.findall(sample.decode(c, "replace"))))


def _codec_name(name: str) -> str:
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return "cp1252"
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def sniff_kind(text: str, suffix: str = "") -> Kind:
    """HTML for an HTML file name or an HTML signature/markup density, else a text dump."""
    if suffix.lower() in HTML_SUFFIXES:
        return Kind.HTML
    head = text[:SNIFF_BYTES]
    if _HTML_SIGNATURE.match(head):
        return Kind.HTML
    tags = len(_HTML_TAG.findall(head))
    if tags and tags / max(len(head) / 1024, 1.0) >= HTML_TAGS_PER_KB and "<" in head[:200]:
        return Kind.HTML
    return Kind.TEXT
