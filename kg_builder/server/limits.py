"""Running a query in a worker thread within the service's time limit."""

from __future__ import annotations

import asyncio
import threading

from fastapi.concurrency import run_in_threadpool

from kg_builder.sparql_service import Limits, time_limit_error


async def within_time_limit(limits: Limits, func, /, *args, grace: float = 0.0, **kwargs):
    """``func(*args, **kwargs)`` in a worker thread; past the time limit (plus ``grace``) a 503, and the
    ``cancel`` event passed to ``func`` (if any) is set so that it stops."""
    cancel: threading.Event | None = kwargs.get("cancel")
    try:
        return await asyncio.wait_for(run_in_threadpool(func, *args, **kwargs), timeout=limits.seconds + grace)
    except TimeoutError:
        if cancel is not None:
            cancel.set()
        raise time_limit_error(limits) from None
