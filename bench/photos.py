"""Ten phone photos at once: the server's peak memory while it checks and re-encodes them (budget 200 MiB).

Each photo is a 4,000×3,000 JPEG like a phone's (bench/servers.photo_bytes),
sent by its own candidate to Mes justificatifs at the same instant. The
peak is the server process's VmHWM, started again from its resident size
just before the photos leave.
"""
import re
import threading
import time

from bench import servers
from bench.load import memory_mib, reset_peak_memory
from bench.pages import Visitor

MEMORY_BUDGET = 200  # MiB


def run(folder, count=10):
    process, url, facts = servers.start("fresh", folder, candidates=count)
    try:
        photo = servers.photo_bytes(orientation=6)  # taken sideways, as phones often store them
        visitors = [Visitor(url, email) for email in facts["emails"]]
        pieces = []
        for visitor in visitors:
            page = visitor.client.get("/justificatifs/").text
            pieces.append(int(re.search(r"/justificatifs/pieces/(\d+)/ajouter", page).group(1)))
        before = memory_mib(process.pid, "VmRSS")
        reset = reset_peak_memory(process.pid)
        barrier, statuses = threading.Barrier(count), [None] * count

        def send(n):
            barrier.wait()
            reply = visitors[n].client.post(f"/justificatifs/pieces/{pieces[n]}/ajouter",
                                            files={"fichier": (f"IMG_{n:04d}.jpg", photo, "image/jpeg")})
            statuses[n] = reply.status

        started = time.monotonic()
        senders = [threading.Thread(target=send, args=(n,)) for n in range(count)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        elapsed = time.monotonic() - started
        peak = memory_mib(process.pid, "VmHWM")
    finally:
        process.terminate()
        process.join(timeout=5)

    kept = statuses.count(303)
    ok = peak <= MEMORY_BUDGET and kept == count
    print(f"\nPhotos : {count} JPEG de 4000×3000 ({len(photo) / 2**20:.1f} Mo chacune) envoyées à la fois")
    print(f"  gardées {kept}/{count} en {elapsed:.1f} s ; mémoire du serveur : {before:.0f} Mio avant, "
          f"pic {peak:.0f} Mio{'' if reset else ' (pic depuis le démarrage)'} (budget {MEMORY_BUDGET} Mio)  "
          f"{'ok' if ok else 'HORS BUDGET'}")
    if kept != count:
        print(f"  réponses : {statuses}")
    return [] if ok else ["mémoire des photos"]
