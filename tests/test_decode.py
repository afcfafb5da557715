"""Every path of ``declutter.decode``: BOMs, strict UTF-8, UTF-16 without BOM, declared
charsets, charset-normalizer with the windows-1252 preference, control characters,
newlines, binary refusal. Each call runs under a time bound."""

from __future__ import annotations

import codecs
import gzip
import random
import time

import pytest
from conftest import time_limit

from declutter.decode import decode, normalise_text, sniff_kind
from declutter.errors import BinaryPageError, DecodeError, EmptyPageError
from declutter.model import Kind

FR = "Le café coûte 3 € à l’hôtel. « Très bien », dit-il. Où est la gare ? Élève, garçon, cœur.\n"
DE = "Größere Übungen für Schüler: „Äpfel“ kosten 5 €. Die Straße ist schön, sagte er.\n"
PL = "Ustawa została przyjęta przez Sejm. Żółć, gęś, łąka, źdźbło — wszystko się zgadza.\n"
RU = "Привет, как дела? Это тестовый текст на русском языке, и он довольно длинный.\n"
ZH = (
    "北京时间昨天晚上，国家统计局发布了最新的经济数据。数据显示，今年前三个季度国内生产总值"
    "同比增长百分之五点二，其中第三季度增长百分之四点九。专家表示，消费市场继续恢复，服务业"
    "保持较快增长，但外部环境依然复杂严峻。与此同时，城镇调查失业率有所下降，居民收入稳步增加。\n"
)


@pytest.fixture(autouse=True)
def time_bound():
    """decode is pure Python or linear C: a page that takes seconds is a bug."""
    with time_limit(10, "decode"):
        yield


# -- empty and binary ---------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b" ", b"\n\r\n\t  \x0c", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_and_whitespace(raw):
    with pytest.raises(EmptyPageError, match="empty page|whitespace"):
        decode(raw)


def test_only_control_characters_is_empty():
    with pytest.raises(EmptyPageError, match="control characters"):
        decode(b"\x00" * 2 + b" " * 100)


@pytest.mark.parametrize(
    "raw, what",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (gzip.compress(b"<html><body>hello</body></html>" * 50), "gzip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"PK\x03\x04" + bytes(100), "zip archive"),
    ],
)
def test_binary_magic(raw, what):
    with pytest.raises(BinaryPageError, match=rf"binary content \({what}\), not a web page"):
        decode(raw)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_binary(seed):
    raw = random.Random(seed).randbytes(8000)
    with pytest.raises(BinaryPageError, match=r"control bytes in the first 4096\), not text"):
        decode(raw)


def test_ascii_control_bytes_are_binary_even_if_valid_utf8():
    with pytest.raises(BinaryPageError):
        decode(bytes(range(128)) * 20)


# -- BOMs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codec, bom",
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_bom(codec, bom):
    assert decode(bom + (FR + RU).encode(codec)) == FR + RU


def test_utf8_bom_with_a_bad_byte_is_replaced_not_refused():
    assert decode(codecs.BOM_UTF8 + b"caf\xe9 ok\n") == "caf\ufffd ok\n"


def test_utf16_bom_with_a_cut_last_byte():
    assert decode(codecs.BOM_UTF16_LE + FR.encode("utf-16-le") + b"\x41") == FR


def test_utf16_bom_with_a_lone_surrogate_is_a_decode_error():
    raw = codecs.BOM_UTF16_LE + "ok ".encode("utf-16-le") + b"\x00\xd8" + "ok".encode("utf-16-le")
    with pytest.raises(DecodeError, match=r"invalid utf-16-le at byte \d+"):
        decode(raw)


# -- UTF-8 and UTF-16 without BOM ---------------------------------------------------


def test_strict_utf8():
    text = FR + DE + PL + RU + ZH + "emoji 🎉\n"
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [FR * 3, DE * 3, RU * 3, ZH * 2], ids=["fr", "de", "ru", "zh"])
def test_utf16_without_bom(codec, text):
    assert decode(text.encode(codec)) == text


def test_mostly_utf8_with_a_stray_byte_stays_utf8():
    raw = ("Größere Übungen für Schüler " * 20).encode() + b" caf\xe9\n"
    assert decode(raw).startswith("Größere Übungen") and decode(raw).endswith("caf\ufffd\n")


# -- declared charsets --------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        '<html><head><meta charset="{}"></head><body>{}</body></html>',
        "<html><head><meta charset={}><title>x</title></head><body>{}</body></html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset={}">'
        "</head><body>{}</body></html>",
        '<?xml version="1.0" encoding="{}"?><html><body>{}</body></html>',
    ],
    ids=["meta-charset", "meta-unquoted", "http-equiv", "xml-declaration"],
)
def test_declared_charset(template):
    page = template.format("koi8-r", RU)
    assert decode(page.encode("koi8-r")) == page


@pytest.mark.parametrize("declared", ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "ascii"])
def test_latin1_and_ascii_declarations_read_as_windows_1252(declared):
    page = f'<html><head><meta charset="{declared}"></head><body>{FR}</body></html>'
    assert decode(page.encode("cp1252")) == page  # "€", "’", "œ" are windows-1252 only


def test_declared_utf16_in_ascii_bytes_is_ignored():
    raw = b'<html><head><meta charset="utf-16"></head><body>caf\xe9 cr\xe8me</body></html>'
    assert "café crème" in decode(raw)


def test_unknown_declaration_falls_back_to_guessing():
    page = f'<html><head><meta charset="x-nonsense"></head><body>{FR}</body></html>'
    assert decode(page.encode("cp1252")) == page


# -- undeclared legacy encodings: charset-normalizer and the windows-1252 preference --


@pytest.mark.parametrize("text", [FR, DE, FR + DE, "Café\n", "He said “hi” — it’s €5…\n"])
def test_undeclared_windows_1252(text):
    assert decode(text.encode("cp1252")) == text


def test_undeclared_latin1():
    text = "Der Bürgermeister sagte: «Schön, daß Sie da sind.» Très bien, à bientôt.\n"
    assert decode(text.encode("latin-1")) == text


def test_undeclared_cp1250_polish():
    assert decode((PL * 3).encode("cp1250")) == PL * 3


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_undeclared_cyrillic(codec):
    assert decode((RU * 3).encode(codec)) == RU * 3


@pytest.mark.parametrize("codec", ["gb18030", "big5", "shift_jis", "euc-kr"])
def test_undeclared_cjk(codec):
    text = {
        "gb18030": ZH,
        "big5": "這是一個測試文本，用於檢查編碼檢測是否正確。"
        "台灣的天氣今天很好，我們去公園散步吧。\n",
        "shift_jis": "これは日本語のテキストです。"
        "今日はとても良い天気ですね。東京の公園に行きましょう。\n",
        "euc-kr": "이것은 한국어 텍스트입니다. "
        "오늘 날씨가 아주 좋네요. 서울 공원에 산책하러 갑시다.\n",
    }[codec]
    assert decode((text * 3).encode(codec)) == text * 3


def test_any_bytes_decode_or_fail_cleanly():
    rng = random.Random(7)
    for _ in range(300):
        alphabet = b"abc \n\x80\x81\x8d\x9f\xc3\xa9\xe2\x82\xac\xff\xfe\x00\r"
        raw = bytes(rng.choice(alphabet) for _ in range(60))
        try:
            text = decode(raw)
        except (EmptyPageError, BinaryPageError, DecodeError):
            continue
        assert "\r" not in text and "\x00" not in text


# -- normalisation ------------------------------------------------------------------


def test_control_characters_removed():
    raw = "a\x00b\x01c\x08d\x1be\x7ff\tg\x9dh\n".encode()
    assert decode(b"Some text. " * 20 + raw).endswith("abcdef\tgh\n")


def test_nul_bytes_inside_text():
    text = ("A line of ordinary text with a few stray bytes.\n" * 40).encode()
    raw = text[:100] + b"\x00" + text[100:500] + b"\x00\x00" + text[500:]
    assert decode(raw) == text.decode()


@pytest.mark.parametrize(
    "raw, want",
    [
        (b"a\rb\rc", "a\nb\nc"),
        (b"a\r\nb\nc\r\rd", "a\nb\nc\n\nd"),
        (b"a\r\n\r\nb", "a\n\nb"),
        ("a\u2028b\u2029c\x85d\x0be\x0cf".encode(), "a\nb\nc\nd\ne\nf"),
    ],
)
def test_newlines_normalised(raw, want):
    assert decode(raw) == want


def test_normalise_text_on_str():
    assert normalise_text("x\r\ny\x00\ud800\ufffez") == "x\nyz"


def test_one_long_line_is_linear():
    raw = ("word " * 400_000).encode() + "é".encode("cp1252")  # 2 MB, not UTF-8
    start = time.perf_counter()
    assert decode(raw).endswith("word é")
    assert time.perf_counter() - start < 3


# -- page kind ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "  <html lang=en><p>x",
        '<?xml version="1.0"?>\n<!-- a --><!-- b -->\n<html><body>x</body></html>',
    ],
)
def test_sniff_html(text):
    assert sniff_kind(text) is Kind.HTML


@pytest.mark.parametrize("text", ["Just a text dump.\nWith lines.", "a < b and c > d\n" * 10])
def test_sniff_text(text):
    assert sniff_kind(text) is Kind.TEXT


def test_sniff_many_comments_is_fast():
    # Once catastrophic: comments in a row could be grouped 2**n ways before failing.
    start = time.perf_counter()
    assert sniff_kind("<!---->" * 500 + "plain text") is Kind.TEXT
    assert sniff_kind("<!-- a -->" * 300 + "<html><body>x") is Kind.HTML
    assert time.perf_counter() - start < 1


# -- legacy CJK encodings and UTF-16 of CJK text ------------------------------------

JA = (
    "東京都は三日、老朽化した橋の修理を春に始め、八か月かかると発表した。"
    "その間、フェリーが二十分ごとに運航される。\n"
)
ZH_PUNCT = (
    "北京市政府三日宣布，这座老桥的维修工作将于春季开始，预计持续八个月，期间渡轮每二十分钟一班。\n"
)
ZH_HANT = (
    "台北市政府三日宣布，這座老橋的維修工作將於春季開始，預計持續八個月，期間渡輪每二十分鐘一班。\n"
)
KO = (
    "서울시는 3일 낡은 다리의 수리를 봄에 시작해 8개월 동안 진행한다고 발표했다. "
    "그동안 배가 20분마다 운항한다.\n"
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [(JA, "shift_jis"), (JA, "euc-jp"), (ZH_PUNCT, "gbk"), (ZH_HANT, "big5"), (KO, "euc-kr")],
)
def test_undeclared_legacy_cjk_is_not_read_as_utf16(text, codec):
    # Their byte pairs have few distinct lead bytes, as UTF-16 has few high bytes.
    assert decode(text.encode(codec)) == text


def test_declared_shift_jis_page_is_read_as_declared():
    head = '<html><head><meta charset="shift_jis"><title>橋</title></head>'
    page = f"{head}<body><p>{JA.strip() * 3}</p>"
    assert decode(page.encode("shift_jis")) == page


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [JA, ZH_PUNCT, ZH_HANT, KO], ids=["ja", "zh", "zh-hant", "ko"])
def test_utf16_of_cjk_spread_over_many_high_bytes(codec, text):
    assert decode((text * 3).encode(codec)) == text * 3
