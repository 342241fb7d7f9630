package org.example.onem2m.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was made on, for BENCHMARKS.md. */
final class Machine {
    private Machine() {}

    static void describe(Log log) {
        log.line("machine: %d cores (availableProcessors), CPU %s, %s", Runtime.getRuntime().availableProcessors(), cpu(), memory());
        log.line("java: %s %s (%s), %s %s", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
        log.line("openssl: %s", OpenSslPeer.openssl().isPresent() ? OpenSslPeer.version() : "not found");
        load(log);
    }

    static void load(Log log) {
        log.line("load average: %s", read("/proc/loadavg").trim());
    }

    /**
     * Waits (at most {@code maxSeconds}) until, over 3 s, processes other than this one and its children use less
     * than 5 % of the machine: this machine is shared, and a build running next to a figure moves it a lot.
     * Says so, and how busy it still was, either way.
     */
    static void awaitQuiet(Log log, double maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        double others;
        do {
            Load.CpuWindow cpu = new Load.CpuWindow();
            Thread.sleep(3000);
            cpu.end();
            others = cpu.others();
            if (Double.isNaN(others) || others < 0.05) return;
        } while (System.nanoTime() < deadline);
        log.line("(other jobs still use %.0f%% of the machine after waiting %.0f s for them; measuring anyway)", 100 * others, maxSeconds);
    }

    private static String cpu() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        }
        return "unknown";
    }

    private static String memory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal")) return "memory " + line.substring(line.indexOf(':') + 1).trim();
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (Exception e) {
            return "";
        }
    }
}
