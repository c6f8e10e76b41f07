"""News outlets are told apart from the actors of events (registry sector MED)."""

from __future__ import annotations

import pytest

from watchfloor.claims.media import is_media


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Korean Central News Agency", True),
        ("Yonhap News Agency", True),
        ("TASS", True),
        ("Kim Jong Un", False),
        ("North Korea", False),
        ("National Intelligence Service (South Korea)", False),
    ],
)
def test_media_is_media(name: str, expected: bool) -> None:
    assert is_media(name) is expected
