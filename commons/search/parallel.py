"""Rebuilding with several processes: each worker turns resource rows into documents *and* indexes them.

Whoosh's MpWriter hands finished documents to its workers, so the parent would still convert every Markdown
body and PDF alone; here the parent only reads rows from the database and the workers build the documents.
With `multisegment` each worker writes its own segment, so no single process merges everything at the end;
it writes it with `segment.BulkSegmentWriter`.
This leans on `whoosh.multiproc` (whoosh-reloaded 2.7.x, pinned below 2.8 in pyproject.toml).
"""

from __future__ import annotations

import logging
import pickle

from whoosh.multiproc import MpWriter

from commons.search.segment import BulkWriterTask

log = logging.getLogger(__name__)


class _BuildingTask(BulkWriterTask):
    """A Whoosh sub-writer (writing in bulk, see `segment`) whose job files hold resource rows rather than
    documents."""

    build = None

    def _process_file(self, filename, doc_count):
        writer = self.writer
        storage = writer.temp_storage()
        with storage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                _code, row = pickle.load(handle)  # noqa: S301 - written by our parent a moment ago
                try:
                    document = self.build(row)
                except Exception:  # one damaged resource must not cost the whole rebuild; `check` reports it
                    log.exception("resource %s could not be indexed", row.get("id"))
                    continue
                writer.add_document(**document)
        storage.delete_file(filename)


class BuildingMpWriter(MpWriter):
    """`add_document(**row)` queues a row; a worker process builds the document with `build(row)`."""

    def __init__(self, ix, build, procs: int, **kwargs):
        super().__init__(ix, procs=procs, multisegment=True, batchsize=250, **kwargs)
        self.build = build

    def _new_task(self):
        task = _BuildingTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                             self.multisegment)
        task.build = self.build
        self.tasks.append(task)
        task.start()
        return task
