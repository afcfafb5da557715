"""Every regular expression declutter uses, run on adversarial input, under a time bound.

The patterns are collected programmatically: compiled ``re``/``regex`` patterns held by
any declutter module, patterns returned by argument-free cached builders
(``functools.cache``/``lru_cache``), and the compiled alternations of every lexicon.
Each pattern runs (``search``, ``findall``) on ~100 KB strings
built to provoke catastrophic backtracking, in a forked child killed after
``PATTERN_BOUND_S`` seconds, so a runaway pattern fails its own test.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re
import time

import pytest
import regex

import declutter
from declutter import lexicons

SIZE = 100_000
# Linear patterns take milliseconds on every input here; a bound of seconds only
# tolerates a loaded machine.
PATTERN_BOUND_S = 8.0
PATTERN_TYPES = (re.Pattern, regex.Pattern)


def _modules():
    names = ["declutter"] + [
        info.name for info in pkgutil.walk_packages(declutter.__path__, "declutter.")
    ]
    # Entry points run when imported; the benchmark scores, it does not clean pages.
    skip = ("declutter.cli", "declutter.runner", "declutter.demo", "declutter.bench")
    for name in sorted(names):
        if name.startswith(skip) or name.endswith("__main__"):
            continue
        try:
            yield importlib.import_module(name)
        except Exception:  # a module another engineer is writing right now
            continue


def collect() -> dict[str, re.Pattern | regex.Pattern]:
    found: dict[str, re.Pattern | regex.Pattern] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            where = f"{module.__name__}.{attr}"
            if isinstance(value, PATTERN_TYPES):
                if all(value is not seen for seen in found.values()):  # not an import
                    found[where] = value
            elif (
                callable(value)
                and hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
            ):
                try:
                    built = value()
                except TypeError:
                    continue  # takes arguments: not a pattern builder
                if isinstance(built, PATTERN_TYPES):
                    found[f"{where}()"] = built
    for family in lexicons.families():
        lexicon = lexicons.load(family)
        for slot in ("_anywhere", "_leading"):
            pattern = getattr(lexicon, slot, None)
            if isinstance(pattern, PATTERN_TYPES):
                found[f"lexicon {family}.{slot}"] = pattern
    return found


PATTERNS = collect()


def _phrase_soup() -> str:
    phrases = [line.lstrip("^=") for f in lexicons.families() for _, line in lexicons.phrases(f)]
    return "  ".join(phrases)


def adversarial() -> dict[str, str]:
    soup = _phrase_soup()
    units = {
        "spaces": " ",
        "tabs-nbsp": " \t\u00a0 ",
        "letters": "a",
        "a-space": "a ",
        "word-space": "word ",
        "digits-separators": "1,234.567 ",
        "digit-runs": "1.1.1/1-1:1'1 ",
        "date-like": "12/12/12 12:30 ",
        "gt-separators": "> ",
        "item-bar": "a | b · c • ",
        "punctuation": "!?.,;:-–—…*#()[]\"'“”«» ",
        "dashes": "-",
        "lt": "<",
        "comment-runs": "<!---->",
        "meta-no-close": "<meta a=b ",
        "tag-soup": "<div class='x'",
        "doubled-word": "abc abc ",
        "bullets": "* - • ",
        "counts": "3 ",
        "newlines": "a\n",
        "cjk": "中文字",
    }
    out = {name: (unit * (SIZE // len(unit) + 1))[:SIZE] for name, unit in units.items()}
    out["phrase-soup"] = (soup * (SIZE // max(len(soup), 1) + 1))[:SIZE]
    out["phrase-soup-spaced"] = out["phrase-soup"].replace(" ", "   ")
    # A near-match followed by a character that makes the whole thing fail at the end
    # (for runs of non-word characters the plain run already is that case).
    for name in list(out):
        if regex.search(r"\w", out[name][:100]):
            out[name + "+end"] = out[name] + "\x00!"
    return out


INPUTS = adversarial()


def _exercise(pattern) -> None:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    anchored = source.startswith("\\A") and "|" not in source.split("(")[0]
    for text in INPUTS.values():
        subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        pattern.search(subject)
        if not anchored:  # findall tries every start position: covers match() and split()
            pattern.findall(subject)


def _child(send, name) -> None:
    start = time.perf_counter()
    _exercise(PATTERNS[name])
    send.send(time.perf_counter() - start)


def test_patterns_were_found():
    names = " ".join(PATTERNS)
    # A sample of the patterns that must be collected: the walk itself works.
    for expected in (
        "declutter.decode._HTML_SIGNATURE",
        "declutter.decode._DECLARED_CHARSET",
        "declutter.sources.html._TAG",
        "rules.metadata._counter()",
        "lexicon comments.",
    ):
        assert expected in names, expected
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_catastrophic_backtracking(name):
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, name), daemon=True)
    child.start()
    send.close()
    try:
        if not recv.poll(PATTERN_BOUND_S):
            pytest.fail(f"{name} ran over {PATTERN_BOUND_S} s: catastrophic backtracking")
        seconds = recv.recv()
    except EOFError:
        pytest.fail(f"{name} killed the process (exit code {child.exitcode})")
    finally:
        child.kill()
        child.join()
    assert seconds < PATTERN_BOUND_S
