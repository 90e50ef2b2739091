"""Nothing reaches the network at run time: a build (spaCy model load included) and the SHACL check of its
output succeed in this process with every way out to the network made to fail: connecting or sending
from a socket, and resolving a name. (Local sockets stay allowed: urllib3, imported by spaCy's
dependencies, probes for IPv6 support by binding a socket to ::1 when it is imported.)"""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

import kg
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


class NetworkBlocked(OSError):
    pass


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to connect, send or resolve a name, refused and recorded."""
    tried: list[str] = []

    def refuse(what: str):
        def refused(*args, **kwargs):
            tried.append(f"{what}{args!r}")
            raise NetworkBlocked(f"network blocked in this test: {what}")

        return refused

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return tried


def test_the_guard_refuses_sockets(attempts: list[str]) -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(NetworkBlocked):
        sock.sendto(b"x", ("192.0.2.1", 53))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkBlocked):
        sock.connect(("192.0.2.1", 80))
    assert len(attempts) == 3


def test_build_and_validate_with_the_network_blocked(attempts: list[str], tmp_path: Path) -> None:
    # batch_size=3 makes these Settings new to the pipeline cache: the spaCy model is loaded under the guard
    settings = Settings(workers=1, batch_size=3)
    report = kg.build_to(tmp_path / "out", [ROOT / "seeds" / "004_f49d51d9539526dd.txt"], settings)
    assert report.documents == 1 and report.problems == []
    assert kg.validate(tmp_path / "out", settings) == []
    assert attempts == []
