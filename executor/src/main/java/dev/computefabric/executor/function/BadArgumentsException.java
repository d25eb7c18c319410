package dev.computefabric.executor.function;

/** The call's arguments cannot be used; the message names the field and what a valid value looks like. */
public final class BadArgumentsException extends CallException {

    public BadArgumentsException(String message) {
        super(ErrorKind.BAD_ARGUMENTS, message);
    }
}
