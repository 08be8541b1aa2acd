"""Command line: oldcomm-ie extract PATH... -o OUT.jsonl"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ENCODINGS = ("utf-8-sig", "gb18030", "big5")


class DecodeError(ValueError):
    pass


def read_text(path: Path) -> tuple[str, str]:
    """(text, encoding): UTF-8 first, then the Chinese legacy encodings GB18030 and Big5."""
    data = path.read_bytes()
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise DecodeError(f"{path}: not UTF-8, GB18030 or Big5 text")


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Files named, and the .txt files under folders named, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*.txt") if q.is_file())
        else:
            yield p


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import load

    nlp = load(segmenter=args.segmenter, pkuseg_model=args.pkuseg_model)
    out = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout
    docs = failures = chars = 0
    counts = {"quantities": 0, "entities": 0, "projects": 0}
    started = time.perf_counter()
    from .records import from_doc

    try:
        for path in iter_files(args.paths):
            try:
                text, _ = read_text(path)
                if len(text) > nlp.max_length:
                    raise ValueError(f"{len(text):,} characters, over the limit of {nlp.max_length:,}")
                result = from_doc(nlp(text), path.name)
            except (OSError, ValueError) as exc:
                failures += 1
                print(f"oldcomm-ie: {path}: {exc}", file=sys.stderr)
                continue
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            docs += 1
            chars += len(text)
            for key in counts:
                counts[key] += len(getattr(result, key))
    finally:
        if out is not sys.stdout:
            out.close()
    seconds = time.perf_counter() - started
    rate = chars / seconds if seconds else 0.0
    print(f"{docs} documents, {failures} failed, {counts['quantities']} quantities, "
          f"{counts['entities']} entities, {counts['projects']} projects, {rate:,.0f} chars/s",
          file=sys.stderr)
    return 1 if failures and not docs else 0


PKUSEG_SDIST = "pkuseg==0.0.25"
PKUSEG_MODEL_FILES = ("features.pkl", "weights.npz")


def unpack_pkuseg_model(sdist: Path, dest: Path) -> Path:
    """Copy pkuseg/models/default/{features.pkl,weights.npz} out of the pkuseg sdist."""
    import tarfile

    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers()
                   if m.isfile() and "/pkuseg/models/default/" in "/" + m.name}
        missing = [f for f in PKUSEG_MODEL_FILES if f not in members]
        if missing:
            raise ValueError(f"{sdist}: no pkuseg/models/default/{', '.join(missing)} inside")
        for name in PKUSEG_MODEL_FILES:
            with tar.extractfile(members[name]) as src, open(dest / name, "wb") as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    return dest


def cmd_pkuseg_model(args: argparse.Namespace) -> int:
    """Fetch pkuseg's pretrained "mixed" model from its sdist on PyPI (pip, no hub)."""
    import subprocess
    import tempfile

    dest = Path(args.dest)
    with tempfile.TemporaryDirectory() as tmp:
        if args.sdist:
            sdist = Path(args.sdist)
        else:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation",
                   PKUSEG_SDIST, "-d", tmp]
            run = subprocess.run(cmd, capture_output=True, text=True)
            found = sorted(Path(tmp).glob("pkuseg-*.tar.gz"))
            if not found:
                print(f"oldcomm-ie: pip download failed (is 'wheel' installed?):\n{run.stderr[-800:]}",
                      file=sys.stderr)
                return 1
            sdist = found[0]
        unpack_pkuseg_model(sdist, dest)
    print(f"pkuseg model in {dest}; use oldcomm_ie.load('pkuseg', pkuseg_model='{dest}')")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="oldcomm-ie", description=(
        "Extract amounts, organizations, places and renovation projects from Chinese "
        "news and government reports (old residential community renovation, urban renewal)."))
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract files or folders of .txt into JSON lines")
    ex.add_argument("paths", nargs="+", help=".txt files or folders (searched recursively)")
    ex.add_argument("-o", "--output", default="-", help="output JSONL file (default: stdout)")
    ex.add_argument("--segmenter", default="char", choices=("char", "jieba", "pkuseg"))
    ex.add_argument("--pkuseg-model", default=None, help="local pkuseg model folder")
    ex.set_defaults(func=cmd_extract)
    pk = sub.add_parser("pkuseg-model", help="unpack pkuseg's pretrained model from its PyPI sdist")
    pk.add_argument("dest", help="folder to write features.pkl and weights.npz to")
    pk.add_argument("--sdist", help="a pkuseg-0.0.25.tar.gz already downloaded (skips pip)")
    pk.set_defaults(func=cmd_pkuseg_model)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
