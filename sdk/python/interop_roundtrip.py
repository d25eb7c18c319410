#!/usr/bin/python3
"""Interop checks, run by the Java build (sdk/.../PythonInteropIT): the fabric from Python, with clients we did not write.

usage:
  interop_roundtrip.py register <registry-url> <record-name> ...
      registers each record's .avsc (schemas/src/main/avro, referenced types inlined) under its full name, as a
      Python producer would, and looks it up again; prints ID <subject> <registered id> <looked-up id> <version>
  interop_roundtrip.py kafka <bootstrap> <registry-url> <partitioner> <call-id|-> <function> <args-json> [requirement ...]
      one call straight to Kafka with librdkafka's <partitioner>; prints CALL <callId> <partition>, RESULT <FuncResult>
  interop_roundtrip.py kafka-properties <caller.properties> <function> <args-json> [requirement ...]
      one call straight to Kafka, logged in with the properties a secure fabric writes; prints CALL, RESULT as kafka
  interop_roundtrip.py s3-table <bootstrap> <registry-url> <s3-endpoint>
      stores a CSV in the fabric's S3 with boto3 (the settings sdk/README.md documents) and describes it with a call
      over Kafka naming it by hash; prints TABLE <sha256> <size> and RESULT <FuncResult>
  interop_roundtrip.py http <gateway-url> <function> <args-json> [requirement ...]
      the same over the gateway's HTTP API; prints HTTP <the call as JSON>
  interop_roundtrip.py pipeline <gateway-url>
      a two-step pipeline over HTTP, the second step reading the first's output; prints PIPELINE <the pipeline>
"""

import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fabric_sdk import FabricClient  # noqa: E402
from fabric_sdk.kafka import KafkaSubmitter, table_ref  # noqa: E402
from fabric_sdk.schemas import FabricSchemas, subject  # noqa: E402

# The embedded stack's S3 settings, as sdk/README.md documents them for any S3 client.
S3_BUCKET = "fabric"
S3_REGION = "us-east-1"
S3_ACCESS_KEY = "fabric"
S3_SECRET_KEY = "fabric-secret"


def register(registry_url, names):
    from confluent_kafka.avro import CachedSchemaRegistryClient

    schemas = FabricSchemas()
    registry = CachedSchemaRegistryClient({"url": registry_url})
    for name in names:
        schema = schemas.schema(name)
        schema_id = registry.register(subject(name), schema)
        # Fresh clients, so the lookups go to the registry instead of a client's cache.
        looked_up = CachedSchemaRegistryClient({"url": registry_url}).check_registration(subject(name), schema)
        version = CachedSchemaRegistryClient({"url": registry_url}).get_version(subject(name), schema)
        print("ID %s %d %d %d" % (subject(name), schema_id, looked_up, version), flush=True)
    return 0


def kafka(bootstrap, registry_url, partitioner, call_id, function, args, requirements):
    with KafkaSubmitter(bootstrap, registry_url, timeout_s=60, partitioner=partitioner) as submitter:
        return round_trip(submitter, function, args, requirements, None if call_id == "-" else call_id)


def kafka_properties(path, function, args, requirements):
    with KafkaSubmitter.from_properties(path, timeout_s=60) as submitter:
        return round_trip(submitter, function, args, requirements)


def round_trip(submitter, function, args, requirements, call_id=None):
    """One call and its result; prints CALL <callId> <partition> <reply topic> and RESULT <FuncResult>."""
    call_id = submitter.submit(function, args, requirements, call_id=call_id)
    print("CALL %s %d %s" % (call_id, submitter.partitions[call_id], submitter.reply_topic), flush=True)
    return print_result(submitter.await_result(call_id))


def print_result(result):
    print("RESULT " + json.dumps(result, default=str, sort_keys=True), flush=True)
    return 0 if result.get("state") == "FINISHED" else 1


def s3_table(bootstrap, registry_url, s3_endpoint):
    import boto3
    from botocore.config import Config

    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION,
                      aws_access_key_id=S3_ACCESS_KEY, aws_secret_access_key=S3_SECRET_KEY,
                      config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
    table = b"city,temp\nOslo,3\nRome,18\nCairo,31\n"
    sha256 = hashlib.sha256(table).hexdigest()
    s3.put_object(Bucket=S3_BUCKET, Key="tables/" + sha256, Body=table, ContentType="text/csv")
    stored = s3.head_object(Bucket=S3_BUCKET, Key="tables/" + sha256)["ContentLength"]
    print("TABLE %s %d" % (sha256, stored), flush=True)
    with KafkaSubmitter(bootstrap, registry_url, timeout_s=60) as submitter:
        call_id = submitter.submit("table.describe", {}, (),
                                   tables={"data": table_ref(S3_BUCKET, sha256, len(table))})
        return print_result(submitter.await_result(call_id))


def http(gateway, function, args, requirements):
    over_http = FabricClient(gateway).submit(function, args, requirements=requirements, wait_s=30)
    print("HTTP " + json.dumps(over_http, sort_keys=True), flush=True)
    return 0 if over_http.get("state") == "FINISHED" else 1


def pipeline(gateway):
    client = FabricClient(gateway)
    ended = client.submit_pipeline(
        [{"name": "first", "function": "echo", "args": {"n": 20}},
         {"name": "second", "function": "echo", "args": {"twice": "${first.output.n}", "text": "n=${first.output.n}"}}],
        name="python-interop", wait_s=60)
    again = client.pipeline(ended["pipelineId"])
    print("PIPELINE " + json.dumps(ended, sort_keys=True), flush=True)
    return 0 if ended.get("state") == "FINISHED" and again.get("state") == "FINISHED" else 1


def main(argv):
    command, rest = argv[1], argv[2:]
    if command == "register":
        return register(rest[0], rest[1:])
    if command == "kafka":
        return kafka(rest[0], rest[1], rest[2], rest[3], rest[4], json.loads(rest[5]), rest[6:])
    if command == "kafka-properties":
        return kafka_properties(rest[0], rest[1], json.loads(rest[2]), rest[3:])
    if command == "s3-table":
        return s3_table(rest[0], rest[1], rest[2])
    if command == "http":
        return http(rest[0], rest[1], json.loads(rest[2]), rest[3:])
    if command == "pipeline":
        return pipeline(rest[0])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
