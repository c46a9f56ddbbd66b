"""`vanort serve` behind a TLS proxy: scheme and client address only from the trusted proxy."""

from __future__ import annotations

import fcntl
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanort.ops.serving import ServeConfigError, waitress_options


def test_without_a_proxy_no_forwarded_header_is_trusted() -> None:
    assert waitress_options({}) == {"threads": 8}


def test_a_trusted_proxy_is_the_only_source_of_forwarded_headers() -> None:
    options = waitress_options({"VANORT_TRUSTED_PROXY": "127.0.0.1", "VANORT_THREADS": "4"})
    assert options["trusted_proxy"] == "127.0.0.1"
    assert options["clear_untrusted_proxy_headers"] is True
    assert "x-forwarded-proto" in options["trusted_proxy_headers"]
    assert options["threads"] == 4


@pytest.mark.parametrize("threads", ["0", "many", "1000"])
def test_bad_thread_count_is_refused(threads: str) -> None:
    with pytest.raises(ServeConfigError, match="VANORT_THREADS"):
        waitress_options({"VANORT_THREADS": threads})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _production_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VANORT_LOCAL", "DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{var_dir / 'db.sqlite3'}",
        VANORT_VAR_DIR=str(var_dir),
        SECRET_KEY="proxy-test-" + "x1y2z3" * 10,
        VANORT_HTTPS="1",
        ALLOWED_HOSTS="vanort.example",
        VANORT_TRUSTED_PROXY="127.0.0.1",
    )
    return env


@pytest.fixture(scope="session")
def set_up_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made by `vanort setup` in production mode, once per test run for the server tests
    of this module: each test serves its own copy of it. The xdist workers share one run's base
    directory (the parent of their own), so the first to get here sets it up and the other waits."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    var_dir = shared / "vanort-set-up"
    with (shared / "vanort-set-up.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (var_dir / "done").exists():
            shutil.rmtree(var_dir, ignore_errors=True)
            var_dir.mkdir()
            env = _production_env(var_dir)
            command = [sys.executable, "-m", "vanort", "setup"]
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
            (var_dir / "done").touch()
    return var_dir / "db.sqlite3"


def _copy_database(set_up_database: Path, var_dir: Path) -> None:
    shutil.copyfile(set_up_database, var_dir / "db.sqlite3")
    (var_dir / "static").mkdir(exist_ok=True)  # what `vanort setup` makes besides the database


@pytest.mark.slow
@pytest.mark.xdist_group("served")
def test_production_server_behind_a_proxy(tmp_path: Path, set_up_database: Path) -> None:
    port = _free_port()
    env = _production_env(tmp_path)
    _copy_database(set_up_database, tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "vanort", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(path: str, **headers: str) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", path, headers={"Host": "vanort.example", **headers})
        response = conn.getresponse()
        response.read()
        return response

    try:
        for _ in range(150):
            try:
                health = get("/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert health.status == 200  # exempt from the HTTPS redirect: the proxy checks it over HTTP
        plain = get("/")
        assert plain.status == 301
        assert plain.headers["Location"] == "https://vanort.example/"
        secure = get("/", **{"X-Forwarded-Proto": "https"})
        assert secure.status == 200
        assert "max-age=31536000" in secure.headers["Strict-Transport-Security"]
        server.terminate()
        assert server.wait(15) == 0  # a supervisor's SIGTERM is a clean stop, as with several processes
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(15)


@pytest.mark.django_db
def test_an_address_in_use_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from vanort.cli import main
    from vanort.search import index

    monkeypatch.setattr(index, "_background", index.Background())  # serve switches it on
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) != 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"serve: 127.0.0.1:{port}: ")


@pytest.mark.parametrize("value", ["0", "x", "99"])
def test_bad_process_count_is_refused(value: str) -> None:
    from vanort.ops.serving import processes_from

    with pytest.raises(ServeConfigError, match="VANORT_PROCESSES"):
        processes_from({"VANORT_PROCESSES": value})


@pytest.mark.slow
@pytest.mark.xdist_group("served")
def test_two_server_processes_share_the_port_and_stop_together(tmp_path: Path, set_up_database: Path) -> None:
    port = _free_port()
    env = {**os.environ, "VANORT_LOCAL": "1", "VANORT_PROCESSES": "2"}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", VANORT_VAR_DIR=str(tmp_path))
    _copy_database(set_up_database, tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "vanort", "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL
    )
    try:
        statuses = []
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                conn.request("GET", "/healthz")
                statuses.append(conn.getresponse().status)
                if len(statuses) == 20:
                    break
            except OSError:
                time.sleep(0.2)
        assert statuses == [200] * 20
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) == 2
    finally:
        server.terminate()
        assert server.wait(20) == 0
    for child in children:
        assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_warm_up_compiles_every_template_before_the_first_request() -> None:
    from django.template import engines

    from vanort.ops.serving import warm_up

    engine = engines["django"].engine
    cached = next(loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache"))
    cached.reset()
    warm_up()
    names = set(cached.get_template_cache)
    assert {"web/base.html", "web/registry/place_detail.html", "web/motions/detail.html"} <= names


def test_server_threads_hand_over_the_interpreter_within_a_millisecond() -> None:
    from vanort.ops.serving import SWITCH_INTERVAL, share_the_interpreter

    before = sys.getswitchinterval()
    try:
        share_the_interpreter()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL) == pytest.approx(0.001)
    finally:
        sys.setswitchinterval(before)
