"""Uploaded files on disk: checked by their content, stored under random names.

A candidate's file is streamed to a temporary file inside ``UPLOAD_FOLDER``,
checked (PDF, JPEG or PNG, decided from its bytes), images re-encoded, then
renamed to a random name in one ``os.replace``: a file with its final name is
always complete. The database row is written afterwards by the caller; a file
whose row never came (a crash, a refused limit) is an orphan that
``sweep_orphans`` removes once it is old enough not to be an upload in flight.
"""
import hashlib
import os
import secrets
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from pypdf import PdfReader

CHUNK = 64 * 1024
# 50 million pixels is more than any phone photo of a document needs; past
# it decoding costs hundreds of MB, which is what a pixel flood is after.
MAX_PIXELS = 50_000_000
# The long side of an image as it is kept, in pixels: enough to read an
# identity card or an A4 page (about 170 dpi), and a quarter of the pixels
# of a 12-megapixel phone photo, which a JPEG decoder reads at half scale
# for little cost (draft mode) — memory while re-encoding, disk, and
# staff's downloads on a slow link all follow.
KEPT_SIDE = 2000
# Decoding a photo takes tens of MB: images are decoded and re-encoded by
# as many threads as cores, and uploads beyond wait their turn (never
# refused), so ten photos at once do not take ten times the memory. A pool
# rather than a semaphore: the C allocator keeps what a thread freed for
# that thread's next use, so the fewer threads ever decode, the less stays resident.
_REENCODERS = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="re-encodage")
NAME_LENGTH = 120
ORPHAN_AGE = 3600  # seconds: older files without a row are not uploads in flight
TEMP_PREFIX = ".envoi-"


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    names: tuple  # the extensions a file of this kind may be named with
    magic: bytes
    words: str  # what the candidate calls it


PDF = Kind("application/pdf", ".pdf", (".pdf",), b"%PDF-", "un PDF")
JPEG = Kind("image/jpeg", ".jpg", (".jpg", ".jpeg", ".jpe", ".jfif"), b"\xff\xd8\xff", "une photo JPEG")
PNG = Kind("image/png", ".png", (".png",), b"\x89PNG\r\n\x1a\n", "une image PNG")
KINDS = (PDF, JPEG, PNG)
BY_TYPE = {kind.content_type: kind for kind in KINDS}


class Refused(Exception):
    """A file the portal does not keep; the message tells the candidate what to do."""

    def __init__(self, message, status=422):
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    size: int
    content_type: str
    sha256: str


def file_size(size):
    """« 820 octets », « 350 Ko », « 1,2 Mo », « 5 Mo »: sizes the way the candidate reads them."""
    if size < 1024:
        return f"{size} octet{'s' if size > 1 else ''}"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} Ko"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0") + " Mo"


def too_big_message(max_bytes, kind=None):
    """What to do with a file over ``max_bytes``, fitting its kind (a photo, a PDF, or not known yet)."""
    if kind in (JPEG, PNG):
        return (f"Ce fichier dépasse {file_size(max_bytes)} : reprenez la photo en qualité moyenne (ou en taille "
                "plus petite dans les réglages de l'appareil photo), ou envoyez un PDF.")
    if kind is PDF:
        return (f"Ce PDF dépasse {file_size(max_bytes)} : enregistrez-le en taille réduite (« Réduire la taille "
                "du fichier », qualité « écran » ou 150 ppp à la numérisation), ou numérisez moins de pages par "
                "fichier : une pièce peut avoir plusieurs fichiers.")
    return (f"Ce fichier dépasse {file_size(max_bytes)} : photographiez le document en qualité moyenne "
            "ou envoyez un PDF.")


def kind_of_head(head, filename=""):
    """The kind a file looks like from its first bytes, else from its name; None when neither says."""
    for kind in KINDS:
        if head.startswith(kind.magic):
            return kind
    extension = os.path.splitext(filename or "")[1].lower()
    return next((kind for kind in KINDS if extension in kind.names), None)


# Characters never kept in a name: controls (NUL, CR, LF…), invisible format
# characters (bidi overrides such as U+202E that make « exe.pdf » read as
# « fdp.exe », zero-width spaces) and what would break a header or a path.
_DROPPED = set('"\'`<>:*?|;')


def clean_filename(name):
    """A candidate's file name fit for display and ``Content-Disposition``."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if c.isspace() else c for c in name)  # a line break separates words too
    name = "".join(c for c in name if c == " " or c not in _DROPPED and unicodedata.category(c)[0] not in "CZ")
    name = " ".join(name.split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        stem, extension = name, ""
    extension = f".{extension}" if extension else ""
    return stem[: NAME_LENGTH - len(extension)].rstrip(" .") + extension


def download_name(original_name, content_type):
    """The cleaned name, ending with the extension of what the file really is."""
    kind = BY_TYPE[content_type]
    name = clean_filename(original_name) or "document"
    stem, dot, extension = name.rpartition(".")
    if dot and f".{extension.lower()}" in kind.names:
        return name
    return f"{name[: NAME_LENGTH - len(kind.extension)]}{kind.extension}"


def store(upload, folder, max_bytes):
    """Check ``upload`` (a werkzeug FileStorage) and keep it under ``folder``; returns a StoredFile.

    Raises Refused, leaving nothing behind, when the file is not kept.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    received = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    kept = None
    try:
        size = _receive(upload.stream, received, max_bytes)
        kind = _kind_of(received, size, upload.filename)
        if kind is PDF:
            _check_pdf(received)
            kept = received
        else:
            kept = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
            _REENCODERS.submit(_reencode, received, kept, kind).result()
        stored_name = secrets.token_hex(16) + kind.extension
        digest, size = _sha256(kept)
        os.replace(kept, folder / stored_name)
        return StoredFile(stored_name, size, kind.content_type, digest)
    finally:
        for path in (received, kept):
            if path is not None and path.exists():
                path.unlink()


def discard(folder, stored_name):
    """Remove a stored file; a failure leaves an orphan the sweep will take."""
    try:
        (Path(folder) / stored_name).unlink()
    except OSError:
        pass


def _receive(stream, path, max_bytes):
    """Copy the upload to ``path`` chunk by chunk; refuse it as soon as it is one byte too long."""
    size, head = 0, None
    with open(path, "wb") as out:
        while chunk := stream.read(CHUNK):
            head = head or chunk
            size += len(chunk)
            if size > max_bytes:
                raise Refused(too_big_message(max_bytes, kind_of_head(head)), status=413)
            out.write(chunk)
    return size


def _kind_of(path, size, filename):
    """What the bytes say the file is, refused when it is none of ours or not what its name says."""
    if size == 0:
        raise Refused("Ce fichier est vide (0 octet) : choisissez-le à nouveau, ou reprenez la photo du document.")
    with open(path, "rb") as f:
        head = f.read(16)
    kind = next((kind for kind in KINDS if head.startswith(kind.magic)), None)
    if kind is None:
        raise Refused("Ce fichier n'est ni un PDF, ni une photo JPEG, ni une image PNG : photographiez le document "
                      "ou enregistrez-le en PDF, puis envoyez-le à nouveau.")
    extension = os.path.splitext(clean_filename(filename))[1].lower()
    named = next((k for k in KINDS if extension in k.names), None)
    if extension and named is not kind:
        raise Refused(f"Ce fichier se termine par « {extension} » mais c'est en réalité {kind.words} : "
                      f"vérifiez que vous avez choisi le bon fichier, ou renommez-le en « {kind.extension} ».")
    return kind


def _check_pdf(path):
    """A PDF staff can open: readable pages and no password."""
    unreadable = "Ce PDF est illisible ou abîmé : enregistrez-le à nouveau, ou envoyez une photo du document."
    try:
        # An open file, not a path: given a path, pypdf reads the whole file into memory.
        with open(path, "rb") as stream:
            reader = PdfReader(stream)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
    except Exception as error:  # a hostile PDF can break the parser in any way: all mean unreadable
        raise Refused(unreadable) from error
    if encrypted:
        raise Refused("Ce PDF est protégé par un mot de passe : enregistrez-en une copie sans protection "
                      "(par exemple avec « Imprimer » puis « Enregistrer au format PDF ») et envoyez-la.")
    if pages == 0:
        raise Refused(unreadable)


def _reencode(source, target, kind):
    """Decode the image and write it again, at most KEPT_SIDE pixels on its long side.

    Re-encoding keeps only the pixels: data appended after the image (motion
    photos, a smuggled archive) and metadata such as the GPS position are
    gone. The EXIF orientation is applied so the page stays upright.
    """
    try:
        with Image.open(source, formats=[kind.content_type.split("/")[1].upper()]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.verify()
        with Image.open(source) as image:
            if kind is JPEG:
                # A JPEG decodes at 1/2, 1/4 or 1/8 of its size for little cost:
                # the smallest of these that still has the size kept.
                image.draft("RGB", _kept_size(image.size))
            # In place and by steps (reduce, then resample): no full-size copy.
            image.thumbnail((KEPT_SIDE, KEPT_SIDE))
            ImageOps.exif_transpose(image, in_place=True)  # upright, without a copy of the pixels
            icc_profile = image.info.get("icc_profile")
            if kind is JPEG:
                pixels = image if image.mode in ("RGB", "L") else image.convert("RGB")
                # Without a second pass to tailor the Huffman tables (optimize): measured on a 2000×1500
                # photo, it took 12 of the 28 ms of the encoding for a file 6 % smaller — CPU is what a
                # deadline runs short of, not disk.
                pixels.save(target, "JPEG", quality=85, icc_profile=icc_profile)
            else:
                image.save(target, "PNG", optimize=True, icc_profile=icc_profile)
    except Image.DecompressionBombError as error:
        raise Refused("Cette image est trop grande (trop de pixels) : reprenez la photo en qualité normale, "
                      "ou réduisez-la avant de l'envoyer.") from error
    except Exception as error:  # Pillow's decoders raise many kinds (struct.error on bad EXIF…)
        raise Refused("Cette image est incomplète ou abîmée (l'envoi a peut-être été interrompu) : "
                      "reprenez la photo, ou envoyez-la à nouveau.") from error


def _kept_size(size):
    """``size`` scaled down, aspect kept, so that its long side is at most KEPT_SIDE."""
    width, height = size
    scale = min(1, KEPT_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _sha256(path):
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def sweep_orphans(folder, known_names, now=None, max_age=ORPHAN_AGE):
    """Remove the files of ``folder`` that no row names and that are older than ``max_age`` seconds.

    Returns the names removed. Younger files are spared: they may be uploads
    whose row is being written at this very moment.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for path in folder.iterdir():
        if path.is_file() and path.name not in known_names and now - path.stat().st_mtime > max_age:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
