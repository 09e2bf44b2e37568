"""Every request gets an id, every log line names it, and each request leaves one access line.

Behind nginx the id is the proxy's own (`proxy_set_header X-Request-ID $request_id`), so the
proxy's log, Paddock's lines and the `X-Request-ID` answered to the client all share it; a
request that arrives without one (or with something that does not look
like an id) gets a fresh one. With `LOG_FORMAT=json` the lines are JSON objects, one a line,
which is what log collectors read without a parsing rule of their own.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.utils.encoding import escape_uri_path

HEADER = "X-Request-ID"
# What a proxy's id looks like (nginx gives 32 hex digits, others UUIDs). Anything else a
# client sends is replaced rather than written to the logs as it is.
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
NO_REQUEST = "-"

current_request_id: ContextVar[str] = ContextVar("current_request_id", default=NO_REQUEST)
access_log = logging.getLogger("paddock.requests")


class RequestIdMiddleware:
    """First of the middleware, so that everything after it, errors included, logs the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request.request_id = given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            # Percent-encoded again, so a path holding a line break cannot forge a log line.
            path = escape_uri_path(request.path)
            access_log.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every log record the id of the request it was written for ("-" outside one)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
