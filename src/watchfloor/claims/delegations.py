"""A delegation named without its head stands for the person who leads it.

Reports name a visiting delegation's head once ("a delegation led by Alexander Kozlov",
コズロフ天然資源環境相が率いる代表団, 以科兹洛夫为首的代表团, делегация во главе с Козловым)
and then only "the delegation": "The delegation arrived on Tuesday and was received by …".
Those acts are the head's. Each language's trigger lexicon says what a delegation is called and
what around a person makes them its head (``[roles]`` ``delegation``,
``delegation_head_before``, ``delegation_head_after``).

A section with one such head gets, in its other sentences, a participant for that head where
"the delegation" stands alone. The word is left alone when:
- the sentence names the head itself;
- a body's name qualifies it ("the General Staff Academy delegation" is another delegation);
- another state's name qualifies it ("the North Korean delegation");
- it is said to be a different one ("a separate delegation").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfloor.claims.lexicon import Lexicon
from watchfloor.claims.media import actor_country
from watchfloor.claims.roles import Arg
from watchfloor.records import Article, Mention

# how far before a delegation word a qualifying name may stand ("the Russian government
# delegation", ロシア政府代表団), and the words that mark it as another delegation
_QUALIFIER_REACH = 40
_OTHER = re.compile(r"\b(?:separate|another|second|other)\b|別の|또 다른|별도의|另一|другая|другой")
_CLAUSE = re.compile(r"[.;:!?。；：！？,，、]")
_PERSON_KINDS = frozenset({"person"})


@dataclass(frozen=True, slots=True)
class Head:
    """The person who leads a section's delegation, and the state they belong to."""

    name: str
    country: str | None


def delegation_heads(
    article: Article, mentions: Sequence[Mention], lexicon: Callable[[str], Lexicon]
) -> dict[int, Head]:
    """Section index -> the one person the section names as its delegation's head (none when it
    names no head or more than one)."""
    found: dict[int, set[str]] = {}
    for m in mentions:
        if m.kind not in _PERSON_KINDS or m.section >= len(article.sections):
            continue
        section = article.sections[m.section]
        cues = lexicon(section.lang).cues
        text = section.text
        before, after = cues.delegation_head_before, cues.delegation_head_after
        if (before is not None and before.search(text[max(0, m.start - 120) : m.start])) or (
            after is not None and after.match(text[m.end : m.end + 40])
        ):
            found.setdefault(m.section, set()).add(m.canonical_name)
    return {
        si: Head(name, actor_country(name))
        for si, names in found.items()
        if len(names) == 1
        for name in names
    }


def delegation_args(text: str, args: Sequence[Arg], head: Head, lexicon: Lexicon) -> list[Arg]:
    """Participants standing for ``head`` where the sentence says only "the delegation"; []
    when it names the head or the word belongs to another delegation (see the module doc)."""
    word = lexicon.cues.delegation
    if word is None or any(a.name == head.name for a in args):
        return []
    out = []
    for hit in word.finditer(text):
        start = hit.start()
        clause = _CLAUSE.split(text[max(0, start - _QUALIFIER_REACH) : start])[-1]
        opens = start - len(clause)
        near = [a for a in args if opens <= a.start and a.end <= start]
        # the name right before the word qualifies it: a body's ("the academy delegation") or
        # another state's makes it another delegation; the commission whose Russian delegation
        # it is (政府間委員会のロシア代表団) does not
        qualifier = max(near, key=lambda a: a.end, default=None)
        if _OTHER.search(clause) or (
            qualifier is not None
            and not text[qualifier.end : start].strip(" の의的-")
            and (
                qualifier.kind != "country"
                or (head.country is not None and qualifier.name != head.country)
            )
        ):
            continue
        out.append(Arg(head.name, "person", start, hit.end()))
    return out
