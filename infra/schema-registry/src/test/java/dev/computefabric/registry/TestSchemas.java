package dev.computefabric.registry;

/** Versions of one record schema, each named for how it relates to the one before. */
final class TestSchemas {

    static final String USER_V1 = """
            {"type": "record", "name": "User", "namespace": "test", "fields": [
              {"name": "id", "type": "string"}
            ]}""";

    /** Adds a field with a default: backward and forward compatible with v1. */
    static final String USER_V2_WITH_DEFAULT_AGE = """
            {"type": "record", "name": "User", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "age", "type": "int", "default": 0}
            ]}""";

    /** Drops the default of age: reads v2 data but not v1 data, so only non-transitive BACKWARD accepts it. */
    static final String USER_V3_AGE_REQUIRED = """
            {"type": "record", "name": "User", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "age", "type": "int"}
            ]}""";

    /** Adds a field without a default: cannot read v1 data (not backward compatible). */
    static final String USER_WITH_REQUIRED_EMAIL = """
            {"type": "record", "name": "User", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "email", "type": "string"}
            ]}""";

    /** Drops id: v1 cannot read its data (not forward compatible). */
    static final String USER_WITHOUT_ID = """
            {"type": "record", "name": "User", "namespace": "test", "fields": [
              {"name": "age", "type": "int", "default": 0}
            ]}""";

    static final String ORDER = """
            {"type": "record", "name": "Order", "namespace": "test", "fields": [
              {"name": "total", "type": "long"}
            ]}""";

    private TestSchemas() {}
}
