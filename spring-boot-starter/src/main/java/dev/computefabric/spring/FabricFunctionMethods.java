package dev.computefabric.spring;

import dev.computefabric.executor.function.TypedFunction;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds every {@link FabricFunction @FabricFunction} method of every bean as the beans are created, and keeps the
 * functions they become for the node. A method whose parameters do not fit fails the application's start, naming it.
 */
final class FabricFunctionMethods implements BeanPostProcessor {

    private final List<TypedFunction<?, ?>> functions = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, FabricFunction> annotated =
                MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<FabricFunction>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, FabricFunction.class));
        annotated.forEach((method, annotation) -> {
            synchronized (functions) {
                functions.add(MethodFunctions.of(bean, method, annotation));
            }
        });
        return bean;
    }

    /** The functions found so far. */
    List<TypedFunction<?, ?>> functions() {
        synchronized (functions) {
            return List.copyOf(functions);
        }
    }
}
