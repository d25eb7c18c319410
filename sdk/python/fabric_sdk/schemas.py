"""The fabric's Avro contract, read from the .avsc files in schemas/src/main/avro (the schemas are the SDK)."""

import json
import os
import re

import avro.errors
import avro.schema

NAMESPACE = "dev.computefabric.avro"
CALLS_PREFIX = "fabric.calls."
_TAG = re.compile(r"[a-z0-9][a-z0-9-]*")


def default_schema_dir():
    """schemas/src/main/avro of the checkout this package sits in."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "schemas", "src", "main", "avro"))


def capset_topic(requirements):
    """fabric.calls.<sorted, lower-case, '.'-joined tags>, or fabric.calls.any (see docs/architecture.md)."""
    tags = sorted({t.strip().lower() for t in requirements})
    for tag in tags:
        if not _TAG.fullmatch(tag):
            raise ValueError("capability tag %r must match %s" % (tag, _TAG.pattern))
    return CALLS_PREFIX + (".".join(tags) if tags else "any")


class FabricSchemas:
    """Parses every .avsc of a directory, in whatever order their references need.

    schema(name) returns a self-contained schema (referenced types inlined), as a registry wants it.
    """

    def __init__(self, schema_dir=None):
        schema_dir = schema_dir or default_schema_dir()
        texts = {}
        for file in sorted(os.listdir(schema_dir)):
            if file.endswith(".avsc"):
                with open(os.path.join(schema_dir, file), encoding="utf-8") as f:
                    texts[file] = json.load(f)
        if not texts:
            raise FileNotFoundError("no .avsc files in %s" % schema_dir)
        order = []
        todo = sorted(texts)
        while todo:
            # A failed parse leaves half-registered names behind: try each order on fresh Names.
            ready = next((f for f in todo if self._parse([texts[o] for o in order + [f]]) is not None), None)
            if ready is None:
                raise ValueError("cannot parse %s: undefined or invalid types" % todo)
            order.append(ready)
            todo.remove(ready)
        self._schemas = self._parse([texts[o] for o in order])

    @staticmethod
    def _parse(jsons):
        names = avro.schema.Names()
        parsed = {}
        try:
            for text in jsons:
                schema = avro.schema.make_avsc_object(text, names)
                parsed[schema.fullname] = schema
        except (avro.errors.SchemaParseException, avro.errors.AvroException):
            return None
        return parsed

    def schema(self, name):
        """The schema of record `name` (simple or full name), with every type it uses inlined."""
        return avro.schema.parse(json.dumps(self._schemas[subject(name)].to_json()))


def subject(name):
    """The subject the fabric registers a record under: its full name (RecordNameStrategy)."""
    return name if "." in name else NAMESPACE + "." + name
