package dev.computefabric.executor.dispatch;

import dev.computefabric.avro.FuncCall;

/** What a record on a capability topic turned out to be. */
public sealed interface Decoded {

    /** A call to run. */
    record Call(FuncCall call) implements Decoded {}

    /** Never a call, however often it is read: it goes to the dead-letter topic with this reason. */
    record Poison(String reason) implements Decoded {}

    /** Cannot be decoded right now (the schema registry is unreachable); try the same record again later. */
    record Unavailable(String reason) implements Decoded {}
}
