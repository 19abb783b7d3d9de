"""A browserless Streamlit client for load tests: speaks the app's own websocket protocol, like the frontend does.

It does what the real frontend does when it opens the app, as far as the server can tell:

1. ``GET /_stcore/health`` (the frontend's connection ping), which sets the ``_streamlit_xsrf`` cookie, and
   ``GET /_stcore/host-config``.
2. Opens the websocket ``/_stcore/stream`` with the Origin of the app, the cookie, and the subprotocol list
   ``["streamlit", <xsrf cookie value>]`` (the frontend sends ``["streamlit", authToken ?? xsrfCookie ??
   "PLACEHOLDER_AUTH_TOKEN", lastSessionId?]``; the server selects the first and reads the second as XSRF token).
3. Sends ``BackMsg.rerun_script`` with a ``ClientState`` (query string, page name, widget states, context info) and
   reads ``ForwardMsg`` until ``script_finished``.
4. Asks for a deferred download (``BackMsg.backend_operation_request.deferred_file``), waits for the matching
   ``backend_operation_response`` with the media URL, and fetches it over HTTP.

Only the Python standard library, protobuf classes that ship with Streamlit and ``websockets`` (a dependency of
Streamlit itself) are used, so the load generator costs a fraction of what a headless browser does.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Self
from urllib.parse import urljoin, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
STREAM_PATH = "/_stcore/stream"
_request_ids = itertools.count(1)


class ProtocolError(RuntimeError):
    """The server answered, but not as a working app would."""


async def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 300) -> tuple[int, dict, bytes]:
    """A minimal HTTP/1.1 GET over asyncio streams (plain http only): status, headers (lower-case, last wins; all
    Set-Cookie values joined by newline), body. No thread pool, so many of these can run at once cheaply."""

    async def go() -> tuple[int, dict, bytes]:
        parts = urlsplit(url)
        if parts.scheme != "http":
            raise ValueError(f"only http:// is supported: {url}")
        host, port = parts.hostname, parts.port or 80
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        reader, writer = await asyncio.open_connection(host, port)
        try:
            head = {"Host": parts.netloc, "User-Agent": "klassekit-load/1", "Accept": "*/*", "Connection": "close",
                    **(headers or {})}
            writer.write((f"GET {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n")
                         .encode("latin-1"))
            await writer.drain()
            status_line = await reader.readline()
            status = int(status_line.split()[1])
            got: dict[str, str] = {}
            while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                name, value = name.strip().lower(), value.strip()
                got[name] = f"{got[name]}\n{value}" if name == "set-cookie" and name in got else value
            if got.get("transfer-encoding", "").lower() == "chunked":
                chunks = []
                while size := int((await reader.readline()).split(b";")[0], 16):
                    chunks.append(await reader.readexactly(size))
                    await reader.readline()
                body = b"".join(chunks)
            elif "content-length" in got:
                body = await reader.readexactly(int(got["content-length"]))
            else:
                body = await reader.read()
            return status, got, body
        finally:
            writer.close()

    return await asyncio.wait_for(go(), timeout)


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float
    elements: list[Element] = field(default_factory=list)
    status: str = ""
    exceptions: list[str] = field(default_factory=list)

    def find(self, kind: str, label: str) -> Element | None:
        """The first element of this kind (``"download_button"``, ``"button"``, ``"selectbox"`` ...) with a label."""
        for el in self.elements:
            if el.WhichOneof("type") == kind and getattr(el, kind).label == label:
                return el
        return None


class StreamlitSession:
    """One browser tab's worth of Streamlit session, without the browser. Use as ``async with``."""

    def __init__(self, base_url: str, timeout: float = 300) -> None:
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.session_id = ""
        self.cookies: dict[str, str] = {}
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._msgs: asyncio.Queue[ForwardMsg | BaseException] = asyncio.Queue()
        self._ops: dict[str, asyncio.Future] = {}

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def get(self, path_or_url: str) -> tuple[int, dict, bytes]:
        status, headers, body = await http_get(urljoin(self.base + "/", path_or_url), self._cookie_header(),
                                               self.timeout)
        for line in headers.get("set-cookie", "").splitlines():
            # The XSRF value ("2|mask|token|time") is sent unquoted, so take it verbatim.
            name, _, rest = line.partition("=")
            if name.strip():
                self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        return status, headers, body

    async def connect(self) -> None:
        status, _, _ = await self.get("/_stcore/health")
        if status != 200:
            raise ProtocolError(f"/_stcore/health answered {status}")
        await self.get("/_stcore/host-config")
        token = self.cookies.get(XSRF_COOKIE) or "PLACEHOLDER_AUTH_TOKEN"
        parts = urlsplit(self.base)
        self._ws = await connect(
            f"ws://{parts.netloc}{parts.path}{STREAM_PATH}", origin=f"{parts.scheme}://{parts.netloc}",
            subprotocols=["streamlit", token], additional_headers=self._cookie_header(), proxy=None,
            open_timeout=self.timeout, ping_interval=None, max_size=None, max_queue=None,
            user_agent_header="Mozilla/5.0 (klassekit-load; protocol client)")
        if self._ws.subprotocol != "streamlit":
            raise ProtocolError(f"server chose subprotocol {self._ws.subprotocol!r}")
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if kind == "backend_operation_response":
                    fut = self._ops.pop(msg.backend_operation_response.request_id, None)
                    if fut and not fut.done():
                        fut.set_result(msg.backend_operation_response)
                    continue
                if kind == "new_session" and msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
                self._msgs.put_nowait(msg)
            raise ProtocolError(f"websocket closed by server ({self._ws.close_code})")
        except BaseException as exc:  # hand every failure, cancellation too, to whoever waits
            self._msgs.put_nowait(exc)
            for fut in self._ops.values():
                if not fut.done():
                    fut.set_exception(exc if isinstance(exc, Exception) else ProtocolError(repr(exc)))
            if isinstance(exc, asyncio.CancelledError):
                raise

    async def send(self, msg: BackMsg) -> None:
        await self._ws.send(msg.SerializeToString())

    async def rerun(self, query_string: str = "", page_name: str = "", page_script_hash: str = "",
                    widgets: list[WidgetState] | None = None) -> RunResult:
        """Run the script as the frontend's rerunScript does, and collect the elements until it has finished."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query_string
        cs.page_name = page_name
        cs.page_script_hash = page_script_hash
        if widgets:
            cs.widget_states.widgets.extend(widgets)
        ctx = cs.context_info
        ctx.timezone, ctx.timezone_offset, ctx.locale = "Europe/Copenhagen", -60, "da-DK"
        ctx.url = f"{self.base}/{page_name}" + (f"?{query_string}" if query_string else "")
        ctx.is_embedded, ctx.color_scheme = False, "light"
        started = time.perf_counter()
        await self.send(msg)
        result = RunResult(0.0)

        async def collect() -> None:
            while True:
                item = await self._msgs.get()
                if isinstance(item, BaseException):
                    raise item
                kind = item.WhichOneof("type")
                if kind == "new_session":  # a (re)started run: what came before is gone
                    result.elements.clear()
                    result.exceptions.clear()
                elif kind == "delta" and item.delta.WhichOneof("type") == "new_element":
                    el = item.delta.new_element
                    result.elements.append(el)
                    if el.WhichOneof("type") == "exception":
                        result.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif kind == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(item.script_finished)
                    if status != "FINISHED_EARLY_FOR_RERUN":  # st.rerun(): another run follows
                        result.status = status
                        return

        await asyncio.wait_for(collect(), self.timeout)
        result.seconds = time.perf_counter() - started
        if result.status == "FINISHED_WITH_COMPILE_ERROR" or result.exceptions:
            raise ProtocolError(f"script failed: {result.status} {result.exceptions[:1]}")
        return result

    async def deferred_file(self, file_id: str) -> bytes:
        """Ask the server to build a deferred download (``st.download_button(data=callable)``) and fetch it."""
        url = await self.deferred_url(file_id)
        status, _, body = await self.get(url)
        if status != 200:
            raise ProtocolError(f"GET {url} answered {status}")
        return body

    async def deferred_url(self, file_id: str) -> str:
        """Ask the server to build a deferred download; the media URL the browser would fetch next."""
        request_id = f"load-{next(_request_ids)}"
        msg = BackMsg()
        msg.backend_operation_request.request_id = request_id
        msg.backend_operation_request.session_id = self.session_id
        msg.backend_operation_request.deferred_file.file_id = file_id
        fut = asyncio.get_running_loop().create_future()
        self._ops[request_id] = fut
        await self.send(msg)
        response = await asyncio.wait_for(fut, self.timeout)
        if response.error_msg or not response.deferred_file.url:
            raise ProtocolError(f"deferred file failed: {response.error_msg} {response.error_reason}".strip())
        return response.deferred_file.url

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    async def __aenter__(self) -> Self:
        try:
            await self.connect()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()


def trigger(element_id: str) -> WidgetState:
    """A button press, as the frontend reports it."""
    return WidgetState(id=element_id, trigger_value=True)


def choose(element_id: str, option: str) -> WidgetState:
    """A selectbox choice (Streamlit sends the option's label as string_value)."""
    return WidgetState(id=element_id, string_value=option)
