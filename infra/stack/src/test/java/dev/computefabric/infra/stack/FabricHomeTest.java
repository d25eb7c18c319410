package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricHomeTest {

    @TempDir
    Path root;

    @Test
    void locatesThisRepositoryFromAModuleDirectory() {
        FabricHome home = FabricHome.locate();

        assertThat(home.root().resolve("infra/stack/pom.xml")).exists();
    }

    @Test
    void aModulePomNamingTheParentIsNotTheRoot() throws IOException {
        writeRoot();
        Path module = Files.createDirectories(root.resolve("infra"));
        Files.writeString(module.resolve("pom.xml"), """
                <project><parent><artifactId>fabric-parent</artifactId></parent><artifactId>fabric-infra</artifactId></project>""");

        assertThat(FabricHome.isRoot(root)).isTrue();
        assertThat(FabricHome.isRoot(module)).isFalse();
        assertThatThrownBy(() -> FabricHome.at(module)).hasMessageContaining("not the Compute Fabric repository root");
    }

    @Test
    void theClasspathIsTheModulesClassesThenItsListedJars() throws IOException {
        writeRoot();
        Path jar = Files.createFile(root.resolve("dep.jar"));
        Path module = writeModule("tool");
        Files.createDirectories(module.resolve("target/classes"));
        Files.writeString(module.resolve("target/fabric-classpath.txt"), jar.toString());

        assertThat(FabricHome.at(root).classpath("tool")).containsExactly(module.resolve("target/classes"), jar);
    }

    @Test
    void aPackagedModuleRunsFromItsJarUntilItIsCompiledAgain() throws IOException {
        writeRoot();
        Path module = writeModule("tool");
        Path compiled =
                Files.createDirectories(module.resolve("target/classes/tool")).resolve("Tool.class");
        Files.writeString(compiled, "compiled");
        Files.writeString(module.resolve("target/fabric-classpath.txt"), "");
        Files.createFile(module.resolve("target/tool-1.0-tests.jar"));
        Path jar = Files.createFile(module.resolve("target/tool-1.0.jar"));
        Files.setLastModifiedTime(
                jar,
                FileTime.from(Files.getLastModifiedTime(compiled).toInstant().plusSeconds(1)));

        assertThat(FabricHome.at(root).classpath("tool")).containsExactly(jar);

        Files.setLastModifiedTime(compiled, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(FabricHome.at(root).classpath("tool")).containsExactly(module.resolve("target/classes"));
    }

    @Test
    void anUnbuiltModuleIsReportedWithTheBuildCommand() throws IOException {
        writeRoot();
        writeModule("tool");

        assertThatThrownBy(() -> FabricHome.at(root).classpath("tool"))
                .hasMessageContaining("module tool is not built")
                .hasMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void aListedJarThatIsGoneIsReportedWithTheBuildCommand() throws IOException {
        writeRoot();
        Path module = writeModule("tool");
        Files.createDirectories(module.resolve("target/classes"));
        Files.writeString(
                module.resolve("target/fabric-classpath.txt"),
                root.resolve("gone.jar").toString());

        assertThatThrownBy(() -> FabricHome.at(root).classpath("tool"))
                .hasMessageContaining("gone.jar")
                .hasMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void anUnknownModuleIsNamed() throws IOException {
        writeRoot();

        assertThatThrownBy(() -> FabricHome.at(root).classpath("nope")).hasMessageContaining("no module 'nope'");
    }

    private void writeRoot() throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><artifactId>fabric-parent</artifactId></project>");
    }

    private Path writeModule(String name) throws IOException {
        Path module = Files.createDirectories(root.resolve(name));
        Files.writeString(module.resolve("pom.xml"), "<project><artifactId>" + name + "</artifactId></project>");
        return module;
    }
}
