"""Helpers of the query-count tests: the same page must run the same SQL for few and many rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url, data=None, expect=None):
    """The SQL statements of one GET (the page must be a 200 and show ``expect``)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200
    if expect is not None:
        assert expect in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


def assert_same_count(few, many):
    assert len(few) == len(many), "\n\n".join(many)
