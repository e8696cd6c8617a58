"""The Whoosh backend: the index in a folder of the instance (`commons.search.index`), searched by
`commons.search.query`, healed by `commons.search.healing`. The default, for one machine."""

from __future__ import annotations

from commons.search import healing, index, query


class WhooshBackend:
    name = "whoosh"

    def search(self, user, request):
        return query.search(user, request)

    def index_resources(self, ids) -> None:
        index.index_resources(ids)

    def rebuild(self, procs: int = 2, progress=None) -> int:
        return index.rebuild(procs=procs, progress=progress)

    def check(self) -> dict[str, list[int]]:
        return index.check()

    def stats(self) -> dict:
        return index.stats()

    def ensure_index(self) -> bool:
        return healing.ensure_index()

    def run_queued_rebuild(self) -> int:
        return healing.run_queued_rebuild()
