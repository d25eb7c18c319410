package dev.computefabric.executor.function.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.BadArgumentsException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * An Avro specific record as a function's arguments or output: one parameter per field, with the field's doc
 * and default. The JSON is the natural one ({@code {"n": 1, "tag": null}}), not Avro's JSON encoding with union
 * branches. Supported field types: primitives but bytes, enums, records, arrays, maps and unions of null with one
 * of those; a logical type travels as its underlying value.
 */
final class AvroType<T extends SpecificRecord> extends ArgumentType<T> {

    private final SpecificData data;
    private final Schema schema;

    AvroType(Class<T> type) {
        super(type);
        // The class's own model: it knows the conversions of its logical types (timestamp-millis as Instant).
        this.data = SpecificData.getForClass(type);
        this.schema = data.getSchema(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T decode(String function, ObjectNode args) {
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null && !RESERVED.contains(name)) {
                throw new BadArgumentsException(function + ": unknown argument \"" + name + "\"; it takes "
                        + schema.getFields().stream().map(Schema.Field::name).toList());
            }
        }
        return (T) record(function, "", schema, args);
    }

    private Object record(String function, String path, Schema recordSchema, JsonNode json) {
        IndexedRecord record = (IndexedRecord) data.newRecord(null, recordSchema);
        for (Schema.Field field : recordSchema.getFields()) {
            String at = path + field.name();
            JsonNode node = json.get(field.name());
            if (node == null) {
                if (!field.hasDefaultValue()) {
                    throw new BadArgumentsException(
                            function + ": \"" + at + "\" (" + typeName(field.schema()) + ") is required");
                }
                record.put(field.pos(), data.deepCopy(field.schema(), data.getDefaultValue(field)));
            } else {
                record.put(field.pos(), value(function, at, field.schema(), node));
            }
        }
        return record;
    }

    private Object value(String function, String at, Schema type, JsonNode node) {
        Object plain = plainValue(function, at, type, node);
        LogicalType logical = type.getLogicalType();
        Conversion<?> conversion = logical == null || plain == null ? null : data.getConversionFor(logical);
        return conversion == null ? plain : Conversions.convertToLogicalType(plain, type, logical, conversion);
    }

    private Object plainValue(String function, String at, Schema type, JsonNode node) {
        switch (type.getType()) {
            case UNION -> {
                if (node.isNull() && type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                    return null;
                }
                List<Schema> others = type.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .toList();
                if (others.size() != 1) {
                    throw new IllegalStateException("unsupported union in " + at + ": " + type);
                }
                return value(function, at, others.get(0), node);
            }
            case NULL -> {
                return check(function, at, node.isNull(), "must be null", node);
            }
            case BOOLEAN -> {
                check(function, at, node.isBoolean(), "must be true or false", node);
                return node.booleanValue();
            }
            case INT -> {
                check(
                        function,
                        at,
                        node.isIntegralNumber() && node.canConvertToInt(),
                        "must be a whole number (int)",
                        node);
                return node.intValue();
            }
            case LONG -> {
                check(function, at, node.isIntegralNumber() && node.canConvertToLong(), "must be a whole number", node);
                return node.longValue();
            }
            case FLOAT -> {
                check(function, at, node.isNumber(), "must be a number", node);
                return node.floatValue();
            }
            case DOUBLE -> {
                check(function, at, node.isNumber(), "must be a number", node);
                return node.doubleValue();
            }
            case STRING -> {
                check(function, at, node.isTextual(), "must be a string", node);
                return node.textValue();
            }
            case ENUM -> {
                check(
                        function,
                        at,
                        node.isTextual() && type.hasEnumSymbol(node.textValue()),
                        "must be one of " + type.getEnumSymbols(),
                        node);
                return data.createEnum(node.textValue(), type);
            }
            case ARRAY -> {
                check(function, at, node.isArray(), "must be an array", node);
                List<Object> list = new GenericData.Array<>(node.size(), type);
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(function, at + "[" + i + "]", type.getElementType(), node.get(i)));
                }
                return list;
            }
            case MAP -> {
                check(function, at, node.isObject(), "must be an object", node);
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields()
                        .forEachRemaining(e -> map.put(
                                e.getKey(), value(function, at + "." + e.getKey(), type.getValueType(), e.getValue())));
                return map;
            }
            case RECORD -> {
                check(function, at, node.isObject(), "must be an object", node);
                return record(function, at + ".", type, node);
            }
            default -> throw new IllegalStateException("unsupported Avro type " + type.getType() + " in " + at);
        }
    }

    private static Object check(String function, String at, boolean ok, String problem, JsonNode node) {
        if (!ok) {
            throw new BadArgumentsException(
                    function + ": \"" + at + "\" " + problem + ", got " + JsonValues.describe(node));
        }
        return null;
    }

    @Override
    public Object encode(T value) {
        return value == null ? null : json(value, schema);
    }

    private static JsonNode json(Object value, Schema type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        switch (type.getType()) {
            case UNION -> {
                return json(value, type.getTypes().get(GenericData.get().resolveUnion(type, value)));
            }
            case RECORD -> {
                ObjectNode object = nodes.objectNode();
                IndexedRecord record = (IndexedRecord) value;
                for (Schema.Field field : type.getFields()) {
                    object.set(field.name(), json(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                ((Iterable<?>) value).forEach(item -> array.add(json(item, type.getElementType())));
                return array;
            }
            case MAP -> {
                ObjectNode object = nodes.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), json(v, type.getValueType())));
                return object;
            }
            case ENUM -> {
                return nodes.textNode(
                        value instanceof GenericEnumSymbol<?> symbol ? symbol.toString() : value.toString());
            }
            case BYTES, FIXED -> {
                byte[] bytes =
                        value instanceof ByteBuffer buffer ? bytesOf(buffer) : ((GenericData.Fixed) value).bytes();
                return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            default -> {
                // Primitives, and logical types (Instant, LocalDate, BigDecimal) as Jackson writes them.
                return JsonValues.MAPPER.valueToTree(
                        value instanceof java.time.temporal.Temporal ? value.toString() : value);
            }
        }
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public Optional<List<FunctionParam>> params() {
        List<FunctionParam> params = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            Schema type = field.schema();
            boolean nullable = type.getType() == Schema.Type.UNION
                    && type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
            String defaultValue = null;
            if (field.hasDefaultValue()) {
                Object value = field.defaultVal();
                defaultValue = value == JsonProperties.NULL_VALUE
                        ? "null"
                        : JsonValues.MAPPER.valueToTree(value).toString();
            }
            params.add(FunctionParam.newBuilder()
                    .setName(field.name())
                    .setType(paramType(type))
                    .setDefaultValue(defaultValue)
                    .setOptional(nullable && !field.hasDefaultValue())
                    .setDescription(field.doc())
                    .build());
        }
        return Optional.of(params);
    }

    private static ParamType paramType(Schema type) {
        return switch (type.getType()) {
            case INT, LONG -> type.getLogicalType() == null ? ParamType.INT : ParamType.JSON;
            case FLOAT, DOUBLE -> ParamType.DOUBLE;
            case BOOLEAN -> ParamType.BOOL;
            case STRING, ENUM -> ParamType.STRING;
            case UNION -> {
                List<Schema> others = type.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .toList();
                yield others.size() == 1 ? paramType(others.get(0)) : ParamType.JSON;
            }
            default -> ParamType.JSON;
        };
    }

    private static String typeName(Schema type) {
        return paramType(type).name().toLowerCase(java.util.Locale.ROOT);
    }
}
