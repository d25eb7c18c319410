package dev.computefabric.registry.http;

/** What an endpoint answers: an HTTP status and a body Jackson can write. */
public record Response(int status, Object body) {

    public static Response ok(Object body) {
        return new Response(200, body);
    }
}
