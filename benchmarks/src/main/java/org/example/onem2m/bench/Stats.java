package org.example.onem2m.bench;

import java.util.Arrays;
import java.util.List;

/** Medians, ranges and verdicts of the figures (public: the tree figures live in a package of their own). */
public final class Stats {
    private Stats() {}

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static double min(List<Double> values) { return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

    public static double max(List<Double> values) { return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }

    public static String range(List<Double> values, String format) {
        return String.format(format, min(values)) + " .. " + String.format(format, max(values));
    }

    public static String verdict(boolean met) { return met ? "MET" : "MISSED"; }
}
