"""Learners browsing a Terreau server, driven by asyncio and aiohttp: what the load suite measures.

Each learner has its own HTTP client (a cookie jar holding its session cookie, one connection at a time, as a
browser tab) and until the deadline does one action after another with 1 to 5 s of think time in
between (ACTIONS gives their odds): open the step it is at (and sometimes move on), post the progress its player
noted (1 to 10 events with fresh client ids, its API token as bearer), browse the catalogue (a page, sometimes a
theme), read a resource, search, or look at "mes sessions". Each learner starts at a random moment of the first
think time, so the load ramps up over ~5 s instead of 200 requests at once.

A request's latency runs from sending it to having read the whole answer, on the client. An error is an answer
other than 200 (stricter than "400 or more": a redirection to the login page would be a failure hidden behind a
200 if followed), a connection failure or a timeout; the first few are described on stderr. Requests still
in flight at the deadline are awaited and counted; none starts after it.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

import aiohttp
from yarl import URL

#: what a learner does next, and its weight
ACTIONS = {"step": 30, "progress": 25, "catalogue": 15, "resource": 15, "search": 10, "my_sessions": 5}
THINK_S = (1.0, 5.0)
#: events in a progress batch: what the player noted since the last one
BATCH = (1, 10)
TIMEOUT_S = 60
SHOWN_ERRORS = 5
#: what the learners' browsers call themselves (their session cookies are bound to it, see bench.load)
USER_AGENT = "terreau-bench-load"


class Learner:
    """One learner's browser: its client, its place in the course, what it needs to log in and post."""

    def __init__(self, n: int, base: str, world: dict, rng: random.Random):
        self.n, self.world, self.rng = n, world, rng
        self.client = aiohttp.ClientSession(
            base, cookie_jar=aiohttp.CookieJar(unsafe=True),  # unsafe: keep cookies of an IP address (loopback)
            connector=aiohttp.TCPConnector(limit=1, keepalive_timeout=1),  # close before gunicorn's 2 s keep-alive
            timeout=aiohttp.ClientTimeout(total=TIMEOUT_S), headers={"User-Agent": USER_AGENT})
        name, value = world["cookies"][n]
        self.client.cookie_jar.update_cookies({name: value}, URL(base))
        self.position = rng.randrange(len(world["steps"]))
        self.sent = 0

    def request(self, action: str) -> tuple[str, str, dict]:
        """(method, path, options) of one `action`."""
        rng, world = self.rng, self.world
        if action == "step":
            if rng.random() < 0.5:
                self.position = (self.position + 1) % len(world["steps"])
            return "GET", f"/sessions/{world['session']}/etapes/{world['steps'][self.position]}", {}
        if action == "progress":
            return "POST", "/api/v1/progress", {"data": self._batch(), "headers": {
                "Authorization": f"Bearer {world['tokens'][self.n]}", "Content-Type": "application/json"}}
        if action == "catalogue":
            theme = f"&theme={rng.choice(world['themes'])}" if rng.random() < 0.3 else ""
            return "GET", f"/ressources/?page={rng.randint(1, 3)}{theme}", {}
        if action == "resource":
            return "GET", f"/ressources/{rng.choice(world['resources'])}", {}
        if action == "search":
            return "GET", "/recherche", {"params": {"q": " ".join(rng.sample(world["words"], rng.randint(1, 2)))}}
        return "GET", "/mes-sessions", {}

    def _batch(self) -> str:
        """1 to 10 events about the step the learner is at: opened, then video segments or done."""
        step, events = self.world["steps"][self.position], []
        for e in range(self.rng.randint(*BATCH)):
            self.sent += 1
            event = {"client_id": f"load-{self.n}-{self.sent}", "session_id": self.world["session"],
                     "step_id": step, "kind": "opened" if e == 0 else "done"}
            if e and step in self.world["videos"]:
                start = 30.0 * (e % 10)
                event.update(kind="video", segments=[[start, start + 30.0]], duration=300.0)
            events.append(event)
        return json.dumps({"events": events})

    async def browse(self, deadline: float, record) -> None:
        """Actions separated by think times until `deadline` (loop time)."""
        loop = asyncio.get_running_loop()
        await asyncio.sleep(self.rng.uniform(0, THINK_S[1]))
        while loop.time() < deadline:
            action = self.rng.choices(list(ACTIONS), list(ACTIONS.values()))[0]
            method, path, options = self.request(action)
            started = time.perf_counter()
            try:
                async with self.client.request(method, path, allow_redirects=False, **options) as response:
                    await response.read()
                    failure = f"{response.status} {method} {path}" if response.status != 200 else None
            except (aiohttp.ClientError, TimeoutError) as exc:
                failure = f"{type(exc).__name__} {method} {path}"
            record(action, (time.perf_counter() - started) * 1000, failure)
            await asyncio.sleep(min(self.rng.uniform(*THINK_S), max(0.0, deadline - loop.time())))

    async def close(self) -> None:
        await self.client.close()


async def drive(port: int, world: dict, seconds: float, seed: int = 2028) -> dict:
    """Let every learner browse for `seconds`; returns latencies per action, errors and elapsed seconds."""
    rng = random.Random(seed)
    learners = [Learner(n, f"http://127.0.0.1:{port}", world, random.Random(rng.random()))
                for n in range(len(world["tokens"]))]
    latencies: dict[str, list[float]] = {action: [] for action in ACTIONS}
    errors: list[str] = []

    def record(action: str, ms: float, failure: str | None) -> None:
        latencies[action].append(ms)
        if failure:
            if len(errors) < SHOWN_ERRORS:
                print(f"load: {failure}", file=sys.stderr)
            errors.append(failure)

    try:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.gather(*(learner.browse(start + seconds, record) for learner in learners))
        elapsed = loop.time() - start
    finally:
        await asyncio.gather(*(learner.close() for learner in learners))
    return {"learners": len(learners), "latencies": latencies, "errors": len(errors), "elapsed": elapsed}
