"""A real OpenSearch node for tests and local development, from Maven Central artifacts.

    python -m tools.opensearch.node serve [--port 9200]   # until Ctrl-C (make opensearch)
    python -m tools.opensearch.node run -- COMMAND ...    # start, run COMMAND, stop

``run`` exports HELPCENTER_OPENSEARCH_URL to the command and exits with its status. The
node listens on loopback only, on free ports, with a throw-away data folder. Anything
that keeps it from starting is an error with a message saying what to install: search
tests must fail loudly, never skip.
"""

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
LAUNCHER = HERE / "StartOpenSearch.java"
CLASSPATH_FILE = HERE / ".classpath"
MIN_JAVA = 11
MAX_JAVA = 23  # OpenSearch 2.x needs the Security Manager, which JDK 24 removed
START_TIMEOUT_SECONDS = 240
HEAP = os.environ.get("HELPCENTER_OPENSEARCH_HEAP", "1g")


class NodeError(RuntimeError):
    pass


def _java_major(java):
    try:
        output = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except OSError:
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', output)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 else major


def find_java():
    """A java binary of a version the runner supports: JAVA_HOME, PATH, then /usr/lib/jvm."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    if shutil.which("java"):
        candidates.append(shutil.which("java"))
    candidates += sorted(str(path) for path in Path("/usr/lib/jvm").glob("*/bin/java"))
    seen = []
    for java in candidates:
        major = _java_major(java)
        seen.append(f"{java} ({major or 'unknown version'})")
        if major and MIN_JAVA <= major <= MAX_JAVA:
            return java
    raise NodeError(
        f"No Java {MIN_JAVA}-{MAX_JAVA} found to run OpenSearch 2.19 "
        f"(looked at: {', '.join(seen) or 'nothing'}). Install OpenJDK 17 "
        "(apt-get install openjdk-17-jdk-headless) or set JAVA_HOME."
    )


def classpath():
    """The node's classpath, resolved by Maven once and cached next to pom.xml."""
    if CLASSPATH_FILE.exists() and CLASSPATH_FILE.stat().st_mtime >= POM.stat().st_mtime:
        return CLASSPATH_FILE.read_text().strip()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NodeError(
            "Maven (mvn) is needed to fetch OpenSearch; install it (apt-get install maven)."
        )
    print(
        "Fetching OpenSearch from Maven Central (the first time takes a minute)...", file=sys.stderr
    )
    result = subprocess.run(
        [mvn, "-B", "-q", "-f", str(POM), "dependency:build-classpath",
         f"-Dmdep.outputFile={CLASSPATH_FILE}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0 or not CLASSPATH_FILE.exists():
        raise NodeError(f"Maven could not resolve OpenSearch:\n{result.stdout}\n{result.stderr}")
    return CLASSPATH_FILE.read_text().strip()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OpenSearchNode:
    def __init__(self, http_port=None):
        self.http_port = http_port or free_port()
        self.transport_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.process = None
        self.data_dir = None
        self.log_path = None

    def start(self):
        java = find_java()
        cp = classpath()
        self.data_dir = tempfile.mkdtemp(prefix="helpcenter-opensearch-")
        self.log_path = Path(self.data_dir) / "node.log"
        log = open(self.log_path, "w")  # noqa: SIM115 - closed with the process in stop()
        self.process = subprocess.Popen(
            [java, f"-Xms{HEAP}", f"-Xmx{HEAP}", "-cp", cp, str(LAUNCHER),
             str(Path(self.data_dir) / "node"), str(self.http_port), str(self.transport_port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self._log = log
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=5s"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise NodeError(f"OpenSearch exited while starting:\n{self._tail()}")
            try:
                with urllib.request.urlopen(health, timeout=10) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(1)
        tail = self._tail()
        self.stop()
        raise NodeError(f"OpenSearch did not become healthy in {START_TIMEOUT_SECONDS}s:\n{tail}")

    def _tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        if self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run a node until interrupted")
    serve.add_argument("--port", type=int, default=9200)
    run = commands.add_parser("run", help="start a node, run a command, stop the node")
    run.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    try:
        if args.command == "serve":
            with OpenSearchNode(args.port) as node:
                print(f"OpenSearch is up at {node.url}. Press Ctrl-C to stop it.", flush=True)
                with contextlib.suppress(KeyboardInterrupt):
                    node.process.wait()
            return 0
        cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
        if not cmd:
            parser.error("run needs a command after --")
        with OpenSearchNode() as node:
            print(f"OpenSearch is up at {node.url}", file=sys.stderr, flush=True)
            env = dict(os.environ, HELPCENTER_OPENSEARCH_URL=node.url)
            return subprocess.run(cmd, env=env, check=False).returncode
    except NodeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
