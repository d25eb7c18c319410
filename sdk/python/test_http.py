"""FabricClient.submit against a local HTTP server that answers as a gateway in trouble would."""

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

from fabric_sdk import http
from fabric_sdk.http import FabricClient, FabricError

ACCEPTED = {"callId": "c-1", "function": "echo", "state": "ACCEPTED"}


class Gateway:
    """Answers the n-th POST /v1/calls (from 0) with answers(n): (status, body, headers)."""

    def __init__(self, answers):
        self.keys = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                gateway.keys.append(self.headers.get(http.IDEMPOTENCY_KEY))
                status, body, headers = answers(len(gateway.keys) - 1)
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.client = FabricClient("http://127.0.0.1:%d" % self.server.server_address[1])

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SubmitRetryTest(unittest.TestCase):

    def gateway(self, answers):
        gateway = Gateway(answers)
        self.addCleanup(gateway.close)
        return gateway

    def test_a_call_refused_with_503_or_429_is_sent_again_under_the_same_key(self):
        refusals = [(503, {"error": "fabric_unavailable"}, {}), (429, {"error": "busy"}, {"Retry-After": "0"})]
        gateway = self.gateway(lambda n: refusals[n] if n < 2 else (202, ACCEPTED, {}))

        call = gateway.client.submit("echo", {"x": 1})

        self.assertEqual("c-1", call["callId"])
        self.assertEqual(3, len(gateway.keys))
        self.assertIsNotNone(gateway.keys[0])
        self.assertEqual({gateway.keys[0]}, set(gateway.keys))

    def test_a_pipeline_is_sent_again_under_the_same_key_so_it_runs_once(self):
        gateway = self.gateway(lambda n: (503, {"error": "fabric_unavailable"}, {}) if n == 0
                               else (202, {"pipelineId": "p-1", "state": "ACCEPTED"}, {}))

        pipeline = gateway.client.submit_pipeline([{"name": "a", "function": "echo"}])

        self.assertEqual("p-1", pipeline["pipelineId"])
        self.assertEqual(2, len(gateway.keys))
        self.assertIsNotNone(gateway.keys[0])
        self.assertEqual(gateway.keys[0], gateway.keys[1])

    def test_a_call_the_gateway_refuses_for_its_own_fault_is_not_sent_again(self):
        gateway = self.gateway(lambda n: (400, {"error": "invalid_request", "message": "needs function"}, {}))

        with self.assertRaises(FabricError) as refused:
            gateway.client.submit("echo")

        self.assertEqual(400, refused.exception.status)
        self.assertEqual("invalid_request", refused.exception.body["error"])
        self.assertEqual(1, len(gateway.keys))

    def test_every_call_has_a_key_of_its_own(self):
        gateway = self.gateway(lambda n: (202, ACCEPTED, {}))

        gateway.client.submit("echo")
        gateway.client.submit("echo")

        self.assertEqual(2, len(set(gateway.keys)))

    def test_a_gateway_that_stays_away_fails_the_submit_once_the_retry_time_is_spent(self):
        gateway = self.gateway(lambda n: (503, {"error": "fabric_unavailable"}, {}))

        with self.assertRaises(FabricError) as refused:
            gateway.client.submit("echo", retry_s=1)

        self.assertEqual(503, refused.exception.status)
        self.assertGreater(len(gateway.keys), 1)

    def test_an_unreachable_gateway_is_status_0(self):
        with self.assertRaises(FabricError) as refused:
            FabricClient("http://127.0.0.1:1").submit("echo", retry_s=0)

        self.assertEqual(0, refused.exception.status)


if __name__ == "__main__":
    unittest.main()
