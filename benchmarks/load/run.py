"""The load test, one command (``make load``): the example help center under gunicorn on
a throw-away PostgreSQL (tools/postgres) and Memcached (tools/memcached), visitors
browsing, searching, voting and commenting at once (locust, headless, loopback only,
bounded in time), then the checks: no response was a server error, and every vote, view
and comment the server accepted is in the database. Writes benchmarks/results/load.md;
exits non-zero when a check fails.

Options through the environment: LOAD_USERS (50), LOAD_SECONDS (120), LOAD_WORKERS (4).
"""

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_project"
REPORT = ROOT / "benchmarks" / "results" / "load.md"
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOAD_USERS", 50))
SECONDS = int(os.environ.get("LOAD_SECONDS", 120))
WORKERS = int(os.environ.get("LOAD_WORKERS", 4))

COUNT_SQL = """
import json
from django.db.models import Sum
from django_comments_xtd.models import XtdComment
from wagtail_helpcenter.models import PageViewDay, Vote
print(json.dumps({
    "votes": Vote.objects.count(),
    "views": PageViewDay.objects.aggregate(total=Sum("views"))["total"] or 0,
    "comments": XtdComment.objects.count(),
}))
"""


def manage(env, *args, capture=False):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=EXAMPLE, env=env, check=True,
        capture_output=capture, text=True,
    )  # fmt: skip


def counts(env):
    output = manage(env, "shell", "-c", COUNT_SQL, capture=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port}")


def endpoint_rows(stats_csv):
    with open(stats_csv) as handle:
        return list(csv.DictReader(handle))


def main():
    sys.path.insert(0, str(ROOT))
    from tools.memcached.server import memcached
    from tools.postgres.server import free_port, postgres

    with (
        postgres() as database_url,
        memcached() as cache_location,
        tempfile.TemporaryDirectory() as scratch,
    ):
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MEMCACHED_LOCATION": cache_location,
            "DJANGO_SETTINGS_MODULE": "demo_site.settings.load",
            "PYTHONPATH": f"{ROOT}{os.pathsep}{EXAMPLE}",
        }
        manage(env, "migrate", "--noinput", capture=True)
        manage(env, "helpcenter_demo", "--site-root", capture=True)
        before = counts(env)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "demo_site.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
             "--access-logfile", os.path.join(scratch, "access.log"), "--log-level", "warning"],
            cwd=EXAMPLE, env=env,
        )  # fmt: skip
        try:
            wait_for(port)
            tallies = os.path.join(scratch, "tallies.json")
            prefix = os.path.join(scratch, "locust")
            subprocess.run(
                [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
                 "--headless", "-u", str(USERS), "-r", str(max(1, USERS // 5)), "-t", f"{SECONDS}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--only-summary",
                 "--stop-timeout", "10"],
                env={**env, "LOAD_COUNTS": tallies}, check=False,
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=30)
        after = counts(env)
        with open(tallies) as handle:
            recorded = json.load(handle)
        rows = endpoint_rows(f"{prefix}_stats.csv")
    return report(before, after, recorded, rows)


def report(before, after, recorded, rows):
    accepted = recorded["accepted"]
    server_errors = {
        key: n for key, n in recorded["statuses"].items() if key.split()[-1].startswith("5")
    }
    checks = []
    for kind in ("votes", "comments", "views"):
        stored = after[kind] - before[kind]
        expected = accepted.get(kind, 0)
        checks.append((kind, expected, stored, stored == expected))
    ok = all(check[-1] for check in checks) and not server_errors
    lines = [
        "# Load test",
        "",
        f"Run {date.today().isoformat()} with `make load`: the example help center (demo content) "
        f"under gunicorn ({WORKERS} workers) on PostgreSQL, {USERS} simulated visitors for "
        f"{SECONDS} s on loopback (locust, headless). Times in milliseconds.",
        "",
        "| endpoint | requests | failures | median | p95 | requests/s |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['Median Response Time']} | {row['95%']} | {float(row['Requests/s']):.1f} |"
        )
    lines += [
        "",
        "## Nothing lost",
        "",
        "| what | accepted by the server | stored | same |",
        "|---|---|---|---|",
    ]
    for kind, expected, stored, same in checks:
        lines.append(f"| {kind} | {expected} | {stored} | {'yes' if same else 'NO'} |")
    refused = {key: n for key, n in recorded["statuses"].items() if key.split()[-1][0] == "4"}
    lines += [
        "",
        f"Server errors (5xx): {sum(server_errors.values()) if server_errors else 'none'}.",
        "Refusals (4xx, each with its message): "
        + (", ".join(f"{key}: {n}" for key, n in sorted(refused.items())) or "none")
        + ".",
        "",
        "Views count article pages served to visitors; votes are accepted on 303 (one per "
        "visitor and page: a second vote changes the first) and comments on 302 (public) or "
        "200 (held for a moderator).",
    ]
    REPORT.write_text("\n".join(lines) + "\n")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
