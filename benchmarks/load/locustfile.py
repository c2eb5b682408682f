"""Visitors of the example help center under load: browsing, searching, voting and
commenting at once, each from an address of its own (``X-Load-Visitor``, see
middleware.py). Every accepted vote (one per visitor and page: voting again changes it),
comment and counted view (one per visitor and page a day) is tallied here, so run.py can
check afterwards that the database holds exactly as many (nothing lost)."""

import json
import os
import random
import re
from collections import Counter

from locust import HttpUser, between, events, task

ACCEPTED = Counter()  # what the server said it stored
STATUSES = Counter()  # status codes by endpoint name
WORDS = ["invoice", "refund", "password", "plan", "export", "payment declined", "vat", "team"]
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) LoadTest/1.0 Chrome/120 Safari/537.36"
ARTICLES = []
VOTED = set()  # (visitor, page): a visitor's second vote on a page changes the first
VIEWED = set()  # (visitor, page): a page's views count once per visitor a day


@events.request.add_listener
def count_status(name, response, exception, **kwargs):
    STATUSES[f"{name} {getattr(response, 'status_code', 'error')}"] += 1


@events.test_start.add_listener
def find_articles(environment, **kwargs):
    import urllib.request

    with urllib.request.urlopen(f"{environment.host}/en/api/articles/") as answer:
        data = json.load(answer)
    ARTICLES.extend((item["id"], item["url"]) for item in data["results"])


@events.test_stop.add_listener
def write_counts(environment, **kwargs):
    path = os.environ.get("LOAD_COUNTS")
    if path:
        with open(path, "w") as output:
            json.dump({"accepted": ACCEPTED, "statuses": STATUSES}, output, indent=2)


class Visitor(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.address = "10." + ".".join(str(random.randint(1, 254)) for _ in range(3))
        self.client.headers["User-Agent"] = BROWSER
        self.client.headers["X-Load-Visitor"] = self.address

    def viewed(self, page_id, response):
        if response.status_code == 200:
            VIEWED.add((self.address, page_id))
            ACCEPTED["views"] = len(VIEWED)

    def article(self):
        page_id, url = random.choice(ARTICLES)
        return page_id, url.split("://", 1)[-1].split("/", 1)[-1]

    @task(4)
    def browse(self):
        self.client.get("/en/", name="home")
        page_id, path = self.article()
        self.viewed(page_id, self.client.get(f"/{path}", name="article"))

    @task(3)
    def search(self):
        self.client.get("/en/search/", params={"q": random.choice(WORDS)}, name="search")

    @task(2)
    def vote(self):
        page_id, path = self.article()
        page = self.client.get(f"/{path}", name="article")
        self.viewed(page_id, page)
        token = self.client.cookies.get("csrftoken", "")
        response = self.client.post(
            "/en/feedback/",
            {
                "page": page_id,
                "helpful": random.choice(["yes", "no"]),
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": page.url},
            name="vote",
            allow_redirects=False,
        )
        if response.status_code == 303:
            VOTED.add((self.address, page_id))
            ACCEPTED["votes"] = len(VOTED)

    @task(1)
    def comment(self):
        page_id, path = self.article()
        page = self.client.get(f"/{path}", name="article")
        self.viewed(page_id, page)
        if page.status_code != 200:
            return
        fields = dict(HIDDEN.findall(page.text))
        if "security_hash" not in fields:
            return  # a closed discussion shows no form: a visitor cannot post there
        fields.update(
            name="Load Tester", email=f"visitor{random.randint(1, 10**9)}@example.com",
            comment=f"Question {random.randint(1, 10**9)} about {random.choice(WORDS)}?",
            reply_to="0", honeypot="",
        )  # fmt: skip
        response = self.client.post(
            "/discussions/post/", fields, headers={"Referer": page.url},
            name="comment", allow_redirects=False,
        )  # fmt: skip
        if response.status_code in (200, 302):  # posted (302) or held for a moderator (200)
            ACCEPTED["comments"] += 1
