"""Starting and stopping the servers the cluster tests need, each in a process group of its own,
on free loopback ports; every process started is stopped, whatever the test does."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.remote.serve import ServerError, oxigraph_command

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
KG = [sys.executable, "-m", "kg"]
try:
    OXIGRAPH = oxigraph_command()
except ServerError:  # the tests that need it are skipped
    OXIGRAPH = "oxigraph"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], log: Path | None = None, **kwargs: object) -> subprocess.Popen:
    """A process in its own session (so that stop() reaches its children too)."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the child keeps it)
    return subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=kwargs.pop("stdout", out),
                            stderr=kwargs.pop("stderr", subprocess.STDOUT), start_new_session=True, **kwargs)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop `process` and its process group; SIGKILL what is left after 10 s."""
    for signum, wait in ((sig, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # children may outlive the leader: the group goes too
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def wait_for(condition: Callable[[], object], timeout: float, what: str, step: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError(f"{what}: not after {timeout} s")


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout, check=False)


def copy_corpus(seeds: Path, target: Path, copies: int) -> Path:
    """The seeds `copies` times over, each copy with its own first line (so it stays its own document)."""
    target.mkdir(parents=True, exist_ok=True)
    for number in range(1, copies + 1):
        for source in sorted(seeds.glob("*.txt")):
            text = source.read_text(encoding="utf-8")
            (target / f"{source.stem}-copy{number:02d}.txt").write_text(f"Copy {number} of the sample corpus.\n{text}",
                                                                       encoding="utf-8")
    return target
