package dev.computefabric.executor.function.typed;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.FabricParam;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A Java record as a function's arguments or output: one parameter per component, in declaration order. A
 * component is required unless it has a {@link FabricParam#defaultValue()} or is an {@code Optional}.
 */
final class RecordType<T> extends ArgumentType<T> {

    private record Component(
            RecordComponent component,
            String name,
            Type valueType,
            ParamType paramType,
            JsonNode defaultValue,
            boolean optional,
            String description) {}

    private final List<Component> components;
    private final Constructor<T> constructor;

    RecordType(Class<T> type) {
        super(type);
        RecordComponent[] declared = type.getRecordComponents();
        List<Component> list = new ArrayList<>();
        for (RecordComponent component : declared) {
            list.add(describe(type, component));
        }
        this.components = List.copyOf(list);
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(declared).map(RecordComponent::getType).toArray(Class<?>[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot use the canonical constructor of " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static Component describe(Class<?> record, RecordComponent component) {
        FabricParam annotation = component.getAnnotation(FabricParam.class);
        // Records nested in a function's class are often not public; their accessors must still be callable.
        component.getAccessor().setAccessible(true);
        Type optionalOf = JavaTypes.optionalOf(component.getGenericType());
        Type valueType = optionalOf != null ? optionalOf : component.getGenericType();
        JsonNode defaultValue = null;
        if (annotation != null && !annotation.defaultValue().isEmpty()) {
            try {
                defaultValue = JsonValues.MAPPER.readTree(annotation.defaultValue());
            } catch (Exception e) {
                throw new IllegalArgumentException(record.getName() + "." + component.getName()
                        + ": the default is not JSON text (" + annotation.defaultValue()
                        + "); write strings in quotes, e.g. defaultValue = \"\\\"amount\\\"\"");
            }
        }
        String description = annotation == null || annotation.description().isEmpty() ? null : annotation.description();
        return new Component(
                component,
                component.getName(),
                valueType,
                JavaTypes.paramType(JavaTypes.raw(valueType)),
                defaultValue,
                optionalOf != null,
                description);
    }

    @Override
    public T decode(String function, ObjectNode args) {
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (components.stream().noneMatch(c -> c.name().equals(name)) && !RESERVED.contains(name)) {
                throw new BadArgumentsException(
                        function + ": unknown argument \"" + name + "\"; it takes " + signature());
            }
        }
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(
                    function, components.get(i), args.get(components.get(i).name()));
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record refused its own values: its message is the caller's to read.
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new BadArgumentsException(function + ": " + cause.getMessage());
            }
            throw new IllegalStateException(type().getName() + " could not be built: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type().getName() + " could not be built: " + e, e);
        }
    }

    private Object value(String function, Component component, JsonNode node) {
        if (node == null || node.isNull()) {
            if (component.defaultValue() != null) {
                node = component.defaultValue();
            } else if (component.optional()) {
                return Optional.empty();
            } else if (node == null) {
                throw bad(function, component, "is required");
            } else {
                throw bad(function, component, "must not be null");
            }
        }
        String mismatch = JsonValues.mismatch(node, component.paramType());
        Class<?> raw = JavaTypes.raw(component.valueType());
        if (mismatch == null && component.paramType() == ParamType.INT) {
            mismatch = JavaTypes.outOfRange(raw, node.bigIntegerValue());
        }
        if (mismatch == null && raw.isEnum()) {
            mismatch = enumMismatch(raw, node.textValue());
        }
        if (mismatch != null) {
            throw bad(function, component, mismatch);
        }
        Object value;
        try {
            JavaType javaType = JsonValues.MAPPER.getTypeFactory().constructType(component.valueType());
            value = JsonValues.MAPPER.convertValue(node, javaType);
        } catch (IllegalArgumentException e) {
            throw bad(function, component, "does not fit " + raw.getSimpleName() + ": " + JsonValues.reason(e));
        }
        return component.optional() ? Optional.ofNullable(value) : value;
    }

    private static String enumMismatch(Class<?> type, String text) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(text)) {
                return null;
            }
        }
        return "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got \"" + text + "\"";
    }

    private BadArgumentsException bad(String function, Component component, String problem) {
        return new BadArgumentsException(function + ": \"" + component.name() + "\" (" + typeName(component) + ") "
                + problem + "; it takes " + signature());
    }

    /** {@code {"values": json, "digits": int = 2}}: what a caller should send. */
    private String signature() {
        StringBuilder text = new StringBuilder("{");
        for (Component component : components) {
            text.append(text.length() > 1 ? ", " : "")
                    .append('"')
                    .append(component.name())
                    .append("\": ")
                    .append(typeName(component));
            if (component.defaultValue() != null) {
                text.append(" = ").append(component.defaultValue());
            } else if (component.optional()) {
                text.append(" (optional)");
            }
        }
        return text.append('}').toString();
    }

    private static String typeName(Component component) {
        return component.paramType().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Object encode(T value) {
        if (value == null) {
            return null;
        }
        ObjectNode json = JsonValues.MAPPER.createObjectNode();
        for (Component component : components) {
            Object field;
            try {
                field = component.component().getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.name() + " of " + type().getName(), e);
            }
            if (field instanceof Optional<?> optional) {
                field = optional.orElse(null);
            }
            json.set(component.name(), JsonValues.MAPPER.valueToTree(field));
        }
        return json;
    }

    @Override
    public Optional<List<FunctionParam>> params() {
        return Optional.of(components.stream()
                .map(c -> FunctionParam.newBuilder()
                        .setName(c.name())
                        .setType(c.paramType())
                        .setDefaultValue(
                                c.defaultValue() == null
                                        ? null
                                        : c.defaultValue().toString())
                        .setOptional(c.optional())
                        .setDescription(c.description())
                        .build())
                .toList());
    }
}
