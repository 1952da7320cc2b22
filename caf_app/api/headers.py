"""Security headers on every HTTP response of the app (pages, bundles, server routes), for when it serves
alone; a reverse proxy in front may set the same ones.

The Content Security Policy keeps everything on the app's own origin. Scripts need 'unsafe-inline' (the
prerendered pages carry React Router's inline hydration data) and 'unsafe-eval' (Reflex runs the scripts a
server event returns through eval); nothing is loaded from elsewhere, nothing may frame the app."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def _https(scope: Scope) -> bool:
    if scope.get("scheme") == "https":
        return True
    return any(name == b"x-forwarded-proto" and value == b"https" for name, value in scope.get("headers", []))


def security_headers(app: ASGIApp) -> ASGIApp:
    """An ASGI middleware (a Reflex api_transformer) adding the headers a response does not set itself."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        https = _https(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if https:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware
