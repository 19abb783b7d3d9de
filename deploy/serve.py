"""Klassekit with its own security headers: `streamlit run deploy/serve.py` (the Dockerfile starts it so).

Streamlit sets no security headers of its own, and a kommune may run one instance without the nginx proxy in front
(deploy/nginx/nginx.conf). Since Streamlit 1.5x a script may hand `streamlit run` an ASGI app (st.App) with
middleware of its own: this one adds the headers that do not break Streamlit to every HTTP answer (pages, static
files, downloads, the health check). The full Content-Security-Policy with script-src stays with the proxy, where the
browser test (tests/e2e/test_proxy.py) checks it: a script policy the app sent itself could stop Streamlit's own
scripts after an update without anybody noticing. The websocket is not HTTP and is left alone.

The same server also closes what sessions that have gone leave open (see close_disconnected_sessions).
"""

from __future__ import annotations

import asyncio
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware

ROOT = Path(__file__).resolve().parent.parent

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Nobody may put Klassekit in a frame (clickjacking); old browsers read X-Frame-Options instead.
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
"""The same values as the proxy's, so a page looks the same to a browser with and without it."""


class SecurityHeaders:
    """Pure ASGI middleware: streamed answers (downloads) are passed on as they come, not buffered."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers.append(name, value)
            await send(message)

        return await self.app(scope, receive, send_with_headers)


@asynccontextmanager
async def lifespan(_app):
    """At start, clear the temp folder of a killed server's downloads; while the server runs, close the handles of
    sessions that have gone (planner/ui/support.py)."""
    sys.path.insert(0, str(ROOT))
    from planner.ui.support import close_disconnected_sessions, sweep_spools

    sweep_spools()  # what a killed server left in the temp folder, before anyone is served
    task = asyncio.create_task(close_disconnected_sessions())
    try:
        yield None
    finally:
        task.cancel()


# Relative to this file when started with `streamlit run deploy/serve.py`.
app = st.App("../planner/app.py", middleware=[Middleware(SecurityHeaders)], lifespan=lifespan)
