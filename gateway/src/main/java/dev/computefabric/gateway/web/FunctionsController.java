package dev.computefabric.gateway.web;

import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.catalog.FunctionCatalogView;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/functions}: every function the fabric's nodes offer, with its signature, and the live nodes that
 * offer it now with their free slots. Names hold dots ({@code table.describe}), so the path variable takes them.
 */
@RestController
@RequestMapping(FunctionsController.PATH)
public class FunctionsController {

    public static final String PATH = "/v1/functions";

    private final FunctionCatalogView catalog;
    private final FunctionChecks checks;

    public FunctionsController(FunctionCatalogView catalog, FunctionChecks checks) {
        this.catalog = catalog;
        this.checks = checks;
    }

    @GetMapping
    public FunctionView.Listing list() {
        return new FunctionView.Listing(
                catalog.all().stream().map(FunctionViews::of).toList());
    }

    /** One function; {@code 404 function_not_found} with the closest names if no node offers it. */
    @GetMapping("/{name:.+}")
    public CompletableFuture<ResponseEntity<FunctionView>> get(@PathVariable String name) {
        // A ResponseEntity, so that DirectAnswers writes it when the catalog caught up, without a second dispatch.
        return checks.describe(name).thenApply(described -> ResponseEntity.ok(FunctionViews.of(described)));
    }
}
