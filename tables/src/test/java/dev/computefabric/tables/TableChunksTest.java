package dev.computefabric.tables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.avro.TableChunk;
import dev.computefabric.avro.TableFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableChunksTest {

    @Test
    void aCsvTableWithOnlyAHeaderGivesTheHeaderInEveryPart() {
        assertThat(csvParts("a,b\n", 3)).containsExactly("a,b\n", "a,b\n", "a,b\n");
        assertThat(csvParts("a,b", 2)).containsExactly("a,b", "a,b");
    }

    @Test
    void anEmptyTableGivesEmptyParts() {
        assertThat(csvParts("", 2)).containsExactly("", "");
        assertThat(jsonlParts("", 2)).containsExactly("", "");
    }

    @Test
    void oneLineIsOnePartsAndEveryPartOfOneIsTheWholeTable() {
        assertThat(csvParts("h\n1\n2\n", 1)).containsExactly("h\n1\n2\n");
        assertThat(jsonlParts("{}\n{}", 1)).containsExactly("{}\n{}");
    }

    @Test
    void aBoundaryOnALineStartGivesThatLineToThePartItStarts() {
        // size 8, two parts: [0, 4) and [4, 8); "bbb" starts at 4
        assertThat(jsonlParts("aaa\nbbb\n", 2)).containsExactly("aaa\n", "bbb\n");
    }

    @Test
    void aBoundaryInsideALineLeavesTheLineToThePartItStartedIn() {
        // size 8, three parts: [0, 2), [2, 5), [5, 8); "bbb" starts at 4
        assertThat(jsonlParts("aaa\nbbb\n", 3)).containsExactly("aaa\n", "bbb\n", "");
    }

    @Test
    void aBoundaryOnTheLineFeedGivesTheNextLineToTheNextPart() {
        // size 10, three parts: [0, 3), [3, 6), [6, 10); byte 3 is the '\n' of "aaa", "bbbbb" starts at 4
        assertThat(jsonlParts("aaa\nbbbbb\n", 3)).containsExactly("aaa\n", "bbbbb\n", "");
    }

    @Test
    void theLastLineWithoutALineFeedIsRead() {
        assertThat(jsonlParts("aaa\nbbb", 2)).containsExactly("aaa\n", "bbb");
        assertThat(csvParts("h\naaa\nbbb", 2)).containsExactly("h\naaa\n", "h\nbbb");
    }

    @Test
    void morePartsThanRowsLeavesSomePartsEmptyAndEachRowInOne() {
        List<String> parts = csvParts("h\n1\n2\n", 10);

        assertThat(parts).hasSize(10).allSatisfy(part -> assertThat(part).startsWith("h\n"));
        assertThat(parts.stream().map(p -> p.substring(2)).filter(p -> !p.isEmpty()))
                .containsExactly("1\n", "2\n");
    }

    @Test
    void crlfLinesStayWholeWithTheirCarriageReturn() {
        String table = "a,b\r\n1,2\r\n3,4\r\n5,6\r\n";
        for (int count = 1; count <= table.length() + 1; count++) {
            List<String> parts = csvParts(table, count);
            assertThat(parts)
                    .allSatisfy(part -> assertThat(part).startsWith("a,b\r\n").matches("(a,b\\r\\n)(\\d,\\d\\r\\n)*"));
            assertThat(String.join("", parts.stream().map(p -> p.substring(5)).toList()))
                    .isEqualTo("1,2\r\n3,4\r\n5,6\r\n");
        }
    }

    @Test
    void theHeaderBelongsToNoPartEvenWhenTheFirstBoundaryFallsInsideIt() {
        // size 13, seven parts starting at 0, 1, 3, 5, 7, 9, 11: the header "header\n" covers the first four
        assertThat(csvParts("header\n1\n2\n3\n", 7))
                .containsExactly(
                        "header\n", "header\n", "header\n", "header\n", "header\n1\n", "header\n2\n", "header\n3\n");
    }

    @Test
    void aLineLongerThanOneRangedReadIsFinishedAcrossSeveralReads() {
        String longLine = "x".repeat(TableChunks.LINE_STEP_BYTES * 2 + 17) + "\n";
        String table = "h\n" + longLine + "short\n";

        List<String> parts = csvParts(table, 4);

        assertThat(parts.get(0)).isEqualTo("h\n" + longLine);
        assertThat(parts.subList(1, 4)).containsExactly("h\n", "h\n", "h\nshort\n");
    }

    @Test
    void everyRowIsInExactlyThePartWhoseRangeHoldsItsFirstByte() {
        Random random = new Random(18);
        for (int round = 0; round < 400; round++) {
            TableFormat format = random.nextBoolean() ? TableFormat.CSV : TableFormat.JSONL;
            byte[] table = randomTable(random);
            int count = 1 + random.nextInt(random.nextBoolean() ? 5 : 40);

            List<String> expected = bruteForce(table, format, count);
            List<String> actual = parts(table, format, count);

            assertThat(actual)
                    .as("round %d: %s table %s in %d parts", round, format, quoted(table), count)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aPartOfALargeTableReadsAboutItsShareOfTheBytes() throws IOException {
        StringBuilder text = new StringBuilder("id,value\n");
        for (int i = 0; text.length() < 4_000_000; i++) {
            text.append(i).append(',').append(i * 31 % 977).append('\n');
        }
        byte[] table = text.toString().getBytes(UTF_8);
        int count = 8;
        for (int index = 0; index < count; index++) {
            CountingRanges ranges = new CountingRanges(table);
            try (InputStream in = TableChunks.open(ranges, table.length, TableFormat.CSV, chunk(index, count))) {
                in.readAllBytes();
            }
            assertThat(ranges.served)
                    .as("bytes read for part %d", index)
                    .isLessThanOrEqualTo(table.length / count + 1 + 2L * TableChunks.LINE_STEP_BYTES);
        }
    }

    @Test
    void rejectsACountBelowOneAndAnIndexOutsideTheParts() {
        assertThatThrownBy(() -> TableChunks.validate(chunk(0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table chunk {index: 0, count: 0}: count must be at least 1 (the number of parts the"
                        + " table is split into)");
        assertThatThrownBy(() -> TableChunks.validate(chunk(4, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table chunk {index: 4, count: 4}: index must be from 0 to count - 1 (0 to 3)");
        assertThatThrownBy(() -> TableChunks.validate(chunk(-1, 4)))
                .hasMessageContaining("index must be from 0 to count - 1");
    }

    @Test
    void boundariesAreExactForTheLargestSizes() {
        long size = Long.MAX_VALUE - 3;
        int count = Integer.MAX_VALUE;
        for (int index : new int[] {0, 1, 12345, count - 1, count}) {
            long expected = BigInteger.valueOf(size)
                    .multiply(BigInteger.valueOf(index))
                    .divide(BigInteger.valueOf(count))
                    .longValueExact();
            assertThat(TableChunks.boundary(size, index, count)).isEqualTo(expected);
        }
    }

    /** The rule written the slow way: split into lines, give each to the part whose range holds its first byte. */
    private static List<String> bruteForce(byte[] table, TableFormat format, int count) {
        int header = 0;
        if (format == TableFormat.CSV) {
            while (header < table.length && table[header] != '\n') {
                header++;
            }
            header = Math.min(table.length, header + 1);
        }
        List<StringBuilder> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new StringBuilder(new String(table, 0, header, UTF_8)));
        }
        int start = header;
        while (start < table.length) {
            int end = start;
            while (end < table.length && table[end] != '\n') {
                end++;
            }
            end = Math.min(table.length, end + 1);
            int part = 0;
            while ((long) (part + 1) * table.length / count <= start) {
                part++;
            }
            parts.get(part).append(new String(table, start, end - start, UTF_8));
            start = end;
        }
        return parts.stream().map(StringBuilder::toString).toList();
    }

    private static byte[] randomTable(Random random) {
        String[] pieces = {"a", "bc", "1,2", "é", "\r", "x,y,z", "", "0123456789"};
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(4);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            if (i < lines - 1 || random.nextBoolean()) {
                text.append('\n');
            }
        }
        return text.toString().getBytes(UTF_8);
    }

    private static String quoted(byte[] table) {
        return "\"" + new String(table, UTF_8).replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    private static List<String> csvParts(String table, int count) {
        return parts(table.getBytes(UTF_8), TableFormat.CSV, count);
    }

    private static List<String> jsonlParts(String table, int count) {
        return parts(table.getBytes(UTF_8), TableFormat.JSONL, count);
    }

    private static List<String> parts(byte[] table, TableFormat format, int count) {
        return IntStream.range(0, count)
                .mapToObj(index -> {
                    try (InputStream in = TableChunks.open(
                            ByteRanges.of(ByteBuffer.wrap(table)), table.length, format, chunk(index, count))) {
                        return new String(in.readAllBytes(), UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private static TableChunk chunk(int index, int count) {
        return TableChunk.newBuilder().setIndex(index).setCount(count).build();
    }

    /** Inline ranges that count the bytes they serve and refuse a range beyond the table. */
    private static final class CountingRanges implements ByteRanges {

        private final byte[] table;
        private long served;

        CountingRanges(byte[] table) {
            this.table = table;
        }

        @Override
        public InputStream open(long offset, long length) throws IOException {
            assertThat(offset).isNotNegative();
            assertThat(offset + length).isLessThanOrEqualTo(table.length);
            served += length;
            return ByteRanges.of(ByteBuffer.wrap(table)).open(offset, length);
        }
    }
}
