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
