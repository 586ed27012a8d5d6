"""The load run's users (locust): signed-in coordinators and focal points going through a mix of
the common pages, and the login page fetched without a session as the baseline, in one run.

Run by bench/scale_bench.py (`make bench`) as `locust --headless -f bench/locustfile.py`, with
BENCH_LOAD_PLAN naming a JSON file: {"password": ..., "personas": {persona: {"users": [...],
"pages": [[name, url, weight], ...], "share": weight}}}, and BENCH_LOAD_OUT a file where every
request's name, time (ms), size, error and end (epoch seconds) is written at the end, for the
bench's own percentiles (the sign-ins apart).
"""

import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.clients import HttpSession

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LOAD_BASELINE as BASELINE
from common import LOAD_SIGN_IN as SIGN_IN

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
SAMPLES: list = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_accounts = {persona: itertools.cycle(plan["users"]) for persona, plan in PLAN["personas"].items()}


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    SAMPLES.append(
        [name, response_time, response_length, repr(exception) if exception else "", time.time()]
    )


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["BENCH_LOAD_OUT"], "w") as out:
        json.dump(SAMPLES, out)


class Member(HttpUser):
    """A member of a network: signs in once, then reads pages with a few seconds between them
    (a person reading), and now and then the login page is fetched without a session."""

    abstract = True
    persona = ""
    wait_time = between(1, 3)

    def on_start(self):
        username = next(_accounts[self.persona])
        page = self.client.get("/accounts/login/", name=SIGN_IN)
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/accounts/login/",
            data={"username": username, "password": PLAN["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name=SIGN_IN,
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{username} could not sign in: {response.status_code}")
        self.pages = PLAN["personas"][self.persona]["pages"]
        self.weights = [weight for _name, _url, weight in self.pages]
        self.anonymous = HttpSession(
            base_url=self.host, request_event=self.environment.events.request, user=self
        )

    @task(20)
    def page(self):
        name, url, _weight = random.choices(self.pages, weights=self.weights)[0]
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    @task(1)
    def login_page(self):
        self.anonymous.cookies.clear()
        self.anonymous.get("/accounts/login/", name=BASELINE)


class Coordinator(Member):
    persona = "coordinator"
    weight = PLAN["personas"]["coordinator"]["share"]


class FocalPoint(Member):
    persona = "focal_point"
    weight = PLAN["personas"]["focal_point"]["share"]
