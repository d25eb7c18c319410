package dev.computefabric.executor.function.typed;

import dev.computefabric.avro.ParamType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/** Which {@link ParamType} a Java type travels as, and the range of whole-number types. */
final class JavaTypes {

    private static final Set<Class<?>> INTS = Set.of(
            int.class,
            long.class,
            short.class,
            byte.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            BigInteger.class);
    private static final Set<Class<?>> DOUBLES =
            Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class);

    private JavaTypes() {}

    static ParamType paramType(Class<?> type) {
        if (INTS.contains(type)) {
            return ParamType.INT;
        }
        if (DOUBLES.contains(type)) {
            return ParamType.DOUBLE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return ParamType.BOOL;
        }
        if (type == String.class || type == char.class || type == Character.class || type.isEnum()) {
            return ParamType.STRING;
        }
        return ParamType.JSON;
    }

    /** The element type of {@code Optional<X>}, or null when {@code type} is not an Optional. */
    static Type optionalOf(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    /** The range check of a whole number for {@code type}, or null when it fits. */
    static String outOfRange(Class<?> type, BigInteger value) {
        long min;
        long max;
        if (type == int.class || type == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (type == short.class || type == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (type == byte.class || type == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else if (type == long.class || type == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else {
            return null;
        }
        return value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0
                ? "must be between " + min + " and " + max + ", got " + value
                : null;
    }
}
