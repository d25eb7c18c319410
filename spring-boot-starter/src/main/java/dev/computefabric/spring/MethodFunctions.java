package dev.computefabric.spring;

import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.TypedFunction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** Turns an {@link FabricFunction @FabricFunction} method into the typed function the node serves. */
final class MethodFunctions {

    private MethodFunctions() {}

    /**
     * @throws IllegalStateException the method's parameters do not fit: more than one besides the {@code CallContext}
     */
    static TypedFunction<?, ?> of(Object bean, Method method, FabricFunction annotation) {
        String name = annotation.value().isBlank() ? method.getName() : annotation.value();
        Class<?>[] parameters = method.getParameterTypes();
        int contextAt = -1;
        int argsAt = -1;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == CallContext.class && contextAt < 0) {
                contextAt = i;
            } else if (argsAt < 0) {
                argsAt = i;
            } else {
                throw new IllegalStateException("@FabricFunction " + describe(method) + " takes "
                        + parameters.length + " parameters; take one record holding the arguments (its components"
                        + " become the function's inputs) and, if needed, the CallContext");
            }
        }
        // Without an arguments parameter the function takes any arguments and ignores them.
        Class<?> input = argsAt < 0 ? Map.class : parameters[argsAt];
        Class<?> output = method.getReturnType() == void.class
                ? Object.class
                : ClassUtils.resolvePrimitiveIfNecessary(method.getReturnType());
        ReflectionUtils.makeAccessible(method);
        TypedFunction<?, ?> function =
                typed(name, input, output, invoker(bean, method, parameters.length, argsAt, contextAt));
        if (!annotation.description().isBlank()) {
            function = function.describedAs(annotation.description());
        }
        if (annotation.capabilities().length > 0) {
            function = function.needing(annotation.capabilities());
        }
        return function;
    }

    /** What the node calls with the decoded arguments and the call's context. */
    @FunctionalInterface
    private interface Invoker {
        Object invoke(Object args, CallContext context) throws Exception;
    }

    private static Invoker invoker(Object bean, Method method, int arity, int argsAt, int contextAt) {
        return (args, context) -> {
            Object[] values = new Object[arity];
            if (argsAt >= 0) {
                values[argsAt] = args;
            }
            if (contextAt >= 0) {
                values[contextAt] = context;
            }
            try {
                return method.invoke(bean, values);
            } catch (InvocationTargetException e) {
                // The method's own exception decides how the call fails (BadArguments, FunctionFailed, ...).
                if (e.getCause() instanceof Exception thrown) {
                    throw thrown;
                }
                throw e;
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypedFunction<?, ?> typed(String name, Class<?> input, Class<?> output, Invoker invoker) {
        return TypedFunction.of(name, (Class) input, (Class) output, (in, context) -> invoker.invoke(in, context));
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(
                        ", ",
                        Arrays.stream(method.getParameterTypes())
                                .map(Class::getSimpleName)
                                .toList())
                + ")";
    }
}
