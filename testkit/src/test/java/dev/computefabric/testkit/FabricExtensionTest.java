package dev.computefabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.computefabric.sdk.FabricClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Settings the extension refuses, each before anything starts: the classes below run through JUnit and fail, and no
 * fabric is started (nothing here could reach one).
 */
class FabricExtensionTest {

    @FabricTest
    static class ClientInConstructor {
        ClientInConstructor(FabricClient fabric) {}

        @Test
        void test() {}
    }

    @FabricTest
    static class ClientInBeforeAll {
        @BeforeAll
        static void before(FabricClient fabric) {}

        @Test
        void test() {}
    }

    @FabricTest
    static class AnnotationAndBuilder {
        @RegisterExtension
        static final FabricExtension FABRIC = FabricExtension.builder().build();

        @Test
        void test(FabricClient fabric) {}
    }

    @ExtendWith(FabricExtension.class)
    static class NoAnnotation {
        @Test
        void test(FabricClient fabric) {}
    }

    @FabricTest(scripts = "no/such/scripts")
    static class MissingScripts {
        @Test
        void test(FabricClient fabric) {}
    }

    @Test
    void aClientIsRefusedInAConstructorAndInBeforeAllSayingWhereItBelongs() {
        assertThat(failures(ClientInConstructor.class))
                .singleElement()
                .asString()
                .contains("the fabric's clients belong to one test each")
                .contains("@Test or @BeforeEach");
        assertThat(failures(ClientInBeforeAll.class))
                .singleElement()
                .asString()
                .contains("the fabric's clients belong to one test each");
    }

    @Test
    void theAnnotationAndABuiltExtensionOnOneClassAreRefused() {
        assertThat(failures(AnnotationAndBuilder.class))
                .singleElement()
                .asString()
                .contains("has both @FabricTest and a FabricExtension built with FabricExtension.builder()");
    }

    @Test
    void theExtensionWithoutTheAnnotationSaysWhatToAdd() {
        assertThat(failures(NoAnnotation.class))
                .singleElement()
                .asString()
                .contains("uses FabricExtension without @FabricTest");
    }

    @Test
    void aMissingScriptsFolderFailsTheTestNamingTheFolder() {
        assertThat(failures(MissingScripts.class))
                .singleElement()
                .asString()
                .contains("no/such/scripts does not exist");
    }

    @Test
    void noneOfThemStartedAFabric() {
        List.of(ClientInConstructor.class, AnnotationAndBuilder.class, NoAnnotation.class, MissingScripts.class)
                .forEach(FabricExtensionTest::failures);

        assertThat(SharedFabric.starts()).isZero();
    }

    /** The messages of every failure the class's run reported, with their causes. */
    private static List<String> failures(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute()
                .allEvents()
                .failed()
                .stream()
                .map(FabricExtensionTest::messages)
                .toList();
    }

    private static String messages(Event event) {
        StringBuilder text = new StringBuilder();
        Throwable failure = event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElse(null);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
