"""Real servers for what the app sends, started by the tests: an SMTP server (aiosmtpd) and an HTTP SMS gateway
(the shape delivery.HttpSmsSender posts), each keeping what it received."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(find, what: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found is not None:
            return found
        time.sleep(0.05)
    raise AssertionError(f"rien reçu : {what}")


class SmtpInbox:
    """aiosmtpd on a free port of the loopback address."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted for delivery"

    def __enter__(self) -> SmtpInbox:
        self.controller.start()
        self.port = self.controller.port
        return self

    def __exit__(self, *_exc) -> None:
        self.controller.stop()


class SmsGateway:
    """An HTTP server taking POST {"to", "text"} with a bearer token, as an SMS provider's API would."""

    def __init__(self, token: str = "jeton-de-la-passerelle-sms"):
        self.token, self.received = token, []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's hook name)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    self.send_response(401)
                else:
                    gateway.received.append(json.loads(body))
                    self.send_response(202)
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms"

    def __enter__(self) -> SmsGateway:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def six_digits(text: str) -> str | None:
    found = re.search(r"\b(\d{6})\b", text)
    return found.group(1) if found else None
