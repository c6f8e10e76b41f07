"""A GDELT-like event table (one row per fused event) for users of GDELT/ICEWS tooling.

Columns follow the GDELT 2.0 event table names where a value exists; fields watchfloor does not
estimate (Goldstein scale, tone, geocodes) are left empty rather than invented. EventCode comes
from the CAMEO table of the ontology data (PLOVER type + mode/context -> CAMEO); when the
ontology is missing the CAMEO fields stay empty. Extra ``WF_*`` columns keep what GDELT lacks:
the watchfloor event id, status, corroboration and asserters.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from watchfloor.records import Event
from watchfloor.surfaces.corpus_view import CorpusView
from watchfloor.surfaces.countries import CountryResolver

COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_FullName",
    "DATEADDED", "SOURCEURL",
    "WF_EventID", "WF_Type", "WF_Mode", "WF_DatePrecision", "WF_Status", "WF_Corroboration",
    "WF_AssertedBy",
)  # fmt: skip
QUAD_CLASS = {
    "verbal_cooperation": "1",
    "material_cooperation": "2",
    "verbal_conflict": "3",
    "material_conflict": "4",
}

Row = dict[str, str]


@lru_cache(maxsize=1)
def _cameo_index() -> tuple[dict[str, list[tuple[str, str, tuple[str, ...], str]]], dict[str, str]]:
    """type -> [(code, mode, contexts, label)] and type -> quad; empty when no ontology data."""
    try:
        from watchfloor.claims.ontology import load_ontology

        onto = load_ontology()
    except (ImportError, OSError, KeyError, ValueError):
        return {}, {}
    by_type: dict[str, list[tuple[str, str, tuple[str, ...], str]]] = {}
    for row in onto.cameo:
        by_type.setdefault(row.type, []).append((row.code, row.mode, row.contexts, row.label))
    quads = {name: t.quad for name, t in onto.types.items()}
    return by_type, quads


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def cameo_code(event_type: str, mode: str | None) -> str:
    """The CAMEO code that best reads a PLOVER (type, mode); "" when the ontology has none.

    A row scores for an equal mode, for contexts named in the mode ("military personnel" ->
    military) and for long label words shared with the mode; ties go to the shorter, lower code.
    With no specific evidence the type's base code is used.
    """
    rows = _cameo_index()[0].get(event_type.upper(), [])
    rows = [r for r in rows if len(r[0]) >= 3]  # two-digit codes are headings
    if not rows:
        return ""
    mode_l = (mode or "").lower()
    mode_words = _words(mode_l)

    def score(row: tuple[str, str, tuple[str, ...], str]) -> int:
        _code, rmode, contexts, label = row
        s = 4 if rmode and rmode.lower() == mode_l else 0
        s += 2 * sum(1 for c in contexts if c in mode_words)
        # shared label words of 5+ letters ("ratify", "sanctions"); short ones are too vague
        s += len({w for w in mode_words & _words(label) if len(w) >= 5})
        return s

    best = max(rows, key=lambda r: (score(r), -len(r[0]), [-ord(ch) for ch in r[0]]))
    if score(best) > 0:
        return best[0]
    # nothing specific: the type's base code (030, 040, 070, ...)
    base = sorted(r[0] for r in rows if len(r[0]) == 3 and r[0].endswith("0"))
    return base[0] if base else min(r[0] for r in rows)


def _sqldate(date: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate; unknown day/month are 00 as in GDELT's docs."""
    if not date:
        return "", "", "", ""
    parts = date.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else "00"
    day = parts[2] if len(parts) > 2 else "00"
    fraction = ""
    if year.isdigit():
        m = int(month) if month.isdigit() and month != "00" else 1
        d = int(day) if day.isdigit() and day != "00" else 1
        fraction = f"{int(year) + ((m - 1) * 30.4375 + d) / 365.25:.4f}"
    return f"{year}{month}{day}", f"{year}{month}", year, fraction


def _sides(event: Event) -> tuple[str | None, str | None]:
    actor1 = event.actors[0] if event.actors else None
    if event.recipients:
        return actor1, event.recipients[0]
    return actor1, (event.actors[1] if len(event.actors) > 1 else None)


def _actor(name: str | None, resolver: CountryResolver | None) -> tuple[str, str, str]:
    if not name:
        return "", "", ""
    code = resolver.code(name) if resolver is not None else None
    return (code or ""), name, (code or "")


def global_event_id(event_id: str) -> str:
    """A stable integer id from the watchfloor event id (GDELT ids are integers)."""
    import hashlib

    return str(int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16))


def gdelt_rows(view: CorpusView, resolver: CountryResolver | None = None) -> Iterator[Row]:
    _, quads = _cameo_index()
    for event in sorted(view.events, key=lambda e: (e.date or "", e.event_id)):
        code = cameo_code(event.type, event.mode)
        sql, month_year, year, fraction = _sqldate(event.date)
        a1, a2 = _sides(event)
        a1_code, a1_name, a1_country = _actor(a1, resolver)
        a2_code, a2_name, a2_country = _actor(a2, resolver)
        docs = view.event_docs(event)
        first_url = min(
            (d for d in docs), key=lambda d: (d.published or "9999", d.doc_id), default=None
        )
        added = event.first_reported.strftime("%Y%m%d%H%M%S") if event.first_reported else ""
        yield {
            "GLOBALEVENTID": global_event_id(event.event_id),
            "SQLDATE": sql,
            "MonthYear": month_year,
            "Year": year,
            "FractionDate": fraction,
            "Actor1Code": a1_code,
            "Actor1Name": a1_name,
            "Actor1CountryCode": a1_country,
            "Actor2Code": a2_code,
            "Actor2Name": a2_name,
            "Actor2CountryCode": a2_country,
            "IsRootEvent": "1",
            "EventCode": code,
            "EventBaseCode": code[:3],
            "EventRootCode": code[:2],
            "QuadClass": QUAD_CLASS.get(quads.get(event.type, ""), ""),
            "GoldsteinScale": "",
            "NumMentions": str(len(event.claim_ids)),
            "NumSources": str(event.origins),
            "NumArticles": str(len(event.doc_ids)),
            "AvgTone": "",
            "ActionGeo_FullName": event.place or "",
            "DATEADDED": added,
            "SOURCEURL": first_url.url if first_url is not None else "",
            "WF_EventID": event.event_id,
            "WF_Type": event.type,
            "WF_Mode": event.mode or "",
            "WF_DatePrecision": event.date_precision or "",
            "WF_Status": str(event.status),
            "WF_Corroboration": str(event.corroboration),
            "WF_AssertedBy": "; ".join(event.asserted_by),
        }


def write_gdelt(
    rows: Iterable[Mapping[str, Any]], out: io.TextIOBase | Any, *, delimiter: str = "\t"
) -> int:
    """Write rows with a header line; TSV by default (GDELT's own format), CSV with ','."""
    writer = csv.DictWriter(
        out, fieldnames=list(COLUMNS), delimiter=delimiter, lineterminator="\n",
        quoting=csv.QUOTE_MINIMAL,
    )  # fmt: skip
    writer.writeheader()
    n = 0
    for row in rows:
        # tabs and newlines inside values would break GDELT-style readers that split on tabs
        writer.writerow({k: re.sub(r"[\t\r\n]+", " ", str(v)) for k, v in row.items()})
        n += 1
    return n


def gdelt_text(
    view: CorpusView, resolver: CountryResolver | None = None, *, delimiter: str = "\t"
) -> str:
    buf = io.StringIO()
    write_gdelt(gdelt_rows(view, resolver), buf, delimiter=delimiter)
    return buf.getvalue()
