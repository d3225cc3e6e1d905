"""docker-compose.yml and the Dockerfile describe a production shape that can actually run."""

import fnmatch
import http.client
import importlib.metadata
import json
import re
import shlex
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from celery.bin.base import CLIContext
from celery.bin.celery import celery as celery_cli
from django.core.management import get_commands, load_command_class
from django.test import Client, override_settings
from gunicorn import util as gunicorn_util
from gunicorn.config import Config as GunicornConfig

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
PYPROJECT = ROOT / "pyproject.toml"
ENV_EXAMPLE = ROOT / ".env.example"

APP_SERVICES = ("migrate", "web", "worker", "beat")
LONG_RUNNING = ("db", "redis", "web", "worker", "beat")
WEASYPRINT_DEBIAN_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def dockerfile_values(keyword: str) -> list[str]:
    return [arguments for name, arguments in dockerfile_instructions() if name == keyword]


def dockerfile_env() -> dict[str, str]:
    env = {}
    for arguments in dockerfile_values("ENV"):
        for pair in shlex.split(arguments):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


def env_example_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Z][A-Z0-9_]*=", line):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def declared_dependencies() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return {_normalise(re.split(r"[\[~=<>!;\s]", spec)[0]) for spec in project["dependencies"]}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Substitute `${NAME}`, `${NAME:?message}` and friends as compose does from .env."""
    return re.sub(
        r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}",
        lambda match: variables[match[1]],
        value,
    )


def as_argv(command) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def named_volume_mounts(service: dict) -> dict[str, str]:
    """Named volume -> mount path inside the container (bind mounts are ignored)."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, _, target = volume.partition(":")
            target = target.split(":")[0]
        else:
            source, target = volume.get("source", ""), volume.get("target", "")
        if source and not source.startswith((".", "/", "~")):
            mounts[source] = target
    return mounts


def health_check_argv(service: dict) -> list[str]:
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return ["CMD-SHELL", test]
    return [str(part) for part in test]


# ---------------------------------------------------------------------------
# Services, images, volumes
# ---------------------------------------------------------------------------


def test_compose_follows_the_compose_spec_without_a_version_key(compose):
    assert "version" not in compose


def test_compose_defines_every_service_of_the_production_shape(services):
    for name in ("db", "redis", *APP_SERVICES):
        assert name in services, f"service {name} missing"


def test_the_database_is_postgres_15_and_redis_is_redis_7(services):
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


def test_every_app_service_runs_the_image_built_from_this_repository(services):
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name
        assert services[name]["env_file"] == ".env", name


def test_every_long_running_service_except_beat_has_a_health_check(services):
    for name in LONG_RUNNING:
        if name == "beat":
            continue  # beat serves nothing and talks to no one it could be asked about
        assert health_check_argv(services[name])[0] in ("CMD", "CMD-SHELL"), name
    assert health_check_argv(services["db"])[1] == "pg_isready"
    assert health_check_argv(services["redis"])[1:] == ["redis-cli", "ping"]
    assert "/healthz" in " ".join(health_check_argv(services["web"]))


def test_long_running_services_restart_and_migrate_runs_once(services):
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"


def test_app_services_wait_for_healthy_backing_services_and_finished_migrations(services):
    for name in ("web", "worker"):
        depends_on = services[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["beat"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_database_redis_and_media_live_in_named_volumes(compose, services):
    declared = set(compose["volumes"])
    db_mounts = named_volume_mounts(services["db"])
    assert "/var/lib/postgresql/data" in db_mounts.values()
    assert set(db_mounts) <= declared
    assert set(named_volume_mounts(services["redis"])) <= declared


def test_web_and_worker_share_the_media_volume_at_media_root(compose, services):
    # The worker writes report PDFs that web serves, so both must see the same files.
    media_root = {services[name]["environment"]["MEDIA_ROOT"] for name in ("web", "worker")}
    assert len(media_root) == 1
    (media_root,) = media_root
    volumes = set()
    for name in ("web", "worker"):
        mounts = {target: source for source, target in named_volume_mounts(services[name]).items()}
        assert media_root in mounts, f"{name} does not mount a named volume at {media_root}"
        volumes.add(mounts[media_root])
    assert len(volumes) == 1
    assert volumes <= set(compose["volumes"])
    # The image creates that directory for its non-root user, so a fresh volume is writable.
    assert dockerfile_env()["MEDIA_ROOT"] == media_root


def test_app_services_reach_postgres_and_redis_by_service_name(services):
    dotenv = {"POSTGRES_PASSWORD": "0123456789abcdef"}  # letters and digits, as .env.example says
    db_env = {
        name: interpolate(value, dotenv) for name, value in services["db"]["environment"].items()
    }
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        database = urlsplit(interpolate(environment["DATABASE_URL"], dotenv))
        assert database.scheme == "postgres"
        assert database.hostname == "db"
        assert database.port == 5432
        assert database.username == db_env["POSTGRES_USER"]
        assert database.password == db_env["POSTGRES_PASSWORD"]
        assert database.path == "/" + db_env["POSTGRES_DB"]
        for variable in ("REDIS_URL", "CELERY_BROKER_URL"):
            assert urlsplit(environment[variable]).hostname == "redis", (name, variable)


def test_static_files_are_served_from_where_the_image_collected_them(services):
    for name in APP_SERVICES:
        assert services[name]["environment"]["STATIC_ROOT"] == dockerfile_env()["STATIC_ROOT"]


def test_web_publishes_gunicorn_on_localhost_only_for_the_tls_proxy(services):
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "8000" in dockerfile_values("EXPOSE")


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def test_every_executable_is_a_console_script_of_a_declared_dependency():
    dependencies = declared_dependencies()
    for executable in ("gunicorn", "celery"):
        (entry_point,) = importlib.metadata.entry_points(group="console_scripts", name=executable)
        assert _normalise(entry_point.dist.name) in dependencies, executable
        assert callable(entry_point.load())
        assert (Path(sys.executable).parent / executable).exists(), executable


def test_every_command_and_health_check_is_a_list_of_strings(services):
    # The Compose spec allows only strings here; YAML would silently turn `2` into a number.
    for name, service in services.items():
        for argv in (service.get("command"), service.get("healthcheck", {}).get("test")):
            if argv is not None:
                assert isinstance(argv, list), name
                assert all(isinstance(part, str) for part in argv), name
        assert isinstance(service.get("restart", ""), str), name  # `no` unquoted is False


def test_every_service_command_exists_in_the_project(services):
    commands = {name: as_argv(services[name]["command"]) for name in APP_SERVICES}
    assert commands["web"][0] == "gunicorn"
    assert_gunicorn_command_runs(commands["web"])
    assert commands["worker"][:4] == ["celery", "-A", "loket", "worker"]
    assert_celery_command_runs(commands["worker"])
    assert commands["beat"][:4] == ["celery", "-A", "loket", "beat"]
    assert_celery_command_runs(commands["beat"])
    assert commands["migrate"][:3] == ["python", "manage.py", "migrate"]
    assert_management_command_runs(commands["migrate"])


def test_the_worker_health_check_pings_this_worker(services):
    test = health_check_argv(services["worker"])
    assert test[0] == "CMD-SHELL"
    # Compose turns $$ into $; the shell then expands the container's host name.
    argv = shlex.split(test[1].replace("$$HOSTNAME", "container-id"))
    assert argv[:5] == ["celery", "-A", "loket", "inspect", "ping"]
    context = assert_celery_command_runs(argv)
    # A worker's default node name is celery@<host name>, which is the container id.
    assert context.params["destination"] == ["celery@container-id"]


def test_the_dockerfile_cmd_is_the_web_command(services):
    (cmd,) = dockerfile_values("CMD")
    assert json.loads(cmd) == as_argv(services["web"]["command"])


def assert_gunicorn_command_runs(argv: list[str]) -> None:
    """Options parse the way gunicorn parses them, and the WSGI app imports."""
    parsed = GunicornConfig().parser().parse_args(argv[1:])
    (app_uri,) = parsed.args
    assert parsed.bind == ["0.0.0.0:8000"]
    application = gunicorn_util.import_app(app_uri)
    assert callable(application)
    assert app_uri == "loket.wsgi:application"


def assert_celery_command_runs(argv: list[str]) -> click.Context:
    """`-A` finds our Celery app the way the CLI does, and the sub-command accepts its options."""
    assert argv[0] == "celery" and argv[1] == "-A"
    app = find_app(argv[2])
    assert isinstance(app, Celery)
    assert app.main == "loket"
    subcommand, options = argv[3], argv[4:]
    assert subcommand in celery_cli.commands, subcommand
    parent = click.Context(
        celery_cli, info_name="celery", obj=CLIContext(app=app, no_color=True, workdir=None)
    )
    return celery_cli.commands[subcommand].make_context(subcommand, list(options), parent=parent)


def assert_management_command_runs(argv: list[str]) -> None:
    assert (ROOT / argv[1]).is_file()
    name, options = argv[2], argv[3:]
    app_name = get_commands()[name]
    parser = load_command_class(app_name, name).create_parser("manage.py", name)
    parser.parse_args(options)


# ---------------------------------------------------------------------------
# The image
# ---------------------------------------------------------------------------


def test_the_dockerfile_uses_python_3_11_on_debian_bookworm():
    (base,) = dockerfile_values("FROM")
    assert base == "python:3.11-slim-bookworm"
    requires = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["requires-python"]
    assert ">=3.11" in requires


def test_the_dockerfile_installs_the_debian_packages_weasyprint_needs():
    installs = " ".join(run for run in dockerfile_values("RUN") if "apt-get install" in run)
    packages = set(installs.split())
    for package in WEASYPRINT_DEBIAN_PACKAGES:
        assert package in packages, package
    assert any(package.startswith("fonts-") for package in packages)
    assert "--no-install-recommends" in packages


def test_the_dockerfile_installs_the_project_without_dev_extras():
    runs = dockerfile_values("RUN")
    assert any(re.search(r"\bpip install \.(\s|$)", run) for run in runs)
    assert not any("[dev]" in run for run in runs)


def test_the_dockerfile_collects_static_files_without_baking_secrets_into_env():
    (collect,) = [run for run in dockerfile_values("RUN") if "collectstatic" in run]
    assert "DJANGO_DEBUG=false" in collect  # the manifest storage served at run time
    assert "DJANGO_SECRET_KEY=" in collect
    for name in dockerfile_env():
        assert not re.search(r"SECRET|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL", name), name
    assert not dockerfile_values("ARG")


def dockerignore_excludes(path: str) -> bool:
    """Whether .dockerignore keeps a root-relative path out of the build context."""
    excluded = False
    for raw in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negated = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        candidates = [pattern, pattern.removeprefix("**/")]
        parts = Path(path).parts
        prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
        if any(
            fnmatch.fnmatch(prefix, candidate) for prefix in prefixes for candidate in candidates
        ):
            excluded = not negated
    return excluded


def test_the_build_context_has_what_the_image_runs_and_no_secrets():
    for needed in (
        "pyproject.toml",
        "manage.py",
        "loket/settings.py",
        "loket/migrations/0001_initial.py",
        "regio/models.py",
        "kandidaten/models.py",
        "opleidingsscholen/models.py",
        "templates/base.html",
        "static/css/pdf.css",
        "locale/en/LC_MESSAGES/django.mo",
    ):
        assert not dockerignore_excludes(needed), needed
    for secret in (".env", ".env.production", ".git/config", ".venv/bin/python", "db.sqlite3"):
        assert dockerignore_excludes(secret), secret


def test_the_image_runs_as_a_non_root_user():
    users = dockerfile_values("USER")
    assert users, "no USER instruction"
    assert users[-1] not in ("root", "0")


# ---------------------------------------------------------------------------
# The web health check, run against Django with production security settings
# ---------------------------------------------------------------------------


def run_web_health_check(services, monkeypatch, allowed_hosts: str, answer) -> int:
    """Execute the health check's Python code; `answer(host, port, headers)` gives the status."""
    argv = health_check_argv(services["web"])
    assert argv[:3] == ["CMD", "python", "-c"]
    code = argv[3]

    class Connection:
        def __init__(self, host, port, timeout=None):
            self.address = (host, port)

        def request(self, method, url, headers=None):
            assert (method, url) == ("GET", "/healthz")
            self.status = answer(*self.address, dict(headers or {}))

        def getresponse(self):
            return type("Response", (), {"status": self.status})()

    monkeypatch.setattr(http.client, "HTTPConnection", Connection)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", allowed_hosts)
    with pytest.raises(SystemExit) as exit_info:
        exec(compile(code, "<web health check>", "exec"), {"__name__": "__main__"})
    return exit_info.value.code or 0


def django_answers(host, port, headers):
    assert (host, port) == ("127.0.0.1", 8000)
    extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    return Client().get("/healthz", **extra).status_code


@pytest.fixture
def production_security(monkeypatch):
    """SECURE_SSL_REDIRECT on and X-Forwarded-Proto trusted, as with .env.example."""
    monkeypatch.setattr("loket.views.core._check_database", lambda: "ok")
    monkeypatch.setattr("loket.views.core._check_redis", lambda: "ok")
    assert env_example_values()["DJANGO_BEHIND_TLS_PROXY"] == "true"

    def configure(allowed_hosts: str):
        hosts = [host.strip() for host in allowed_hosts.split(",")]
        return override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=hosts,
            SECURE_SSL_REDIRECT=True,
            SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        )

    return configure


@pytest.mark.parametrize(
    "allowed_hosts",
    [env_example_values()["DJANGO_ALLOWED_HOSTS"], ".onderwijsregio.example,localhost"],
)
def test_the_web_health_check_passes_host_validation_and_the_https_redirect(
    services, monkeypatch, production_security, allowed_hosts
):
    with production_security(allowed_hosts):
        assert run_web_health_check(services, monkeypatch, allowed_hosts, django_answers) == 0


def test_a_plain_http_request_would_be_redirected_without_the_forwarded_proto(
    production_security,
):
    host = env_example_values()["DJANGO_ALLOWED_HOSTS"].split(",")[0]
    with production_security(host):
        assert Client().get("/healthz", HTTP_HOST=host).status_code == 301


@pytest.mark.parametrize("status", [301, 302, 400, 503])
def test_the_web_health_check_fails_on_anything_but_200(services, monkeypatch, status):
    exit_code = run_web_health_check(
        services, monkeypatch, "loket.onderwijsregio.example", lambda *_: status
    )
    assert exit_code != 0
