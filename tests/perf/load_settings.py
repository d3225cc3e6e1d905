"""Settings of the web server in the load benchmark (bench_load.py): the portal's own
settings, with a URLconf that adds the benchmark's floor view; nothing else differs, so
production's refusals of unsafe configuration apply to the benchmark's server too."""

from loket.settings import *  # noqa: F403

ROOT_URLCONF = "tests.perf.load_urls"
