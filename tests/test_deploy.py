"""What deploy/ puts on a Debian server, checked by the tools that will read it there; PUBLIC_URL from make."""
import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from models import db

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVER_ROOT = "/srv/sesame"
UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))
# What the timers start, and how often (DESIGN.md §3, README « Commandes »).
TASKS = {"send-mail": "*:0/5", "purge-unactivated": "hourly", "sweep-uploads": "*-*-* 03:30:00",
         "backup": "*-*-* 02:30:00"}


def tool(name):
    """The path of a tool from Debian's packages; a missing one skips, but fails under CI=true."""
    path = shutil.which(name) or next((p for p in (f"/usr/bin/{name}", f"/usr/sbin/{name}") if os.access(p, os.X_OK)),
                                      None)
    if path is None:
        message = f"{name} est absent (paquet Debian : {'systemd' if name == 'systemd-analyze' else name})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} : .ci/run doit l'installer")
        pytest.skip(message)
    return path


def unit(path):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def test_systemd_analyze_verify_finds_nothing_to_say(tmp_path):
    """Every unit as systemd reads it: unknown keys and bad values are only warnings, so any output fails."""
    systemd_analyze = tool("systemd-analyze")
    # verify checks that each ExecStart program exists: the units are tried
    # with the server's /srv/sesame standing for this checkout and its venv.
    venv_bin = Path(sys.executable).parent
    for path in UNITS:
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"{SERVER_ROOT}/.venv/bin/", f"{venv_bin}/").replace(SERVER_ROOT, str(ROOT))
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    result = subprocess.run([systemd_analyze, "verify", *(p.name for p in UNITS)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    output = (result.stdout + result.stderr).strip()
    ours = [line for line in output.splitlines()
            if str(tmp_path) in line or any(p.name in line for p in UNITS)]
    assert result.returncode == 0 and not ours, output


def test_the_portal_runs_as_its_own_user_restarts_and_writes_only_its_instance():
    service = unit(DEPLOY / "sesame.service")["Service"]
    assert service["User"] == "sesame"
    assert service["WorkingDirectory"] == SERVER_ROOT
    assert service["ExecStart"] == f"{SERVER_ROOT}/.venv/bin/flask --app app serve --host 127.0.0.1 --port 5000"
    assert service["Restart"] == "on-failure"
    assert service["EnvironmentFile"] == "/etc/sesame/env"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == f"{SERVER_ROOT}/instance"
    assert service["NoNewPrivileges"] == "yes" and service["PrivateTmp"] == "yes"


@pytest.mark.parametrize("task", TASKS)
def test_each_task_has_a_timer_and_a_service_running_the_command(task):
    timer = unit(DEPLOY / f"sesame-{task}.timer")
    service = unit(DEPLOY / f"sesame-{task}.service")["Service"]
    assert timer["Timer"]["OnCalendar"] == TASKS[task]
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert service["Type"] == "oneshot"
    assert service["User"] == "sesame" and service["EnvironmentFile"] == "/etc/sesame/env"
    assert f"{SERVER_ROOT}/.venv/bin/flask --app app {task}" in service["ExecStart"]


def test_the_timers_start_commands_the_portal_has(app):
    commands = app.cli.list_commands(app.cli.make_context("flask", [], resilient_parsing=True))
    assert set(TASKS) <= set(commands)


def caddy_env(tmp_path, **extra):
    # Caddy may keep certificates and its autosaved config under HOME: a temporary one.
    return {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
            **extra}


def test_caddy_validates_the_caddyfile(tmp_path):
    caddy = tool("caddy")
    result = subprocess.run([caddy, "validate", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
                            capture_output=True, text=True, timeout=120, env=caddy_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr


def test_caddy_proxies_the_domain_to_the_portal_with_room_for_an_upload(tmp_path):
    caddy = tool("caddy")
    result = subprocess.run([caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
                            capture_output=True, text=True, timeout=120,
                            env=caddy_env(tmp_path, SESAME_DOMAIN="inscriptions.academie.fr"))
    assert result.returncode == 0, result.stderr
    config = result.stdout
    assert '"host":["inscriptions.academie.fr"]' in config
    assert '"dial":"127.0.0.1:5000"' in config
    max_size = int(re.search(r'"max_size":(\d+)', config).group(1))
    five_mib_and_its_form = 5 * 1024 * 1024 + 64 * 1024
    assert five_mib_and_its_form < max_size <= 8 * 1024 * 1024


def env_example_as_the_shell_reads_it():
    """The settings deploy/sesame gives a command: the file sourced by sh, as it does."""
    result = subprocess.run(["sh", "-c", 'set -a; . "$1"; set +a; env -0', "sh", str(DEPLOY / "env.example")],
                            capture_output=True, text=True, timeout=30, env={"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    pairs = (entry.split("=", 1) for entry in result.stdout.split("\0") if entry.startswith("FLASK_"))
    return dict(pairs)


def test_env_example_puts_the_portal_behind_one_proxy_over_https():
    settings = env_example_as_the_shell_reads_it()
    assert settings["FLASK_TRUSTED_PROXIES"] == "1"
    assert settings["FLASK_SESSION_COOKIE_SECURE"] == "true"
    assert settings["FLASK_PUBLIC_URL"].startswith("https://")
    assert settings["FLASK_MAIL_DEFAULT_SENDER"] == "Sésame <ne-pas-repondre@example.fr>"


def test_the_portal_reads_env_example_as_meant(tmp_path, monkeypatch):
    for key, value in env_example_as_the_shell_reads_it().items():
        monkeypatch.setenv(key, value)
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "test-secret",
                      "DATABASE": f"sqlite:///{tmp_path / 'sesame.db'}"})
    assert app.config["TRUSTED_PROXIES"] == 1
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["MAIL_PORT"] == 587 and app.config["MAIL_USE_TLS"] is True


def test_the_server_command_wrapper_is_valid_sh():
    script = DEPLOY / "sesame"
    assert os.access(script, os.X_OK)
    result = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


# PUBLIC_URL follows make's HOST and PORT --------------------------------------------

def make_says(*args, env=None):
    """What FLASK_PUBLIC_URL the Makefile gives the commands it runs."""
    make = shutil.which("make") or pytest.skip("make est absent")
    result = subprocess.run([make, "-s", "--no-print-directory", "-C", str(ROOT),
                             "--eval", "say-public-url: ; @echo \"$$FLASK_PUBLIC_URL\"", "say-public-url", *args],
                            capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in {**os.environ, **(env or {})}.items()
                                 # Under `make test PORT=…` a sub-make would inherit PORT.
                                 if v is not None and k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_make_points_links_to_the_port_it_serves_on():
    without = {"FLASK_PUBLIC_URL": None, "HOST": None, "PORT": None}
    assert make_says(env=without) == "http://127.0.0.1:5000"
    assert make_says("PORT=8080", env=without) == "http://127.0.0.1:8080"
    assert make_says("HOST=0.0.0.0", "PORT=8080", env=without) == "http://0.0.0.0:8080"


def test_a_public_url_set_by_hand_wins_over_make():
    assert make_says("PORT=8080", env={"FLASK_PUBLIC_URL": "https://inscriptions.example.fr"}) == \
        "https://inscriptions.example.fr"


def test_create_staff_links_follow_flask_public_url(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("FLASK_PUBLIC_URL", "http://127.0.0.1:8080")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "test-secret",
                      "DATABASE": database_url, "UPLOAD_FOLDER": str(tmp_path / "uploads"), "MAIL_SERVER": None})
    try:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["init-db"]).exit_code == 0
        result = runner.invoke(args=["create-staff", "gestion@exemple.fr", "--role", "admin"])
    finally:
        db.close_all()
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8080/bienvenue/" in result.output
