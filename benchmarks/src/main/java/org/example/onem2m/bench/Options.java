package org.example.onem2m.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options; each figure class lists its own, with their defaults. */
public final class Options {
    private final Map<String, String> values = new HashMap<>();
    public final Path out;

    public Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("options are --name value, not " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
            values.put(name, args[++i]);
        }
        out = Path.of(values.getOrDefault("out", "benchmarks/target/results/latest")).toAbsolutePath();
    }

    public int integer(String name, int fallback) { return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback; }

    public long number(String name, long fallback) { return values.containsKey(name) ? Long.parseLong(values.get(name).replace("_", "")) : fallback; }

    public double decimal(String name, double fallback) { return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback; }

    public String text(String name, String fallback) { return values.getOrDefault(name, fallback); }

    /** Extra JVM options for every MAF process, e.g. --maf-jvm "-XX:StartFlightRecording=filename=maf.jfr". */
    public java.util.List<String> mafJvm(String... base) { return jvm("maf-jvm", base); }

    /** {@code base} and the JVM options of option {@code name} (e.g. mef-jvm for the MEF process of figures 10 and 11). */
    public java.util.List<String> jvm(String name, String... base) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(base));
        String extra = text(name, "").trim();
        if (!extra.isEmpty()) all.addAll(java.util.List.of(extra.split("\\s+")));
        return all;
    }

    /** Where preloaded stores are kept between runs (they take a while to build); not inside one run's results. */
    public Path stores() { return Path.of(text("stores", "benchmarks/target/stores")).toAbsolutePath(); }
}
