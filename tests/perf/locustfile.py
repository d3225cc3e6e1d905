"""The load of bench_load.py: 16 clients asking one page (or a mix of pages) of the portal
without pause, each as the persona the page is for. Started by the benchmark as a separate
`locust --headless` process; it reads the pages from the JSON file named in LOKET_LOAD_SPEC
and the ones to ask from LOKET_LOAD_PAGES ("|"-separated labels)."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

SPEC = json.loads(Path(os.environ["LOKET_LOAD_SPEC"]).read_text())
WANTED = set(os.environ["LOKET_LOAD_PAGES"].split("|"))
PAGES = [page for page in SPEC["pages"] if page["label"] in WANTED]
assert PAGES, f"no pages named {WANTED}"


class Visitor(FastHttpUser):
    # A client sends its next request as soon as the previous one is answered (like wrk):
    # the server is kept saturated, so req/s is the page's capacity on this machine.
    wait_time = constant(0)

    def on_start(self):
        rng = random.Random(id(self))
        # Each client walks every page's URLs from its own random starting point.
        self.turns = [
            (page, itertools.cycle(rng.sample(page["urls"], len(page["urls"])))) for page in PAGES
        ]
        self.rng = rng

    @task
    def ask(self):
        page, urls = self.rng.choice(self.turns)
        # What the TLS proxy in front of gunicorn would add, else Django redirects to https.
        headers = {"X-Forwarded-Proto": "https"}
        if page["session"]:
            # The persona's session, set on every request rather than kept in the cookie jar,
            # which would drop a cookie re-sent with the Secure flag over plain-HTTP loopback.
            headers["Cookie"] = f"sessionid={page['session']}"
        with self.client.get(
            next(urls),
            name=page["label"],
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A redirect (to the login or MFA set-up) would mean the page was never served.
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
