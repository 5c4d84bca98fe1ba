"""Pages, styles and scripts sent compressed to the browsers that accept it (DESIGN.md §5: ≤ 14 KB a page).

Flask-Compress did this until it was measured: for a page of 8 KB, gzip
takes 47 µs and the extension another 60 to 130 around it (the headers
looked through several times over, the response made conditional a second
time, its body set twice), a tenth of a step of M'inscrire. What the portal
needs of it fits here: gzip at level 6 (every browser reads it; brotli,
measured, took longer for a like size); pages and text files of 500 bytes
or more; ``Vary: Accept-Encoding`` on all of them, so a cache keeps both
forms apart. Static files are compressed once per version (their ETag) and
kept: they are the same for everyone and change only with a release.
"""
import gzip
from functools import lru_cache

from flask import request
from werkzeug.http import parse_accept_header

MIMETYPES = frozenset({"text/html", "text/css", "application/javascript", "text/javascript", "text/plain"})
# Below this, compressing saves less than its own header costs.
MIN_SIZE = 500
LEVEL = 6


def init_app(app):
    app.after_request(compress)


def compress(response):
    """``response`` gzip-compressed when it is text the browser accepts that way (see the module)."""
    if response.mimetype not in MIMETYPES:
        return response
    response.vary.add("Accept-Encoding")
    headers = response.headers
    # 200 only: a 206 is a byte range of the uncompressed file, a 304 has no
    # body. A body made as it is sent (streamed, not a file) is left as it comes.
    if (response.status_code != 200 or "Content-Encoding" in headers
            or (response.is_streamed and not response.direct_passthrough)
            or not _accepts_gzip(request.headers.get("Accept-Encoding", ""))):
        return response
    # A static file (send_file) comes as a file to pass through: read it here.
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    etag, weak = response.get_etag()
    if etag and not weak:
        # A static file: the same for everyone until a release changes its
        # version (its ETag), so compressed once. As another form of it, its
        # ETag becomes weak: a revalidation still matches (If-None-Match
        # compares weakly).
        response.set_data(_compressed_file(etag, data))
        response.set_etag(etag, weak=True)
    else:
        response.set_data(gzip.compress(data, LEVEL))
    headers["Content-Encoding"] = "gzip"
    return response


@lru_cache(maxsize=64)
def _accepts_gzip(header):
    """Whether the ``Accept-Encoding`` header allows gzip (named or ``*``, quality above 0).

    Browsers send a handful of distinct headers: each is parsed once.
    """
    return parse_accept_header(header).quality("gzip") > 0


_files = {}


def _compressed_file(etag, data):
    if etag not in _files:
        if len(_files) >= 64:
            _files.clear()  # a process that lived through many releases starts again
        _files[etag] = gzip.compress(data, LEVEL)
    return _files[etag]
