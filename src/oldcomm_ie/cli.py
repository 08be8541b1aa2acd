"""Command line: oldcomm-ie extract PATH... -o OUT.sqlite|.jsonl|.csv|.parquet|.xlsx

Exit statuses: 0 every file read; 1 the run stopped (output unusable, disk full, workers
keep dying) or no file could be read; 2 usage error; 3 finished, some files failed (they
are kept as failures and tried again on the next run); 130 interrupted."""
from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from .chars import DEFAULT_MAX_CHARS

# The reading side (encodings, file kinds, folder walking) lives in readers; these names
# stay importable from here for existing callers.
from .readers import DecodeError, Walk, decode, iter_files, read_document, read_text, walk  # noqa: F401

EXIT_OK, EXIT_STOPPED, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 3, 130  # 2: usage errors (argparse)


def _open_output(args, parser):
    """The store for -o, or a usage error (exit 2) naming what is wrong."""
    from .store import JSONLStore, MissingExtra, StoreError, kind_of, open_store, require_extra

    if args.output == "-":
        return JSONLStore(sys.stdout.fileno())
    try:
        suffix = Path(args.output).suffix.lower()
        kind_of(args.output)
        if suffix in (".parquet", ".xlsx"):
            require_extra(suffix)
        return open_store(args.output)
    except (ValueError, MissingExtra, StoreError) as exc:
        parser.error(str(exc))
    except OSError as exc:
        parser.error(f"cannot write {args.output}: {exc.strerror or exc}")


def _check_segmenter(args, parser) -> None:
    """A segmenter that cannot load is a usage error here, not a traceback in every worker."""
    import importlib.util

    if args.segmenter == "pkuseg":
        if not args.pkuseg_model:
            parser.error("--segmenter pkuseg needs --pkuseg-model DIR (get one with: oldcomm-ie pkuseg-model DIR)")
        if not Path(args.pkuseg_model).is_dir():
            parser.error(f"--pkuseg-model {args.pkuseg_model}: no such folder")
    needs = {"jieba": ("jieba", "jieba"), "pkuseg": ("spacy_pkuseg", "pkuseg")}.get(args.segmenter)
    if needs and importlib.util.find_spec(needs[0]) is None:
        parser.error(f"--segmenter {args.segmenter} needs {needs[0]}: pip install 'oldcomm-ie[{needs[1]}]'")
    if args.engine == "ray" and importlib.util.find_spec("ray") is None:
        parser.error("--engine ray needs ray: pip install 'oldcomm-ie[ray]'")


def _pool(args):
    from .runner import InlinePool, LocalPool

    init = (args.segmenter, args.pkuseg_model, args.max_chars)
    if args.engine == "ray":
        from .distributed import RayPool

        return RayPool(init, address=args.address, n=args.n_process if args.n_process > 1 else None)
    return LocalPool(args.n_process, init) if args.n_process > 1 else InlinePool(init)


def cmd_extract(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> int:
    from .runner import Run, RunStopped, drive, sources

    parser = parser or build_parser()
    _check_segmenter(args, parser)
    skipped = Walk()  # what every path argument left out, for the summary

    def walked(paths: list[str]):
        w = walk(paths, follow_links=args.follow_links)
        skipped.skipped.update(w.skipped)
        return w.files

    files = sources(args.paths, walked)  # before the output exists, so it is never an input
    store = _open_output(args, parser)
    errors = Path(args.errors) if args.errors else (None if args.output == "-" else Path(args.output + ".errors.jsonl"))
    if errors is not None:
        errors.parent.mkdir(parents=True, exist_ok=True)
    try:
        pool = _pool(args)
    except (ValueError, ImportError, OSError) as exc:  # e.g. a broken model folder
        store.close()
        print(f"oldcomm-ie: cannot load the pipeline: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    progress = _progress(len(files), args.quiet)
    run = Run(store, errors, args.max_chars, read_document, progress)
    started = time.perf_counter()
    status = None
    try:
        drive(run, pool, run.items(files), args.batch_size)
    except RunStopped as exc:
        status = _stop(progress, str(exc))
    except (sqlite3.Error, OSError) as exc:  # a full disk, a vanished output folder: loud, store intact
        status = _stop(progress, f"cannot write {args.output}: {exc}. Every document finished so far is "
                                 "stored; free the space and run again to resume.")
    except KeyboardInterrupt:
        status = _stop(progress, "interrupted; every document finished so far is stored, run again to resume",
                       EXIT_INTERRUPTED)
    finally:
        pool.close()
        progress.close()
        run.close()
        store.close()
    c = run.counts
    seconds = time.perf_counter() - started
    print(f"{c['documents']} documents, {c['failed']} failed, {c['skipped']} already done, "
          f"{c['quantities']} quantities, {c['entities']} entities, {c['projects']} projects, "
          f"{c['chars'] / seconds if seconds else 0:,.0f} chars/s"
          + (f", {c['low_confidence']} low-confidence decodes" if c["low_confidence"] else ""), file=sys.stderr)
    if skipped.skipped:
        print(f"skipped: {skipped.summary()}", file=sys.stderr)
    if status is not None:
        return status
    if not c["failed"]:
        return EXIT_OK
    return EXIT_PARTIAL if c["documents"] or c["skipped"] else EXIT_STOPPED


def _stop(progress, message: str, status: int = EXIT_STOPPED) -> int:
    progress.write(f"oldcomm-ie: {message}", file=sys.stderr)
    return status


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=quiet or None, file=sys.stderr, dynamic_ncols=True)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .pkuseg_model import cmd_pkuseg_model

    ap = argparse.ArgumentParser(prog="oldcomm-ie", description=(
        "Extract amounts, organizations, places and renovation projects from Chinese "
        "news and government reports (old residential community renovation, urban renewal)."),
        epilog="exit status: 0 every file read, 1 run stopped or nothing read, 2 usage error, "
               "3 some files failed (retried on the next run), 130 interrupted")
    ap.add_argument("--version", action="version", version=f"oldcomm-ie {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract files or folders into SQLite, JSON lines, CSV, Parquet or Excel")
    ex.add_argument("paths", nargs="+", help="files or folders (searched recursively for .txt, .md, .html, "
                                             ".htm, .pdf, .docx in any case)")
    ex.add_argument("--follow-links", action="store_true",
                    help="follow links that lead out of the folders named (default: only inside them)")
    ex.add_argument("-o", "--output", default="-",
                    help="results.sqlite (default kind: a queryable store, resumable), .jsonl, .csv, .parquet "
                         "or .xlsx (one row per project), or - for JSON lines on stdout; its folder is created")
    ex.add_argument("--errors", default=None,
                    help="per-file error log, appended to (JSON lines; default OUTPUT.errors.jsonl)")
    ex.add_argument("--n-process", type=_positive, default=1,
                    help="worker processes (or Ray actors), each with its own pipeline")
    ex.add_argument("--batch-size", type=_positive, default=16, help="documents per batch")
    ex.add_argument("--max-chars", type=_positive, default=DEFAULT_MAX_CHARS, help="longest document accepted")
    ex.add_argument("--engine", choices=("local", "ray"), default="local",
                    help="local processes, or a Ray cluster (pip install 'oldcomm-ie[ray]')")
    ex.add_argument("--address", default=None, help="Ray cluster address (default: start a local one)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"))
    ex.add_argument("--pkuseg-model", default=None, help="local pkuseg model folder")
    ex.set_defaults(func=cmd_extract)
    pk = sub.add_parser("pkuseg-model", help="unpack pkuseg's pretrained model from its PyPI sdist (hash-pinned)")
    pk.add_argument("dest", help="folder to write features.pkl and weights.npz to")
    pk.add_argument("--sdist", help="a pkuseg-0.0.25.tar.gz already downloaded (skips pip; its hash is checked)")
    pk.set_defaults(func=cmd_pkuseg_model)
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is cmd_extract:
        return cmd_extract(args, parser)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
