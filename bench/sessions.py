"""Many leaders at once: websocket clients that speak Streamlit's protocol, no browser.

Each client does what a browser does for a session: GET / (HAProxy's stickiness cookie
comes with it), opens /_stcore/stream, asks for the first run of 总览, then changes the
sidebar's 村(社区) filter again and again (one village, then none, then the next one),
each time waiting for the run to finish. A rerun's time is from sending the widget
change to the server's script_finished message: what the browser waits before it can
draw. The browser's own drawing is not in it (the browser-felt table has that).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import os
import statistics
import time
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

VILLAGE_LABEL = "村(社区)"


class Session:
    """One websocket session of the dashboard."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.ws = None
        self.village_widget: str | None = None
        self.villages: list[str] = []

    async def open(self) -> None:
        import websockets

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        await asyncio.to_thread(lambda: opener.open(self.base + "/").read())
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        self.ws = await websockets.connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base,
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            ping_interval=None,
        )
        await self.rerun(None)

    async def rerun(self, villages: list[str] | None) -> float:
        """Send one run (the first, or with the village filter changed); seconds it took."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        if villages is not None and self.village_widget:
            widget = state.widget_states.widgets.add()
            widget.id = self.village_widget
            widget.string_array_value.data.extend(villages)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "multiselect":
                    ms = element.multiselect
                    if ms.label == VILLAGE_LABEL:
                        self.village_widget = ms.id
                        self.villages = list(ms.options)
            elif kind == "script_finished":
                # a run that was replaced (rerun requested) ends without finishing
                if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return time.perf_counter() - start
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the script did not compile")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def _cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def _leader(session: Session, index: int, reruns: int, times: list[float]) -> None:
    if session.village_widget is None or not session.villages:
        raise RuntimeError("no 村(社区) filter on 总览: is the database empty?")
    for n in range(reruns):
        village = session.villages[(index * 7 + n) % len(session.villages)]
        times.append(await session.rerun([village] if n % 2 == 0 else []))


def concurrent_reruns(base: str, sessions: int, reruns: int, pids: list[int]) -> dict:
    """`sessions` leaders at once, each changing the village `reruns` times.

    reruns/s is all reruns over the wall time from the first to the last; CPU is the
    servers' (pids) CPU seconds over that time, in % of one core; RSS their sum at the end.
    """
    times: list[float] = []

    async def run_all() -> tuple[float, float]:
        leaders = [Session(base) for _ in range(sessions)]
        for leader in leaders:  # open every session first, so that only reruns are timed
            await leader.open()
        try:
            cpu_before = _cpu_seconds(pids)
            start = time.perf_counter()
            await asyncio.gather(*(_leader(s, i, reruns, times) for i, s in enumerate(leaders)))
            return time.perf_counter() - start, _cpu_seconds(pids) - cpu_before
        finally:
            for leader in leaders:
                await leader.close()

    wall, cpu = asyncio.run(run_all())
    times.sort()
    return {
        "sessions": sessions,
        "reruns": len(times),
        "wall_s": wall,
        "reruns_per_s": len(times) / wall,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "cpu_pct": 100 * cpu / wall,
        "rss_mb": _rss_mb(pids),
    }
