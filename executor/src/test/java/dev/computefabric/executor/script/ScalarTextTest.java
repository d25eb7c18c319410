package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.ParamType;
import org.junit.jupiter.api.Test;

class ScalarTextTest {

    @Test
    void aJsonOutputIsTheJsonTheScriptWrote() {
        assertThat(ScalarText.decode("{\"rows\": 3}\n", ParamType.JSON)
                        .path("rows")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void aJsonOutputWithWordsAfterTheValueIsRefused() {
        assertThatThrownBy(() -> ScalarText.decode("3 rows", ParamType.JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be JSON text, but the script set '3 rows'");
    }
}
