"""Running a task in a thread of the server within the service's time limit (for a remote store,
whose server bounds its own queries; local queries run in stoppable worker processes)."""

from __future__ import annotations

import asyncio

from fastapi.concurrency import run_in_threadpool

from kg_builder.serve.sparql_service import Limits, time_limit_error


async def within_time_limit(limits: Limits, func, /, *args, **kwargs):
    """``func(*args, **kwargs)`` in a worker thread; past the time limit a 503."""
    try:
        return await asyncio.wait_for(run_in_threadpool(func, *args, **kwargs), timeout=limits.seconds)
    except TimeoutError:
        raise time_limit_error(limits) from None
