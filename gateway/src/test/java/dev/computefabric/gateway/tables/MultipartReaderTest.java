package dev.computefabric.gateway.tables;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String BOUNDARY = "----b0undary";

    @Test
    void readsEveryPartWithItsNameFileNameTypeAndBytes() throws IOException {
        String body = "preamble to ignore\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"call\"\r\n"
                + "\r\n"
                + "{\"function\": \"echo\"}\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"sales.csv\"\r\n"
                + "Content-Type: text/csv\r\n"
                + "\r\n"
                + "a,b\r\n1,2\r\n\r\n"
                + "--" + BOUNDARY + "--\r\n"
                + "epilogue";

        List<String> parts = readAll(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY);

        assertThat(parts)
                .containsExactly("call|null|null|{\"function\": \"echo\"}", "data|sales.csv|text/csv|a,b\r\n1,2\r\n");
    }

    @Test
    void findsTheBoundaryWhereverTheReadsSplitIt() throws IOException {
        byte[] table = ("x,y\n" + "1,2\n".repeat(50_000)).getBytes(UTF_8);
        byte[] body = concat(
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"t\"; filename=\"t.csv\"\r\n\r\n")
                        .getBytes(UTF_8),
                table,
                ("\r\n--" + BOUNDARY + "--").getBytes(UTF_8));

        for (int chunk : new int[] {1, 7, 13, 4096, 65_536}) {
            MultipartReader reader = new MultipartReader(trickle(body, chunk), BOUNDARY);
            MultipartReader.Part part = reader.next();
            assertThat(part.body().readAllBytes())
                    .as("reads of %d bytes", chunk)
                    .isEqualTo(table);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aPartLeftUnreadIsSkipped() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskip me\r\n" + "--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nread me\r\n--" + BOUNDARY + "--";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY);

        assertThat(reader.next().name()).isEqualTo("a");
        MultipartReader.Part b = reader.next();

        assertThat(b.name()).isEqualTo("b");
        assertThat(new String(b.body().readAllBytes(), UTF_8)).isEqualTo("read me");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aBodyCutOffInsideAPartIsATruncatedUpload() throws IOException {
        String body = "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.csv\"\r\n\r\na,b\n1,2\n";
        MultipartReader.Part part =
                new MultipartReader(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY).next();

        assertThatThrownBy(() -> part.body().readAllBytes())
                .isInstanceOf(UploadTruncatedException.class)
                .hasMessageContaining("cut off");
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsATruncatedUpload() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + BOUNDARY;
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY);
        reader.next().body().readAllBytes();

        assertThatThrownBy(reader::next).isInstanceOf(UploadTruncatedException.class);
    }

    @Test
    void aPartWithoutContentDispositionIsMalformed() {
        String body = "--" + BOUNDARY + "\r\nContent-Type: text/csv\r\n\r\nx\r\n--" + BOUNDARY + "--";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(UTF_8)), BOUNDARY);

        assertThatThrownBy(reader::next)
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("Content-Disposition");
    }

    @Test
    void aMissingBoundaryIsRefusedWithAnExample() {
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), null))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("boundary=");
    }

    @Test
    void dispositionParametersMayBeQuotedEscapedOrExtended() {
        assertThat(PartHeaders.parse("Content-Disposition: form-data; name=\"a;b\"; filename=\"x\\\"y.csv\""))
                .isEqualTo(new PartHeaders("a;b", "x\"y.csv", null));
        assertThat(
                        PartHeaders.parse(
                                "content-disposition: form-data; name=t; filename*=UTF-8''na%C3%AFve.jsonl\r\nContent-Type: application/x-ndjson"))
                .isEqualTo(new PartHeaders("t", "naïve.jsonl", "application/x-ndjson"));
    }

    private static List<String> readAll(InputStream in, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(in, boundary);
        List<String> parts = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(part.name() + "|" + part.fileName() + "|" + part.contentType() + "|"
                    + new String(part.body().readAllBytes(), UTF_8));
        }
        return parts;
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a network does. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] concat(byte[]... arrays) {
        int length = 0;
        for (byte[] a : arrays) {
            length += a.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }
}
