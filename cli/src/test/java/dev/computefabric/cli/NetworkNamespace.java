package dev.computefabric.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A network namespace joined to this one by a veth pair: a process started with {@link #exec()} in front of its
 * command sees only the namespace's loopback and its end of the veth, and reaches this machine as another host
 * would, over the veth. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) and {@code ip}; {@link #create()} throws
 * {@link Unavailable} where namespaces cannot be made, for a test to skip.
 *
 * <p>Each namespace gets a /30 of {@value #POOL_PREFIX}0.0/16 that no interface here uses: the host end is
 * {@code .1}, the namespace end {@code .2}, and the namespace's default route points at the host end, so it reaches
 * every address of this machine, including another namespace's host end, but not this machine's 127.0.0.1. Names
 * carry the creating JVM's pid ({@code cfab-<pid>-<n>}, veths {@code cfab<pid>h<n>} and {@code cfab<pid>n<n>}):
 * parallel runs do not collide, and whatever a run that died left behind is removed by the next.
 */
final class NetworkNamespace implements AutoCloseable {

    /** The first two octets of the addresses handed out: 10.231.0.0/16, 16,384 /30 subnets. */
    static final String POOL_PREFIX = "10.231.";

    static final int POOL_SUBNETS = 256 * 256 / 4;
    private static final String NAME_PREFIX = "cfab";
    private static final Pattern OWNED = Pattern.compile(NAME_PREFIX + "-?(\\d+)[-hn](\\d+)");
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int ADDRESS_ATTEMPTS = 20;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Object ADDRESSES = new Object();

    /** Namespaces cannot be made here: not root, no {@code ip}, or the kernel or container refuses. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final String ip;
    private final String name;
    private final String hostVeth;
    private final String namespaceVeth;
    private int subnet = -1;

    private NetworkNamespace(String ip, String name, String hostVeth, String namespaceVeth) {
        this.ip = ip;
        this.name = name;
        this.hostVeth = hostVeth;
        this.namespaceVeth = namespaceVeth;
    }

    /** Makes a namespace with its veth pair, addresses and route; on failure removes what it made. */
    static NetworkNamespace create() {
        String ip = tool("ip")
                .orElseThrow(() -> new Unavailable("no ip command (iproute2) in /usr/sbin, /sbin or /usr/bin"));
        removeLeftovers(ip);
        long pid = ProcessHandle.current().pid();
        int n = SEQUENCE.incrementAndGet();
        NetworkNamespace namespace = new NetworkNamespace(
                ip, NAME_PREFIX + "-" + pid + "-" + n, NAME_PREFIX + pid + "h" + n, NAME_PREFIX + pid + "n" + n);
        Result added = run(List.of(ip, "netns", "add", namespace.name));
        if (!added.ok()) {
            throw new Unavailable("cannot create a network namespace (ip netns add): "
                    + added.output().strip());
        }
        try {
            namespace.connect();
            return namespace;
        } catch (RuntimeException e) {
            try {
                namespace.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void connect() {
        Result veth =
                run(List.of(ip, "link", "add", hostVeth, "type", "veth", "peer", "name", namespaceVeth, "netns", name));
        if (!veth.ok()) {
            String output = veth.output().strip();
            boolean refused = Stream.of(
                            "Operation not permitted", "Permission denied", "not supported", "Unknown device")
                    .anyMatch(output::contains);
            String message = "cannot create a veth pair into " + name + ": " + output;
            throw refused ? new Unavailable(message) : new IllegalStateException(message);
        }
        required(List.of(ip, "-n", name, "link", "set", "lo", "up"));
        assignSubnet();
        required(List.of(ip, "link", "set", hostVeth, "up"));
        required(List.of(ip, "-n", name, "addr", "add", namespaceAddress() + "/30", "dev", namespaceVeth));
        required(List.of(ip, "-n", name, "link", "set", namespaceVeth, "up"));
        // Everything beyond the /30 goes to the host end: the stack may listen on another namespace's host end.
        required(List.of(ip, "-n", name, "route", "add", "default", "via", hostAddress()));
    }

    /**
     * A /30 no interface here has an address in. Another run may pick the same one between our look and our add,
     * so we look again after adding and move on if the subnet turned out to be shared.
     */
    private void assignSubnet() {
        synchronized (ADDRESSES) {
            int start = (int) Math.floorMod(ProcessHandle.current().pid() * 31 + SEQUENCE.get() * 7L, POOL_SUBNETS);
            Set<Integer> tried = new HashSet<>();
            for (int attempt = 0; attempt < ADDRESS_ATTEMPTS; attempt++) {
                Set<Integer> used = usedSubnets(
                        required(List.of(ip, "-o", "-4", "addr", "show")).output());
                used.addAll(tried);
                int candidate = freeSubnet(used, start);
                tried.add(candidate);
                required(List.of(ip, "addr", "add", address(candidate, 1) + "/30", "dev", hostVeth));
                subnet = candidate;
                long holders = required(List.of(ip, "-o", "-4", "addr", "show"))
                        .output()
                        .lines()
                        .filter(line -> subnetOf(line).equals(Optional.of(candidate)))
                        .count();
                if (holders == 1) {
                    return;
                }
                required(List.of(ip, "addr", "del", address(candidate, 1) + "/30", "dev", hostVeth));
                subnet = -1;
            }
            throw new IllegalStateException("no free /30 in " + POOL_PREFIX + "0.0/16 after " + ADDRESS_ATTEMPTS
                    + " attempts: other runs keep taking the ones we pick");
        }
    }

    /** The namespace's name, for {@code ip netns exec} and {@code /run/netns/<name>}. */
    String name() {
        return name;
    }

    /** This machine's end of the veth: where processes in the namespace reach servers listening on it. */
    String hostAddress() {
        return address(subnet, 1);
    }

    /** The namespace's end of the veth: where this machine sees the namespace's connections come from. */
    String namespaceAddress() {
        return address(subnet, 2);
    }

    /** The words to put in front of a command to run it in the namespace; {@code ip netns exec} execs in place. */
    List<String> exec() {
        return List.of(ip, "netns", "exec", name);
    }

    /** The namespace's identity as {@code /proc/<pid>/ns/net} of a process in it shows it: {@code net:[<inode>]}. */
    String identity() {
        try {
            return "net:[" + Files.getAttribute(Path.of("/run/netns", name), "unix:ino") + "]";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inode of /run/netns/" + name, e);
        }
    }

    /** The network namespace a process is in, as {@link #identity()} names it. */
    static String namespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network namespace of pid " + pid, e);
        }
    }

    /**
     * Adds {@code delay} to every packet leaving the namespace ({@code tc qdisc ... netem}). Empty when it took; else
     * why not: netem is a kernel module ({@code sch_netem}) that some kernels are built without.
     */
    Optional<String> delayOutgoing(Duration delay) {
        Optional<String> tc = tool("tc");
        if (tc.isEmpty()) {
            return Optional.of("no tc command");
        }
        Result added = run(concat(
                exec(),
                List.of(
                        tc.get(),
                        "qdisc",
                        "add",
                        "dev",
                        namespaceVeth,
                        "root",
                        "netem",
                        "delay",
                        delay.toMillis() + "ms")));
        return added.ok()
                ? Optional.empty()
                : Optional.of("tc netem failed: " + added.output().strip());
    }

    /** Whether a TCP connection from inside the namespace to {@code host:port} is accepted. */
    boolean canConnect(String host, int port) {
        Result connected =
                run(concat(exec(), List.of("timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port)));
        return connected.ok();
    }

    /** Removes the veth pair (and with it the addresses) and the namespace; the name and /30 are free again. */
    @Override
    public void close() {
        // Deleting the namespace alone leaves the pair to the kernel's asynchronous cleanup: delete it first.
        Result link = run(List.of(ip, "link", "del", hostVeth));
        Result namespace = run(List.of(ip, "netns", "del", name));
        if (!namespace.ok() && Files.exists(Path.of("/run/netns", name))) {
            throw new IllegalStateException("cannot delete network namespace " + name + ": "
                    + namespace.output().strip()
                    + (link.ok() ? "" : "; veth: " + link.output().strip()));
        }
    }

    @Override
    public String toString() {
        return subnet < 0 ? name : name + "[" + namespaceAddress() + " via " + hostVeth + " " + hostAddress() + "]";
    }

    /** Namespaces and veths named by a JVM that no longer runs: a test run killed before its cleanup. */
    static void removeLeftovers(String ip) {
        for (String namespace : firstWords(run(List.of(ip, "netns", "list")).output())) {
            if (ownedByADeadProcess(namespace)) {
                Matcher owned = OWNED.matcher(namespace);
                if (owned.matches()) {
                    run(List.of(ip, "link", "del", NAME_PREFIX + owned.group(1) + "h" + owned.group(2)));
                }
                run(List.of(ip, "netns", "del", namespace));
            }
        }
        for (String link : linkNames(run(List.of(ip, "-o", "link", "show")).output())) {
            if (ownedByADeadProcess(link)) {
                run(List.of(ip, "link", "del", link));
            }
        }
    }

    static boolean ownedByADeadProcess(String name) {
        Matcher owned = OWNED.matcher(name);
        if (!owned.matches()) {
            return false;
        }
        long pid = Long.parseLong(owned.group(1));
        return pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
    }

    /** The /30 subnets of the pool that hold an address in {@code ip -o -4 addr show} output. */
    static Set<Integer> usedSubnets(String addrShow) {
        Set<Integer> used = new HashSet<>();
        addrShow.lines()
                .map(NetworkNamespace::subnetOf)
                .flatMap(Optional::stream)
                .forEach(used::add);
        return used;
    }

    /** The first subnet from {@code start} on (wrapping around) that is not in {@code used}. */
    static int freeSubnet(Set<Integer> used, int start) {
        for (int i = 0; i < POOL_SUBNETS; i++) {
            int candidate = (start + i) % POOL_SUBNETS;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("every /30 of " + POOL_PREFIX + "0.0/16 is in use");
    }

    /** Host {@code host} (1 or 2) of subnet {@code subnet}: subnet 0 is 10.231.0.0/30, subnet 64 is 10.231.1.0/30. */
    static String address(int subnet, int host) {
        if (subnet < 0) {
            throw new IllegalStateException("no subnet assigned");
        }
        int offset = subnet * 4 + host;
        return POOL_PREFIX + (offset / 256) + "." + (offset % 256);
    }

    private static Optional<Integer> subnetOf(String addrShowLine) {
        Matcher inet = INET.matcher(addrShowLine);
        if (!inet.find() || !inet.group(1).startsWith(POOL_PREFIX)) {
            return Optional.empty();
        }
        String[] octets = inet.group(1).split("\\.");
        return Optional.of((Integer.parseInt(octets[2]) * 256 + Integer.parseInt(octets[3])) / 4);
    }

    private static List<String> firstWords(String output) {
        return output.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0])
                .toList();
    }

    /** Names in {@code ip -o link show} output: {@code 56: cfab12h1@if55: <...>} is {@code cfab12h1}. */
    static List<String> linkNames(String output) {
        List<String> names = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length >= 2) {
                names.add(parts[1].split("@")[0].strip());
            }
        }
        return names;
    }

    private static Optional<String> tool(String command) {
        return Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")
                .map(dir -> Path.of(dir + command))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private Result required(List<String> command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
        return result;
    }

    /** Runs {@code command} to its end, killing it after {@link #COMMAND_TIMEOUT}; stdout and stderr together. */
    static Result run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Read on another thread, so a command that hangs cannot hold us past the timeout; killing it ends the
            // read.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT);
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of pid " + process.pid(), e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
