"""The learned template of a templated page: it knows the accepted page again with new tokens, and nothing else.

The checker takes a body the template matches for the accepted page without fingerprinting it, so the one thing
a template must never do is match a body whose fingerprint differs. The golden set's noisy re-renders and its 79
real changes check that against the fingerprint itself; the rest pins how slots are found and bounded.
"""

from __future__ import annotations

import itertools
import zlib

import pytest

from sources._pricing.fingerprint import fingerprint
from tests.sources.test_pricing_page_golden import CHANGES, WATCHED
from watcher.domain import WatchContext
from watcher.pipeline import skim

HTML = {"content-type": "text/html; charset=utf-8"}
PAGE = ('<!DOCTYPE html><html><head><meta name="csrf-token" content="{csrf}"><title>Pricing</title>'
        '<script nonce="{nonce}">var t={epoch},rid="{rid}";</script></head><body><main><section class="pricing">'
        '<p>Prices updated {stamp}. {viewers} people are viewing.</p><div class="plan"><h3>Team</h3>'
        '<span class="price">$29</span> per user / month<form><input type="hidden" name="authenticity_token" '
        'value="{csrf}"></form></div></section><footer>request {rid}</footer></main></body></html>')
FIRST = {"csrf": "a8Fk29dLq0Zx7Yw3-b_Q", "nonce": "bm9uY2Ux+/Q=", "epoch": "1795396210123",
         "rid": "9f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", "stamp": "2026-11-23 01:10:10", "viewers": "12"}
SECOND = {"csrf": "Zq0-7Kd_s3LmXw2yPbN1", "nonce": "eHl6MTIz+ab=", "epoch": "1795396217001",
          "rid": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "stamp": "2026-11-24 01:10:17", "viewers": "9"}
THIRD = {"csrf": "Pp1oO9iI8uU7yY6tT5rR", "nonce": "cXdlcnR5+/9=", "epoch": "1795396299990",
         "rid": "ffeeddccbbaa99887766554433221100", "stamp": "2026-11-25 23:59:59", "viewers": "140"}


def page(values: dict[str, str], template: str = PAGE) -> bytes:
    return template.format(**values).encode()


def learned() -> skim.Template:
    template = skim.learn(page(FIRST), page(SECOND))
    assert template is not None
    return template


def test_a_template_knows_the_page_again_with_new_tokens() -> None:
    template = learned()
    # csrf (base64url), nonce (base64), "t=" and the epoch (a run takes the name before its "="), the request id
    # (hex), the date and the time, the viewers (digits), csrf and request id again.
    assert list(template.classes) == [4, 5, 5, 2, 1, 1, 0, 4, 2]
    assert template.matches(page(SECOND)) and template.matches(page(FIRST)) and template.matches(page(THIRD))


def test_each_slot_holds_its_own_class_only() -> None:
    template = learned()
    assert not template.matches(page({**THIRD, "viewers": "many"}))  # digits were seen there
    assert not template.matches(page({**THIRD, "rid": "9f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5g"}))  # lower hex
    assert not template.matches(page({**THIRD, "epoch": "1795396299990.5"}))  # the run goes on
    assert not template.matches(page({**THIRD, "stamp": "yesterday 01:10:17"}))
    assert not template.matches(page({**THIRD, "viewers": ""}))  # a count was never empty


def test_a_token_keeps_its_length_and_a_count_may_grow_but_not_without_bound() -> None:
    """The fingerprint folds a hex run to its length and reads bytes by their place (the charset is looked for
    in the first 4 KB): a value seen twice at one length keeps it."""
    template = learned()
    assert not template.matches(page({**THIRD, "rid": "ffeeddccbbaa9988"}))  # a shorter request id
    assert not template.matches(page({**THIRD, "epoch": "17953962999901"}))  # a longer epoch
    assert template.matches(page({**THIRD, "viewers": "1234"}))  # "12" and "9": up to twice the longest
    assert not template.matches(page({**THIRD, "viewers": "12345"}))
    grown = skim.learn(b"<p>12 people</p><i>", b"<p> people</p><i>")
    assert grown is not None and grown.matches(b"<p> people</p><i>")  # empty once: may be empty again


def test_the_review_s_counterexamples_are_refused() -> None:
    """A hex id that kept its length may not lose it; a count never seen empty may not become empty."""
    a = (b'<html><body><p>Pro $49/month</p><p>12 people are viewing</p>'
         b'<div data-rid="3f2a9c8e7d6b5a41c0d9e8f7a6b5c4d3"></div></body></html>')
    b = a.replace(b"12", b"37").replace(b"3f2a9c8e", b"00aa11bb")
    template = skim.learn(a, b)
    assert template is not None and template.matches(a.replace(b"12", b"99"))
    assert not template.matches(a.replace(b"12 ", b" "))
    assert not template.matches(a.replace(b"3f2a9c8e7d6b5a41c0d9e8f7a6b5c4d3", b"3f2a"))
    assert not template.matches(a.replace(b"3f2a9c8e7d6b5a41c0d9e8f7a6b5c4d3", b""))


@pytest.mark.parametrize("edit", [
    ("$29", "$39"), ("$29", "$29.99"), ("Team", "Teams"), ("per user", "per seat"), ("<h3>", "<h4>"),
    ('class="price"', 'class="price old"'), ("</section>", "<p>New: SSO</p></section>"), ("Prices", "Price"),
    ("<title>", "<title>Beta "), ("$29</span>", "$29</span> (was $39)"), ("!DOCTYPE", "!doctype"),
])
def test_any_change_outside_the_slots_is_not_recognised(edit: tuple[str, str]) -> None:
    template = learned()
    assert not template.matches(page(THIRD, PAGE.replace(*edit)))


def test_a_body_cut_short_or_grown_is_not_recognised() -> None:
    template = learned()
    body = page(THIRD)
    assert not template.matches(body[:-1]) and not template.matches(body + b" ") and not template.matches(b"")


@pytest.mark.parametrize(("a", "b"), [
    (b"<p>Updated 3 minutes ago</p>", b"<p>Updated an hour ago</p>"),  # words, across a space
    (b"<p>$29</p>", b"<b>$29</b>"),  # markup
    (b"<p>a</p>", b"<p>a</p><p>b</p>"),  # an element added
    (b"<p>x&amp;y</p>", b"<p>x&lt;y</p>"),  # an entity's name: a word
    (b"<p>Monday</p>", b"<p>Tuesday</p>"),  # a word
])
def test_bodies_that_differ_in_more_than_token_runs_are_not_paired(a: bytes, b: bytes) -> None:
    assert skim.learn(a, b) is None


def test_identical_bodies_give_a_template_without_slots() -> None:
    template = skim.learn(page(FIRST), page(FIRST))
    assert template is not None and template.classes == b""
    assert template.matches(page(FIRST)) and not template.matches(page(SECOND))


def test_a_difference_at_either_end_is_a_slot() -> None:
    template = skim.learn(b"123<p>x</p>tail 1", b"987<p>x</p>tail 22")
    assert template is not None and template.matches(b"555<p>x</p>tail 333")
    assert not template.matches(b"555<p>y</p>tail 333") and not template.matches(b"555<p>x</p>tail 3a")
    assert template.matches(b"5<p>x</p>tail 333")  # a number may change its length


def test_more_slots_than_a_template_holds_are_not_paired() -> None:
    many = skim.MAX_SLOTS + 1
    assert skim.learn(b" ".join(b"%d" % n for n in range(many)), b" ".join(b"%d" % (n + 1) for n in range(many))) \
        is None


# The golden set: every page's noisy re-renders (tokens, dates, counters, rotating testimonials, banners …).
RENDERS = 12


@pytest.mark.parametrize("page_", WATCHED, ids=lambda p: p.name)
def test_a_template_matches_only_bodies_of_its_fingerprint(page_: object) -> None:
    renders = [page_.render(seed).encode() for seed in range(RENDERS)]  # type: ignore[attr-defined]
    digests = [fingerprint(r, HTML, None) for r in renders]
    changes = [c for p, c in CHANGES if p is page_]
    changed = [page_.render(seed, c["edits"]).encode()  # type: ignore[attr-defined]
               for c, seed in itertools.product(changes, range(3))]
    for a, b in itertools.combinations(range(RENDERS), 2):
        if digests[a] != digests[b] or digests[a] is None:
            continue
        template = skim.learn(renders[a], renders[b])
        if template is None:
            continue
        for other, digest in zip(renders, digests, strict=True):
            if template.matches(other):
                assert digest == digests[a]
        for body in changed:
            assert not template.matches(body), "a real change was taken for the accepted page"


def test_most_pairs_of_one_fingerprint_can_be_learned() -> None:
    """Not a bound on soundness but on use: a template that is never learned saves nothing. The golden set's
    noise is harsher than a real site's (it switches date formats between loads); still, most pairs of
    re-renders with one fingerprint differ in token runs alone."""
    pairs = learned = 0
    for page_ in WATCHED:
        renders = [page_.render(seed).encode() for seed in range(RENDERS)]  # type: ignore[attr-defined]
        digests = [fingerprint(r, HTML, None) for r in renders]
        for a, b in itertools.combinations(range(RENDERS), 2):
            if digests[a] == digests[b] and digests[a] is not None:
                pairs += 1
                learned += skim.learn(renders[a], renders[b]) is not None
    assert pairs >= 100 and learned >= pairs * 3 // 4, f"{learned} of {pairs}"


CTX = WatchContext(watch_id=1, kind="pricing_page", target="https://acme.io/pricing", options={}, account=None)


def key(fp: str = "f1") -> bytes:
    return skim.key("pricing_page", HTML, CTX, fp, "utf-8")


def test_the_state_goes_from_a_kept_body_to_a_template() -> None:
    kept = skim.advance(None, key(), page(FIRST))
    assert kept is not None and kept[:1] == b"B" and not skim.recognises(kept, key(), page(FIRST))
    state = skim.advance(kept, key(), page(SECOND))
    assert state is not None and state[:1] == b"T" and len(state) < 400
    assert skim.recognises(state, key(), page(THIRD))
    assert not skim.recognises(state, key("f2"), page(THIRD))  # learned for another fingerprint
    assert not skim.recognises(state, skim.key("pricing_page", {"content-type": "text/html; charset=latin-1"},
                                               CTX, "f1", "utf-8"), page(THIRD))
    assert not skim.recognises(state, skim.key("pricing_page", HTML, CTX, "f1", "windows-1252"), page(THIRD))
    other = WatchContext(watch_id=1, kind="pricing_page", target="https://acme.io/pricing",
                         options={"selector": ".plans"}, account=None)
    assert not skim.recognises(state, skim.key("pricing_page", HTML, other, "f1", "utf-8"), page(THIRD))


def test_a_template_that_missed_keeps_the_body_to_learn_again() -> None:
    state = skim.advance(skim.advance(None, key(), page(FIRST)), key(), page(SECOND))
    moved = page({**THIRD, "stamp": "Nov 24, 2026"})  # another date format: not the template, same fingerprint
    again = skim.advance(state, key(), moved)
    assert again is not None and again[:1] == b"B" and zlib.decompress(again[17:]) == moved


def test_bodies_that_cannot_be_paired_are_noted_and_tried_again_now_and_then() -> None:
    a, b = b"<p>Updated 3 minutes ago</p>", b"<p>Updated an hour ago</p>"
    noted = skim.advance(skim.advance(None, key(), a), key(), b)
    assert noted == b"N" + key()
    bodies = [b"<p>Updated %d hours ago</p> " % n for n in range(64)]
    outcomes = [skim.advance(noted, key(), body) for body in bodies]
    retried = [o for o in outcomes if o != noted]
    assert 0 < len(retried) < len(bodies) // 2 and all(o is not None and o[:1] == b"B" for o in retried)


@pytest.mark.parametrize("state", [b"T" + b"\x00" * 16 + b"not json", b"T", b"Bxx", b"", b"Z" * 40,
                                   b"T" + b"\x00" * 32 + b"\xff\xff\xff\xff", b"T" + b"[" * 100_000])
def test_an_unreadable_state_is_never_recognised_and_is_replaced(state: bytes) -> None:
    assert not skim.recognises(state, key(), page(FIRST))
    for bad in (b"T" + key() + b"\x00" * 16 + b"\x01\x00\x00\x00" + b"\x00" * 8 + b"\x09" + b"\x00" * 8,  # class 9
                b"T" + key() + b"\x00" * 16 + b"\x02\x00\x00\x00" + b"\x00" * 8,  # cut short
                b"T" + key() + b'[[1, 2], "00", "00"]' * 50_000):
        assert not skim.recognises(bad, key(), page(FIRST))
    good = skim.pack_template(key(), learned())
    assert skim.recognises(good, key(), page(THIRD)) and not skim.recognises(good + b"\x00", key(), page(THIRD))
    replaced = skim.advance(state, key(), page(FIRST))
    assert replaced is not None and replaced[:1] == b"B"


def test_a_body_too_large_to_keep_is_not_kept() -> None:
    assert skim.advance(None, key(), b"x" * (skim.MAX_BODY + 1)) is None


def test_the_release_is_known_by_its_code_not_by_where_it_is_installed(tmp_path: object,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two hosts sharing one database, the same release installed at different paths, keep each other's
    templates."""
    import importlib.util
    import shutil
    from pathlib import Path
    from types import SimpleNamespace

    here = skim._code_salt()
    spec = importlib.util.find_spec("sources")
    assert spec is not None and spec.submodule_search_locations
    copy = Path(str(tmp_path)) / "elsewhere" / "sources"
    shutil.copytree(next(iter(spec.submodule_search_locations)), copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(skim.importlib.util, "find_spec",
                        lambda name: SimpleNamespace(submodule_search_locations=[str(copy)]))
    skim._code_salt.cache_clear()
    try:
        assert skim._code_salt() == here
        (copy / "pricing_page.py").write_text((copy / "pricing_page.py").read_text() + "\n# changed\n")
        skim._code_salt.cache_clear()
        assert skim._code_salt() != here
    finally:
        skim._code_salt.cache_clear()


@pytest.mark.parametrize(("charset", "learned_"), [
    ("utf-8", True), ("windows-1252", True), ("iso-8859-5", True),
    ("shift_jis", False), ("gbk", False), ("big5", False), ("utf-16", False), ("iso-2022-jp", False),
])
def test_only_pages_whose_ascii_bytes_are_ascii_are_learned(charset: str, learned_: bool) -> None:
    """In Shift_JIS a kanji's second byte may be a letter, which a run of token bytes beside it would swallow:
    the review's page kept a slot "V2026-11-23" whose "V" was half of 新, and took 人 for it."""
    from sources.pricing_page import PricingPage

    source = PricingPage()
    scope = source.template_scope(b"<html><body><p>$49</p></body></html>",
                                  {"content-type": f"text/html; charset={charset}"})
    assert (scope is not None) is learned_
    assert source.template_scope("<html>€49</html>".encode("utf-16"), {"content-type": "text/html; charset=utf-8"}) \
        is None


def test_a_number_may_change_length_short_of_a_hex_run_and_a_slot_never_holds_a_word() -> None:
    template = skim.learn(b"<p>12 viewing</p><i>12345678</i><b>ends in 18h</b>",
                          b"<p>37 viewing</p><i>87654321</i><b>ends in 07h</b>")
    assert template is not None
    assert template.matches(b"<p>9 viewing</p><i>12345678</i><b>ends in 16h</b>")
    assert template.matches(b"<p>1234 viewing</p><i>123456789012345</i><b>ends in 16h</b>")
    assert not template.matches(b"<p>12345 viewing</p><i>12345678</i><b>ends in 16h</b>")
    assert not template.matches(b"<p>12 viewing</p><i>1234567890123456</i><b>ends in 16h</b>")  # a folded hex run
    assert not template.matches(b"<p> viewing</p><i>12345678</i><b>ends in 16h</b>")
    assert not template.matches(b"<p>12 viewing</p><i>12345678</i><b>ends in off</b>")  # a word, as learned


@pytest.mark.parametrize("charset", ["hex", "base64", "zlib", "rot13", "idna", "undefined", "no-such-charset"])
def test_a_charset_that_is_no_text_encoding_is_never_learned(charset: str) -> None:
    from sources.pricing_page import PricingPage

    assert PricingPage().template_scope(b"<html><body>$49</body></html>",
                                        {"content-type": f"text/html; charset={charset}"}) is None


def test_the_scope_is_the_encoding_each_body_is_read_in() -> None:
    """The review's pages: a token that grows pushes the <meta charset> out of the 4 KB where it is looked for, or
    a token holds "charset=" itself; either body is read in another encoding, so the template learned for the
    first is not asked."""
    from sources.pricing_page import PricingPage

    source, bare = PricingPage(), {"content-type": "text/html"}
    head = b'<html><head><meta name="t" content="%s"><meta charset="windows-1251"></head><body>$49</body></html>'
    assert source.template_scope(head % (b"a1" * 20), bare) == "windows-1251"
    assert source.template_scope(head % (b"a1" * 2100), bare) != "windows-1251"
    token = b'<html><head><meta name="t" content="%s"></head><body>$49</body></html>'
    assert source.template_scope(token % b"charset=latin1.AAAAAAAAAAA", bare) \
        != source.template_scope(token % b"abcdef=012345.AAAAAAAAAAA", bare)
