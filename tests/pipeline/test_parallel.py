"""The worker pool: results in order, and only a few chunks in flight however long the input."""

from __future__ import annotations

import os

from kg_builder.pipeline.parallel import Workers


def pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_parallel_results_come_in_order_from_the_worker_processes():
    with Workers(2, "https://example.org/") as pool:
        results = list(pool.map(pid_of, range(50), chunksize=3))
    assert [item for item, _ in results] == list(range(50))
    assert os.getpid() not in {pid for _, pid in results}


def test_parallel_reads_its_input_only_as_results_are_taken():
    taken = []

    def items():
        for i in range(1000):
            taken.append(i)
            yield i

    with Workers(2, "https://example.org/") as pool:
        results = pool.map(pid_of, items(), chunksize=4)
        first = [next(results) for _ in range(5)]
        assert [item for item, _ in first] == [0, 1, 2, 3, 4]
        assert len(taken) <= 4 * (2 * 2 + 2)  # the window of chunks, not the whole input
        assert len(list(results)) == 995


def test_parallel_one_worker_runs_in_this_process():
    with Workers(1, "https://example.org/") as pool:
        assert {pid for _, pid in pool.map(pid_of, range(5))} == {os.getpid()}
