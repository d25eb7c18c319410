"""The fabric over HTTP: POST /v1/calls and GET /v1/calls/{id}, with the standard library only."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

CALLS_PATH = "/v1/calls"
PIPELINES_PATH = "/v1/pipelines"
RESPONSE_MARGIN_S = 30
IDEMPOTENCY_KEY = "Idempotency-Key"
# How long submit() keeps sending a call again after a broken connection, a 503 or a 429 (as the Java SDK).
SUBMIT_RETRY_S = 30
FIRST_RETRY_PAUSE_S = 0.2
MAX_RETRY_PAUSE_S = 5
RETRYABLE = (0, 429, 503)


class FabricError(Exception):
    """The gateway refused the request (status, its JSON error body), or did not answer (status 0)."""

    def __init__(self, status, message, body=None, retry_after_s=None):
        super().__init__("%s: %s" % (status, message))
        self.status = status
        self.body = body
        self.retry_after_s = retry_after_s


class FabricClient:
    """Submit calls to a gateway and read them back. Any gateway answers for any call."""

    def __init__(self, gateway_url):
        self.gateway_url = gateway_url.rstrip("/")

    def submit(self, function, args=None, tables=None, requirements=None, wait_s=None, retry_s=SUBMIT_RETRY_S):
        """Returns the call as the gateway shows it: state ACCEPTED, or with wait_s the result once it ended.

        tables: {"name": {"format": "csv", "content": "a,b\\n1,2\\n"}}.

        Safe to retry, and retried: the call goes with an Idempotency-Key of its own, so when the gateway cannot be
        reached, the connection breaks or the answer is a 503 or 429, the same call is sent again (for up to
        retry_s seconds, the pause doubling, a Retry-After honoured) and the fabric runs it once.
        """
        body = {"function": function, "args": args or {}, "requirements": list(requirements or []),
                "tables": tables or {}}
        return self._post_once(CALLS_PATH, body, wait_s, retry_s)

    def _post_once(self, path, body, wait_s, retry_s):
        """POSTs body with an Idempotency-Key of its own, again under the same key while the answer is retryable."""
        if wait_s:
            body = dict(body, wait="%dms" % int(wait_s * 1000))
        headers = {"Content-Type": "application/json", IDEMPOTENCY_KEY: str(uuid.uuid4())}
        data = json.dumps(body).encode("utf-8")
        give_up_at = time.monotonic() + retry_s
        pause = FIRST_RETRY_PAUSE_S
        while True:
            request = urllib.request.Request(self.gateway_url + path, data=data, headers=headers, method="POST")
            try:
                return self._send(request, (wait_s or 0) + RESPONSE_MARGIN_S)
            except FabricError as e:
                wait = max(pause, e.retry_after_s or 0)
                if e.status not in RETRYABLE or time.monotonic() + wait > give_up_at:
                    raise
                time.sleep(wait)
                pause = min(pause * 2, MAX_RETRY_PAUSE_S)

    def get(self, call_id, wait_s=None):
        """The call's current state; with wait_s, held until it ends or the wait passes."""
        query = "?wait=%dms" % int(wait_s * 1000) if wait_s else ""
        url = "%s%s/%s%s" % (self.gateway_url, CALLS_PATH, urllib.parse.quote(call_id, safe=""), query)
        return self._send(urllib.request.Request(url, method="GET"), (wait_s or 0) + RESPONSE_MARGIN_S)

    def outputs(self, call_id):
        """The call's output tables by name (inline content, or a stored table's uri and sha256)."""
        return self.get(call_id).get("tables") or {}

    def submit_pipeline(self, steps, tables=None, on_failure=None, wait_s=None, retry_s=SUBMIT_RETRY_S, **fields):
        """Submits a pipeline (docs/pipelines.md) and returns it as the gateway shows it: state ACCEPTED with every
        step WAITING, or with wait_s the pipeline once it ended. steps: [{"name", "function", "args", "tables",
        "map", "after", "sameNode"}]; fields: name, priority, timeoutMs. Retried as submit is, under one
        Idempotency-Key: the fabric runs the pipeline once."""
        body = dict(fields, steps=list(steps), tables=tables or {})
        if on_failure:
            body["onFailure"] = on_failure
        return self._post_once(PIPELINES_PATH, body, wait_s, retry_s)

    def pipeline(self, pipeline_id, wait_s=None):
        """The pipeline and each of its steps as they stand; with wait_s, held until it ends or the wait passes."""
        return self._send(urllib.request.Request(self._pipeline_url(pipeline_id, wait_s), method="GET"),
                          (wait_s or 0) + RESPONSE_MARGIN_S)

    def cancel_pipeline(self, pipeline_id, wait_s=None):
        """Cancels every running step; a pipeline that already ended is a FabricError with status 409."""
        return self._send(urllib.request.Request(self._pipeline_url(pipeline_id, wait_s), method="DELETE"),
                          (wait_s or 0) + RESPONSE_MARGIN_S)

    def _pipeline_url(self, pipeline_id, wait_s):
        query = "?wait=%dms" % int(wait_s * 1000) if wait_s else ""
        return "%s%s/%s%s" % (self.gateway_url, PIPELINES_PATH, urllib.parse.quote(pipeline_id, safe=""), query)

    def _send(self, request, timeout_s):
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            try:
                body = json.loads(text)
            except ValueError:
                body = None
            raise FabricError(e.code, text, body, _seconds(e.headers.get("Retry-After"))) from e
        except urllib.error.URLError as e:
            raise FabricError(0, "no answer from %s: %s" % (self.gateway_url, e.reason)) from e
        except (ConnectionError, TimeoutError) as e:
            raise FabricError(0, "no answer from %s: %s" % (self.gateway_url, e)) from e


def _seconds(retry_after):
    """A Retry-After given in seconds, else None (an HTTP date is not worth parsing here)."""
    try:
        return float(retry_after) if retry_after else None
    except ValueError:
        return None
