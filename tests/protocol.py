"""A tab of the app spoken to over its real websocket protocol (Socket.IO on /_event), for the tests that must
send what a browser would not: another Origin, an event the page never offers."""

from __future__ import annotations

import json
import time
import uuid

from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

ROOT = "reflex___state____state"
STATE = ROOT + ".caf_app___state___"
HYDRATE = ROOT + ".hydrate_and_load"
OUTBOX_LOAD = STATE + "outbox____outbox_state.load"


def _url(base: str) -> str:
    return base.replace("http", "ws", 1) + f"/_event/?token={uuid.uuid4()}&EIO=4&transport=websocket"


def handshake_status(base: str, origin: str) -> int:
    """101 when the websocket opens for a page of `origin`, else the HTTP status of the refusal."""
    try:
        with connect(_url(base), additional_headers={"Origin": origin}, open_timeout=10):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def router(path: str) -> dict:
    return {"pathname": path, "asPath": path}


def event_deltas(base: str, origin: str, name: str, *, path: str = "/", cookie: str = "",
                 wait: float = 3.0) -> list[dict]:
    """Open a tab on `path`, send the event `name`, and return every state delta received within `wait` s."""
    deltas = []
    headers = {"Origin": origin, **({"Cookie": cookie} if cookie else {})}
    with connect(_url(base), additional_headers=headers, open_timeout=10) as socket:
        if not socket.recv(timeout=10).startswith("0"):
            raise AssertionError("pas de poignée de main Engine.IO")
        boot = {"event": {"name": HYDRATE, "payload": {}, "router_data": router(path)}}
        socket.send("40/_event," + json.dumps(boot))
        socket.send("42/_event," + json.dumps(["event", {"name": name, "payload": {}, "router_data": router(path)}]))
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            try:
                frame = socket.recv(timeout=left)
            except TimeoutError:
                break
            if frame == "2":
                socket.send("3")
            elif frame.startswith("42/_event,"):
                kind, body = json.loads(frame[len("42/_event,"):])
                if kind == "event":
                    deltas.append(body.get("delta", {}))
    return deltas
