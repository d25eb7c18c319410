package dev.computefabric.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedJsonTest {

    record Order(String item, int quantity) {}

    record Total(double amount, List<String> items) {}

    @Test
    void aRecordBecomesTheArgsObject() {
        assertThat(TypedJson.args(new Order("tea", 2)).toString()).isEqualTo("{\"item\":\"tea\",\"quantity\":2}");
        assertThat(TypedJson.args(Map.of("k", 1)).toString()).isEqualTo("{\"k\":1}");
        assertThat(TypedJson.args(null).toString()).isEqualTo("{}");
    }

    @Test
    void argsThatAreNotAnObjectAreRefused() {
        assertThatThrownBy(() -> TypedJson.args(List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got array");
    }

    @Test
    void anOutputReadsAsARecordIgnoringFieldsItDoesNotKnow() throws Exception {
        assertThat(TypedJson.read("{\"amount\":2.5,\"items\":[\"tea\"],\"addedLater\":true}", Total.class))
                .isEqualTo(new Total(2.5, List.of("tea")));
        assertThat(TypedJson.read("42", Integer.class)).isEqualTo(42);
    }

    /** A foreign worker's "3 rows" is not the integer 3. */
    @Test
    void anOutputWithMoreAfterTheValueIsNotRead() {
        assertThatThrownBy(() -> TypedJson.read("3 rows", Integer.class)).isInstanceOf(IOException.class);
    }
}
