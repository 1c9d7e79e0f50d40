"""Locust users for bench_workspace: teachers in the analysis workspace.

Each simulated teacher opens the workspace (the recording page with its annotations), now and
then posts an annotation through htmx, and the health check is requested beside them as the
floor: the cheapest view, measured under the same load. The session cookie and URLs come from
the environment (set by bench_workspace).
"""

import os
import random

from locust import HttpUser, between, task

SESSION = os.environ["BENCH_SESSION"]
CSRF = "benchcsrftoken0123456789abcdefgh"
RECORDINGS = os.environ["BENCH_RECORDINGS"].split(",")
DURATION = float(os.environ["BENCH_DURATION"])


class Teacher(HttpUser):
    # People read and watch between clicks; 50 of them then make some 50 requests a second.
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSION)
        self.client.cookies.set("csrftoken", CSRF)
        # Each user works on a recording of its own (…/opnames/<uuid>/).
        self.workspace_url = random.choice(RECORDINGS)
        self.annotations_url = self.workspace_url + "aantekeningen/"

    @task(6)
    def workspace(self) -> None:
        self.client.get(self.workspace_url, name="workspace page")

    @task(2)
    def annotate(self) -> None:
        self.client.post(
            self.annotations_url,
            {
                "kind": "observation",
                "at": f"{random.uniform(0, DURATION):.1f}",
                "body": "Leerlingen krijgen denktijd voor ze antwoorden.",
            },
            headers={"X-CSRFToken": CSRF, "HX-Request": "true", "Referer": self.workspace_url},
            name="post annotation",
        )

    @task(6)
    def floor(self) -> None:
        self.client.get("/gezondheid/", name="floor: health check")
