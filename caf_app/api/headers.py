"""Security headers on every HTTP response of the app (pages, bundles, server routes), for when it serves
alone; a reverse proxy in front may set the same ones.

The Content Security Policy keeps everything on the app's own origin. Scripts need 'unsafe-inline' (the
prerendered pages carry React Router's inline hydration data) and 'unsafe-eval' (Reflex runs the scripts a
server event returns through eval); nothing is loaded from elsewhere, nothing may frame the app."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import get_settings

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
    # camera: documents by photo; geolocation: Ma Caf's « Me localiser » (this site only, never a frame).
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(self), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


def served_over_https(scope: Scope) -> bool:
    """The one answer to "did the browser use https?": the request's own scheme, the X-Forwarded-Proto of the
    reverse proxy (the recipe's nginx passes on only the https its TLS terminator sets, README), or a public
    address in https (CAF_PUBLIC_URL). HSTS, Secure cookies and the __Host- names all follow it."""
    if scope.get("scheme") == "https":
        return True
    if any(name == b"x-forwarded-proto" and value == b"https" for name, value in scope.get("headers", [])):
        return True
    return get_settings().public_url.startswith("https://")


def security_headers(app: ASGIApp) -> ASGIApp:
    """An ASGI middleware (a Reflex api_transformer) adding the headers a response does not set itself."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        https = served_over_https(scope)

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
