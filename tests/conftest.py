"""Shared by every test file: no test may reach the network."""
from __future__ import annotations

import socket

import pytest

_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every IP connection fails; local Unix sockets (multiprocessing) still work."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(sock: socket.socket) -> None:
        if sock.family in _NETWORK_FAMILIES:
            raise OSError(f"tests must not use the network (tried to connect a {sock.family.name} socket)")

    def connect(self: socket.socket, address: object) -> None:
        guard(self)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(self)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
