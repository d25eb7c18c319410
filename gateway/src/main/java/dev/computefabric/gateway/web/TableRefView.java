package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.avro.TableRef;
import dev.computefabric.gateway.tables.TableFormats;

/** A stored table's reference as {@code POST /v1/tables} answers it. */
@JsonPropertyOrder({"uri", "format", "sizeBytes", "sha256"})
public record TableRefView(String uri, String format, long sizeBytes, String sha256) {

    static TableRefView of(TableRef ref) {
        return new TableRefView(ref.getUri(), TableFormats.name(ref.getFormat()), ref.getSizeBytes(), ref.getSha256());
    }
}
