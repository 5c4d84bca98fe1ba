"""Memory stays bounded when photos and passwords come all at once (DESIGN.md §5).

A photo is kept at most ``storage.KEPT_SIDE`` pixels on its long side,
upright and with its proportions; images are re-encoded, and passwords
hashed, at most as many at once as the machine has cores, the others
waiting their turn rather than being refused.
"""
import io
import os
import threading
import time

from PIL import Image
from werkzeug.datastructures import FileStorage

import storage
from models import passwords

CORES = os.cpu_count() or 1
CROWD = CORES * 3 + 1


def phone_photo(size=(4000, 3000), orientation=None):
    """A JPEG of a phone's size, with some detail (a JPEG of one colour would decode to nothing)."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def kept(tmp_path, content, name="photo.jpg"):
    stored = storage.store(FileStorage(io.BytesIO(content), filename=name), tmp_path, 10 * 1024 * 1024)
    with Image.open(tmp_path / stored.stored_name) as image:
        return image.size, image.getexif().get(0x0112)


def test_a_large_photo_is_kept_at_the_stated_size_with_its_proportions(tmp_path):
    size, _ = kept(tmp_path, phone_photo((4000, 3000)))
    assert size == (storage.KEPT_SIDE, storage.KEPT_SIDE * 3 // 4)


def test_a_photo_taken_sideways_is_kept_upright_and_no_larger(tmp_path):
    size, orientation = kept(tmp_path, phone_photo((4000, 3000), orientation=6))
    assert size == (storage.KEPT_SIDE * 3 // 4, storage.KEPT_SIDE)
    assert orientation in (None, 1)


def test_a_small_photo_keeps_its_size(tmp_path):
    size, _ = kept(tmp_path, phone_photo((1200, 900)))
    assert size == (1200, 900)


class Gauge:
    """Counts how many calls of a slow function run at the same time."""

    def __init__(self, work):
        self.work, self.now, self.most, self.lock = work, 0, 0, threading.Lock()

    def __call__(self, *args, **kwargs):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(0.05)
            return self.work(*args, **kwargs)
        finally:
            with self.lock:
                self.now -= 1


def all_at_once(work, count=CROWD):
    results = [None] * count
    barrier = threading.Barrier(count)

    def run(n):
        barrier.wait()
        results[n] = work(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_images_are_re_encoded_at_most_one_per_core_and_none_is_refused(tmp_path, monkeypatch):
    gauge = Gauge(storage._reencode)
    monkeypatch.setattr(storage, "_reencode", gauge)
    photo = phone_photo((640, 480))
    stored = all_at_once(lambda n: storage.store(FileStorage(io.BytesIO(photo), filename=f"p{n}.jpg"),
                                                 tmp_path, 10 * 1024 * 1024))
    assert all(stored), stored
    assert 1 <= gauge.most <= CORES


def test_passwords_are_hashed_at_most_one_per_core_and_none_is_refused(monkeypatch):
    gauge = Gauge(lambda password, salt, n, r, p: f"hash-of-{password}")
    monkeypatch.setattr(passwords, "_scrypt_hex", gauge)
    hashes = all_at_once(lambda n: passwords.hash_password(f"phrase {n}"))
    assert [h.rpartition("$")[2] for h in hashes] == [f"hash-of-phrase {n}" for n in range(CROWD)]
    assert 1 <= gauge.most <= CORES
