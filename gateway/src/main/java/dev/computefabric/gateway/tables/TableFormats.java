package dev.computefabric.gateway.tables;

import dev.computefabric.avro.TableFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table's format as HTTP names it: by name ({@code csv}, {@code jsonl}), by media type ({@code text/csv},
 * {@code application/x-ndjson}) or by file name extension ({@code .csv}, {@code .jsonl}, {@code .ndjson}).
 */
public final class TableFormats {

    public static final String CSV_MEDIA_TYPE = "text/csv";
    public static final String JSONL_MEDIA_TYPE = "application/x-ndjson";

    private static final Map<String, TableFormat> MEDIA_TYPES = Map.of(
            CSV_MEDIA_TYPE,
            TableFormat.CSV,
            "application/csv",
            TableFormat.CSV,
            JSONL_MEDIA_TYPE,
            TableFormat.JSONL,
            "application/jsonl",
            TableFormat.JSONL,
            "application/json-lines",
            TableFormat.JSONL,
            "application/jsonlines",
            TableFormat.JSONL,
            "application/x-jsonlines",
            TableFormat.JSONL);
    private static final Map<String, TableFormat> EXTENSIONS = Map.of(
            "csv", TableFormat.CSV,
            "jsonl", TableFormat.JSONL,
            "ndjson", TableFormat.JSONL);

    private TableFormats() {}

    /** {@code csv} or {@code jsonl}, any case. */
    public static Optional<TableFormat> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return Arrays.stream(TableFormat.values())
                .filter(f -> f.name().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** From a {@code Content-Type} header value; parameters such as {@code charset} are ignored. */
    public static Optional<TableFormat> byMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(MEDIA_TYPES.get(type));
    }

    /** From a file name's extension. */
    public static Optional<TableFormat> byFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0
                ? Optional.empty()
                : Optional.ofNullable(EXTENSIONS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The format's name in the API: {@code csv}, {@code jsonl}. */
    public static String name(TableFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    /** The media type a table of this format is served with. */
    public static String mediaType(TableFormat format) {
        return switch (format) {
            case CSV -> CSV_MEDIA_TYPE;
            case JSONL -> JSONL_MEDIA_TYPE;
        };
    }

    /** The file name extension of this format, without the dot. */
    public static String extension(TableFormat format) {
        return name(format);
    }

    /** For messages: {@code "csv" or "jsonl"}. */
    public static String known() {
        return Arrays.stream(TableFormat.values())
                .map(f -> "\"" + name(f) + "\"")
                .collect(Collectors.joining(" or "));
    }
}
