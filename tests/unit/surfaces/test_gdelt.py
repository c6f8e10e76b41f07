"""The GDELT-like event table."""

from __future__ import annotations

import csv
import io

import pytest

from watchfloor.store.sqlite import SqliteStore
from watchfloor.surfaces.corpus_view import load_view
from watchfloor.surfaces.countries import load_country_resolver
from watchfloor.surfaces.gdelt import COLUMNS, cameo_code, gdelt_text


def _rows(store: SqliteStore, delimiter: str = "\t") -> list[dict[str, str]]:
    text = gdelt_text(load_view(store), load_country_resolver(), delimiter=delimiter)
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_gdelt_one_row_per_event_with_columns(surface_store: SqliteStore) -> None:
    rows = _rows(surface_store)
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r["WF_EventID"]: r for r in rows}
    assert set(by_id) == {"ev-troops", "ev-arms", "ev-gift", "ev-summit"}
    troops = by_id["ev-troops"]
    assert troops["SQLDATE"] == "20241023"
    assert troops["Actor1Name"] == "North Korea" and troops["Actor1CountryCode"] == "PRK"
    assert troops["Actor2CountryCode"] == "RUS"
    assert troops["EventCode"] == "072" and troops["EventRootCode"] == "07"
    assert troops["QuadClass"] == "2"
    assert troops["NumArticles"] == "3" and troops["NumSources"] == "3"
    assert troops["SOURCEURL"].startswith("https://wire.example.com/")
    assert by_id["ev-gift"]["Actor2CountryCode"] == "PRK"  # Kim Jong Un's country
    assert by_id["ev-summit"]["EventCode"] == "040"
    assert by_id["ev-arms"]["GLOBALEVENTID"].isdigit()


def test_gdelt_csv_variant(surface_store: SqliteStore) -> None:
    assert len(_rows(surface_store, ",")) == 4


@pytest.mark.parametrize(
    ("type_", "mode", "code"),
    [
        ("AID", "military personnel", "072"),
        ("AID", "humanitarian", "073"),
        ("AID", "gift", "070"),
        ("CONSULT", "visit", "042"),
        ("REJECT", "veto", "120"),
        ("NOT_A_TYPE", None, ""),
    ],
)
def test_gdelt_cameo_mapping(type_: str, mode: str | None, code: str) -> None:
    assert cameo_code(type_, mode) == code
