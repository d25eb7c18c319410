package dev.computefabric.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * CPU time of processes and of their JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}),
 * read from {@code /proc}. On two cores a fresh fabric's compilers take half of its CPU for the first minute of
 * load: a run measured then counts the compiling of code as the cost of its calls. Elsewhere than Linux the
 * compilers read as zero.
 */
final class JitMeter {

    /** One reading: all CPU of the processes, and the part their compilers spent. */
    record Reading(Duration total, Duration compilers) {

        Reading minus(Reading earlier) {
            return new Reading(total.minus(earlier.total), compilers.minus(earlier.compilers));
        }

        /** The compilers' part of the CPU, 0 to 1. */
        double compilerShare() {
            return total.isZero() ? 0 : (double) compilers.toNanos() / total.toNanos();
        }
    }

    /** {@code USER_HZ}, the unit of the times in {@code /proc/<pid>/task/<tid>/stat}: 100 on Linux. */
    private static final Duration TICK = Duration.ofMillis(10);
    /** {@code stat} fields after the command name: utime and stime are the 12th and 13th. */
    private static final int UTIME = 11;

    private static final int STIME = 12;

    private final Collection<Long> pids;

    /** @param pids the processes to read; this JVM is added */
    JitMeter(Collection<Long> pids) {
        this.pids = Stream.concat(
                        pids.stream(), Stream.of(ProcessHandle.current().pid()))
                .distinct()
                .toList();
    }

    Reading read() {
        Duration total = Duration.ZERO;
        Duration compilers = Duration.ZERO;
        for (long pid : pids) {
            total = total.plus(ProcessHandle.of(pid)
                    .flatMap(handle -> handle.info().totalCpuDuration())
                    .orElse(Duration.ZERO));
            compilers = compilers.plus(compilerCpu(pid));
        }
        return new Reading(total, compilers);
    }

    /** The CPU of the compiler threads alive now (a compiler thread that ended takes its time with it). */
    private static Duration compilerCpu(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks += compilerTicks(thread.resolve("stat"));
            }
        } catch (IOException | java.io.UncheckedIOException processEnded) {
            // counted what was there
        }
        return TICK.multipliedBy(ticks);
    }

    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException threadEnded) {
            return 0;
        }
        return compilerTicks(line);
    }

    /** The utime + stime of one thread's {@code stat} line, if that thread is a JIT compiler; else 0. */
    static long compilerTicks(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = statLine.substring(open + 1, close);
        if (!(name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"))) {
            return 0;
        }
        String[] fields = statLine.substring(close + 2).split(" ");
        return Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]);
    }
}
