package dev.computefabric.cli;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.tokens.TokenAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./fabric tokens}: the API tokens of a fabric whose gateways run with {@code fabric.security.enabled}.
 * Tokens live, hashed, on {@code fabric.tokens}; every gateway follows it.
 */
@Command(
        name = "tokens",
        mixinStandardHelpOptions = true,
        description = "Create, revoke and list the API tokens the gateways accept (docs/security.md).",
        subcommands = {TokensCommand.Create.class, TokensCommand.Revoke.class, TokensCommand.ListTokens.class})
final class TokensCommand {

    /** Where the fabric's Kafka and schema registry are. */
    static final class Target {
        @Option(
                names = "--bootstrap",
                defaultValue = "127.0.0.1:9092",
                description = "Kafka (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        @Option(
                names = "--registry",
                defaultValue = "http://127.0.0.1:8081",
                description = "Schema registry (default: ${DEFAULT-VALUE}).")
        String registry;

        /** On a --secure fabric, as the Kafka admin: FABRIC_KAFKA_USER=admin, FABRIC_KAFKA_PASSWORD from its secrets. */
        TokenAdmin admin() {
            return TokenAdmin.as(bootstrap, registry, FabricCredentials.fromEnvironment());
        }

        /**
         * Runs {@code work} against the fabric; a failure is one line on stderr that says what to check and exit
         * code 1, not a stack trace.
         */
        int run(Function<TokenAdmin, Integer> work) {
            try {
                return work.apply(admin());
            } catch (RuntimeException e) {
                System.err.println("tokens: " + e.getMessage() + " (Kafka " + bootstrap + ", registry " + registry
                        + "). On a --secure fabric set FABRIC_KAFKA_USER=admin and FABRIC_KAFKA_PASSWORD (its line in"
                        + " <data-dir>/secrets/kafka-users.properties).");
                return 1;
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Mint a token and print it, once.")
    static final class Create implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--principal", required = true, description = "Who the token stands for, e.g. alice.")
        String principal;

        @Option(names = "--groups", split = ",", description = "Its groups, comma-separated, e.g. analysts,ml-team.")
        List<String> groups = List.of();

        @Option(names = "--expires", description = "Valid for this long: 30d, 12h, 15m, 90s (default: until revoked).")
        String expires;

        @Override
        public Integer call() {
            Optional<Duration> ttl = Optional.ofNullable(expires).map(TokensCommand::duration);
            return target.run(admin -> print(admin.create(principal, groups, ttl)));
        }

        private int print(TokenAdmin.Issued issued) {
            System.out.println(issued.token());
            System.err.println("token " + issued.record().getTokenId() + " for " + principal + " " + groups
                    + (issued.record().getExpiresAt() == null
                            ? ""
                            : ", expires " + issued.record().getExpiresAt())
                    + ". Shown once: only its hash is stored.");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token on every gateway.")
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "TOKEN-OR-ID", description = "The token id (from list) or the token itself.")
        String token;

        @Override
        public Integer call() {
            return target.run(admin -> {
                if (!admin.revoke(token)) {
                    System.err.println("no such token; ./fabric tokens list shows the ids");
                    return 1;
                }
                System.out.println("revoked");
                return 0;
            });
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The tokens not revoked: ids, principals, groups, no secrets.")
    static final class ListTokens implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            return target.run(admin -> print(admin.list()));
        }

        private static int print(List<ApiToken> tokens) {
            System.out.printf("%-16s  %-20s  %-30s  %s%n", "ID", "PRINCIPAL", "GROUPS", "EXPIRES");
            for (ApiToken token : tokens) {
                System.out.printf(
                        "%-16s  %-20s  %-30s  %s%n",
                        token.getTokenId(),
                        token.getPrincipal(),
                        String.join(",", token.getGroups()),
                        token.getExpiresAt() == null ? "never" : token.getExpiresAt());
            }
            return 0;
        }
    }

    private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

    /** {@code 30d}, {@code 12h}, {@code 15m}, {@code 90s}, or ISO-8601 ({@code PT12H}). */
    static Duration duration(String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--expires takes 30d, 12h, 15m, 90s or an ISO-8601 duration, got: " + text);
        }
    }
}
