"""Serve the dashboard on every core: N Streamlit processes behind HAProxy on one port.

Usage: python -m ui.serve [--port 8501] [--address 0.0.0.0] [--workers N] [-- STREAMLIT ARGS]

One Streamlit process runs its scripts on one core (the GIL), so a busy server needs
several. HAProxy (Debian's /usr/sbin/haproxy) listens on --port and hands each new
browser session to the least busy worker; a cookie (`rectify_worker`) then keeps that
browser on the same worker for the websocket and for Streamlit's HTTP endpoints (uploads,
media, downloads), which only the worker holding the session can answer. Workers are
health-checked (`/_stcore/health`); one that stops answering gets no new sessions, and
one that exits is started again. All workers share one cookie secret, so a signed-in
user stays signed in on any of them. SIGTERM or SIGINT stops HAProxy and every worker.

`streamlit run dashboard.py` keeps working alone; this is for serving many leaders.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parent.parent
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "rectify_worker"
STOP_GRACE_S = 10  # seconds a child gets to exit on SIGTERM before it is killed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy_config(address: str, port: int, workers: list[int]) -> str:
    """The whole HAProxy configuration: one frontend, one backend of Streamlit workers."""
    servers = "\n".join(
        f"    server w{n} 127.0.0.1:{p} check cookie w{n} inter 2s fall 3 rise 1"
        for n, p in enumerate(workers)
    )
    return f"""\
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 24h
    timeout http-request 30s

frontend dashboard
    bind {address}:{port}
    monitor-uri /_proxy/health
    default_backend streamlit

backend streamlit
    balance leastconn
    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
{servers}
"""


def _die_with_parent() -> None:
    """In the child: get SIGTERM if ui.serve itself dies (even by SIGKILL)."""
    with_pdeathsig = 1  # PR_SET_PDEATHSIG
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(with_pdeathsig, signal.SIGTERM)


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=APP_ROOT, env=env, preexec_fn=_die_with_parent)  # noqa: PLW1509 - only prctl, before exec


class Server:
    """HAProxy and its Streamlit workers, started together and stopped together."""

    def __init__(
        self,
        port: int,
        workers: int,
        address: str = "0.0.0.0",  # noqa: S104 - a server is meant to be reached
        streamlit_args: list[str] | None = None,
        app: str = "dashboard.py",
    ) -> None:
        self.port = port
        self.address = address
        self.app = app
        self.streamlit_args = streamlit_args or []
        self.worker_ports = [free_port() for _ in range(workers)]
        self.workers: list[subprocess.Popen | None] = [None] * workers
        self.proxy: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.env = {**os.environ}
        # one secret for all workers: a login cookie signed by one is valid on the others
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self.env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
        # uvicorn (under Streamlit) would replace the peer, HAProxy on 127.0.0.1, by the
        # X-Forwarded-For client, so [proxy] trusted = 127.0.0.1 never matched and proxy
        # sign-in failed; ui.auth reads X-Forwarded-For itself, from trusted peers only.
        self.env["FORWARDED_ALLOW_IPS"] = ""
        self._dir = Path(tempfile.mkdtemp(prefix="rectify-serve-"))

    def _start_worker(self, n: int) -> None:
        self.workers[n] = _spawn(
            [sys.executable, "-m", "streamlit", "run", self.app, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.worker_ports[n]),
             *self.streamlit_args],
            self.env,
        )  # fmt: skip

    def start(self) -> None:
        _build_database_once(self.env)
        for n in range(len(self.workers)):
            self._start_worker(n)
        for n, port in enumerate(self.worker_ports):
            _wait_until_healthy(self.workers[n], f"http://127.0.0.1:{port}/_stcore/health")
        config = self._dir / "haproxy.cfg"
        config.write_text(haproxy_config(self.address, self.port, self.worker_ports))
        subprocess.run([HAPROXY, "-c", "-q", "-f", str(config)], check=True)
        self.proxy = _spawn([HAPROXY, "-W", "-db", "-f", str(config)], self.env)

    def supervise(self) -> None:
        """Until stop(): start again a worker that exited; stop all if HAProxy exits."""
        while not self.stopping.wait(1.0):
            if self.proxy is not None and self.proxy.poll() is not None:
                print(f"haproxy exited ({self.proxy.returncode}); stopping", file=sys.stderr)
                self.stopping.set()
                break
            for n, worker in enumerate(self.workers):
                if worker is not None and worker.poll() is not None and not self.stopping.is_set():
                    print(f"worker {n} exited ({worker.returncode}); restarting", file=sys.stderr)
                    self._start_worker(n)

    def stop(self) -> None:
        """SIGTERM to HAProxy and every worker, then wait for them (kill if they hang)."""
        self.stopping.set()
        children = [c for c in [self.proxy, *self.workers] if c is not None]
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + STOP_GRACE_S
        for child in children:
            try:
                child.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(self._dir, ignore_errors=True)


def _build_database_once(env: dict[str, str]) -> None:
    """Build the database from data/reports/* before the workers start, so that N
    workers do not each build it on their first session (ui.database would)."""
    # (loaders.store.default_db_path's rule, without importing the loader into this process)
    db = Path(env["RECTIFY_DB"]) if env.get("RECTIFY_DB") else APP_ROOT / "data" / "rectify.duckdb"
    reports = sorted(str(p) for p in (APP_ROOT / "data" / "reports").glob("*") if p.is_file())
    if db.exists() or not reports:
        return
    subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", *reports, "--db", str(db)],
        cwd=APP_ROOT, env=env, check=True,
    )  # fmt: skip


def _wait_until_healthy(proc: subprocess.Popen | None, url: str) -> None:
    while True:
        if proc is None or proc.poll() is not None:
            raise RuntimeError(f"a worker exited before answering {url}")
        try:
            with urllib.request.urlopen(url) as response:  # noqa: S310 - our own http URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="0.0.0.0")  # noqa: S104 - a server is meant to be reached
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("streamlit_args", nargs="*", help="after --: passed to streamlit run")
    args = parser.parse_args(argv)
    server = Server(args.port, max(args.workers, 1), args.address, args.streamlit_args)

    started = threading.Event()

    def on_signal(_signum, _frame) -> None:
        server.stopping.set()
        if not started.is_set():  # still waiting for workers: give up at once
            raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        server.start()
        started.set()
        print(
            f"整改指标看板: http://{args.address}:{args.port} "
            f"({len(server.workers)} workers behind HAProxy)",
            flush=True,
        )
        server.supervise()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
