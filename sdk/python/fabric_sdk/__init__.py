"""Compute Fabric SDK for Python: submit calls over HTTP (urllib) or straight to Kafka (confluent_kafka.avro).

Built on Debian's python3-confluent-kafka (1.7) and python3-avro; nothing from PyPI.
"""

from fabric_sdk.http import FabricClient, FabricError
from fabric_sdk.schemas import FabricSchemas, capset_topic

__all__ = ["FabricClient", "FabricError", "FabricSchemas", "capset_topic", "KafkaSubmitter"]


def __getattr__(name):
    # The Kafka side needs confluent_kafka; the HTTP side must work without it.
    if name == "KafkaSubmitter":
        from fabric_sdk.kafka import KafkaSubmitter
        return KafkaSubmitter
    raise AttributeError(name)
