"""The deadline rush: N candidates do the whole journey at once, without a pause.

Créer mon compte, Activer mon compte by the emailed link (an SMTP server in
this process receives it), Me connecter, the four steps of M'inscrire,
Enregistrer, a 1 MB photo and a PDF in Mes justificatifs, then « J'ai
fourni toutes mes pièces ». Printed: journeys per minute, p50/p95 of each
step, errors, the server's CPU seconds per journey (its own CPU time, which
the noise of other processes does not change much), its peak memory, and
whether every write the server acknowledged is in the database.
"""
import re
import sqlite3
import threading
import time
from urllib.parse import urlsplit

from bench import servers
from bench.load import cpu_seconds, memory_mib, percentile, reset_peak_memory
from tests.helpers import hidden_fields
from tests.live import HttpClient, SmtpServer
from tests.registration_journey import GOOD

CPU_BUDGET = 0.45  # s per journey
LOGIN_P95_BUDGET = 1.5  # s, signup and login
STEPS = ("créer le compte", "courriel reçu", "activer", "se connecter", "étape 1", "étape 2", "étape 3",
         "étape 4", "enregistrer", "photo 1 Mo", "PDF", "déclarer")


class Failed(Exception):
    pass


class Journey:
    """One candidate, from signup to the declaration; what the server acknowledged is noted for the check."""

    def __init__(self, url, n, smtp, photo, pdf):
        self.client, self.smtp = HttpClient(url), smtp
        self.email = f"ruee{n}@exemple.fr"
        self.photo, self.pdf = photo, pdf
        self.times, self.acknowledged, self.error = {}, {"uploads": 0}, None

    def expect(self, reply, status, what):
        if reply.status != status:
            raise Failed(f"{what} : {reply.status} au lieu de {status}")
        return reply

    def timed(self, step, work):
        started = time.monotonic()
        work()
        self.times[step] = time.monotonic() - started

    def run(self):
        try:
            steps = [self.signup, self.mail, self.activate, self.login,
                     *(lambda n=n: self.step(n) for n in range(1, 5)),
                     self.enregistrer, self.upload_photo, self.upload_pdfs, self.declare]
            for step, work in zip(STEPS, steps):
                self.timed(step, work)
        except Exception as error:  # any failure ends this journey, and is counted
            self.error = f"{self.email} : {error}"

    def signup(self):
        self.client.get("/compte/creer")
        password = servers.PASSWORD
        self.expect(self.client.post("/compte/creer", {"email": self.email, "password": password,
                                                       "confirm": password}), 303, "Créer mon compte")
        self.acknowledged["account"] = True

    def mail(self):
        self.link = self.smtp.wait_for(to=self.email, timeout=60)[0].link()

    def activate(self):
        path = urlsplit(self.link).path
        self.expect(self.client.get(path), 200, "page d'activation")
        self.expect(self.client.post(path), 303, "Activer mon compte")
        self.acknowledged["activated"] = True

    def login(self):
        self.client.get("/connexion")
        self.expect(self.client.post("/connexion", {"email": self.email, "password": servers.PASSWORD}), 303,
                    "Me connecter")

    def step(self, n):
        path = f"/inscription/etape/{n}"
        page = self.expect(self.client.get(path), 200, f"étape {n}")
        data = {**GOOD[n], **_hidden(page.text)}
        reply = self.client.post(path, data)
        if n == 1 and reply.status == 200:
            # The exam just chosen brings its languages: the step is sent again, as a person would.
            reply = self.client.post(path, {**GOOD[n], **_hidden(reply.text)})
        self.expect(reply, 303, f"Suivant à l'étape {n}")

    def enregistrer(self):
        page = self.expect(self.client.get("/inscription/etape/5"), 200, "récapitulatif")
        self.expect(self.client.post("/inscription/enregistrer", {**_hidden(page.text), "verified": "y"}), 303,
                    "Enregistrer")
        self.acknowledged["saved"] = True

    def _pieces(self):
        page = self.expect(self.client.get("/justificatifs/"), 200, "Mes justificatifs")
        return [int(n) for n in re.findall(r"/justificatifs/pieces/(\d+)/ajouter", page.text)]

    def _send(self, piece, name, content, kind):
        reply = self.client.post(f"/justificatifs/pieces/{piece}/ajouter", files={"fichier": (name, content, kind)})
        self.expect(reply, 303, f"Ajouter {name}")
        self.acknowledged["uploads"] += 1

    def upload_photo(self):
        self.pieces = self._pieces()
        self._send(self.pieces[0], "photo.jpg", self.photo, "image/jpeg")

    def upload_pdfs(self):
        for piece in self.pieces[1:]:
            self._send(piece, "piece.pdf", self.pdf, "application/pdf")

    def declare(self):
        self.client.get("/justificatifs/")
        self.expect(self.client.post("/justificatifs/declarer"), 303, "J'ai fourni toutes mes pièces")
        self.acknowledged["declared"] = True


def _hidden(page):
    return {name: value for name, value in hidden_fields(page).items() if name != "csrf_token"}


def lost_writes(database, journeys):
    """What the server acknowledged and the database does not hold, in sentences."""
    connection = sqlite3.connect(database.removeprefix("sqlite:///"))
    lost = []
    try:
        for journey in journeys:
            said = journey.acknowledged
            row = connection.execute("SELECT id, activated_at FROM account WHERE email_key = ?",
                                     (journey.email,)).fetchone()
            if said.get("account") and row is None:
                lost.append(f"{journey.email} : compte")
                continue
            if row is None:
                continue
            account_id, activated_at = row
            if said.get("activated") and activated_at is None:
                lost.append(f"{journey.email} : activation")
            registration = connection.execute("SELECT id, number, pieces_declared_at FROM registration "
                                              "WHERE account_id = ?", (account_id,)).fetchone()
            if said.get("saved") and (registration is None or registration[1] is None):
                lost.append(f"{journey.email} : inscription enregistrée")
                continue
            if registration is None:
                continue
            uploads = connection.execute("SELECT COUNT(*) FROM upload JOIN piece ON upload.piece_id = piece.id "
                                         "WHERE piece.registration_id = ?", (registration[0],)).fetchone()[0]
            if uploads < said["uploads"]:
                lost.append(f"{journey.email} : {said['uploads'] - uploads} fichier(s)")
            if said.get("declared") and registration[2] is None:
                lost.append(f"{journey.email} : déclaration")
    finally:
        connection.close()
    return lost


def _round(folder, count, photo, pdf):
    """One rush on a server of its own; returns its journeys and the server's figures."""
    smtp = SmtpServer().start()
    process, url, facts = servers.start("fresh", folder, **smtp.config())
    try:
        # One journey first, not counted: the rush comes to a server that has been serving for days
        # (templates compiled, the communes' list read), not to one just started.
        warm_up = Journey(url, "-rodage", smtp, photo, pdf)
        warm_up.run()
        if warm_up.error:
            raise RuntimeError(f"le parcours de rodage a échoué : {warm_up.error}")
        journeys = [Journey(url, n, smtp, photo, pdf) for n in range(count)]
        threads = [threading.Thread(target=journey.run) for journey in journeys]
        reset = reset_peak_memory(process.pid)
        cpu_before, started = cpu_seconds(process.pid), time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed, cpu = time.monotonic() - started, cpu_seconds(process.pid) - cpu_before
        peak = memory_mib(process.pid, "VmHWM")
        lost = lost_writes(facts["database"], journeys)
    finally:
        process.terminate()
        process.join(timeout=5)
        smtp.stop()
    done = sum(1 for j in journeys if not j.error)
    return {"journeys": journeys, "elapsed": elapsed, "cpu": cpu, "per_journey": cpu / max(done, 1),
            "peak": peak, "peak_since_start": not reset, "lost": lost}


def run(folder, count=20, rounds=3):
    """``rounds`` rushes of ``count`` candidates, each on a fresh server; the CPU per journey is their median.

    A server's own CPU time barely depends on the other processes, but a
    shared 2-core machine still moves it by a tenth between two runs: the
    median of a few, with their spread printed, is the figure to compare.
    """
    photo = servers.photo_bytes((2000, 1500), quality=95)
    pdf = servers.pdf_bytes()
    results = [_round(f"{folder}/{n}", count, photo, pdf) for n in range(rounds)]
    journeys = [journey for result in results for journey in result["journeys"]]
    errors = [j.error for j in journeys if j.error]
    lost = [item for result in results for item in result["lost"]]
    per_round = sorted(result["per_journey"] for result in results)
    per_journey = per_round[len(per_round) // 2]
    elapsed = sum(result["elapsed"] for result in results)
    done = len(journeys) - len(errors)
    peak = max(result["peak"] for result in results)
    print(f"\nRuée avant la clôture : {count} candidats à la fois, parcours complet sans pause "
          f"(photo de {len(photo) / 2**20:.1f} Mo), {rounds} tour(s), chacun sur un serveur neuf")
    print(f"  {done}/{len(journeys)} parcours en {elapsed:.1f} s : {done / elapsed * 60:.1f} parcours/min ; "
          f"erreurs : {len(errors)}")
    for error in errors[:5]:
        print(f"    {error}")
    print(f"  {'étape':<20}{'p50 s':>8}{'p95 s':>8}")
    slow = []
    for step in STEPS:
        times = [j.times[step] for j in journeys if step in j.times]
        p95 = percentile(times, 0.95)
        print(f"  {step:<20}{percentile(times, 0.5):>8.2f}{p95:>8.2f}")
        if step in ("créer le compte", "se connecter") and count >= 50 and p95 > LOGIN_P95_BUDGET:
            slow.append(f"p95 de « {step} »")
    cpu_ok = per_journey <= CPU_BUDGET
    spread = " / ".join(f"{value:.2f}" for value in per_round)
    print(f"  CPU du serveur : {per_journey:.2f} s par parcours, médiane des tours ({spread}) "
          f"(budget {CPU_BUDGET} s)  {'ok' if cpu_ok else 'HORS BUDGET'}")
    since_start = any(result["peak_since_start"] for result in results)
    print(f"  mémoire du serveur : pic {peak:.0f} Mio{' (depuis le démarrage)' if since_start else ''}")
    print(f"  écritures confirmées absentes de la base : {len(lost)}  {'ok' if not lost else 'PERDUES'}")
    for item in lost[:5]:
        print(f"    {item}")
    missed = slow + ([] if cpu_ok else ["CPU par parcours"]) + (["écritures perdues"] if lost else [])
    return missed + (["erreurs de la ruée"] if errors else [])
