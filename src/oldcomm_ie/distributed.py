"""The same run on a Ray cluster (pip install 'oldcomm-ie[ray]'): `--engine ray`.

Why Ray actors behind the local run's own loop: the driver reads and hashes each file,
skips contents already stored, decodes with `--max-chars`, and keeps at most two batches
per actor in flight, so resume, failures, the error log and bounded memory are exactly
those of a local run; each actor loads the pipeline once, with `--segmenter` and
`--pkuseg-model`.  An actor that dies (RayActorError) is handled like a dead worker
process: its batches are tried once more on fresh actors.  Without `--address` a local
cluster starts; what crosses the wire is plain data (texts, Extraction records).
"""
from __future__ import annotations

from .runner import WorkerDied, extract_batch


class Extractor:
    """A Ray actor: the pipeline, loaded once, applied to batches of (text, doc_id)."""

    def __init__(self, segmenter: str = "char", pkuseg_model: str | None = None, max_chars: int | None = None):
        from .chars import DEFAULT_MAX_CHARS
        from .pipeline import load

        self.nlp = load(segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars or DEFAULT_MAX_CHARS)

    def extract(self, work: list[tuple[str, str]]):
        return extract_batch(self.nlp, work)


class RayPool:
    """`n` Extractor actors (default: one per CPU of the cluster), fed round robin."""

    def __init__(self, init: tuple, address: str | None = None, n: int | None = None):
        import ray

        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
        self.n = n or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.window = 2 * self.n
        self.init = init
        self.remote = ray.remote(num_cpus=min(1.0, ray.cluster_resources().get("CPU", 1) / self.n))(Extractor)
        self._start()

    def _start(self) -> None:
        self.actors = [self.remote.remote(*self.init) for _ in range(self.n)]
        self.turn = 0

    def submit(self, work):
        actor = self.actors[self.turn % self.n]
        self.turn += 1
        return actor.extract.remote(work)

    def result(self, ref):
        from ray.exceptions import RayActorError, WorkerCrashedError

        try:
            return self.ray.get(ref)
        except (RayActorError, WorkerCrashedError) as exc:
            raise WorkerDied(f"Ray actor lost: {type(exc).__name__}") from exc

    def _kill(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor, no_restart=True)

    def restart(self) -> None:
        self._kill()
        self._start()

    def close(self) -> None:
        self._kill()
        if self.started:
            self.ray.shutdown()
