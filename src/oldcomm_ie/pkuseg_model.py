"""pkuseg's pretrained "mixed" model, taken out of its PyPI sdist and checked by hash.

Why the sdist: the model ships inside `pkuseg==0.0.25` (pkuseg/models/default), and PyPI
is reachable where a model hub is not.  The tarball is pinned by its SHA-256 twice: pip
refuses another file (`--require-hashes`), and we check the hash again before opening it,
so a file given with `--sdist` is checked too.  Nothing in it is unpickled or run here:
only `features.pkl` and `weights.npz` (what spacy_pkuseg loads from a model folder) are
copied out, by name, as bytes.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PKUSEG_SDIST = "pkuseg==0.0.25"
PKUSEG_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
PKUSEG_MODEL_FILES = ("features.pkl", "weights.npz")


class HashMismatch(ValueError):
    """The sdist is not the pinned file."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def unpack_pkuseg_model(sdist: Path, dest: Path, sha256: str = PKUSEG_SHA256) -> Path:
    """Copy pkuseg/models/default/{features.pkl,weights.npz} out of the sdist whose hash
    is `sha256`; HashMismatch (and nothing written) for any other file."""
    found = sha256_file(sdist)
    if found != sha256:
        raise HashMismatch(f"{sdist}: sha256 {found}, not the pinned {sha256} of {PKUSEG_SDIST}; refusing it")
    with tarfile.open(sdist) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers()
                   if m.isfile() and "/pkuseg/models/default/" in "/" + m.name}
        missing = [f for f in PKUSEG_MODEL_FILES if f not in members]
        if missing:
            raise ValueError(f"{sdist}: no pkuseg/models/default/{', '.join(missing)} inside")
        dest.mkdir(parents=True, exist_ok=True)
        for name in PKUSEG_MODEL_FILES:
            with tar.extractfile(members[name]) as src, open(dest / name, "wb") as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    return dest


def download_sdist(folder: Path) -> Path:
    """pip download of the pinned sdist; pip itself refuses a file with another hash."""
    req = folder / "requirements.txt"
    req.write_text(f"{PKUSEG_SDIST} --hash=sha256:{PKUSEG_SHA256}\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
           "--require-hashes", "-r", str(req), "-d", str(folder)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    found = sorted(folder.glob("pkuseg-*.tar.gz"))
    if not found:
        raise RuntimeError(f"pip download failed (is 'wheel' installed?):\n{run.stderr[-800:]}")
    return found[0]


def cmd_pkuseg_model(args) -> int:
    """`oldcomm-ie pkuseg-model DEST [--sdist FILE]`."""
    dest = Path(args.dest)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sdist = Path(args.sdist) if args.sdist else download_sdist(Path(tmp))
            unpack_pkuseg_model(sdist, dest)
    except (OSError, ValueError, RuntimeError, tarfile.TarError) as exc:
        print(f"oldcomm-ie: {exc}", file=sys.stderr)
        return 1
    print(f"pkuseg model in {dest}; use oldcomm_ie.load('pkuseg', pkuseg_model='{dest}')")
    return 0
