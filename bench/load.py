"""Throughput and weight of a page, measured like a crowd of phones would load it; the server's own CPU and memory."""
import gzip
import http.client
import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html"}


def connection(url, timeout=60):
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def cookie_header(cookies):
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


@dataclass
class Rate:
    """What one measure gives: requests per second and the latencies seen."""

    rps: float
    p50: float
    p99: float


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Get:
    """A page asked again and again by each client, with the cookies of a visitor (or none)."""

    def __init__(self, path, cookies=None):
        self.path, self.headers = path, dict(BROWSER_HEADERS)
        if cookies:
            self.headers["Cookie"] = cookie_header(cookies)

    def client(self, n):
        return self

    def send(self, conn):
        conn.request("GET", self.path, headers=self.headers)
        response = conn.getresponse()
        response.read()
        return response.status == 200, response.status


class Post:
    """A form sent again and again, each client as its own candidate, following the registration's revision.

    Each Suivant or Enregistrer that succeeds (303) adds one to the
    registration's revision: the next one is sent with it, as the page the
    candidate would see next carries it.
    """

    def __init__(self, path, visitors, data):
        self.path, self.visitors, self.data = path, visitors, data

    def client(self, n):
        return _Poster(self, self.visitors[n % len(self.visitors)])


class _Poster:
    def __init__(self, post, visitor):
        self.post, self.visitor = post, visitor
        self.headers = {**BROWSER_HEADERS, "Cookie": cookie_header(visitor.cookies),
                        "Content-Type": "application/x-www-form-urlencoded"}

    def send(self, conn):
        visitor = self.visitor
        fields = {"csrf_token": visitor.csrf_token, "revision": visitor.revision, **self.post.data}
        conn.request("POST", self.post.path, body=urlencode(fields, doseq=True), headers=self.headers)
        response = conn.getresponse()
        response.read()
        if response.status == 303:
            visitor.revision += 1
            return True, 303
        return False, response.status


def throughput(url, action, threads=4, seconds=2.0, warmup=0.5):
    """Requests per second answered as expected by ``threads`` keep-alive clients doing ``action``, with latencies.

    Any other answer stops the run: a bench of error pages would measure nothing.
    """
    counts = [0] * threads
    latencies = [[] for _ in range(threads)]
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + seconds
    failures = []

    def client(n):
        conn, doer = connection(url), action.client(n)
        while (now := time.monotonic()) < stop_at and not failures:
            ok, status = doer.send(conn)
            done = time.monotonic()
            if not ok:
                failures.append(f"{getattr(action, 'path', '?')} : {status}")
            elif now >= measure_from:
                counts[n] += 1
                latencies[n].append(done - now)
        conn.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise RuntimeError(failures[0])
    every = [x for per_client in latencies for x in per_client]
    return Rate(sum(counts) / seconds, percentile(every, 0.5), percentile(every, 0.99))


def fetch(url, path, cookies=None, headers=None):
    """``(status, headers, body)`` of one GET, the body as sent (compressed or not)."""
    conn = connection(url)
    try:
        sent = {**(headers or {}), **({"Cookie": cookie_header(cookies)} if cookies else {})}
        conn.request("GET", path, headers=sent)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def compressed_size(url, path, cookies=None):
    """Bytes the server sends for ``path`` to a browser that accepts gzip."""
    _, headers, body = fetch(url, path, cookies, {"Accept-Encoding": "gzip"})
    if headers.get("Content-Encoding") != "gzip":
        # Not compressed by the server: count what gzip would have made of it.
        return len(gzip.compress(body, compresslevel=6)), False
    return len(body), True


# The server process, seen from outside --------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU time the process ``pid`` has spent so far (its threads included)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_mib(pid, field="VmHWM"):
    """``VmHWM`` (peak resident memory) or ``VmRSS`` (now) of the process ``pid``, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} absent de /proc/{pid}/status")


def reset_peak_memory(pid):
    """Start ``VmHWM`` again from the current resident size (Linux's clear_refs, value 5)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False
