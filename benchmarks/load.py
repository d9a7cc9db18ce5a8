"""Load test under gunicorn: throughput and p95 latency of four pages beside a bare Flask endpoint, in one run.

Run: .venv/bin/python benchmarks/load.py [--database URL] [--redis URL] [--workers 2] [--clients 4]
                                         [--seconds 10] [--rounds 2] [--no-page-cache]

It starts gunicorn (sync workers, production settings, the login limits in Redis) on a free port with the app
and, mounted beside it at /_bare/ in the same processes, a Flask app whose one endpoint answers "ok" without
touching the database: the floor of what gunicorn, WSGI and Flask cost per request on this machine. A læser
signs in through the login form (CSRF token and all), and then --clients client processes each send one
request after another, for --seconds per target: the front page, an area page, the initiative list and the
seed's busiest initiative, and the bare endpoint. Each round measures every target once; the best round of
each is printed (requests per second, median and p95 latency, its share of the bare endpoint's throughput)
and every answer that was not 200 is counted and shown.

The database defaults to the scale benchmark's (benchmarks/scale.py builds it: 50,000 initiatives and 500,000
log entries); Redis to redis://127.0.0.1:6379/14. The client runs on the same machine as gunicorn and
PostgreSQL, so its own time is in the figures; on a 2-core machine shared with other work they are noisy.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/scale"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
EMAIL, PASSWORD = "load-laeser@tvaers.invalid", "belastning-adgangskode-1"
BUSY = "Tryghedsvandringer i de udsatte byområder"
BARE = "/_bare/"


def bench_app():
    """What gunicorn serves: Tværs, and the bare endpoint at /_bare/ in the same worker processes."""
    from flask import Flask
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from tracker import create_app

    app = create_app()
    app.config["PAGE_CACHE"] = os.environ.get("BENCH_PAGE_CACHE", "1") == "1"
    bare = Flask("bare")
    bare.add_url_rule("/", "ok", lambda: "ok")
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {BARE.rstrip("/"): bare})
    return app


def _prepare(database: str) -> str:
    """The bench reader exists with its password; returns the busiest initiative's page."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select

    from tracker import create_app
    from tracker.auth.services import create_user, set_user_password, user_by_email
    from tracker.extensions import db
    from tracker.initiatives.models import Initiative

    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "SECRET_KEY": "load-benchmark-setup"})
    with app.app_context():
        user = user_by_email(EMAIL)
        if user is None:
            create_user(EMAIL, "Belastning Læser", "laeser", PASSWORD)
        else:
            set_user_password(user, PASSWORD)
        initiative = db.session.scalar(select(Initiative.id).where(Initiative.title == BUSY))
        db.session.commit()
        db.engine.dispose()
    return f"/initiatives/{initiative}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(database: str, redis: str, workers: int, page_cache: bool) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "TRACKER_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
           "TRACKER_DATABASE_URL": database, "TRACKER_RATELIMIT_STORAGE_URL": redis,
           "BENCH_PAGE_CACHE": "1" if page_cache else "0", "PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "load:bench_app()"],
        cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = _get(port, BARE)
            if status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def _get(port: int, path: str, cookie: str = "") -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read(), response
    finally:
        connection.close()


def _cookies(response: http.client.HTTPResponse) -> str:
    return "; ".join(value.split(";", 1)[0] for name, value in response.getheaders() if name.lower() == "set-cookie")


def _sign_in(port: int) -> str:
    """The Cookie header of a session signed in through the login form."""
    status, body, response = _get(port, "/login")
    cookie = _cookies(response)
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body)
    assert status == 200 and token, "no login form"
    form = urlencode({"csrf_token": token.group(1).decode(), "email": EMAIL, "password": PASSWORD})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/login", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    assert answer.status == 302, f"login answered {answer.status}"
    return _cookies(answer)


def _client(port: int, path: str, cookie: str, seconds: float, results) -> None:
    """One browser: requests one after another, keeping the cookies the answers set (as the session gets its
    CSRF secret with the first page)."""
    latencies, statuses = [], {}
    jar = dict(part.split("=", 1) for part in cookie.split("; ") if part)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        status, _, response = _get(port, path, "; ".join(f"{k}={v}" for k, v in jar.items()))
        latencies.append(time.perf_counter() - start)
        statuses[status] = statuses.get(status, 0) + 1
        for set_cookie in filter(None, _cookies(response).split("; ")):
            name, value = set_cookie.split("=", 1)
            jar[name] = value
    results.put((latencies, statuses))


def measure(port: int, path: str, cookie: str, clients: int, seconds: float) -> dict:
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_client, args=(port, path, cookie, seconds, results))
               for _ in range(clients)]
    for worker in workers:
        worker.start()
    latencies, statuses = [], {}
    for _ in workers:
        found, counted = results.get()
        latencies += found
        for status, n in counted.items():
            statuses[status] = statuses.get(status, 0) + n
    for worker in workers:
        worker.join()
    latencies.sort()
    return {"rate": len(latencies) / seconds, "median": statistics.median(latencies) * 1000,
            "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
            "bad": sum(n for status, n in statuses.items() if status != 200), "statuses": statuses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-page-cache", dest="page_cache", action="store_false",
                        help="render every page (the counts stay cached)")
    args = parser.parse_args()
    initiative = _prepare(args.database)
    targets = {"bare Flask endpoint": BARE, "front page": "/", "area page": "/areas/norrebro",
               "initiative list": "/initiatives/", "initiative page": initiative}
    server, port = _start(args.database, args.redis, args.workers, args.page_cache)
    try:
        cookie = _sign_in(port)
        for path in targets.values():  # warm: each worker's connections, caches and templates
            for _ in range(4 * args.workers):
                status, _, _ = _get(port, path, cookie)
                assert status == 200, f"{path} answered {status}"
        best: dict[str, dict] = {}
        bad = dict.fromkeys(targets, 0)  # every answer but 200, in every round
        for _ in range(args.rounds):
            for name, path in targets.items():
                found = measure(port, path, cookie, args.clients, args.seconds)
                bad[name] += found["bad"]
                if name not in best or found["rate"] > best[name]["rate"]:
                    best[name] = found
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    bare = best["bare Flask endpoint"]["rate"]
    print(f"gunicorn {args.workers} sync workers, {args.clients} client processes, {args.seconds:g} s per target, "
          f"best of {args.rounds}; page cache {'on' if args.page_cache else 'off'}; {time.strftime('%Y-%m-%d')}")
    print("\n| target | requests/s | median ms | p95 ms | of bare | not 200 |\n|---|---:|---:|---:|---:|---:|")
    for name, path in targets.items():
        m = best[name]
        print(f"| {name} (`{path}`) | {m['rate']:.0f} | {m['median']:.1f} | {m['p95']:.1f} | "
              f"{100 * m['rate'] / bare:.0f} % | {bad[name]} |")
    front = best["front page"]["rate"] / bare
    print(f"\nfront page at {100 * front:.0f} % of the bare endpoint's throughput (goal: at least 50 %); "
          f"{sum(bad.values())} answers other than 200")


if __name__ == "__main__":
    main()
