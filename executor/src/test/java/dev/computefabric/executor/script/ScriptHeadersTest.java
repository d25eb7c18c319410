package dev.computefabric.executor.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ScriptHeadersTest {

    @Test
    void theIssuesExampleBecomesASignatureWithTypesAndDefaults() {
        ScriptHeader header = parse("summarize.py", """
                #name: summarize
                #language: python
                #description: sums a column
                #input: dataframe sales
                #input: string column = "amount" [the column to sum]
                #input: int digits = 2 {optional: true}
                #input: bool exact
                #input: json options {optional: true}
                #output: dataframe summary
                #output: double total
                # an ordinary comment: note this
                total = 1
                #input: int ignored, not in the header any more
                """);

        assertThat(header.name()).isEqualTo("summarize");
        assertThat(header.language()).isEqualTo(ScriptLanguage.PYTHON);
        assertThat(header.inputs())
                .extracting(
                        FunctionParam::getName,
                        FunctionParam::getType,
                        FunctionParam::getDefaultValue,
                        FunctionParam::getOptional,
                        FunctionParam::getDescription)
                .containsExactly(
                        Tuple.tuple("sales", ParamType.DATAFRAME, null, false, null),
                        Tuple.tuple("column", ParamType.STRING, "\"amount\"", false, "the column to sum"),
                        Tuple.tuple("digits", ParamType.INT, "2", true, null),
                        Tuple.tuple("exact", ParamType.BOOL, null, false, null),
                        Tuple.tuple("options", ParamType.JSON, null, true, null));
        assertThat(header.outputs())
                .extracting(FunctionParam::getName, FunctionParam::getType)
                .containsExactly(Tuple.tuple("summary", ParamType.DATAFRAME), Tuple.tuple("total", ParamType.DOUBLE));
        FunctionSpec spec = header.spec();
        assertThat(spec.getLanguage()).isEqualTo("python");
        assertThat(spec.getCapabilities()).containsExactly("python");
        assertThat(spec.getDescription()).isEqualTo("sums a column");
    }

    @Test
    void theLanguageAndNameFollowFromTheFileWhenTheHeaderDoesNotSayAndNodeCommentsWork() {
        ScriptHeader header = parse("clean-up.js", """
                // a node script
                //input: string who = world
                //output: string greeting
                //capabilities: gpu, big-memory
                const greeting = `hello ${who}`;
                """);

        assertThat(header.name()).isEqualTo("clean-up");
        assertThat(header.language()).isEqualTo(ScriptLanguage.NODE);
        assertThat(header.inputs().get(0).getDefaultValue()).isEqualTo("\"world\"");
        assertThat(header.spec().getCapabilities()).containsExactly("node", "gpu", "big-memory");
    }

    @Test
    void aShebangMayComeFirstAndAJsonDefaultMayBeAnArray() {
        ScriptHeader header = parse("x.sh", """
                #!/usr/bin/env bash
                #input: json weights = [1, 2] [relative weights]
                echo
                """);

        assertThat(header.language()).isEqualTo(ScriptLanguage.BASH);
        assertThat(header.inputs().get(0).getDefaultValue()).isEqualTo("[1,2]");
        assertThat(header.inputs().get(0).getDescription()).isEqualTo("relative weights");
    }

    @Test
    void aFileThatIsNoScriptIsNotOne() {
        assertThat(ScriptHeaders.parse("README.md", "# Scripts\nsee docs\n")).isEmpty();
        assertThat(ScriptHeaders.parse("data.csv", "a,b\n1,2\n")).isEmpty();
    }

    @Test
    void mistakesNameTheLineAndWhatToWrite() {
        assertThatThrownBy(() -> parse("a.py", "#input: float64 x\n"))
                .isInstanceOf(ScriptHeaderException.class)
                .hasMessage("a.py line 1: unknown type 'float64'; use int, double, string, bool, json or dataframe");
        assertThatThrownBy(() -> parse("a.py", "#name: a\n#ouput: int n\n"))
                .hasMessageStartingWith("a.py line 2: unknown header key 'ouput'");
        assertThatThrownBy(() -> parse("a.py", "#input: int n = many\n"))
                .hasMessage("a.py line 1: the default 'many' is not a int value");
        assertThatThrownBy(() -> parse("a.py", "#input: int n = \"3\"\n"))
                .hasMessage("a.py line 1: the default must be a whole number, got string \"3\"");
        assertThatThrownBy(() -> parse("a.py", "#input: int n\n#input: int n\n"))
                .hasMessage("a.py line 2: 'n' is declared twice");
        assertThatThrownBy(() -> parse("a.py", "#output: int n = 3\n"))
                .hasMessageContaining("an output has no default");
        assertThatThrownBy(() -> parse("a.py", "#input: int 2fast\n")).hasMessageContaining("is not <type> <name>");
        assertThatThrownBy(() -> parse("a.py", "#input: int _fabric_x\n")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> parse("a.rb", "#language: ruby\n")).hasMessageContaining("unknown language 'ruby'");
        assertThatThrownBy(() -> parse("a b.py", "x = 1\n")).hasMessageContaining("cannot be a function name");
        assertThatThrownBy(() -> parse("job.sh", "#language: container\n"))
                .hasMessageContaining("a container script needs an image");
    }

    private static ScriptHeader parse(String file, String text) {
        return ScriptHeaders.parse(file, text).orElseThrow();
    }
}
