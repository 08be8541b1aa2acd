"""Hostile runs: a run killed mid-way resumes to the very store of a clean run; a worker
killed as the OOM killer would does not hang the run; the Ray engine keeps the same
guarantees."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store import corpus, dump, query

from oldcomm_ie.cli import main


def stored(db: Path) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM documents")[0][0]
    except sqlite3.OperationalError:  # not created yet, or locked for a moment
        return 0


def wait_for(condition, proc, limit=120):
    """Poll until condition() holds; fail if the process ended first (nothing left to kill)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        assert proc.poll() is None, "the run ended before the test could interrupt it"
        time.sleep(0.02)
    pytest.fail("the condition never held")


def test_killed_run_resumes_to_the_same_database(tmp_path):
    n = 120
    folder = corpus(tmp_path, n, repeat=30)
    whole, resumed = tmp_path / "whole.sqlite", tmp_path / "resumed.sqlite"
    assert main(["extract", str(folder), "-o", str(whole), "--quiet"]) == 0
    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(resumed), "--quiet",
           "--batch-size", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    wait_for(lambda: stored(resumed) >= 3, proc)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    partial = stored(resumed)
    assert 3 <= partial < n  # the kill demonstrably happened mid-run
    assert query(resumed, "PRAGMA integrity_check") == [("ok",)]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    assert dump(resumed) == dump(whole)


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the processes whose parent is pid (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append((int(entry.name), cmdline))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_a_killed_worker_does_not_hang_the_run(tmp_path):
    n = 60
    folder = corpus(tmp_path, n, repeat=30)
    db = tmp_path / "r.sqlite"
    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(db), "--quiet",
           "--n-process", "2", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    wait_for(lambda: stored(db) >= 2, proc)
    workers = [pid for pid, line in children(proc.pid) if "spawn_main" in line]
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)  # a hang fails here instead of waiting forever
    err = err.decode()
    assert "a worker died" in err
    assert proc.returncode in (0, 3), err
    ok = query(db, "SELECT COUNT(*) FROM documents WHERE status = 'ok'")[0][0]
    failed = query(db, "SELECT error FROM documents WHERE status = 'failed'")
    assert ok + len(failed) == n and ok > n // 2
    assert all("worker process died" in e for (e,) in failed)


@pytest.mark.slow
def test_ray_engine_equals_one_process(tmp_path, capsys):
    pytest.importorskip("ray")
    folder = corpus(tmp_path, 6)
    (folder / "big.txt").write_text("改造" * 200, encoding="utf-8")
    local, ray_db = tmp_path / "local.sqlite", tmp_path / "ray.sqlite"
    args = ["--quiet", "--max-chars", "300", "--batch-size", "2"]
    assert main(["extract", str(folder), "-o", str(local), *args]) == 3
    assert main(["extract", str(folder), "-o", str(ray_db), "--engine", "ray", "--n-process", "2", *args]) == 3
    assert "over the limit of 300" in capsys.readouterr().err
    assert dump(ray_db) == dump(local)
    assert query(ray_db, "SELECT doc_id FROM failures") == [("big.txt",)]
    assert main(["extract", str(folder), "-o", str(ray_db), "--engine", "ray", "--quiet"]) == 0  # resumed
    assert "6 already done" in capsys.readouterr().err


class FlakyPool:
    """An in-process pool whose worker 'dies' while the batches holding given texts run."""

    window = 3

    def __init__(self, nlp, deadly: set[str], deaths_per_text: int):  # deadly: every text given
        from oldcomm_ie.runner import extract_batch

        self.extract = extract_batch
        self.nlp, self.deadly, self.left = nlp, deadly, {t: deaths_per_text for t in deadly}
        self.restarts = 0

    def submit(self, work):
        return work

    def result(self, work):
        from oldcomm_ie.runner import WorkerDied

        for text, _ in work:
            if self.left.get(text, 0) > 0:
                self.left[text] -= 1
                raise WorkerDied("killed")
        return self.extract(self.nlp, work)

    def restart(self):
        self.restarts += 1

    def close(self):
        pass


def flaky_run(tmp_path, nlp, deadly_index: int, deaths: int):
    from tqdm import tqdm

    from oldcomm_ie.readers import iter_files, read_document
    from oldcomm_ie.runner import Run, drive, sources
    from oldcomm_ie.store import SQLiteStore

    folder = corpus(tmp_path, 12)
    files = sources([str(folder)], iter_files)
    texts = [f.read_text(encoding="utf-8") for f, _ in files]
    deadly = set(texts) if deadly_index is None else {texts[deadly_index]}
    db = tmp_path / "r.sqlite"
    store = SQLiteStore(db)
    progress = tqdm(disable=True)
    run = Run(store, None, 10_000, read_document, progress)
    pool = FlakyPool(nlp, deadly, deaths)
    try:
        drive(run, pool, run.items(files), batch_size=2)
    finally:
        store.close()
    return db, pool, run


def test_a_batch_whose_worker_dies_once_is_retried(tmp_path, nlp):
    db, pool, run = flaky_run(tmp_path, nlp, 5, deaths=1)
    assert pool.restarts == 1
    assert query(db, "SELECT COUNT(*) FROM documents WHERE status = 'ok'") == [(12,)]


@pytest.mark.parametrize("deaths", [3, 10 ** 6])
def test_only_the_document_that_kills_its_worker_fails_and_the_run_goes_on(tmp_path, nlp, deaths):
    from oldcomm_ie.runner import DIED

    db, pool, run = flaky_run(tmp_path, nlp, 5, deaths=deaths)
    assert pool.restarts == 3  # in flight, its batch alone, itself alone
    assert query(db, "SELECT doc_id, error FROM documents WHERE status = 'failed'") == [("005 文章.txt", DIED)]
    assert query(db, "SELECT COUNT(*) FROM documents WHERE status = 'ok'") == [(11,)]
    assert run.counts["failed"] == 1


def test_workers_that_keep_dying_stop_the_run_with_a_message(tmp_path, nlp):
    from oldcomm_ie.runner import RunStopped

    with pytest.raises(RunStopped, match="died 4 times in a row"):
        flaky_run(tmp_path, nlp, None, deaths=10 ** 6)
