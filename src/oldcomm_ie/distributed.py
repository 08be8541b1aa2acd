"""The same extraction on a Ray cluster (pip install 'oldcomm-ie[ray]').

Ray Data reads the files in the workers (`read_binary_files`), streams them with
backpressure through `map_batches` into a pool of actors that each load the pipeline once
(`Extractor`, a callable class), and hands back one contract JSON per document.  On one
machine `ray.init(num_cpus=2)` starts a local cluster; `address=` joins a real one.
What crosses the wire is plain data (path, bytes, JSON text), as Ray and spaCy require.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np


class Extractor:
    """A Ray Data actor: the pipeline, loaded once, applied to a batch of files."""

    def __init__(self, segmenter: str = "char", max_chars: int = 20_000_000):
        from .pipeline import load

        self.nlp = load(segmenter=segmenter, max_chars=max_chars)

    def __call__(self, batch: dict) -> dict:
        from .readers import read_document
        from .records import from_doc

        out = {"path": [], "result": [], "error": []}
        texts, paths = [], []
        for path, data in zip(batch["path"], batch["bytes"]):
            try:
                text = read_document(bytes(data), Path(path), self.nlp.max_length).text
            except ValueError as exc:
                out["path"].append(path)
                out["result"].append("")
                out["error"].append(str(exc))
                continue
            texts.append(text)
            paths.append(path)
        for path, doc in zip(paths, self.nlp.pipe(texts)):
            out["path"].append(path)
            out["result"].append(json.dumps(from_doc(doc, Path(path).name).to_dict(), ensure_ascii=False))
            out["error"].append("")
        return {k: np.array(v, dtype=object) for k, v in out.items()}


def extract_dataset(paths: list[str | Path], address: str | None = None, num_cpus: int | None = None,
                    concurrency: int | None = None, batch_size: int = 8, segmenter: str = "char") -> Iterator[dict]:
    """Extract files on a Ray cluster; yields {"path", "result" (contract dict) or "error"}
    in the order of `paths`."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                 ignore_reinit_error=True)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    workers = concurrency or max(1, int(ray.cluster_resources().get("CPU", 1)))
    files = [str(Path(p).resolve()) for p in paths]
    # Reading takes a sliver of a CPU so that the actors, one per CPU, never starve it.
    ds = ray.data.read_binary_files(files, include_paths=True, num_cpus=0.05)
    ds = ds.map_batches(Extractor, fn_constructor_kwargs={"segmenter": segmenter}, batch_size=batch_size,
                        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=0.9)
    by_path = {}
    for row in ds.iter_rows():
        by_path[row["path"]] = row
    for path in files:
        row = by_path.get(path)
        if row is None:
            yield {"path": path, "error": "not read by the cluster"}
        elif row["error"]:
            yield {"path": path, "error": row["error"]}
        else:
            yield {"path": path, "result": json.loads(row["result"])}


def run_cli(args, files: list[Path]) -> int:
    """`oldcomm-ie extract --engine ray`: JSON lines (or the project CSV) from a Ray cluster."""
    import sys

    from .records import Extraction
    from .store import open_store

    store = open_store(args.output) if args.output != "-" else None
    ok = failed = 0
    try:
        for row in extract_dataset(files, address=args.address, batch_size=args.batch_size,
                                   segmenter=args.segmenter):
            if "error" in row:
                failed += 1
                print(f"oldcomm-ie: {row['path']}: {row['error']}", file=sys.stderr)
                continue
            ok += 1
            if store is None:
                print(json.dumps(row["result"], ensure_ascii=False))
            else:
                store.add(row["path"], "", Extraction.from_dict(row["result"]), 0, "")
    finally:
        if store is not None:
            store.close()
    print(f"{ok} documents, {failed} failed (ray)", file=sys.stderr)
    return 0 if ok or not failed else 1

