"""A bounded load generator for the production stack (`make stack`), loopback only.

    python -m bench.load --base http://127.0.0.1:8000 --concurrency 4 16 32 --duration 20

For each concurrency it runs the site mix for --duration seconds (or --max-requests, whichever
comes first), then the bare Django view (bench/bare.py, routed when the server runs with
BENCH_BARE_VIEW=1) for the same time, and prints throughput, p50/p95/p99 latency and errors.
The mix, each request picked at random by weight:

- catalogue browsing with filters (built from the form's own options) and profile pages,
- the public selection statistics page (/selection/) and the landing page,
- a logged-in customer opening their needs list and a need's shortlist,
- a logged-in applicant opening their applications and their skill test page.

Requests carry X-Forwarded-Proto: https, as the TLS proxy in front of gunicorn would (production
settings redirect plain HTTP). Logins are done once per role and the session is shared by the
threads (allauth limits logins per IP). Any status >= 400, or a redirect to the login page, is an error.
"""

import argparse
import http.client
import json
import random
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEMO_PASSWORD = "demo-pass-2026"
CATALOGUE = "/specialists/"


class MixError(Exception):
    """A part of the mix cannot be built: the site or its demo data is not what the run needs."""


@dataclass
class Target:
    name: str
    weight: int
    paths: list[str]
    cookie: str = ""


@dataclass
class Result:
    latencies: dict = field(default_factory=dict)  # target name -> [seconds]
    errors: dict = field(default_factory=dict)  # target name -> count
    samples: list = field(default_factory=list)  # a few error descriptions


class Client:
    """One keep-alive connection (re-opened when the server closes it), fixed headers."""

    def __init__(self, base: str):
        url = urlparse(base)
        self.host, self.port = url.hostname, url.port or 80
        self.origin = f"https://{url.hostname}:{self.port}"
        self.conn = None

    def request(self, method, path, *, cookie="", body=None, headers=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"{self.host}:{self.port}",
            "User-Agent": "topfreelancer-load/1",
            **({"Cookie": cookie} if cookie else {}),
            **(headers or {}),
        }
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.conn.close()
                    self.conn = None
                return response, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()


def cookies_of(response) -> dict:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(base: str, email: str) -> str:
    """Log in through the real form; return the Cookie header of the session."""
    client = Client(base)
    response, body = client.request("GET", "/accounts/login/")
    jar = cookies_of(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not token or "csrftoken" not in jar:
        raise MixError("the login page has no CSRF token")
    form = urlencode(
        {"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()}
    )
    response, _ = client.request(
        "POST",
        "/accounts/login/",
        cookie=f"csrftoken={jar['csrftoken']}",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": client.origin,
            "Referer": client.origin + "/accounts/login/",
        },
    )
    jar.update(cookies_of(response))
    client.close()
    if response.status != 302 or "sessionid" not in jar:
        raise MixError(f"{email} cannot log in (is the demo data loaded?)")
    return f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"


def links(base: str, path: str, pattern: str, cookie: str = "", limit: int = 20) -> list[str]:
    client = Client(base)
    response, body = client.request("GET", path, cookie=cookie)
    client.close()
    if response.status != 200:
        return []
    found = list(dict.fromkeys(re.findall(pattern, body.decode("utf-8", "replace"))))
    return found[:limit]


def start_test(base: str, page: str, cookie: str) -> list[str]:
    """The demo applicant at the skill test starts it (once, as they would): the test page's URL."""
    client = Client(base)
    response, body = client.request("GET", page, cookie=cookie)
    html = body.decode("utf-8", "replace")
    action = re.search(r'action="(/apply/\d+/test/)"', html)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if response.status != 200 or not action or not token:
        client.close()
        return []
    response, _ = client.request(
        "POST",
        action.group(1),
        cookie=cookie,
        body=urlencode({"csrfmiddlewaretoken": token.group(1)}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": client.origin,
            "Referer": client.origin + page,
        },
    )
    client.close()
    location = urlparse(response.getheader("Location") or "").path
    return [location] if re.fullmatch(r"/apply/test/\d+/", location) else []


def reachable(base: str, path: str, cookie: str = "") -> bool:
    client = Client(base)
    response, _ = client.request("GET", path, cookie=cookie)
    client.close()
    return response.status == 200


def catalogue_filters(base: str, catalogue: str) -> list[str]:
    """Filter combinations built from the catalogue form's own options (ids differ per database)."""
    client = Client(base)
    _, body = client.request("GET", catalogue)
    client.close()
    html = body.decode("utf-8", "replace")

    def options(name):
        select = re.search(r'<select[^>]*name="' + name + r'"[^>]*>(.*?)</select>', html, re.S)
        if select:
            return [v for v in re.findall(r'value="([^"]+)"', select.group(1)) if v]
        return re.findall(r'<input type="checkbox" name="' + name + r'" value="([^"]+)"', html)  # skills

    rng = random.Random(7)
    specs, levels, skills = options("specialization"), options("min_level"), options("skills")
    queries = ["", "?sort=rate", "?sort=availability", "?page=2", "?q=python", "?q=design&sort=active"]
    for _ in range(30):
        query = {"sort": rng.choice(["level", "rate", "availability", "active"])}
        if specs:
            query["specialization"] = rng.choice(specs)
        if levels and rng.random() < 0.7:
            query["min_level"] = rng.choice(levels)
        if skills and rng.random() < 0.5:
            query["skills"] = rng.choice(skills)
        if rng.random() < 0.3:
            query["min_hours"] = rng.choice([10, 20, 30])
        if rng.random() < 0.3:
            query["page"] = rng.choice([2, 3])
        queries.append("?" + urlencode(query))
    # A page past the last answers 404 by design: keep the combinations whose page exists here.
    client = Client(base)
    urls = [catalogue + q for q in queries]
    existing = [url for url in urls if client.request("GET", url)[0].status == 200]
    client.close()
    return existing


def build_mix(base: str) -> list[Target]:
    """The site mix from the running site's own pages and the demo logins (make run's demo_data)."""
    mix = [Target("landing", 1, ["/"]), Target("selection", 3, ["/selection/"])]
    mix.append(Target("catalogue", 6, catalogue_filters(base, CATALOGUE)))
    profiles = links(base, CATALOGUE, r'href="(' + re.escape(CATALOGUE) + r'\d+/)"', limit=50)
    if not profiles:
        raise MixError(f"{CATALOGUE} lists no profiles")
    mix.append(Target("profile page", 4, profiles))
    customer = login(base, "customer@example.com")
    needs = links(base, "/needs/", r'href="(/needs/\d+/)"', cookie=customer)
    if not needs:
        raise MixError("customer@example.com has no needs")
    mix.append(Target("customer needs", 2, ["/needs/", needs[0]], cookie=customer))
    mix.append(Target("customer shortlist", 3, needs, cookie=customer))
    applicant = login(base, "applicant@example.com")
    applications = links(base, "/apply/", r'href="(/apply/\d+/)"', cookie=applicant)
    mix.append(Target("applicant home", 2, ["/apply/", *applications], cookie=applicant))
    tests = links(base, "/apply/", r'href="(/apply/test/\d+/)"', cookie=applicant)
    for path in applications:
        tests += links(base, path, r'href="(/apply/test/\d+/)"', cookie=applicant)
        if not tests:
            tests += start_test(base, path, applicant)
    if tests:
        mix.append(Target("skill test page", 2, tests, cookie=applicant))
    else:  # a state of the data, not of the site: a reused database whose demo test has expired
        print("  (the demo applicant has no skill test to open: left out of the mix)", file=sys.stderr)
    return mix


def run(base: str, mix: list[Target], *, concurrency: int, duration: float, max_requests: int) -> tuple:
    result = Result()
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    budget = [max_requests]
    weights = [t.weight for t in mix]

    def worker(seed):
        rng = random.Random(seed)
        client = Client(base)
        local: dict = {}
        errors: dict = {}
        samples = []
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            target = rng.choices(mix, weights)[0]
            path = rng.choice(target.paths)
            started = time.perf_counter()
            try:
                response, _ = client.request("GET", path, cookie=target.cookie)
                status = response.status
                bad = status >= 400 or (
                    status in (301, 302) and "/login/" in (response.getheader("Location") or "")
                )
            except Exception as exc:
                status, bad = repr(exc), True
            elapsed = time.perf_counter() - started
            local.setdefault(target.name, []).append(elapsed)
            if bad:
                errors[target.name] = errors.get(target.name, 0) + 1
                if len(samples) < 3:
                    samples.append(f"{path}: {status}")
        client.close()
        with lock:
            for name, values in local.items():
                result.latencies.setdefault(name, []).extend(values)
            for name, count in errors.items():
                result.errors[name] = result.errors.get(name, 0) + count
            result.samples.extend(samples)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    return result, time.monotonic() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarize(label, concurrency, result, elapsed) -> dict:
    everything = [v for values in result.latencies.values() for v in values]
    if not everything:
        return {"run": label, "concurrency": concurrency, "requests": 0}
    return {
        "run": label,
        "concurrency": concurrency,
        "requests": len(everything),
        "seconds": round(elapsed, 1),
        "rps": round(len(everything) / elapsed, 1),
        "p50_ms": round(statistics.median(everything) * 1000, 1),
        "p95_ms": round(percentile(everything, 95) * 1000, 1),
        "p99_ms": round(percentile(everything, 99) * 1000, 1),
        "errors": sum(result.errors.values()),
        "by_target": {
            name: {
                "requests": len(values),
                "p50_ms": round(statistics.median(values) * 1000, 1),
                "p95_ms": round(percentile(values, 95) * 1000, 1),
                "errors": result.errors.get(name, 0),
            }
            for name, values in sorted(result.latencies.items())
        },
        "error_samples": result.samples[:5],
    }


def table(rows) -> str:
    lines = [
        "| run | concurrency | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.get("requests"):
            lines.append(
                f"| {r['run']} | {r['concurrency']} | {r['requests']} | {r['rps']} | {r['p50_ms']} | "
                f"{r['p95_ms']} | {r['p99_ms']} | {r['errors']} |"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 16, 32])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run (max 120)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per run (max 100000)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-view comparison")
    parser.add_argument("--out", default="bench/results/load.json")
    args = parser.parse_args(argv)
    if urlparse(args.base).hostname not in LOOPBACK:
        parser.error("loopback only: --base must be http://127.0.0.1:<port>")
    duration = min(args.duration, 120.0)
    max_requests = min(args.max_requests, 100_000)
    if not reachable(args.base, "/healthz"):
        print(f"{args.base}/healthz is not 200: start the stack first (make stack)", file=sys.stderr)
        return 2
    try:
        mix = build_mix(args.base)
    except MixError as error:
        print(f"cannot build the mix: {error}", file=sys.stderr)
        return 2
    print("mix: " + ", ".join(f"{t.name} ×{t.weight} ({len(t.paths)} URLs)" for t in mix), file=sys.stderr)
    bare = [Target("bare view", 1, ["/bench/bare/"])]
    if not args.no_bare and not reachable(args.base, "/bench/bare/"):
        print("  (bare view not routed: start the server with BENCH_BARE_VIEW=1)", file=sys.stderr)
        bare = []
    rows = []
    for concurrency in args.concurrency:
        for label, targets in [("site mix", mix), ("bare view", bare)]:
            if not targets or args.no_bare and label == "bare view":
                continue
            result, elapsed = run(
                args.base, targets, concurrency=concurrency, duration=duration, max_requests=max_requests
            )
            row = summarize(label, concurrency, result, elapsed)
            rows.append(row)
            print(
                f"{label:>9} c={concurrency:<3} {row.get('requests', 0):>6} req {row.get('rps', 0):>7} req/s "
                f"p50 {row.get('p50_ms')} p95 {row.get('p95_ms')} p99 {row.get('p99_ms')} ms "
                f"errors {row.get('errors')}",
                file=sys.stderr,
            )
    print(table(rows))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"base": args.base, "duration": duration, "rows": rows}, indent=2))
    return 1 if any(r.get("errors") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
