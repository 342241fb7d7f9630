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
