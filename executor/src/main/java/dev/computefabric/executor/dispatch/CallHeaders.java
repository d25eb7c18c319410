package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.FuncCall;
import org.apache.kafka.common.header.Headers;

/** Told of every call decoded, with its record's headers: how a trace context gets from the record to the run. */
@FunctionalInterface
public interface CallHeaders {

    CallHeaders IGNORED = (call, headers) -> {};

    void seen(FuncCall call, Headers headers);
}
