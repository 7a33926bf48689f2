"""The region as text, serialised once: blocks, table cells, cards, features and billing sides marked.

The tree is cleaned (widgets, testimonials, logo walls, icons turned into ✓/✗), private-use marks are
written into it, and one C-level text serialisation plus one scrub give every line. A single walk then
splits those lines into the document text, the cards (with their features) and the tables, so no
element is serialised or normalised twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.etree import _Element as Element

from sources._pricing.page import Region, drop, noise
from sources._pricing.text import (
    ANNUAL,
    BREAK,
    CARD,
    CARD_END,
    CELL,
    CTA,
    END,
    HEAD,
    INLINE,
    ITEM,
    ITEM_END,
    MONTHLY,
    ROW,
    TABLE,
    TABLE_END,
    cells,
    joined,
    readable,
    scrub,
    split,
)

BLOCK = ("p", "div", "section", "article", "li", "ul", "ol", "tr", "table", "thead", "tbody", "tfoot", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "footer", "main", "aside", "dl", "dt", "dd", "blockquote", "figure",
         "figcaption", "details", "summary", "label", "caption", "hr", "pre", "address", "fieldset", "legend", "button")
BLOCKS = frozenset(BLOCK)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BILLING_ANNUAL = re.compile(r"annual|yearly|\byear\b|per-year|\byr\b|jährlich|annuel", re.I)
BILLING_MONTHLY = re.compile(r"monthly|\bmonth\b|per-month|\bmo\b|monatlich|mensuel", re.I)
MEANING = re.compile(r"not[- ]included|unavailable|\bcross\b|\btimes\b|\bminus\b|\bdash\b|x-?mark|\bno\b|\bfalse\b|"
                     r"disabled|excluded|\bclose\b|icon-x\b|\bx-circle|✗|✕|×|"
                     r"(?P<yes>included|available|\bcheck|\btick|\byes\b|\btrue\b|✓|✔)", re.I)
# Attributes that say which side of a billing toggle an element shows (x-show, v-if, data-period …).
TOGGLE_ATTR = re.compile(r"show|if|bind|billing|period|interval|frequency|cycle|plan|term|tab|toggle|pane", re.I)
NEGATED = re.compile(r"!\s*\(?\s*(?:is_?)?(?:annual|yearly|monthly)\w*", re.I)
SIDE_MARK = {MONTHLY: "monthly", ANNUAL: "annual"}
ROLE_TAGS = {"table": "table", "grid": "table", "row": "tr", "cell": "td", "gridcell": "td", "columnheader": "th",
             "rowheader": "th"}
EMPTY_CELLS = etree.XPath(".//td[not(normalize-space())] | .//th[not(normalize-space())]")
ROLES = etree.XPath(".//*[@role]")  # existence only: libxml2 is slow at comparing attributes on every element
ICONS = frozenset(("svg", "i", "img", "span"))
CROSS = re.compile(r"cross|times|x-?mark|minus|unavailable|not[- ]included|x-circle|icon-x|close|dash", re.I)
States = list[str | None] | str | None  # the billing side per character of a line, or one for the whole line


@dataclass(slots=True)
class CardText:
    """One card's lines (without its feature items), its features and its CTA lines."""

    index: int
    lines: list[tuple[str, States]] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    ctas: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    lines: list[str] = field(default_factory=list)
    cards: list[CardText] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)


def _text(el: Element) -> str:
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def clean(region: Region) -> None:
    """Drop widgets, testimonials, logo walls and page titles; turn icons into ✓ / ✗."""
    counts = region.counts
    for root in region.roots:
        doomed = [el for el in root.iter("blockquote", "h1") if not counts.get(el)]
        doomed += [el for el in root.iter("figure") if el.find(".//blockquote") is not None]
        for el in root.iter("div", "section", "aside", "ul", "figure", "ol", "p"):
            marker = el.get("class") or el.get("id")
            kind = noise(f"{marker} {el.get('id', '')}") if marker else None
            if kind == "always" or (kind and not counts.get(el)):
                doomed.append(el)
        for el in doomed:
            drop(el)
        for el in ROLES(root):
            tag = ROLE_TAGS.get(el.get("role", ""))
            if tag:
                el.tag = tag
        _icons(root)


def _meaning(el: Element) -> str | None:
    """✓ or ✗ for an icon that says "included" / "not included" by its class, label or file name."""
    said = " ".join(v for k, v in el.attrib.items() if k in ("class", "aria-label", "title", "alt", "src", "data-icon",
                                                              "name", "href", "data-lucide"))
    if el.tag == "svg":
        said += " " + " ".join("".join(t.itertext()) for t in el.iter("title")) + " ".join(
            u.get("href", "") + u.get("{http://www.w3.org/1999/xlink}href", "") for u in el.iter("use"))
    m = MEANING.search(said)
    return None if m is None else "✓" if m["yes"] else "✗"


def _icons(root: Element) -> None:
    """Empty comparison cells get the ✓ / ✗ their icon shows; features shown crossed out are marked."""
    for cell in EMPTY_CELLS(root):
        meaning = _meaning(cell) or next((m for m in map(_meaning, cell.iterdescendants()) if m), None)
        if meaning:
            cell.text = meaning
    for li in root.iter("li"):
        if len(li) and li[0].tag in ICONS and not (li.text or "").strip():
            icon = li[0]
            if CROSS.search(f"{icon.get('class', '')} {icon.get('aria-label', '')} {icon.get('data-icon', '')}"):
                li.set("class", f"{li.get('class', '')} excluded")
    etree.strip_elements(root, "svg", "img", with_tail=False)


def _xslt() -> etree.XSLT:
    """The serialiser: blocks, rows, cells, headings, calls to action, tables and strikes as marks.

    Elements the Python side decided about (cards, a billing side) are renamed ``x-wm`` and carry the
    marks to write in ``open``/``close`` (a template per tag, no predicate on every element).
    libxslt walks the region in C, far cheaper than setting text and tail on every element from Python.
    """
    mark = {name: f"&#x{ord(ch):X};" for name, ch in (("B", BREAK), ("R", ROW), ("C", CELL), ("H", HEAD), ("A", CTA),
                                                        ("T", TABLE), ("t", TABLE_END), ("I", ITEM),
                                                        ("i", ITEM_END), ("S", INLINE))}
    blocks = "|".join(t for t in BLOCK if t not in ("li", "tr", "table", *HEADINGS, "button"))
    excluded = " or ".join(f"contains(@class, '{w}')" for w in ("disabled", "unavailable", "excluded",
                                                                  "not-included", "is-no", "missing", "line-through"))
    rules = [
        (blocks, "{B}", "{B}"), ("li", "{B}{I}{B}", "{B}{i}{B}"), (f"li[{excluded}]", "{B}{I}-{B}", "{B}{i}{B}"),
        ("tr", "{B}{R}", "{B}"), ("td|th", "{C}", ""),
        ("table", "{B}{T}{B}", "{B}{t}{B}"), ("|".join(HEADINGS), "{B}{H}", "{B}"), ("button", "{B}{A}", "{B}"),
        ("a", "{A}", "{S}"), ("br|hr", "{B}", ""), ("del|s|strike", "~~", "~~"),
    ]
    # Every other element is inline: its boundaries are marked, for the volatile phrases glued at one (text.GLUED).
    rules.append(("*", "{S}", "{S}"))
    body = "".join(f'<xsl:template match="{match}">{before}<xsl:apply-templates/>{after}</xsl:template>'
                   for match, before, after in rules)
    body += ('<xsl:template match="x-wm"><xsl:value-of select="@open"/><xsl:apply-templates/>'
             '<xsl:value-of select="@close"/></xsl:template>')
    sheet = ('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
             f'<xsl:output method="text" encoding="UTF-8"/>{body}</xsl:stylesheet>').format(**mark)
    return etree.XSLT(etree.XML(sheet), access_control=etree.XSLTAccessControl.DENY_ALL)


SERIALISE = _xslt()


def _billing_side(el: Element) -> str | None:
    return _side_of(" ".join(v[:120] for k, v in el.attrib.items() if k in ("class", "id") or TOGGLE_ATTR.search(k)))


@lru_cache(maxsize=4096)
def _side_of(said: str) -> str | None:
    if NEGATED.search(said):  # Alpine/Vue: x-show="!annual" is the monthly value
        said = NEGATED.sub(lambda m: "monthly" if BILLING_ANNUAL.search(m.group(0)) else "annual", said)
    annual, monthly = BILLING_ANNUAL.search(said), BILLING_MONTHLY.search(said)
    return ANNUAL if annual and not monthly else MONTHLY if monthly and not annual else None


def serialise(region: Region, cards: list[Element]) -> list[str]:
    """Mark cards and billing sides, serialise the region, and return its scrubbed lines (marks kept)."""
    marks: dict[Element, tuple[str, str]] = {}
    for el in region.inside:
        if el.attrib and el.getparent() is not None and not any(el is r for r in region.roots):
            side = _billing_side(el)
            if side:
                brk = BREAK if el.tag in BLOCKS else ""
                item = (f"{BREAK}{ITEM}{BREAK}", f"{BREAK}{ITEM_END}{BREAK}") if el.tag == "li" else ("", "")
                marks[el] = (f"{brk}{item[0]}{side}", f"{END}{item[1]}{brk}")
    for i, card in enumerate(cards):
        inner = marks.get(card, ("", ""))
        marks[card] = (f"{BREAK}{CARD}{i}{BREAK}{inner[0]}", f"{inner[1]}{BREAK}{CARD_END}{BREAK}")
    for el, (opening, closing) in marks.items():
        el.tag = "x-wm"
        el.set("open", opening)
        el.set("close", closing)
    return split(scrub(BREAK.join(str(SERIALISE(root)) for root in region.roots)))


def sides(line: str, stack: list[str]) -> tuple[str, States]:
    """``line`` without billing marks, and the billing side in force (per character when it changes)."""
    if MONTHLY not in line and ANNUAL not in line and END not in line:
        return line, stack[-1] if stack else None
    chars: list[str] = []
    states: list[str | None] = []
    for ch in line:
        if ch in SIDE_MARK:
            stack.append(SIDE_MARK[ch])
        elif ch == END:
            if stack:
                stack.pop()
        else:
            chars.append(ch)
            states.append(stack[-1] if stack else None)
    return "".join(chars), states


def walk(lines: list[str]) -> Layout:
    """Split the marked lines into the document text, the cards and the tables."""
    out = Layout()
    stack: list[str] = []
    card: CardText | None = None
    items: list[list[str]] = []
    excluded: list[bool] = []
    tables: list[list[list[str]]] = []
    for raw in lines:
        line, states = sides(raw, stack)
        head = line[:1]
        if head == CARD:
            card = CardText(index=int(line[1:] or 0))
            out.cards.append(card)
        elif head == CARD_END:
            card = None
        elif head == ITEM:
            items.append([])
            excluded.append(line.endswith("-"))
        elif head == ITEM_END:
            said = " ".join(items.pop()) if items else ""
            out_of_plan = excluded.pop() if excluded else False
            if card is not None and said and not out_of_plan and not said.startswith(("✗", "—")):
                card.features.append(said.removeprefix("✓ ").strip())
        elif head == TABLE:
            tables.append([])
            out.tables.append(tables[-1])
        elif head == TABLE_END:
            if tables:
                tables.pop()
        else:
            row = cells(line) if CELL in line else None
            text = readable(line) if row is None else joined(row)
            if not text:
                continue
            out.lines.append(text)
            if tables:
                _table_line(tables[-1], line, row if row is not None else [text])
            if items:
                items[-1].append(text)
            elif card is not None:
                card.lines.append((line, states))
                if head == HEAD:
                    card.heads.append(text)
                elif head == CTA:
                    card.ctas.append(text)
    return out


def _table_line(rows: list[list[str]], line: str, row: list[str]) -> None:
    if ROW in line:
        rows.append([])
    if not rows:
        return
    first, *rest = row
    if first:
        if rows[-1]:
            rows[-1][-1] = f"{rows[-1][-1]}\n{first}".strip()
        else:
            rows[-1].append(first)
    rows[-1].extend(rest)
