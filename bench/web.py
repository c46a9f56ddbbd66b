"""Web/API latency at scale (DESIGN.md §7): list, detail and search pages, p50/p95 in ms.

Builds (once, idempotently) a benchmark database with 100,000 partnerships, 50,000
activities, 10,000 motions and 5,000 documents (and the search index over them), then times each page
in-process through the full Django stack (middleware, ORM, templates) and counts queries.

    python bench/web.py                       # SQLite at var/bench.sqlite3
    BENCH_SCALE=0.1 python bench/web.py       # a tenth of the records, var/bench-0.1.sqlite3
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/vanort_bench python bench/web.py

Prints one JSON object. Not a test: numbers depend on the machine, which is reported. With
PostgreSQL on this machine, pages also report the server process's CPU per request
(`db_cpu_mean_ms`) and downloads its CPU seconds (`db_cpu_seconds`).
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
# BENCH_SCALE=0.1 builds a tenth of everything (its own SQLite file) to iterate in minutes.
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
_SQLITE_NAME = "bench.sqlite3" if SCALE == 1 else f"bench-{SCALE:g}.sqlite3"
DB_URL = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / _SQLITE_NAME}")
os.environ["DATABASE_URL"] = DB_URL
os.environ.setdefault("VANORT_LOCAL", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanort.config.settings")

N_PARTNERSHIPS = int(os.environ.get("BENCH_PARTNERSHIPS", 100_000 * SCALE))
N_ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", 50_000 * SCALE))
N_MOTIONS = int(os.environ.get("BENCH_MOTIONS", 10_000 * SCALE))
N_DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", 5_000 * SCALE))
N_FOREIGN = int(25_000 * SCALE)
REPEAT = int(os.environ.get("BENCH_REPEAT", 40))


def _ensure_postgres_database() -> None:
    if not DB_URL.startswith("postgres"):
        (ROOT / "var").mkdir(exist_ok=True)
        return
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _populate() -> dict[str, float]:
    from django.core.management import call_command
    from django.db import transaction

    from vanort.core.partial_dates import PartialDate
    from vanort.registry.models import Activity, Partnership, Place, PlaceKind, PlaceName, Sector
    from vanort.registry.reference import reference_load
    from vanort.registry.selectors import fold

    call_command("migrate", interactive=False, verbosity=0)
    reference_load()
    if Partnership.objects.count() >= N_PARTNERSHIPS:
        kommuner = list(Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE").values_list("id", flat=True))
        _populate_motions(random.Random(7), kommuner)
        _populate_documents(random.Random(8), kommuner)
        return {}
    started = time.perf_counter()
    rng = random.Random(42)
    countries = ["FI", "NO", "DK", "IS", "DE", "PL", "EE", "LV", "LT", "UA", "FR", "NL"]
    with transaction.atomic():
        foreign = [
            Place(kind=PlaceKind.CITY, country_id=rng.choice(countries), name=f"Benchstad {i}", is_example=True)
            for i in range(N_FOREIGN)
        ]
        Place.objects.bulk_create(foreign, batch_size=5000)
        foreign = list(Place.objects.filter(name__startswith="Benchstad ").only("id", "name"))
        PlaceName.objects.bulk_create(
            [PlaceName(place=p, name=p.name, language="", folded=fold(p.name)) for p in foreign], batch_size=5000
        )
        kommuner = list(Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE").values_list("id", flat=True))
        foreign_ids = [p.id for p in foreign]
        seen: set[tuple[int, int]] = set()
        rows = []
        while len(rows) < N_PARTNERSHIPS:
            a, b = rng.choice(kommuner), rng.choice(foreign_ids)
            if (a, b) in seen:
                continue
            seen.add((a, b))
            low, high = sorted((a, b))
            ended = rng.random() < 0.4
            rows.append(
                Partnership(
                    place_a_id=low,
                    place_b_id=high,
                    kind=rng.choice(["twin_town", "friendship_town", "municipal_partnership"]),
                    start=PartialDate.parse(str(rng.randint(1945, 2024))),
                    end_reason="left" if ended else "",
                    is_example=True,
                )
            )
        Partnership.objects.bulk_create(rows, batch_size=5000)
        sectors = list(Sector.objects.all())
        through = Partnership.areas.through
        pids = list(Partnership.objects.values_list("id", "place_a_id", "place_b_id"))
        through.objects.bulk_create(
            [through(partnership_id=pid, sector_id=rng.choice(sectors).code) for pid, _, _ in pids], batch_size=10000
        )
        kommun_set = set(kommuner)
        acts = []
        for i in range(N_ACTIVITIES):
            pid, a, b = rng.choice(pids)
            start = PartialDate.parse(f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}")
            acts.append(
                Activity(
                    municipality_id=a if a in kommun_set else b,
                    partnership_id=pid,
                    title=f"Studiebesök {i}",
                    kind="study_visit_in",
                    start=start,
                    occurred_on=start.lower,
                    topics="demokrati, vatten",
                    is_example=True,
                )
            )
        Activity.objects.bulk_create(acts, batch_size=5000)
    _populate_motions(rng, kommuner)
    _populate_documents(rng, kommuner)
    _analyze()
    return {"populate_seconds": round(time.perf_counter() - started, 1)}


def _analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum/ANALYZE would give them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _populate_motions(rng: random.Random, kommuner: list[int]) -> None:
    """10,000 motions spread over the kommuner and states, with a proposer and an event each."""
    from datetime import date, timedelta

    from vanort.motions.models import Motion, MotionEvent, Proposer

    if Motion.objects.count() >= N_MOTIONS:
        return
    states = ["registered", "raised", "in_preparation", "opinion_ready", "board_proposal", "decided", "closed"]
    motions = []
    for i in range(N_MOTIONS):
        filed = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        state = rng.choice(states)
        raised = filed if state != "registered" else None
        motions.append(
            Motion(
                municipality_id=rng.choice(kommuner),
                diarie_prefix="KS",
                diarie_year=filed.year,
                diarie_number=i + 1,
                title=f"Motion om samarbete nummer {i}",
                filed_date=filed,
                raised_on=raised,
                deadline=raised.replace(year=raised.year + 1)
                if raised and not (raised.month == 2 and raised.day == 29)
                else None,
                state=state,
                att_clauses=["att kommunen utreder frågan"],
                is_example=True,
            )
        )
    Motion.objects.bulk_create(motions, batch_size=2000)
    ids = list(Motion.objects.filter(is_example=True).values_list("id", "state"))
    Proposer.objects.bulk_create(
        [Proposer(motion_id=m, name=f"Ledamot {m}", party=rng.choice(["S", "M", "L", "C"])) for m, _ in ids],
        batch_size=5000,
    )
    MotionEvent.objects.bulk_create(
        [
            MotionEvent(motion_id=m, actor_label="bench", action="create", from_state="", to_state=state)
            for m, state in ids
        ],
        batch_size=5000,
    )


WORDS = [
    "kommunen",
    "samarbete",
    "vänort",
    "utbildning",
    "vatten",
    "energi",
    "demokrati",
    "studiebesök",
    "ungdomar",
    "kultur",
    "skola",
    "näringsliv",
    "sysselsättning",
    "räddningstjänst",
    "bistånd",
    "utrustning",
    "återuppbyggnad",
    "förvaltning",
    "Ukraina",
    "Finland",
    "Norge",
    "fullmäktige",
    "motion",
    "beslut",
    "protokoll",
    "tjänsteutlåtande",
]


def _populate_documents(rng: random.Random, kommuner: list[int]) -> None:
    """5,000 applied documents of about 300 words each, and a hromada with its spellings."""
    import hashlib

    from vanort.documents.models import SourceDocument
    from vanort.registry.services import place_upsert

    place_upsert(
        kind="hromada",
        country_code="UA",
        name="Trostianets",
        names=[("Тростянець", "uk"), ("Тростянецька міська громада", "uk"), ("Trostyanets", "en")],
        is_example=True,
    )
    if SourceDocument.objects.count() >= N_DOCUMENTS:
        return
    docs = []
    for i in range(N_DOCUMENTS):
        text = " ".join(rng.choice(WORDS) for _ in range(300)) + f" dokument {i}"
        docs.append(
            SourceDocument(
                checksum=hashlib.sha256(f"bench-{i}".encode()).hexdigest(),
                filename=f"protokoll-{i}.txt",
                content=text.encode(),
                size=len(text),
                source_kind="txt",
                document_kind="minutes",
                title=f"Protokoll {i}",
                text=text,
                repaired_text=text,
                municipality_id=rng.choice(kommuner),
                status=SourceDocument.Status.APPLIED,
            )
        )
    SourceDocument.objects.bulk_create(docs, batch_size=500)


def _index() -> dict[str, float]:
    """The search index after the bulk load (which bypasses the services): built once."""
    from vanort.search.index import refresh

    started = time.perf_counter()
    touched = refresh()
    _analyze()
    return {"search_index_seconds": round(time.perf_counter() - started, 1)} if touched else {}


def _db_cpu() -> tuple[int, float] | None:
    """(backend pid, CPU seconds so far) of this connection's PostgreSQL server process, read from
    /proc when the server runs on this machine; None on SQLite (its work is in this process's CPU
    time already) or a remote server. On a shared machine CPU time says more than wall time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _db_cpu_seconds(before: tuple[int, float] | None) -> float | None:
    """The backend's CPU seconds since `before`, if the same connection served all requests."""
    after = _db_cpu()
    if before is None or after is None or after[0] != before[0]:
        return None
    return after[1] - before[1]


def _download(client, url: str) -> dict[str, float]:
    """A full streamed download: rows per second and the peak of Python memory while streaming."""
    import tracemalloc

    def stream() -> tuple[int, float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.streaming, url
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
        return rows, time.perf_counter() - start, time.process_time() - cpu

    db = _db_cpu()
    rows, seconds, cpu = stream()  # speed without tracing (tracemalloc slows Python severalfold)
    db_cpu = _db_cpu_seconds(db)
    tracemalloc.start()
    stream()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "cpu_seconds": round(cpu, 2),
        "rows_per_cpu_s": round(rows / cpu),
        # PostgreSQL on this machine: the server process's CPU for the same download
        **({"db_cpu_seconds": round(db_cpu, 2)} if db_cpu is not None else {}),
        "peak_mib": round(peak / 2**20, 1),
    }


def _time(client, url: str) -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, prepared statements)
    samples, cpu = [], []
    db = _db_cpu()
    for _ in range(REPEAT):
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    db_cpu = _db_cpu_seconds(db)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        # CPU time of this process (Django and, for SQLite, the database): what the load on a
        # shared machine does not inflate
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        # PostgreSQL on this machine: its server process's CPU per request (a mean: /proc counts
        # in ticks of 10 ms)
        **({"db_cpu_mean_ms": round(db_cpu * 1000 / REPEAT, 1)} if db_cpu is not None else {}),
        "queries": len(ctx.captured_queries),
    }


def main() -> None:
    _ensure_postgres_database()
    import django

    django.setup()
    from django.test import Client

    from vanort.registry.models import Activity, Partnership, Place
    from vanort.search.index import paused

    with paused():  # the bulk load would refresh the index at each commit; _index() times one build
        info = _populate()
    info |= _index()
    client = Client()
    kommun = Place.objects.get(country_id="SE", kind="kommun", code="0180")
    partnership = Partnership.objects.filter(place_a=kommun).first() or Partnership.objects.first()
    urls = {
        "start page (/)": "/",
        "place detail (Stockholm)": f"/orter/{kommun.pk}/",
        "partnership list": "/partnerskap/",
        "partnership list, filtered status+country": "/partnerskap/?status=ended&country=FI",
        "partnership list, page 200": "/partnerskap/?page=200",
        "partnership detail": f"/partnerskap/{partnership.pk}/",
        "activity list": "/aktiviteter/",
        "place list": "/orter/",
        "search page": "/sok/?q=benchstad 1234",
        "api partnerships": "/api/partnerships?limit=50",
        "api partnerships of a place": "/api/partnerships?place=0180&limit=50",
        "api partnership detail": f"/api/partnerships/{partnership.pk}",
        "api search": "/api/search?q=benchstad 99",
    }
    from vanort.documents.models import SourceDocument
    from vanort.motions.models import Motion

    motion = Motion.objects.order_by("id").first()
    urls.update(
        {
            "motion list": "/motioner/",
            "motion list, search": "/motioner/?q=nummer 123",
            "motion detail": f"/motioner/{motion.pk}/",
            "motion deadlines dashboard": "/motioner/bevakning/",
            "api motions": "/api/motions?limit=50",
            "search: Trostyanets": "/sok/?q=Trostyanets",
            "search: Тростянецька міська громада": "/sok/?q=Тростянецька міська громада",
            "search: vanort (matches every partnership)": "/sok/?q=vanort",
            "search: studiebesök demokrati": "/sok/?q=studiebesök demokrati",
            "search: återuppbyggnad (documents)": "/sok/?q=återuppbyggnad",
            "search: typo, suggestion": "/sok/?q=Trostionets",
            "api search, type filter": "/api/search?q=stockholm&type=partnership",
            "statistics page": "/statistik/",
            "open data page": "/data/",
        }
    )
    from django.db import connection

    results = {name: _time(client, url) for name, url in urls.items()}
    downloads = {url: _download(client, url) for url in ("/data/partnerships.csv", "/data/partnerships.json")}
    print(
        json.dumps(
            {
                "bench": "web",
                "database": connection.vendor,
                "records": {
                    "partnerships": Partnership.objects.count(),
                    "activities": Activity.objects.count(),
                    "places": Place.objects.count(),
                    "motions": Motion.objects.count(),
                    "documents": SourceDocument.objects.count(),
                },
                **info,
                "repeat": REPEAT,
                "pages": results,
                "worst_p95_ms": max(r["p95_ms"] for r in results.values()),
                "worst_search_p95_ms": max(r["p95_ms"] for k, r in results.items() if "search" in k),
                "downloads": downloads,
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                },
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
