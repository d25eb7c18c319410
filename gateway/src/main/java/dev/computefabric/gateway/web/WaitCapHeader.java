package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.RequestedWait;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * {@code Fabric-Wait-Capped: 60s}: the client asked to wait longer than the gateway's maximum
 * ({@code fabric.max-wait}), and the answer came after at most this long. A call still running is then answered
 * with its current state; asking again ({@code GET /v1/calls/{id}?wait=60s}) waits more.
 */
final class WaitCapHeader {

    static final String NAME = "Fabric-Wait-Capped";

    private WaitCapHeader() {}

    /** Adds the header to {@code answer} when {@code wait} was capped. */
    static <B extends ResponseEntity.HeadersBuilder<B>> B on(B answer, Optional<RequestedWait> wait) {
        wait.filter(RequestedWait::capped).ifPresent(capped -> answer.header(NAME, capped.text()));
        return answer;
    }
}
