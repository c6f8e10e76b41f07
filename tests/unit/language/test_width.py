"""Display width: the regex count agrees with the per-character east_asian_width definition."""

from __future__ import annotations

import random

import pytest

from watchfloor.language.width import char_width, display_width


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("North Korea", 11),
        ("北朝鮮", 6),
        ("북한 미사일", 11),
        ("Москва", 6),
        ("ＡＢＣ１", 8),  # fullwidth forms count double
        ("ｱｲｳ", 3),  # halfwidth katakana count single
        ("速報🚀 news", 11),  # an astral emoji is wide
    ],
)
def test_width_display_width_examples(text: str, width: int) -> None:
    assert display_width(text) == width


def test_width_every_bmp_character_matches_definition() -> None:
    for start in range(0, 0x10000, 0x400):
        block = "".join(chr(cp) for cp in range(start, start + 0x400) if not 0xD800 <= cp < 0xE000)
        assert display_width(block) == char_width(block), hex(start)
        for ch in block[::37]:
            assert display_width(ch) == char_width(ch), hex(ord(ch))


@pytest.mark.parametrize("seed", range(3))
def test_width_mixed_scripts_match_definition(seed: int) -> None:
    rng = random.Random(seed)
    ranges = [(0x20, 0x7F), (0x400, 0x4FF), (0x3040, 0x30FF), (0x4E00, 0x4FFF), (0xAC00, 0xAD00)]
    ranges += [(0xFF00, 0xFFEF), (0x1F300, 0x1F6FF), (0x20000, 0x20100)]
    for _ in range(200):
        text = "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(rng.randint(0, 50)))
        assert display_width(text) == char_width(text), text
