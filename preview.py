"""Pieces shown to staff without downloading them: a PDF's pages rendered on the server as JPEG images.

PDFium (Chromium's PDF engine, through pypdfium2) draws each page; the staff
browser then receives only a picture, so nothing a PDF holds (scripts, forms,
links, embedded files) can run in it. PDFium is not thread-safe: one lock
serialises its calls within a process. Memory is bounded by the page cap,
the resolution and the largest side in pixels (a page declaring a huge size
is drawn smaller); nothing is written to disk.
"""
import io
import threading

import pypdfium2

# Pages shown inline: past these, staff download the file (the page says so).
MAX_PAGES = 10
DPI = 110
# Neither side of a rendered page goes past this, whatever size the PDF declares (about 10 MB of pixels at most).
MAX_SIDE = 1800
JPEG_QUALITY = 80

_pdfium = threading.Lock()


# Page counts already read, by path: a stored file never changes (each upload has a name of its own), and
# opening the PDF at every view of a registration took longer than the rest of its query. Bounded like
# models.catalogue: a process seldom shows that many files between two clearings.
KEPT_COUNTS = 4096
_counts = {}


def page_count(path):
    """How many pages the PDF at ``path`` has; 0 when PDFium cannot read it (or the file is gone)."""
    key = str(path)
    count = _counts.get(key)
    if count is None:
        count = _read_page_count(key)
        if count:  # a file not readable now is tried again next time
            if len(_counts) >= KEPT_COUNTS:
                _counts.clear()
            _counts[key] = count
    return count


def _read_page_count(path):
    with _pdfium:
        try:
            document = pypdfium2.PdfDocument(path)
        except (pypdfium2.PdfiumError, OSError):
            return 0
        try:
            return len(document)
        finally:
            document.close()


def page_image(path, number):
    """Page ``number`` (from 1) of the PDF at ``path`` as JPEG bytes; None when there is no such page to show."""
    if not 1 <= number <= MAX_PAGES:
        return None
    with _pdfium:
        try:
            document = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError):
            return None
        try:
            if number > len(document):
                return None
            page = document[number - 1]
            width, height = page.get_size()
            scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
            bitmap = page.render(scale=scale, may_draw_forms=False)
            image = bitmap.to_pil().convert("RGB")
            bitmap.close()
            page.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
