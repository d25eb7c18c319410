"""fabric_sdk.kafka's reading of the client properties a secure fabric writes (secrets/caller.properties)."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    from fabric_sdk.kafka import librdkafka_settings, read_properties
except ImportError as missing:  # confluent_kafka is Debian's python3-confluent-kafka
    librdkafka_settings = read_properties = None
    MISSING = str(missing)
else:
    MISSING = None

CALLER_PROPERTIES = """# Written by EmbeddedStack: how a Kafka client logs in to this fabric as caller (docs/security.md).
bootstrap.servers=127.0.0.1:9092
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="caller" password="s3cr\\"et";
sasl.mechanism=SCRAM-SHA-512
security.protocol=SASL_PLAINTEXT
schema.registry.url=http://127.0.0.1:8081
"""


@unittest.skipIf(MISSING, "confluent_kafka is missing: %s" % MISSING)
class KafkaSettingsTest(unittest.TestCase):

    def test_the_java_login_of_caller_properties_becomes_librdkafkas_settings(self):
        with tempfile.NamedTemporaryFile("w", suffix=".properties", delete=False) as file:
            file.write(CALLER_PROPERTIES)
        try:
            properties = read_properties(file.name)
        finally:
            os.unlink(file.name)

        self.assertEqual(properties["bootstrap.servers"], "127.0.0.1:9092")
        self.assertEqual(properties["schema.registry.url"], "http://127.0.0.1:8081")
        settings = librdkafka_settings(properties)
        self.assertEqual(settings["security.protocol"], "SASL_PLAINTEXT")
        self.assertEqual(settings["sasl.mechanisms"], "SCRAM-SHA-512")
        self.assertEqual(settings["sasl.username"], "caller")
        self.assertEqual(settings["sasl.password"], 's3cr"et')
        self.assertNotIn("sasl.jaas.config", settings)
        self.assertNotIn("sasl.mechanism", settings)

    def test_a_jaas_line_without_a_login_is_refused_saying_what_is_missing(self):
        with self.assertRaisesRegex(ValueError, "no username"):
            librdkafka_settings({"sasl.jaas.config": "org.example.LoginModule required;"}, "caller.properties")


if __name__ == "__main__":
    unittest.main()
