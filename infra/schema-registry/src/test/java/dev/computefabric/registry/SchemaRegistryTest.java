package dev.computefabric.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final SchemaRegistry registry = new SchemaRegistry(store);

    @Test
    void concurrentRegistrationsGetDenseDistinctIdsAndIdenticalSchemasShareOne() throws Exception {
        int schemas = 20;
        List<Callable<Integer>> registrations = IntStream.range(0, schemas * 2)
                .mapToObj(i -> (Callable<Integer>)
                        () -> registry.register("subject-" + (i % schemas), record("R" + (i % schemas)))
                                .id())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Integer> ids = pool.invokeAll(registrations).stream()
                    .map(SchemaRegistryTest::get)
                    .toList();

            assertThat(ids.subList(0, schemas)).isEqualTo(ids.subList(schemas, schemas * 2));
            assertThat(ids.subList(0, schemas))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, schemas).boxed().toList());
            assertThat(store.maxId()).isEqualTo(schemas);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdIsAssignedAfterTheHighestTheStoreHolds() {
        store.put(new SchemaVersion("restored", 1, 41, AvroSchemas.canonical(AvroSchemas.parse(record("Old"))), false));

        assertThat(registry.register("new", record("New")).id()).isEqualTo(42);
    }

    private static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError("registration failed", e);
        }
    }
}
