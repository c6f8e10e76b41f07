"""Phrase matching of the boilerplate lexicon: trie patterns, joined patterns, first reason wins."""

from __future__ import annotations

import random
import re

import pytest

from watchfloor.extract.lexicon import (
    BoilerplateLexicon,
    LineRules,
    fold,
    key,
    load_boilerplate,
    trie_regex,
)

WORD_CHARS = "A-Za-zА-Яа-яЁё0-9"


def flat_alternation(words: list[str], word_chars: str | None) -> re.Pattern[str]:
    """The slow reference: each word (longest first) with its own boundary guards."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        esc = re.escape(word)
        if word_chars and re.match(f"[{word_chars}]", word[-1]):
            esc += f"(?![{word_chars}])"
        if word_chars and re.match(f"[{word_chars}]", word[0]):
            esc = f"(?<![{word_chars}])" + esc
        parts.append(esc)
    return re.compile("|".join(parts))


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


AGENCY_LIKE = ["AP", "AFP", "AFPBB", "APN", "Reuters", "ТАСС", "РИА Новости", "時事", "연합뉴스"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(AP) Officials met.", [(1, "AP")]),
        ("APEC leaders met; AFP reported.", [(18, "AFP")]),
        ("翻訳編集AFPBB】", [(4, "AFPBB")]),  # CJK neighbours are no boundary
        ("/ТАСС/ and РИА Новости.", [(1, "ТАСС"), (11, "РИА Новости")]),
        ("(서울=연합뉴스)〔AFP=時事〕", [(4, "연합뉴스"), (10, "AFP"), (14, "時事")]),
        ("APN, AP, APNs", [(0, "APN"), (5, "AP")]),
    ],
)
def test_lexicon_trie_regex_matches_words_with_boundaries(
    text: str, expected: list[tuple[int, str]]
) -> None:
    pattern = re.compile(trie_regex(AGENCY_LIKE, WORD_CHARS))
    assert spans(pattern, text) == expected


@pytest.mark.parametrize("word_chars", [WORD_CHARS, None])
@pytest.mark.parametrize("seed", range(5))
def test_lexicon_trie_regex_equals_flat_alternation(word_chars: str | None, seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "aAbB0 -=/(時事연합"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(30)]
    words = [w for w in words if w.strip()]
    fast = re.compile(trie_regex(words, word_chars))
    slow = flat_alternation(words, word_chars)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert spans(fast, text) == spans(slow, text), text


def test_lexicon_line_rules_join_patterns_but_keep_backreferences_apart() -> None:
    rules = LineRules(
        exact=frozenset(),
        prefixes=(),
        contains=(),
        patterns=(re.compile(r"^\d+ min read$"), re.compile(r"^(\w+) \1$"), re.compile("^x$")),
    )
    assert rules.match_kind("5 min read", "5 min read") == "pattern"
    assert rules.match_kind("again again", "again again") == "pattern"  # \1 still its own group
    assert rules.match_kind("again never", "again never") is None
    assert rules.match_kind("x", "x") == "pattern"


@pytest.mark.parametrize(
    ("rules", "line", "expected"),
    [
        # The first reason in order wins even when a later one matches more exactly.
        (
            (("teaser", ("", "read more", "")), ("navigation", ("read more", "", ""))),
            "Read more",
            ("teaser", "prefix"),
        ),
        ((("share", ("", "", "share this")),), "Please share this story", ("share", "contains")),
        ((("share", ("", "", "share this")),), "Sharing is caring", None),
        ((("navigation", ("home", "", "")),), "【Home】", ("navigation", "exact")),
    ],
)
def test_lexicon_reason_for_keeps_reason_order(
    rules: tuple[tuple[str, tuple[str, str, str]], ...],
    line: str,
    expected: tuple[str, str] | None,
) -> None:
    def line_rules(exact: str, prefix: str, contains: str) -> LineRules:
        return LineRules(
            exact=frozenset({key(exact)} if exact else ()),
            prefixes=(fold(prefix),) if prefix else (),
            contains=(fold(contains),) if contains else (),
            patterns=(),
        )

    lexicon = BoilerplateLexicon(
        rules=tuple((name, line_rules(*phrases)) for name, phrases in rules),
        bio_words=frozenset(),
    )
    assert lexicon.reason_for(line) == expected


def test_lexicon_shipped_reason_for_matches_rule_by_rule() -> None:
    """The all-reasons prefilter never changes what the per-reason rules say."""
    lexicon = load_boilerplate()
    lines = ["Share this article", "最新ニュース", "3 min read", "The talks ended on Tuesday."]
    lines += ["You May Also Like", "관련기사", "Читайте также", "Copyright 2024 Example News"]
    for line in lines:
        folded, keyed = fold(line), key(line)
        expected = next(
            (
                (name, kind)
                for name, rules in lexicon.rules
                if (kind := rules.match_kind(folded, keyed, line)) is not None
            ),
            None,
        )
        assert lexicon.reason_for(line) == expected, line
