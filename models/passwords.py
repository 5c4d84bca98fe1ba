"""Password hashes: Werkzeug's scrypt, computed by libsodium, at most one per core at once.

The stored form is Werkzeug's (``scrypt:32768:8:1$<salt>$<hex>``): every hash
already in a database checks as before, and Werkzeug checks the hashes made
here. Only the computation moves: libsodium (PyNaCl) runs the same scrypt, with
the same parameters, to the same bytes, for about two thirds of the CPU time
of OpenSSL's — its Salsa20/8 core uses the processor's vector instructions.
A signup and a login are the dearest requests of a candidate's journey, and a
deadline brings thousands of them.
"""
import hmac
import os
import secrets
import threading

from nacl.bindings import crypto_pwhash_scryptsalsa208sha256_ll as scrypt
from werkzeug.security import check_password_hash, gen_salt

# Werkzeug's default strength: 32 MiB and about a tenth of a second of a core.
N, R, P = 2**15, 8, 1
METHOD = f"scrypt:{N}:{R}:{P}"
# scrypt takes 32 MiB and a core: at most one hash per core at once in this
# process, so a rush of signups and logins neither multiplies the memory nor
# slows every hash down; the others wait their turn (they are never refused).
_HASHING = threading.BoundedSemaphore(os.cpu_count() or 1)


def _scrypt_hex(password, salt, n, r, p):
    # As Werkzeug derives it: the salt's text as bytes, 64 bytes of key.
    return scrypt(password.encode(), salt.encode(), n, r, p, dklen=64, maxmem=132 * n * r * p).hex()


def hash_password(password):
    salt = gen_salt(16)
    with _HASHING:
        return f"{METHOD}${salt}${_scrypt_hex(password, salt, N, R, P)}"


def password_matches(stored, password):
    method, salt, expected = (stored.split("$", 2) + ["", ""])[:3]
    name, *strength = method.split(":")
    with _HASHING:
        if name == "scrypt" and len(strength) == 3:
            return hmac.compare_digest(_scrypt_hex(password, salt, *map(int, strength)), expected)
        # Any other method a database may hold (an older default, a test's cheap hash): Werkzeug's.
        return check_password_hash(stored, password)


# A hash made for nobody: a login with an unknown address checks against it,
# and costs the same time as one with a known address (no enumeration by timing).
_NOBODY = hash_password(secrets.token_hex(8))


def waste_a_check(password):
    password_matches(_NOBODY, password)
