"""« Télécharger mon dossier »: the recap PDF and the candidate's own files in one ZIP, streamed.

The ZIP is written as it is sent (entries with data descriptors, nothing
compressed again: PDFs and photos already are), so memory does not grow with
the files and the first bytes leave at once on a slow link.
"""
import io
import zipfile
from pathlib import Path

import storage

CHUNK = 64 * 1024


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes are taken as they come (not seekable: zipfile then streams)."""

    def __init__(self):
        super().__init__()
        self.chunks = []

    def writable(self):
        return True

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def take(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def entries(registration, pieces, recap_pdf):
    """``(name in the ZIP, bytes or stored name, when)``: the recap, then one folder per piece with its files."""
    found = [(f"recapitulatif-{registration.number}.pdf", recap_pdf, registration.saved_at)]
    for number, piece in enumerate(pieces, 1):
        label = storage.clean_filename(piece.label.replace("/", "-").replace("'", "’"))[:80]
        folder = f"{number:02d} {label}".strip()
        seen = set()
        for upload in piece.files:
            name = storage.download_name(upload.original_name, upload.content_type)
            if name in seen:
                name = f"{len(seen) + 1}-{name}"
            seen.add(name)
            found.append((f"{folder}/{name}", upload.stored_name, upload.created_at))
    return found


def stream(items, folder):
    """The ZIP of ``items`` (see ``entries``), chunk by chunk; files read from the upload ``folder``."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_STORED) as archive:
        for name, source, when in items:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            with archive.open(info, "w", force_zip64=True) as out:
                if isinstance(source, bytes):
                    out.write(source)
                else:
                    with open(Path(folder) / source, "rb") as data:
                        while chunk := data.read(CHUNK):
                            out.write(chunk)
                            yield pipe.take()
            yield pipe.take()
    yield pipe.take()
