#!/usr/bin/env python3
"""What one pricing-page extraction costs, stage by stage, on the pages bench/check_throughput.py serves,
and what its fingerprint costs (the check of an unchanged page takes that instead of a build).

    .venv/bin/python bench/pricing_extract.py               # CPU ms per page and per stage (best of --repeat)
    .venv/bin/python bench/pricing_extract.py --callgrind   # and instructions per page, counted by valgrind

On a shared machine CPU time moves by 20-30 % from run to run, which hides a 10 % gain. valgrind's
callgrind counts instructions instead: the same for the same code and pages, whatever else the machine
is doing, so two commits compare exactly (the script runs itself under valgrind with no build and with
N builds, and prints the difference per build). The pages carry realistic volatile values (a
timestamp, tokens, a viewer count) like the ones the simulated web fills in on every request.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import check_throughput as sim  # noqa: E402  (the simulated web's page templates)

from sources._pricing import cards, layout, model, page  # noqa: E402
from sources._pricing.fingerprint import fingerprint  # noqa: E402

HEADERS = {"content-type": "text/html; charset=utf-8"}
VOLATILE = {"csrf": "Zk3xQ9rT0bLmP2vW8yH5nJ1cD6sA4eG7uK0oI9qR2tY", "nonce": "bm9uY2Utc2FtcGxlLTEyMzQ=",
            "req": "4f9c2b7e1a6d4c3b8e5f0a9d7c6b5a4e", "iso": "2026-11-23T01:10:10.123Z",
            "human": "2026-11-23 01:10:10 UTC", "epoch": "1795396210123", "viewers": "37", "render": "142"}


def pages(count: int) -> list[bytes]:
    out = []
    for i in range(count):
        parts = sim.pricing_template(i, 0, sim.company_name(i))
        out.append("".join(VOLATILE[p] if n % 2 else p for n, p in enumerate(parts)).encode())
    return out


def _region(body: bytes) -> Any:
    loaded = page.load(body, HEADERS)
    return loaded, page.find_region(loaded, None)


def _cleaned(body: bytes) -> Any:
    loaded, region = _region(body)
    layout.clean(region)
    return loaded, region, cards.find_cards(region)


def _serialised(body: bytes) -> list[str]:
    _, region, found = _cleaned(body)
    return layout.serialise(region, found)


# Each stage includes the ones before it: the difference between two rows is what a stage adds.
STAGES: list[tuple[str, Callable[[bytes], object]]] = [
    ("load (parse, strip)", lambda b: page.load(b, HEADERS)),
    ("+ region", _region),
    ("+ clean, cards", _cleaned),
    ("+ serialise", _serialised),
    ("+ walk", lambda b: layout.walk(_serialised(b))),
    ("build (all)", lambda b: model.build(page.load(b, HEADERS), None)),
    # Alone, not on top of the others: what a check of an unchanged page costs instead of a build.
    ("fingerprint (alone)", lambda b: fingerprint(b, HEADERS, None)),
]


def best_ms(bodies: list[bytes], repeat: int) -> dict[str, float]:
    """The best CPU ms per page of each stage; the stages take turns, so a slow spell of the machine
    does not fall on one stage alone."""
    best = dict.fromkeys((name for name, _ in STAGES), float("inf"))
    for _ in range(repeat):
        for name, fn in STAGES:
            started = time.process_time()
            for body in bodies:
                fn(body)
            best[name] = min(best[name], (time.process_time() - started) / len(bodies) * 1000)
    return best


def builds(bodies: list[bytes], rounds: int) -> None:
    model.build(page.load(bodies[0], HEADERS), None)  # first use: caches, compiled patterns
    for _ in range(rounds):
        for body in bodies:
            model.build(page.load(body, HEADERS), None)


def instructions(args: argparse.Namespace) -> float:
    """Instructions per build: callgrind's total with ``--rounds`` rounds minus its total with none."""
    def run(rounds: int) -> int:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
             "--pages", str(args.pages), "--builds-only", str(rounds)], capture_output=True, text=True, check=True)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if not found:
            raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
        return int(found.group(1))

    return (run(args.rounds) - run(0)) / (args.rounds * args.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10, help="distinct pages (default 10)")
    parser.add_argument("--repeat", type=int, default=7, help="timed repetitions; the best is shown")
    parser.add_argument("--callgrind", action="store_true", help="also count instructions per build")
    parser.add_argument("--rounds", type=int, default=3, help="builds of every page under callgrind")
    parser.add_argument("--builds-only", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    bodies = pages(args.pages)
    if args.builds_only is not None:
        builds(bodies, args.builds_only)
        return 0
    builds(bodies, 1)
    size = sum(map(len, bodies)) / len(bodies) / 1024
    print(f"pricing extraction over {args.pages} pages of {size:.0f} KB (best of {args.repeat}; each row up to "
          "the build includes the ones above it)")
    summary: dict[str, Any] = {"bench": "pricing_extract", "pages": args.pages, "kb_per_page": round(size, 1)}
    for name, ms in best_ms(bodies, args.repeat).items():
        summary[name] = round(ms, 3)
        print(f"  {name:<22} {ms:6.2f} ms CPU per page")
    if args.callgrind:
        if not shutil.which("valgrind"):
            raise SystemExit("--callgrind needs valgrind (Debian package valgrind)")
        per_build = instructions(args)
        summary["instructions_per_build"] = round(per_build)
        print(f"  instructions per build: {per_build / 1e6:.2f} M (callgrind; repeatable to about 0.5 %)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
