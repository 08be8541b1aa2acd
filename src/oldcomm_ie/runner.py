"""A corpus run: read files, skip contents already stored, extract in worker processes (or
on a Ray cluster), store results and failures, and survive workers that die.

Why a pool of our own rather than `nlp.pipe(n_process=...)` or `multiprocessing.Pool`:
a worker killed by the OOM killer leaves those waiting forever.  `ProcessPoolExecutor`
notices (BrokenProcessPool); the batches that were in flight are tried again one at a
time in a fresh pool, a batch that kills it again is split, and only the document whose
worker dies while it runs alone is failed, with a recorded reason (tried again next run).
"""
from __future__ import annotations

import json
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .chars import safe_text
from .readers import display_name
from .store import Source, sha256_of

MAX_DEATHS_IN_A_ROW = 3
DIED = "worker process died (killed, or out of memory?) while extracting this document alone"


class WorkerDied(RuntimeError):
    """The process (or Ray actor) running a batch is gone."""


class RunStopped(RuntimeError):
    """The run cannot go on (workers keep dying); the store keeps what is finished."""


def sources(paths: list[str], iter_files) -> list[tuple[Path, Source]]:
    """(file, Source) for each file under the paths given; `doc_id` is relative to the folder
    named, so a/1.txt and b/1.txt stay apart, and the same whatever spelling of the folder."""
    out = []
    for arg in paths:
        root = Path(arg)
        for f in iter_files([arg]):
            try:
                doc_id = f.relative_to(root).as_posix() if root.is_dir() else f.name
            except ValueError:
                doc_id = f.name
            out.append((f, Source(display_name(f.resolve()), display_name(doc_id or f.name))))
    return out


_NLP = None  # the pipeline of a worker process


def worker_init(segmenter: str, pkuseg_model: str | None, max_chars: int) -> None:
    global _NLP
    from .pipeline import load

    _NLP = load(segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars)


def extract_batch(nlp, work: list[tuple[str, str]]) -> list[tuple[object, str | None]]:
    """(Extraction, None) or (None, error) per (text, doc_id).

    Workers hand back the plain Extraction, not the Doc: shipping Docs of one-character
    tokens costs more than the extraction itself (measured: 0.63× one process on 2 cores)."""
    from .pipeline import annotate
    from .records import from_doc

    out = []
    for text, doc_id in work:
        try:
            out.append((from_doc(annotate(nlp, text), doc_id), None))
        except Exception as exc:  # a document the pipeline fails on is reported, not fatal
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


def _worker_batch(work):
    return extract_batch(_NLP, work)


class InlinePool:
    """One process: the batch is extracted when submitted."""

    window = 1

    def __init__(self, init: tuple):
        worker_init(*init)

    def submit(self, work):
        return extract_batch(_NLP, work)

    def result(self, handle):
        return handle

    def close(self) -> None:
        pass


class LocalPool:
    """N spawned worker processes, each loading the pipeline once."""

    def __init__(self, n: int, init: tuple):
        self.n, self.init = n, init
        self.window = 2 * n  # a batch queued behind each running one: no worker waits
        self._start()

    def _start(self) -> None:
        import multiprocessing

        self.executor = ProcessPoolExecutor(self.n, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=worker_init, initargs=self.init)

    def submit(self, work):
        try:
            return self.executor.submit(_worker_batch, work)
        except BrokenProcessPool as exc:  # the pool broke since the last result: fail this one alike
            failed = Future()
            failed.set_exception(exc)
            return failed

    def result(self, handle):
        try:
            return handle.result()
        except BrokenProcessPool as exc:
            raise WorkerDied(str(exc)) from exc

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class Run:
    """One corpus run: reads files, feeds the pool, writes results and failures."""

    def __init__(self, store, errors_path: Path | None, max_chars: int, read, progress):
        self.store, self.errors_path, self.max_chars = store, errors_path, max_chars
        self.read, self.progress = read, progress
        self.errors = None
        self.failed_now: set[str] = set()  # contents that failed in this run: not tried twice
        self.counts = {"documents": 0, "failed": 0, "skipped": 0, "quantities": 0, "entities": 0,
                       "projects": 0, "chars": 0, "low_confidence": 0}

    def fail(self, source: Source, error: str) -> None:
        """Record a failure in the store and the error log, and print it once."""
        error = safe_text(error)
        self.counts["failed"] += 1
        if source.digest is not None:
            self.failed_now.add(source.digest)
        self.store.add_failure(source, error)
        self.progress.write(f"oldcomm-ie: {source.path}: {error}", file=sys.stderr)
        if self.errors_path is not None:
            if self.errors is None:  # appended to: earlier runs' lines are kept
                self.errors = open(self.errors_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the run
            self.errors.write(json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "path": source.path,
                                          "doc_id": source.doc_id, "sha256": source.digest, "error": error},
                                         ensure_ascii=False) + "\n")
            self.errors.flush()
        self.progress.update(1)

    def items(self, files: list[tuple[Path, Source]]):
        """(text, source, None) for each file still to do, (None, source, error) for one that
        cannot be read: failures travel with the batches so that every engine stores them
        in input order.  Contents already stored are recorded here."""
        for path, source in files:
            try:
                data = path.read_bytes()
            except OSError as exc:  # vanished, unreadable, a folder: reported, never fatal
                yield None, source, f"cannot read: {exc.strerror or exc}"
                continue
            source.digest = sha256_of(data)
            if source.digest in self.failed_now or self.store.done(source.digest):
                self.store.seen(source)
                self.counts["skipped"] += 1
                self.progress.update(1)
                continue
            try:
                decoded = self.read(data, path, self.max_chars)
            except ValueError as exc:
                self.failed_now.add(source.digest)
                yield None, source, str(exc)
                continue
            text, source.meta = decoded.text, decoded.meta
            source.encoding = decoded.meta.get("encoding")
            self.counts["low_confidence"] += any(w.startswith("low-confidence") for w in decoded.meta["warnings"])
            yield text, source, None

    def take(self, source: Source, text: str, result, error: str | None) -> None:
        """Store one extracted document (or the pipeline's error for it)."""
        if error:
            self.fail(source, error)
            return
        result.text, result.meta = text, source.meta or {}
        if self.store.add(source, result, text):
            self.counts["documents"] += 1
            self.counts["chars"] += len(text)
            for key in ("quantities", "entities", "projects"):
                self.counts[key] += len(getattr(result, key))
        else:
            self.counts["skipped"] += 1
        self.progress.update(1)

    def close(self) -> None:
        if self.errors is not None:
            self.errors.close()


def drive(run: Run, pool, items, batch_size: int) -> None:
    """Feed batches to the pool, at most `pool.window` in flight, and take the results in
    input order (so every engine writes the same store)."""
    pending: deque = deque()
    deaths = 0
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == batch_size:
            pending.append((batch, pool.submit(_work(batch))))
            batch = []
        while len(pending) >= pool.window:
            deaths = _take_first(run, pool, pending, deaths)
    if batch:
        pending.append((batch, pool.submit(_work(batch))))
    while pending:
        deaths = _take_first(run, pool, pending, deaths)


def _work(batch) -> list[tuple[str, str]]:
    return [(text, source.doc_id) for text, source, error in batch if error is None]


def _take(run: Run, batch, results) -> None:
    results = iter(results)
    for text, source, error in batch:
        if error is not None:
            run.fail(source, error)
        else:
            run.take(source, text, *next(results))


def _take_first(run: Run, pool, pending: deque, deaths: int) -> int:
    batch, handle = pending[0]
    try:
        results = pool.result(handle)
    except WorkerDied as exc:  # every batch in flight went down with the pool: retry each alone
        deaths = _died(run, pool, deaths, exc)
        suspects = [b for b, _ in pending]
        pending.clear()
        for b in suspects:
            deaths = _alone(run, pool, b, deaths)
        return deaths
    pending.popleft()
    _take(run, batch, results)
    return 0


def _alone(run: Run, pool, batch, deaths: int) -> int:
    """Run one batch with nothing else in flight; if its worker dies again, split it until
    the document that kills it is alone, and fail only that one."""
    try:
        results = pool.result(pool.submit(_work(batch)))
    except WorkerDied as exc:
        deaths = _died(run, pool, deaths, exc)
        if len(batch) == 1:
            _text, source, error = batch[0]
            run.fail(source, error or DIED)
            return deaths
        for item in batch:
            deaths = _alone(run, pool, [item], deaths)
        return deaths
    _take(run, batch, results)
    return 0


def _died(run: Run, pool, deaths: int, exc: Exception) -> int:
    deaths += 1
    if deaths > MAX_DEATHS_IN_A_ROW:
        raise RunStopped(f"worker processes died {deaths} times in a row ({exc}); stopping. The store "
                         "keeps every finished document; run again to resume.") from exc
    run.progress.write(f"oldcomm-ie: a worker died ({exc}); starting a fresh pool", file=sys.stderr)
    pool.restart()
    return deaths
