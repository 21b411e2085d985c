"""A slow, lossy link on loopback: tests/sync/faultproxy.py's proxy with random faults.

Every request is delayed by a random latency (the answer waits before it is passed on); a
share of them is cut (the connection closes before the request reaches the server) or dropped
(the server answers and commits, the answer is lost). `outage(after, count)` cuts `count`
requests in a row once `after` pull requests went through: longer than the client's retries,
so that sync fails midway and the next one has to resume. The random draws come from a seeded
generator, one per request in arrival order (the client sends one request at a time).
"""

from __future__ import annotations

import random
from collections import Counter

from faultproxy import FaultProxy, Rule

PULL = "/api/v1/sync/pull"


class LossyProxy(FaultProxy):
    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int,
        latency: tuple[float, float] = (0.02, 0.12),
        cut: float = 0.06,
        drop: float = 0.06,
    ) -> None:
        super().__init__(upstream_port)
        self.rng = random.Random(seed)
        self.latency = latency
        self.cut_share = cut
        self.drop_share = drop
        self.faults: Counter[str] = Counter()  # action -> how many requests got it
        self.pulls = 0
        self._outage_after: int | None = None
        self._outage_left = 0

    def outage(self, *, after: int, count: int) -> None:
        with self._guard:
            self._outage_after, self._outage_left = after, count

    def _match(self, method: str, path: str) -> Rule | None:
        scripted = super()._match(method, path)
        if scripted is not None:
            return scripted
        with self._guard:
            if path.startswith(PULL):
                self.pulls += 1
            if (
                self._outage_after is not None
                and self.pulls > self._outage_after
                and self._outage_left > 0
            ):
                self._outage_left -= 1
                action = "cut"
            else:
                draw = self.rng.random()
                if draw < self.cut_share:
                    action = "cut"
                elif draw < self.cut_share + self.drop_share:
                    action = "drop"
                else:
                    action = "delay"
            self.faults[action] += 1
            return Rule(method, path, 1, action, seconds=self.rng.uniform(*self.latency))
