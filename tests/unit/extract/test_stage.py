"""The extract stage's floor on main text: measured in display width, so CJK counts double."""

from __future__ import annotations

import pytest
from tests.conftest import make_raw

from watchfloor.config import load_config
from watchfloor.extract.stage import ExtractStage
from watchfloor.records import Article, Reason, Rejected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # one Chinese sentence of 30 characters is a news flash (width 60 ≥ 40)
        ("朝鲜外务相崔善姬1日在莫斯科与俄罗斯外长拉夫罗夫举行会谈。", True),
        ("北朝鮮の崔善姫外相が1日、モスクワでラブロフ外相と会談した。", True),
        # the same number of Latin characters is not
        ("Choe met Lavrov in Moscow on Friday.", False),
        ("会谈。", False),
    ],
)
def test_extract_short_text_floor_counts_cjk_double(text: str, kept: bool) -> None:
    stage = ExtractStage(load_config(None))
    result = stage.process(make_raw("https://example.com/flash", text.encode("utf-8")))
    if kept:
        assert isinstance(result, Article), result
    else:
        assert isinstance(result, Rejected) and result.reason is Reason.NO_TEXT
