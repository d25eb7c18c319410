#!/usr/bin/python3
"""Interop check, run by the Java build (sdk/.../PythonInteropIT): one call through the fabric from Python.

usage: interop_roundtrip.py <bootstrap> <registry-url> <gateway-url> <function> <args-json> [requirement ...]
Prints RESULT <the FuncResult decoded from the reply topic, as JSON> and HTTP <the same call over the gateway>.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fabric_sdk import FabricClient  # noqa: E402
from fabric_sdk.kafka import KafkaSubmitter  # noqa: E402


def main(argv):
    bootstrap, registry, gateway, function, args = argv[1], argv[2], argv[3], argv[4], json.loads(argv[5])
    requirements = argv[6:]
    with KafkaSubmitter(bootstrap, registry, timeout_s=60) as submitter:
        call_id = submitter.submit(function, args, requirements)
        print("CALL %s %s" % (call_id, submitter.reply_topic), flush=True)
        result = submitter.await_result(call_id)
    print("RESULT " + json.dumps(result, default=str, sort_keys=True), flush=True)
    over_http = FabricClient(gateway).submit(function, args, requirements=requirements, wait_s=30)
    print("HTTP " + json.dumps(over_http, sort_keys=True), flush=True)
    return 0 if result.get("state") == "FINISHED" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
