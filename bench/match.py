"""Benchmark of the matching engine (DESIGN.md §7) and its quality on the labelled set.

Run: ``.venv/bin/python bench/match.py [national|european|quality ...]``; prints one JSON object.
Targets: national scale (7,500 needs × 6,000 offers) ≤ 2 s; European scale (10,000 needs ×
100,000 offers, top 10) ≤ 30 s and ≤ 4 GB peak RSS on 2 cores; recall@5 ≥ 0.9 on
``tests/matching/data`` (52 needs in Ukrainian and English × 200 Swedish offers).

Each scale runs in its own process so that its peak RSS (``ru_maxrss``) is its own. Data are
generated deterministically from the term list: titles and descriptions mix 1–4 concepts in
one language with filler words, model names and numbers; sectors are the concept's sector or
(one in ten) a neighbouring one; forms, quantities, urgencies, dates and spare flags vary.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vanort.matching import NeedInput, OfferInput, default_compatibility, default_lexicon, rank_matches  # noqa: E402
from vanort.refdata import form_codes, sector_codes  # noqa: E402

SCALES = {"national": (7_500, 6_000), "european": (10_000, 100_000)}
TODAY = date(2026, 12, 1)
WORKERS = int(os.environ.get("BENCH_WORKERS", min(2, os.cpu_count() or 1)))
_FILLER_TEXT = {
    "sv": "kommunen har behov av stöd till verksamheten som kan levereras snart efter beslut i nämnden gott skick "
    "fungerande begagnad kontakta oss för mer information om leverans och transport",
    "en": "the municipality needs support for its services which can be delivered soon after the decision in good "
    "condition working used please contact us for more information about delivery and transport",
    "uk": "громада потребує підтримки для роботи служб яку можна доставити швидко після рішення ради в доброму "
    "стані робочий вживаний зв'яжіться з нами щодо доставки та транспортування",
}
FILLER = {lang: text.split() for lang, text in _FILLER_TEXT.items()}
MODELS = ["Volvo", "Scania", "MAN", "Iveco", "Dell", "Lenovo", "Siemens", "Philips", "Caterpillar", "Honda", "Atlas"]


def _pick_term(rng: random.Random, concept: Any, lang: str) -> str:
    terms = concept.terms.get(lang) or next(iter(concept.terms.values()))
    return str(rng.choice(terms))


def _text(rng: random.Random, concepts: list[Any], lang: str, words: int) -> str:
    parts = [_pick_term(rng, c, lang) for c in concepts]
    parts += rng.sample(FILLER[lang], k=min(words, len(FILLER[lang])))
    if rng.random() < 0.4:
        parts.append(rng.choice(MODELS) + f" {rng.randint(100, 999)}")
    rng.shuffle(parts)
    return " ".join(parts)


def generate(needs: int, offers: int, seed: int = 47) -> tuple[list[NeedInput], list[OfferInput]]:
    rng = random.Random(seed)
    lexicon = default_lexicon()
    compat = default_compatibility()
    concepts = [c for c in lexicon.concepts.values() if c.sectors]
    sectors, forms = sorted(sector_codes()), sorted(form_codes())

    def sector_of(concept: Any) -> str:
        code = str(rng.choice(concept.sectors))
        if rng.random() < 0.1:
            near = compat.sector_neighbours(code)
            if near:
                return near[0][0]
        return code if code in sectors else rng.choice(sectors)

    need_list = []
    for i in range(needs):
        picked = rng.sample(concepts, k=rng.randint(1, 3))
        lang = rng.choice(("uk", "uk", "en"))
        need_list.append(
            NeedInput(
                id=f"n{i}",
                place=f"Hromada {i % 1400}",
                country="UA",
                sector=sector_of(picked[0]),
                form=rng.choice(forms),
                title=_text(rng, picked[:1], lang, 1),
                description=_text(rng, picked, lang, rng.randint(8, 18)),
                language=lang,
                quantity=rng.choice((None, None, rng.randint(1, 50))),
                urgency=rng.choice(("low", "normal", "normal", "high", "critical")),
                deadline=rng.choice((None, TODAY + timedelta(days=rng.randint(10, 400)))),
            )
        )
    offer_list = []
    for i in range(offers):
        picked = rng.sample(concepts, k=rng.randint(1, 4))
        offer_list.append(
            OfferInput(
                id=f"o{i}",
                municipality_code=f"{rng.randint(114, 2584):04d}",
                sector=sector_of(picked[0]),
                form=rng.choice(forms),
                title=_text(rng, picked[:1], "sv", 1),
                description=_text(rng, picked, "sv", rng.randint(8, 20)),
                quantity=rng.choice((None, rng.randint(1, 100))),
                spare=rng.random() < 0.5,
                available_until=rng.choice((None, TODAY + timedelta(days=rng.randint(-30, 500)))),
            )
        )
    return need_list, offer_list


def run_scale(name: str) -> dict[str, Any]:
    needs, offers = SCALES[name]
    need_list, offer_list = generate(needs, offers)
    default_lexicon()  # loading the term list is not part of the run
    start = time.perf_counter()
    cpu_start = time.process_time()
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    results = rank_matches(need_list, offer_list, top_k=10, today=TODAY, workers=WORKERS)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start  # this process only (workers not included)
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_all = sum(
        (after.ru_utime + after.ru_stime) - (start_usage.ru_utime + start_usage.ru_stime)
        for after, start_usage in zip((own, kids), before, strict=True)
    )
    peak_mb = own.ru_maxrss / 1024
    # upper bound for the whole run: the main process plus its largest worker (workers share pages)
    peak_mb_total = peak_mb + kids.ru_maxrss / 1024
    limit = 2.0 if name == "national" else 30.0
    return {
        "scale": name,
        "needs": needs,
        "offers": offers,
        "top_k": 10,
        "matches": len(results),
        "needs_with_matches": len({r.need_id for r in results}),
        "workers": WORKERS,
        "seconds": round(seconds, 2),
        "cpu_seconds_main_process": round(cpu_seconds, 2),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "cpu_seconds_all_processes": round(cpu_all, 2),
        "peak_rss_mb": round(peak_mb),
        "peak_rss_mb_with_largest_worker": round(peak_mb_total),
        "target_seconds": limit,
        "target_rss_mb": 4096 if name == "european" else None,
        "ok": seconds <= limit and (name != "european" or peak_mb_total <= 4096),
    }


def run_quality() -> dict[str, Any]:
    from vanort.matching.cli import read_needs, read_offers
    from vanort.matching.evaluate import misses, recall_at_k

    data = ROOT / "tests" / "matching" / "data"
    offers = read_offers(str(data / "offers.csv"))
    report: dict[str, Any] = {"scale": "quality", "offers": len(offers), "ok": True}
    for name in ("needs", "holdout_needs"):
        needs = read_needs(str(data / f"{name}.csv"))
        with (data / f"{name}.csv").open(encoding="utf-8") as handle:
            relevant = {row["id"]: row["relevant"].split(";") for row in csv.DictReader(handle)}
        results = rank_matches(needs, offers, top_k=10, today=TODAY)
        recall5 = recall_at_k(results, relevant, 5)
        report[name] = {
            "needs": len(needs),
            "recall_at_1": round(recall_at_k(results, relevant, 1), 3),
            "recall_at_5": round(recall5, 3),
            "recall_at_10": round(recall_at_k(results, relevant, 10), 3),
            "missed_at_5": misses(results, relevant, 5),
        }
        report["ok"] = report["ok"] and recall5 >= 0.9
    return report


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        name = sys.argv[2]
        print(json.dumps(run_quality() if name == "quality" else run_scale(name)))
        return
    names = sys.argv[1:] or ["quality", "national", "european"]
    runs = []
    for name in names:
        out = subprocess.run(
            [sys.executable, __file__, "--child", name], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    print(
        json.dumps(
            {
                "benchmark": "match",
                "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
                "runs": runs,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
