package dev.computefabric.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.avro.FuncCall;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class PortableSchemaTest {

    @Test
    void the_generated_classes_carry_java_string_hints_that_the_portable_schema_drops() {
        Schema generated = SpecificRecords.schemaOf(FuncCall.class);

        assertThat(generated.toString()).contains("\"avro.java.string\":\"String\"");
        assertThat(PortableSchema.of(generated).toString()).doesNotContain("avro.java");
    }

    @Test
    void java_only_properties_go_at_every_level_and_other_properties_and_defaults_stay() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "java-class": "x.Y", "owner": "team", "fields": [
                  {"name": "s", "type": {"type": "string", "avro.java.string": "String"}},
                  {"name": "m", "type": {"type": "map", "values": "string", "java-key-class": "x.K"},
                   "default": {"avro.java.string": "kept: a default is data"}},
                  {"name": "u", "type": ["null", {"type": "array", "items": {"type": "string", "avro.java.string": "String"}}],
                   "default": null}
                ]}""");

        String portable = PortableSchema.of(schema).toString();

        assertThat(portable)
                .doesNotContain("java-class", "java-key-class", "\"avro.java.string\":\"String\"")
                .contains("\"owner\":\"team\"", "kept: a default is data");
    }

    @Test
    void a_schema_without_java_only_properties_is_returned_as_it_is() {
        Schema plain = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"P\", \"fields\": []}");

        assertThat(PortableSchema.of(plain)).isSameAs(plain);
    }
}
