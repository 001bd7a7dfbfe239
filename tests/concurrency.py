"""Helpers for the concurrency tests (PostgreSQL only: SQLite serialises all writers anyway).

Each thread gets its own database connection; a barrier lets them go at the same moment.
"""

import threading

import pytest
from django.db import connection, connections

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL"),
]


def run_together(functions):
    """Run the functions in parallel threads, started at once; returns (results, exceptions)."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # collected and asserted on by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
