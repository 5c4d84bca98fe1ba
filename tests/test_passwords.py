"""Password hashes: Werkzeug's format and bytes, libsodium's computation."""
from werkzeug.security import check_password_hash, generate_password_hash

from models import passwords

PHRASE = "une phrase de passe assez longue é"


def test_a_hash_is_werkzeugs_scrypt_at_its_default_strength_and_werkzeug_checks_it():
    stored = passwords.hash_password(PHRASE)
    method, salt, digest = stored.split("$")
    assert method == "scrypt:32768:8:1" and len(salt) == 16 and len(digest) == 128
    assert check_password_hash(stored, PHRASE)
    assert not check_password_hash(stored, PHRASE + " ")
    assert stored != passwords.hash_password(PHRASE)  # a new salt each time


def test_hashes_werkzeug_made_check_here():
    for method in ("scrypt", "scrypt:16384:8:1", "pbkdf2:sha256:1000"):
        stored = generate_password_hash(PHRASE, method=method)
        assert passwords.password_matches(stored, PHRASE), method
        assert not passwords.password_matches(stored, PHRASE.upper()), method


def test_a_stored_value_that_is_no_hash_matches_nothing():
    for stored in ("", "scrypt", "texte en clair"):
        assert not passwords.password_matches(stored, "texte en clair")
