""".env.example documents exactly the environment variables the settings read."""

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "loket" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"
COMPOSE = ROOT / "docker-compose.yml"

# env.str(...), env.int(...), env.list(...), env.db_url(...), env(...), and the settings' own
# strict helpers, which are all named env_<kind>(...): env_bool, env_list.
ENV_OBJECT = "env"
ENV_HELPER_PREFIX = "env_"

# `NAME=value`, or `# NAME=value` for a documented but commented-out variable.
ASSIGNMENT = re.compile(r"^(?P<commented>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)")


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_os_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and _is_name(node.value, "os")


def _reads_environment(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == ENV_OBJECT or func.id.startswith(ENV_HELPER_PREFIX)
    if isinstance(func, ast.Attribute):
        return (
            _is_name(func.value, ENV_OBJECT)  # env.str(...), env.list(...)
            or _is_os_environ(func.value)  # os.environ.get(...)
            or (func.attr == "getenv" and _is_name(func.value, "os"))
        )
    return False


def _constant_string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def variables_read_by_settings() -> set[str]:
    """Names passed as a constant to the env helpers (and to os.environ / os.getenv)."""
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Call) and node.args and _reads_environment(node):
            name = _constant_string(node.args[0])
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            name = _constant_string(node.slice)
        if name:
            names.add(name)
    return names


def env_example_entries() -> dict[str, bool]:
    """Every variable named in .env.example, mapped to whether its line is active."""
    entries = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if match := ASSIGNMENT.match(line.strip()):
            name = match["name"]
            assert name not in entries, f"{name} appears twice in .env.example"
            entries[name] = match["commented"] is None
    return entries


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def variables_compose_interpolates() -> set[str]:
    """Names compose itself substitutes (`${NAME}`), which it reads from .env."""
    return {match["name"] for match in INTERPOLATION.finditer(COMPOSE.read_text(encoding="utf-8"))}


def variables_compose_sets_for_the_app() -> set[str]:
    """Names the app services get from `environment:`, which takes precedence over .env."""
    names = set()
    for service in compose()["services"].values():
        if service.get("env_file"):
            names |= set(service.get("environment") or {})
    return names


def test_the_settings_parser_finds_the_variables_the_settings_read():
    found = variables_read_by_settings()
    for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_DEBUG", "LOKET_MFA_REQUIRED"):
        assert name in found
    assert "name" not in found  # env_bool's own env.str(name) reads no fixed variable


def test_every_variable_the_settings_read_is_in_env_example():
    missing = variables_read_by_settings() - set(env_example_entries())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_names_no_variable_that_nothing_reads():
    read = variables_read_by_settings() | variables_compose_interpolates()
    unknown = set(env_example_entries()) - read
    assert not unknown, f"nothing reads these names from .env.example: {sorted(unknown)}"


def test_every_variable_compose_interpolates_is_set_in_env_example():
    entries = env_example_entries()
    for name in variables_compose_interpolates():
        assert entries.get(name) is True, f"compose needs {name} in .env"


def test_env_example_leaves_compose_internal_variables_commented_out():
    # An active line would be silently overridden by docker-compose.yml's `environment:`.
    entries = env_example_entries()
    overridden = {name for name in variables_compose_sets_for_the_app() if entries.get(name)}
    assert not overridden, f"comment these out in .env.example: {sorted(overridden)}"


def test_every_variable_in_env_example_has_an_explanation():
    lines = [line.strip() for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()]
    for index, line in enumerate(lines):
        if ASSIGNMENT.match(line):
            above = lines[index - 1]
            assert above.startswith("#") and not ASSIGNMENT.match(above), (
                f"{line.split('=')[0].lstrip('# ')} needs a one-line comment above it"
            )


def test_env_example_is_production_shaped():
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if (match := ASSIGNMENT.match(line.strip())) and not match["commented"]:
            values[match["name"]] = match["value"]
    assert values["DJANGO_DEBUG"] == "false"
    assert values["LOKET_MFA_REQUIRED"] == "true"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "false"
    assert values["DJANGO_BEHIND_TLS_PROXY"] == "true"
    assert "*" not in values["DJANGO_ALLOWED_HOSTS"]
    # The placeholder secret must be one the production guard refuses if left unchanged.
    assert "insecure" in values["DJANGO_SECRET_KEY"]
    assert not any("$" in value for value in values.values())
