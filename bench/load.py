"""Load test: 50 concurrent users for 60 s against the production server setup.

What it runs: `vanort serve` (waitress) with DEBUG off, local mode off, a random SECRET_KEY,
on a PostgreSQL database of its own on 127.0.0.1 (dropped and created again each run; never
another host). The database is set up with `vanort setup`, the Huddinge demo data and
benchmark rows (partner places, partnerships, activities); motions are brought to the
council's agenda through the API before the clock starts.

Each simulated user loops until the time is up, pausing LOAD_THINK_MS (mean 1 s) between
actions like a person reading the page, and choosing (weighted): page and API reads,
searches, partnership edits through the API (a shared hot set, so concurrent edits collide
and some are sent with a stale version: both must give 409, never a lost update or a 500),
and motion transitions (postpone ⇄ resume, racing other users: 409/422 refusals expected).

    .venv/bin/python bench/load.py                       # 50 users, 60 s
    LOAD_USERS=10 LOAD_SECONDS=15 .venv/bin/python bench/load.py
    LOAD_THINK_MS=0 .venv/bin/python bench/load.py       # no pauses: saturation
    VANORT_PROCESSES=2 .venv/bin/python bench/load.py    # two server processes (both cores)

Bounded and self-stopping: every request has a timeout, the run a hard deadline, and the
server is stopped in any case. Prints one JSON object: throughput, latency p50/p95/p99
(overall and per kind), expected refusals by kind, errors by kind.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PORT = int(os.environ.get("LOAD_PORT", "8102"))
DB_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/backup_load")
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
TIMEOUT = 10.0
#: A person reads before the next click: mean think time between actions (uniform ±50 %).
#: LOAD_THINK_MS=0 runs a closed loop without pauses (a saturation test, not 50 people).
THINK_MS = float(os.environ.get("LOAD_THINK_MS", "1000"))
HOT_PARTNERSHIPS = 40
MOTIONS = 30
SEARCH_TERMS = ["Vanda", "Trostyanets", "kultur", "Askim", "Nuuk", "skola", "Ukraina", "Lyngby", "vänort", "Lviv"]
WEIGHTS = {"read": 50, "search": 20, "edit": 18, "transition": 12}


def _server_env(var_dir: Path, secret: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VANORT_LOCAL", "DEBUG", "VANORT_HTTPS"}}
    env.update(
        DATABASE_URL=DB_URL,
        SECRET_KEY=secret,
        ALLOWED_HOSTS=HOST,
        VANORT_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT / "src"),
        LOG_LEVEL="ERROR",
    )
    return env


def _recreate_database() -> None:
    import psycopg

    parts = urlsplit(DB_URL)
    if parts.hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("load.py: LOAD_DATABASE_URL must point at 127.0.0.1 (the database is dropped)")
    name = parts.path.lstrip("/")
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- preparation (runs in a child process with the server's environment) ----------------------


def prepare() -> dict[str, Any]:
    """Users with tokens, demo data and benchmark rows. Prints what the users need as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanort.config.settings")
    import django

    django.setup()
    from vanort.accounts import services as accounts
    from vanort.accounts.models import Role
    from vanort.core.partial_dates import PartialDate
    from vanort.demo import load_all_demo
    from vanort.registry.models import Activity, Partnership, Place, PlaceKind
    from vanort.registry.selectors import place_by_code

    load_all_demo()
    huddinge = place_by_code("0126")
    officer = accounts.user_create(username="load-officer", password=secrets.token_urlsafe(16))
    accounts.membership_grant(user=officer, municipality_id=huddinge.pk, role=Role.CASE_OFFICER)
    registrar = accounts.user_create(username="load-registrar", password=secrets.token_urlsafe(16))
    accounts.membership_grant(user=registrar, municipality_id=huddinge.pk, role=Role.REGISTRAR)
    _t1, officer_key = accounts.api_token_create(user=officer, name="load")
    _t2, registrar_key = accounts.api_token_create(user=registrar, name="load")

    rng = random.Random(8)
    countries = ["FI", "NO", "DK", "UA", "DE", "PL", "EE", "LV"]
    partners = Place.objects.bulk_create(
        [Place(kind=PlaceKind.CITY, country_id=rng.choice(countries), name=f"Lastort {i}") for i in range(600)]
    )
    kommuner = list(Place.objects.filter(country_id="SE", kind=PlaceKind.KOMMUN).exclude(pk=huddinge.pk)[:200])
    rows = []
    for i, partner in enumerate(partners):
        for home in [huddinge] if i < HOT_PARTNERSHIPS else rng.sample(kommuner, 3):
            low, high = sorted([home, partner], key=lambda p: p.pk)
            year = rng.randint(1950, 2024)
            rows.append(Partnership(place_a=low, place_b=high, kind="twin_town", start=PartialDate.parse(str(year))))
    created = Partnership.objects.bulk_create(rows)
    activities = []
    for partnership in rng.sample(created, 500):
        start = PartialDate.parse(f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}")
        activities.append(
            Activity(
                municipality_id=partnership.place_a_id,
                partnership=partnership,
                title="Studiebesök",
                kind="meeting",
                start=start,
                occurred_on=start.lower,
            )
        )
    Activity.objects.bulk_create(activities)
    hot = [p.pk for p in created if huddinge.pk in {p.place_a_id, p.place_b_id}][:HOT_PARTNERSHIPS]
    return {
        "officer_key": officer_key,
        "registrar_key": registrar_key,
        "hot_partnerships": hot,
        "partnerships": [p.pk for p in rng.sample(created, 300)],
        "places": [huddinge.pk, *[p.pk for p in rng.sample(partners, 100)], *[k.pk for k in kommuner[:50]]],
    }


# --- the client -----------------------------------------------------------------------------


class Client:
    def __init__(self) -> None:
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)

    def request(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, bytes]:
        headers = {"Accept-Language": "sv", "Connection": "keep-alive"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except Exception:
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)
            raise


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[tuple[str, float]] = []
        self.routes: dict[str, list[float]] = {}
        self.refusals: dict[str, int] = {}
        self.errors: dict[str, int] = {}
        self.conflicts_seen = 0

    def timed(
        self,
        client: Client,
        kind: str,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        expected: frozenset[int] = frozenset(),
        route: str = "",
    ) -> tuple[int, bytes] | None:
        started = time.perf_counter()
        try:
            status, payload = client.request(method, path, body, token)
        except Exception as exc:  # timeouts, resets: counted as errors, the run goes on
            with self.lock:
                self.errors[f"{kind}: {type(exc).__name__}"] = self.errors.get(f"{kind}: {type(exc).__name__}", 0) + 1
            return None
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.samples.append((kind, elapsed))
            self.routes.setdefault(f"{method} {route or path}", []).append(elapsed)
            if status in expected:
                key = f"{kind}: {status}"
                self.refusals[key] = self.refusals.get(key, 0) + 1
            elif status >= 400:
                key = f"{kind}: HTTP {status}"
                self.errors[key] = self.errors.get(key, 0) + 1
        return status, payload


NEXT_ACTION = {"on_agenda": "postpone", "postponed": "resume"}


def user_loop(number: int, plan: dict[str, Any], recorder: Recorder, deadline: float) -> None:
    rng = random.Random(number)
    client = Client()
    kinds = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    while time.monotonic() < deadline:
        if THINK_MS:
            time.sleep(min(rng.uniform(0.5, 1.5) * THINK_MS / 1000, max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= deadline:
                break
        kind = rng.choices(kinds, weights)[0]
        if kind == "read":
            route, path = rng.choice(
                [
                    ("/", "/"),
                    ("/orter/{id}/", f"/orter/{rng.choice(plan['places'])}/"),
                    ("/partnerskap/?page=N", f"/partnerskap/?page={rng.randint(1, 20)}"),
                    ("/partnerskap/{id}/", f"/partnerskap/{rng.choice(plan['partnerships'])}/"),
                    ("/api/partnerships/{id}", f"/api/partnerships/{rng.choice(plan['partnerships'])}"),
                    ("/api/partnerships?country=FI", "/api/partnerships?country=FI"),
                    ("/motioner/", "/motioner/"),
                    ("/motioner/{id}/", f"/motioner/{rng.choice(plan['motions'])}/"),
                    ("/api/motions/{id}", f"/api/motions/{rng.choice(plan['motions'])}"),
                    ("/aktiviteter/", "/aktiviteter/"),
                ]
            )
            recorder.timed(client, "read", "GET", path, route=route)
        elif kind == "search":
            term = quote(rng.choice(SEARCH_TERMS))
            route, path = rng.choice([("/api/search?q=T", f"/api/search?q={term}"), ("/sok/?q=T", f"/sok/?q={term}")])
            recorder.timed(client, "search", "GET", path, route=route)
        elif kind == "edit":
            pk = rng.choice(plan["hot_partnerships"])
            got = recorder.timed(client, "edit", "GET", f"/api/partnerships/{pk}", route="/api/partnerships/{id}")
            if got is None or got[0] != 200:
                continue
            version = json.loads(got[1])["version"]
            if rng.random() < 0.1:
                version -= 1  # a stale form: must be refused
            body = {"version": version, "description": f"Ändrad av användare {number} {time.time():.3f}"}
            recorder.timed(
                client,
                "edit",
                "PATCH",
                f"/api/partnerships/{pk}",
                body,
                plan["officer_key"],
                expected=frozenset({409}),
                route="/api/partnerships/{id}",
            )
        else:
            pk = rng.choice(plan["motions"])
            got = recorder.timed(
                client,
                "transition",
                "GET",
                f"/api/motions/{pk}",
                token=plan["registrar_key"],
                route="/api/motions/{id}",
            )
            if got is None or got[0] != 200:
                continue
            motion = json.loads(got[1])
            action = NEXT_ACTION.get(motion["state"])
            if action is None:
                continue
            body = {"action": action, "version": motion["version"]}
            recorder.timed(
                client,
                "transition",
                "POST",
                f"/api/motions/{pk}/transitions",
                body,
                plan["registrar_key"],
                expected=frozenset({409, 422}),
                route="/api/motions/{id}/transitions",
            )


def bring_motions_to_agenda(plan: dict[str, Any]) -> list[int]:
    """Create motions through the API and walk them to the council's agenda (not timed)."""
    client = Client()
    key = plan["registrar_key"]
    ids = []
    steps = [
        {"action": "submit"},
        {"action": "register"},
        {"action": "raise", "raised_on": "2026-02-10"},
        {"action": "start_preparation"},
        None,  # the opinion
        {"action": "complete_opinion"},
        {"action": "propose", "recommendation": "besvarad"},
        {"action": "put_on_agenda"},
    ]
    for i in range(MOTIONS):
        motion = {
            "municipality": "0126",
            "title": f"Motion om vänort nummer {i}",
            "filed_date": "2026-01-15",
            "proposers": [{"name": "Bo Källström", "party": "L"}],
            "att_clauses": ["att kommunen utreder ett vänortsavtal"],
        }
        status, body = client.request("POST", "/api/motions", motion, key)
        if status != 201:
            raise SystemExit(f"load.py: creating a motion failed: {status} {body[:300]!r}")
        data = json.loads(body)
        pk, version = data["id"], data["version"]
        for step in steps:
            if step is None:
                opinion = {"date": "2026-03-01", "sections": [{"heading": "Ärendet", "body": "Text."}]}
                status, body = client.request("PUT", f"/api/motions/{pk}/opinion", opinion, key)
            else:
                status, body = client.request(
                    "POST", f"/api/motions/{pk}/transitions", {**step, "version": version}, key
                )
                if status == 200:
                    version = json.loads(body)["version"]
            if status not in {200, 201}:
                raise SystemExit(f"load.py: preparing motion {pk} failed at {step}: {status} {body[:300]!r}")
        ids.append(pk)
    return ids


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[index], 1)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server and its child processes (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _wait_for_server(process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("load.py: the server stopped while starting")
        try:
            status, _body = Client().request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("load.py: the server did not answer /healthz within 60 s")


def main() -> None:
    signal.alarm(int(SECONDS) + 900)  # hard stop for the whole run, preparation included
    secret = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="vanort-load-") as var:
        env = _server_env(Path(var), secret)
        vanort = [sys.executable, "-m", "vanort"]
        _recreate_database()
        subprocess.run([*vanort, "setup"], env=env, check=True, stdout=subprocess.DEVNULL, timeout=600)
        prepared = subprocess.run(
            [sys.executable, __file__, "--prepare"], env=env, check=True, capture_output=True, text=True, timeout=600
        )
        plan = json.loads(prepared.stdout.strip().splitlines()[-1])
        server = subprocess.Popen(
            [*vanort, "serve", "--host", HOST, "--port", str(PORT)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for_server(server)
            plan["motions"] = bring_motions_to_agenda(plan)
            recorder = Recorder()
            load_before = os.getloadavg()[0]
            cpu_before = _cpu_seconds(server.pid)
            started = time.monotonic()
            deadline = started + SECONDS
            threads = [
                threading.Thread(target=user_loop, args=(n, plan, recorder, deadline), daemon=True)
                for n in range(USERS)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(SECONDS + TIMEOUT * 3)
            elapsed = time.monotonic() - started
            server_cpu = _cpu_seconds(server.pid) - cpu_before
            load_after = os.getloadavg()[0]
        finally:
            server.terminate()
            try:
                _out, err = server.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                _out, err = server.communicate()
    latencies = [ms for _kind, ms in recorder.samples]
    by_kind = {}
    for kind in WEIGHTS:
        values = [ms for k, ms in recorder.samples if k == kind]
        by_kind[kind] = {
            "requests": len(values),
            "p50_ms": _percentile(values, 50),
            "p95_ms": _percentile(values, 95),
            "p99_ms": _percentile(values, 99),
        }
    routes = sorted(
        (
            {"route": r, "requests": len(v), "p50_ms": _percentile(v, 50), "p95_ms": _percentile(v, 95)}
            for r, v in recorder.routes.items()
        ),
        key=lambda item: -item["p95_ms"],
    )
    server_errors = [line for line in err.decode("utf-8", "replace").splitlines() if "Traceback" in line]
    result = {
        "benchmark": "load",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "setup": "vanort serve (waitress, 8 threads), DEBUG off, local mode off, SECRET_KEY set, "
        "PostgreSQL on 127.0.0.1; client threads on the same machine",
        "server_processes": int(os.environ.get("VANORT_PROCESSES", "1")),
        "users": USERS,
        "think_ms": THINK_MS,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "latency_ms": {
            "p50": _percentile(latencies, 50),
            "p95": _percentile(latencies, 95),
            "p99": _percentile(latencies, 99),
            "max": round(max(latencies), 1) if latencies else 0,
        },
        "by_kind": by_kind,
        "routes": routes,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / len(latencies), 1) if latencies else 0,
        "load_average_1min": {"before": round(load_before, 2), "after": round(load_after, 2)},
        "expected_refusals": dict(sorted(recorder.refusals.items())),
        "errors": dict(sorted(recorder.errors.items())),
        "error_count": sum(recorder.errors.values()),
        "server_tracebacks": len(server_errors),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        sys.path.insert(0, str(ROOT / "src"))
        print(json.dumps(prepare()))
    else:
        main()
