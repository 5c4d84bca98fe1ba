"""Throughput and weight of a page, measured like a crowd of phones would load it."""
import gzip
import http.client
import threading
import time
from urllib.parse import urlsplit

BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html"}


def _connection(url):
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def throughput(url, path, cookies=None, threads=4, seconds=5.0, warmup=1.0):
    """Requests per second answered 200 for ``path``, by ``threads`` keep-alive clients.

    Any other status stops the run: a bench of error pages would measure nothing.
    """
    headers = dict(BROWSER_HEADERS)
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    counts = [0] * threads
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + seconds
    failures = []

    def client(n):
        connection = _connection(url)
        while (now := time.monotonic()) < stop_at and not failures:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(f"{path} : {response.status}")
            elif now >= measure_from:
                counts[n] += 1
        connection.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise RuntimeError(failures[0])
    return sum(counts) / seconds


def compressed_size(url, path, cookies=None):
    """Bytes the server sends for ``path`` to a browser that accepts gzip."""
    headers = {"Accept-Encoding": "gzip"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection = _connection(url)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.getheader("Content-Encoding") != "gzip":
        # Not compressed by the server: count what gzip would have made of it.
        return len(gzip.compress(body, compresslevel=6)), False
    return len(body), True
