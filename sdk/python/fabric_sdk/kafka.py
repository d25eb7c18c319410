"""Calls straight to Kafka with confluent_kafka.avro: a FuncCall naming our own reply topic, and its FuncResult.

Any partitioner works (the fabric follows each call's partition); the default here is murmur2_random, Java's.

The fabric keys every record by its callId as a plain UTF-8 string. confluent_kafka 1.7's AvroProducer and
AvroConsumer insist on Avro keys too (the producer refuses a key without a key schema, the consumer fails to
decode a plain key), so we use their parts directly: a plain Producer/Consumer for the bytes, and
confluent_kafka.avro's MessageSerializer + CachedSchemaRegistryClient for the values, which is exactly what
AvroProducer/AvroConsumer do inside.

Subjects: calls are written with the id of the fabric's own subject, the record name
('dev.computefabric.avro.FuncCall', RecordNameStrategy), looked up once; not under '<topic>-value' (TopicNameStrategy,
all that confluent_kafka 1.7's AvroProducer knows), which would add a subject per topic: a write, which a secure
fabric's registry refuses to callers without registry credentials.

A secure fabric (`./fabric up --secure`) writes the caller's login to <data-dir>/secrets/caller.properties:
KafkaSubmitter.from_properties(path) reads it. Other settings for librdkafka go in client_config.
"""

import datetime
import json
import re
import time
import uuid

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

from fabric_sdk.schemas import FabricSchemas, capset_topic, subject

RESULTS_TOPIC = "fabric.results"
REPLY_PREFIX = "fabric.replies.sdk-py-"


def table_ref(bucket, sha256_hex, size_bytes, table_format="CSV"):
    """A FuncCall table naming bytes stored in S3 under tables/<sha256> (the fabric's claim check)."""
    return {"format": table_format,
            "data": {"uri": "s3://%s/tables/%s" % (bucket, sha256_hex), "format": table_format,
                     "sizeBytes": size_bytes, "sha256": sha256_hex}}


def read_properties(path):
    """A Java .properties file as a dict: key=value lines, # and ! comments; enough for the files the fabric writes."""
    properties = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line[0] in "#!":
                continue
            key, _, value = line.partition("=")
            properties[key.strip()] = value.strip()
    return properties


_JAAS_OPTION = re.compile(r'(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"')


def librdkafka_settings(properties, where="the client properties"):
    """Java client security settings as librdkafka's: the SCRAM or PLAIN login in sasl.jaas.config becomes
    sasl.username and sasl.password, sasl.mechanism becomes sasl.mechanisms; other keys pass unchanged."""
    settings = dict(properties)
    if "sasl.mechanism" in settings:
        settings["sasl.mechanisms"] = settings.pop("sasl.mechanism")
    jaas = settings.pop("sasl.jaas.config", None)
    if jaas is not None:
        options = dict(_JAAS_OPTION.findall(jaas))
        if "username" not in options or "password" not in options:
            raise ValueError("sasl.jaas.config in %s has no username=\"...\" password=\"...\" login" % where)
        settings["sasl.username"] = _unescape(options["username"])
        settings["sasl.password"] = _unescape(options["password"])
    return settings


def _unescape(quoted):
    return re.sub(r"\\(.)", r"\1", quoted)


class KafkaSubmitter:
    """Produce FuncCalls and await their FuncResults on a reply topic of our own (created if missing)."""

    def __init__(self, bootstrap, registry_url, reply_topic=None, schemas=None, timeout_s=60,
                 partitioner="murmur2_random", client_config=None):
        """client_config: librdkafka settings for every client (security.protocol, sasl.*, ssl.*)."""
        self.bootstrap = bootstrap
        self.timeout_s = timeout_s
        self.reply_topic = reply_topic or REPLY_PREFIX + uuid.uuid4().hex
        self.schemas = schemas or FabricSchemas()
        self.call_schema = self.schemas.schema("FuncCall")
        common = dict(client_config or {})
        common["bootstrap.servers"] = bootstrap
        self._admin = AdminClient(dict(common))
        self._ensure_topic(self.reply_topic, 1)
        self.registry = CachedSchemaRegistryClient({"url": registry_url})
        self._serializer = MessageSerializer(self.registry)
        # Registering the contract's schema under its own subject changes nothing (the fabric registered it before
        # anything ran): the registry answers with its id, also to a caller without registry credentials.
        self._call_schema_id = self.registry.register(subject("FuncCall"), self.call_schema)
        # Any partitioner works: the executor writes a call's result to the partition the call was read from.
        # murmur2_random (Java's) is still the default: a call then sits where every Java client would put it.
        self._producer = Producer(dict(common, **{"enable.idempotence": True, "acks": "all",
                                                  "partitioner": partitioner}))
        self.partitions = {}
        self._consumer = Consumer(dict(common, **{"group.id": "sdk-py-" + uuid.uuid4().hex,
                                                  "auto.offset.reset": "earliest", "enable.auto.commit": False}))
        # Assigned, not subscribed: a group subscription to a topic librdkafka has not yet seen in its metadata
        # waits for the next metadata refresh (minutes by default) and the reply goes unread meanwhile.
        self._consumer.assign([TopicPartition(self.reply_topic, 0, OFFSET_BEGINNING)])
        self._early = {}

    @classmethod
    def from_properties(cls, path, **kwargs):
        """A submitter logged in with the Java client properties a secure fabric writes (secrets/caller.properties).

        bootstrap.servers and schema.registry.url name the fabric; security.protocol, sasl.mechanism and the SCRAM
        login of sasl.jaas.config become librdkafka's security.protocol, sasl.mechanisms, sasl.username and
        sasl.password. Any other key must be one librdkafka knows (ssl.ca.location, not a Java truststore)."""
        properties = read_properties(path)
        bootstrap = properties.pop("bootstrap.servers", None)
        registry_url = properties.pop("schema.registry.url", None)
        if not bootstrap or not registry_url:
            raise ValueError("%s names no %s" % (path, "bootstrap.servers" if not bootstrap else "schema.registry.url"))
        config = dict(kwargs.pop("client_config", None) or {})
        config.update(librdkafka_settings(properties, path))
        return cls(bootstrap, registry_url, client_config=config, **kwargs)

    def submit(self, function, args=None, requirements=(), tables=None, call_id=None):
        """Produces the call (acks=all, flushed) and returns its callId; self.partitions[callId] says where it went.

        tables: {name: table_ref(...)} for tables stored in S3 under tables/<sha256> (see table_ref)."""
        topic = capset_topic(requirements)
        if topic != capset_topic(()):
            self._ensure_topic(topic, self._partitions(RESULTS_TOPIC))
        call_id = call_id or str(uuid.uuid4())
        call = {"callId": call_id, "function": function, "args": json.dumps(args or {}),
                "tables": tables or {}, "requirements": sorted(requirements), "replyTo": self.reply_topic,
                "submittedAt": datetime.datetime.now(datetime.timezone.utc), "timeoutMs": None,
                "slots": 1, "attempt": 0, "caller": None, "priority": "NORMAL"}
        errors = []

        def delivered(err, msg):
            if err:
                errors.append(err)
            else:
                self.partitions[call_id] = msg.partition()

        # Confluent's wire format: magic byte, the fabric's FuncCall schema id, Avro binary.
        value = self._serializer.encode_record_with_schema_id(self._call_schema_id, call)
        self._producer.produce(topic=topic, key=call_id.encode("utf-8"), value=value, on_delivery=delivered)
        if self._producer.flush(self.timeout_s) > 0 or errors:
            raise KafkaException("call %s not written to %s: %s" % (call_id, topic, errors or "flush timed out"))
        return call_id

    def await_result(self, call_id, timeout_s=None):
        """The FuncResult (a dict) for call_id from our reply topic; TimeoutError if none arrives in time."""
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        while call_id not in self._early:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no result for %s on %s" % (call_id, self.reply_topic))
            message = self._consumer.poll(min(remaining, 0.5))
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            result = self._serializer.decode_message(message.value())
            self._early[result["callId"]] = result
        return self._early.pop(call_id)

    def call(self, function, args=None, requirements=(), timeout_s=None):
        return self.await_result(self.submit(function, args, requirements), timeout_s)

    def close(self):
        self._consumer.close()
        self._producer.flush(self.timeout_s)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _partitions(self, topic):
        metadata = self._admin.list_topics(topic, timeout=self.timeout_s)
        return len(metadata.topics[topic].partitions) or 1

    def _ensure_topic(self, topic, partitions):
        if topic in self._admin.list_topics(timeout=self.timeout_s).topics:
            return
        future = self._admin.create_topics([NewTopic(topic, num_partitions=partitions)])[topic]
        try:
            future.result(self.timeout_s)
        except KafkaException as e:
            if e.args[0].name() != "TOPIC_ALREADY_EXISTS":
                raise
        # Producing before every partition has a leader makes an idempotent producer retry for long.
        deadline = time.monotonic() + self.timeout_s
        while not self._has_leaders(topic):
            if time.monotonic() > deadline:
                raise KafkaException("topic %s has no leaders after %ss" % (topic, self.timeout_s))
            time.sleep(0.1)

    def _has_leaders(self, topic):
        found = self._admin.list_topics(topic, timeout=self.timeout_s).topics.get(topic)
        return found is not None and found.error is None and found.partitions and all(
            p.leader >= 0 for p in found.partitions.values())
