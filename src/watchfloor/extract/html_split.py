"""Recover article bodies that a page splits into several same-styled blocks.

Many sites cut the body into repeated containers (``<div class="article__body">`` ×N, with ads
or embeds between). trafilatura keeps the first container only. Here, containers that share the
tag and class of the one holding the extracted paragraphs, that come after its first paragraph
and that hold prose paragraphs of their own are added back, in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from watchfloor.extract.html_text import text_weight

_WORDS = re.compile(r"\w+")
# A recovered paragraph must read like prose: this long (Latin-equivalent characters) ...
MIN_PARAGRAPH_WEIGHT = 80
# ... with at most this share of its characters inside links.
MAX_LINK_DENSITY = 0.2
# The extracted text must own this many paragraphs of a container before its class is trusted.
MIN_MATCHED_PARAGRAPHS = 2
# A sibling container is added only with this much prose in total.
MIN_CONTAINER_WEIGHT = 200


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _signature(element: HtmlElement) -> tuple[str, str] | None:
    """Tag and class of a container; None without a class (a bare <div> says nothing)."""
    css = " ".join((element.get("class") or "").split())
    return (str(element.tag), css) if css else None


def _prose_paragraphs(container: HtmlElement) -> Iterator[str]:
    """Direct <p> children that read like prose (long enough, few links)."""
    for child in container:
        if child.tag != "p":
            continue
        text = _clean(child.text_content())
        if text_weight(text) < MIN_PARAGRAPH_WEIGHT:
            continue
        linked = sum(len(_clean(a.text_content())) for a in child.iter("a"))
        if linked <= MAX_LINK_DENSITY * len(text):
            yield text


def recover_split_body(tree: HtmlElement, text: str) -> str:
    """``text`` with the prose of same-styled sibling containers inserted in document order."""
    lines = text.split("\n") if text else []
    line_of = {k: i for i, line in enumerate(lines) if (k := _key(line))}
    if len(line_of) < MIN_MATCHED_PARAGRAPHS:
        return text
    found: dict[tuple[str, str], list[tuple[HtmlElement, int]]] = {}  # signature -> (p, line)
    containers: set[HtmlElement] = set()
    for paragraph in tree.iter("p"):
        line_no = line_of.get(_key(paragraph.text_content()))
        parent = paragraph.getparent()
        if line_no is None or parent is None:
            continue
        signature = _signature(parent)
        if signature is not None:
            found.setdefault(signature, []).append((paragraph, line_no))
            containers.add(parent)
    tags = {sig[0] for sig, hits in found.items() if len(hits) >= MIN_MATCHED_PARAGRAPHS}
    if not tags:
        return text
    # Document order of the paragraphs and of the candidate containers (only these tags are
    # compared, and indexing every element of a page costs more than the rest of this).
    order = {element: i for i, element in enumerate(tree.iter("p", *tags))}
    matched = {sig: [(order[p], line) for p, line in hits] for sig, hits in found.items()}
    inserts: dict[int, list[str]] = {}  # paragraphs to insert after this line
    seen = set(line_of)
    for signature, hits in matched.items():
        if len(hits) < MIN_MATCHED_PARAGRAPHS:
            continue
        for candidate in _same_styled(tree, signature, containers):
            prose = [p for p in _prose_paragraphs(candidate) if _key(p) not in seen]
            if sum(text_weight(p) for p in prose) < MIN_CONTAINER_WEIGHT:
                continue
            before = [line for pos, line in hits if pos < order[candidate]]
            if not before:
                # A block ahead of the body (claim box, teaser) is not its continuation.
                continue
            inserts.setdefault(max(before), []).extend(prose)
            seen.update(_key(p) for p in prose)
    if not inserts:
        return text
    merged: list[str] = []
    for i, line in enumerate(lines):
        merged.append(line)
        merged.extend(inserts.get(i, []))
    return "\n".join(merged)


def _same_styled(
    tree: HtmlElement, signature: tuple[str, str], taken: set[HtmlElement]
) -> Iterator[HtmlElement]:
    """Elements with this tag and class that neither are, contain nor sit in a taken one."""
    tag = signature[0]
    for element in tree.iter(tag):
        if element in taken or _signature(element) != signature:
            continue
        if any(t in taken for t in element.iterancestors()):
            continue
        if any(d in taken for d in element.iterdescendants(tag)):
            continue
        yield element
