"""``votepower serve``: the explorer's page and its API over HTTP, with the standard library.

A security boundary, so:

* it binds to localhost unless told otherwise (:func:`serve` says so when it is not);
* every request goes through :func:`.api.route`, which parses it with the command line's
  parsers (a 400 with the one-line message for bad input);
* the answers are computed in worker processes, each question at most ``timeout`` seconds (past
  that the worker is stopped and replaced, and the client gets a 503 saying so), with the
  engine's own cost guards first; at most ``max_waiting`` questions wait for a worker;
* bodies are read only up to :data:`.api.MAX_UPLOAD`; the page's files are read once from the
  package when the server starts, and no request touches the file system;
* answers are cached by request (a setting visited before answers at once), and a question
  asked by several clients at once is computed once.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .api import MAX_UPLOAD, Reply, Task, error, reply_of, route

__all__ = ["ExplorerServer", "WorkerPool", "ServerSettings", "make_server", "running", "STATIC"]

#: the page's files: name -> content type (read once from the package)
STATIC = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "draw.js": "text/javascript; charset=utf-8",
    "tools.js": "text/javascript; charset=utf-8",
    "reforms.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}

#: the page's addresses -> its files
_PAGES = {"/": "index.html", "/index.html": "index.html",
          **{f"/static/{name}": name for name in STATIC}}  # fmt: skip

_SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
)


@dataclass(frozen=True)
class ServerSettings:
    """How much the server takes on: ``workers`` processes computing, each question at most
    ``timeout`` seconds, at most ``max_waiting`` questions waiting for a worker (the rest get a
    503 at once), ``cache`` answers kept."""

    workers: int = 2
    timeout: float = 30.0
    max_waiting: int = 64
    cache: int = 1024
    memory_bytes: int = 8 * 2**30
    """Each worker's address-space limit (a computation past it fails with a 503)."""
    prefetch: bool = False
    """Answer the presets' questions (every built-in scheme, as the page asks it) in the
    background when the server starts, one at a time, so that choosing one is instant."""


# --------------------------------------------------------------------------------------------
# workers
# --------------------------------------------------------------------------------------------
def _worker_main(conn: Any, memory_bytes: int) -> None:  # pragma: no cover (another process)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ImportError, ValueError, OSError):
        pass
    from .api import Task, compute

    # load the engine and the store before the first question, so that a question's time is
    # its own
    for warm in (
        '{"command": "states", "schemes": ["ec-current"]}',
        '{"command": "diff", "schemes": ["ec-current", "w.toml"], "index": "banzhaf", '
        '"scenarios": [{"source": "w.toml", "name": "w", "body": "electoral-college", '
        '"house": {"method": "webster"}}]}',
    ):
        compute(Task("request", warm))
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = compute(task)
        except MemoryError:
            result = (503, json.dumps({"error": "the computation ran out of memory"}) + "\n")
        except Exception as exc:  # a bug: say so, keep serving
            message = f"internal error ({type(exc).__name__}); please report it"
            result = (500, json.dumps({"error": message}) + "\n")
        conn.send(result)


@dataclass
class _Worker:
    process: Any
    conn: Any
    ready: bool = False


#: how long a new worker may take to load the engine
_START_SECONDS = 120.0


class WorkerPool:
    """Processes that compute :class:`~.api.Task` s, one at a time each; a task past its time
    is stopped with its process, which is replaced."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        for _ in range(settings.workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child, self.settings.memory_bytes), daemon=True
        )
        process.start()
        child.close()
        with self._lock:
            self._all.append(process)
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            if worker.process in self._all:
                self._all.remove(worker.process)
        self._idle.put(self._start())

    def wait_ready(self) -> None:
        """Wait until every worker has loaded the engine (the first questions then take only
        their own time)."""
        workers = [self._idle.get() for _ in range(self.settings.workers)]
        for worker in workers:
            if not worker.ready and worker.conn.poll(_START_SECONDS):
                worker.ready = worker.conn.recv() == "ready"
            self._idle.put(worker)

    def run(self, task: Task) -> tuple[int, str]:
        """The task's status and JSON text (a 503 when no worker frees up or it runs out of
        time)."""
        try:
            worker = self._idle.get(timeout=self.settings.timeout)
        except queue.Empty:
            return 503, _message("the server is busy; try again in a moment")
        try:
            if not worker.ready:  # a new worker: its start-up is not the question's time
                if not worker.conn.poll(_START_SECONDS) or worker.conn.recv() != "ready":
                    raise EOFError
                worker.ready = True
            worker.conn.send(task)
            if worker.conn.poll(self.settings.timeout):
                result = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError):
            self._replace(worker)
            return 503, _message("the computation failed (its worker stopped); try again")
        self._replace(worker)
        return 503, _message(
            f"the computation took longer than this server's limit of "
            f"{self.settings.timeout:g} s (votepower serve --timeout); the command line has none"
        )

    def close(self) -> None:
        with self._lock:
            processes = list(self._all)
        for process in processes:
            process.kill()
            process.join(5)


def _message(text: str) -> str:
    return json.dumps({"error": text}) + "\n"


# --------------------------------------------------------------------------------------------
# answers, cached
# --------------------------------------------------------------------------------------------
class Answers:
    """Tasks answered once: an LRU cache of replies, and one computation per question however
    many clients ask it at once. Only answers (200) and refusals of the question (400) are
    kept, never a 503."""

    def __init__(self, pool: WorkerPool, settings: ServerSettings) -> None:
        self.pool = pool
        self.settings = settings
        self._cache: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._running: dict[str, Future[tuple[int, str]]] = {}
        self._lock = threading.Lock()
        self._waiting = threading.BoundedSemaphore(settings.max_waiting + settings.workers)
        self.computed = 0

    def get(self, task: Task) -> tuple[int, str]:
        key = task.key
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            running = self._running.get(key)
            if running is None:
                future: Future[tuple[int, str]] = Future()
                self._running[key] = future
        if running is not None:
            return running.result()
        if not self._waiting.acquire(blocking=False):
            result = (503, _message("the server is busy; try again in a moment"))
        else:
            try:
                result = self.pool.run(task)
                self.computed += 1
            finally:
                self._waiting.release()
        with self._lock:
            del self._running[key]
            if result[0] in (200, 400):
                self._cache[key] = result
                while len(self._cache) > self.settings.cache:
                    self._cache.popitem(last=False)
        future.set_result(result)
        return result


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------
def _read_static() -> dict[str, bytes]:
    folder = resources.files("votepower.ui.web").joinpath("static")
    return {name: folder.joinpath(name).read_bytes() for name in STATIC}


def preset_tasks() -> list[Task]:
    """The questions the page asks for the built-in schemes under the default union: each
    scheme's table under both indices and the empirical model, and its difference from
    today's body."""
    from ...us.alternatives import SCHEMES
    from ...us.presets import CURRENT
    from .api import route

    queries = []
    for scheme in SCHEMES:
        for index in ("banzhaf", "shapley-shubik"):
            queries.append(("/api/states", f"schemes={scheme.id}&index={index}"))
            base = CURRENT.get(scheme.body, "ec-current")
            queries.append(("/api/diff", f"schemes={base},{scheme.id}&index={index}"))
        if scheme.body in ("electoral-college", "national"):
            queries.append(("/api/states", f"schemes={scheme.id}&model=empirical"))
    tasks = [route("GET", path, query).task for path, query in queries]
    return [t for t in tasks if t is not None]


class ExplorerServer(ThreadingHTTPServer):
    """The HTTP server: the page's files from memory, the API through :func:`.api.route`."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], settings: ServerSettings) -> None:
        self.settings = settings
        self.static = _read_static()
        self.pool = WorkerPool(settings)
        self.answers = Answers(self.pool, settings)
        super().__init__(address, _Handler)
        if settings.prefetch:
            threading.Thread(target=self._prefetch, daemon=True).start()

    def _prefetch(self) -> None:
        """One question at a time, so that the other workers stay free for the clients."""
        for task in preset_tasks():
            self.answers.get(task)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server: ExplorerServer
    protocol_version = "HTTP/1.1"
    server_version = "votepower"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        if os.environ.get("VOTEPOWER_SERVE_LOG"):
            super().log_message(format, *args)

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (*_SECURITY_HEADERS, *reply.headers):
            self.send_header(name, value)
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if not path.startswith("/api/"):
            if method not in ("GET", "HEAD"):
                self._send(error(405, f"{path} takes GET"))
                return
            name = _PAGES.get(path)
            if name is None:
                self._send(error(404, f"no such address: {path}"))
            else:
                self._send(Reply(200, self.server.static[name], STATIC[name]), method == "HEAD")
            return
        body = b""
        if method == "POST":
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                self._send(error(400, "the Content-Length is not a number"))
                return
            if length < 0 or length > MAX_UPLOAD:
                self.close_connection = True
                self._send(error(413, f"the file is larger than {MAX_UPLOAD // 1024} KiB"))
                return
            body = self.rfile.read(length)
        parsed = route(method, path, parts.query, body)
        if parsed.reply is not None:
            self._send(parsed.reply)
            return
        assert parsed.task is not None
        started = time.perf_counter()
        status, text = self.server.answers.get(parsed.task)
        reply = reply_of(parsed.task, status, text)
        took = (time.perf_counter() - started) * 1000
        # the answer's time on the server (the benchmarks read it; no answer depends on it)
        timing = (("Server-Timing", f"answer;dur={took:.1f}"),)
        self._send(Reply(reply.status, reply.body, reply.content_type, reply.headers + timing))

    def do_GET(self) -> None:  # noqa: N802 (the base class's names)
        self._handle("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _refuse(self) -> None:
        self._send(error(405, f"{urlsplit(self.path).path} does not take {self.command}"))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815


def make_server(
    host: str = "127.0.0.1", port: int = 8000, settings: ServerSettings | None = None
) -> ExplorerServer:
    """A server bound to ``host:port`` (port 0: any free port), workers started."""
    return ExplorerServer((host, port), settings or ServerSettings())


@contextlib.contextmanager
def running(
    host: str = "127.0.0.1", port: int = 0, settings: ServerSettings | None = None
) -> Iterator[ExplorerServer]:
    """A server answering in a background thread (tests, benchmarks, tools), shut down and
    its workers stopped on leaving."""
    server = make_server(host, port, settings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
