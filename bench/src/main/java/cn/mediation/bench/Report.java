package cn.mediation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures: a table for people (printed as each section completes) and a JSON map for tools. */
final class Report {

    private final PrintStream out;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        emit("");
        emit("== " + title);
    }

    void note(String text) {
        emit("   " + text);
    }

    /** A figure with a label and unit; stored under {@code key} in the JSON unless key is null. */
    void row(String label, double value, String unit, String key) {
        emit(String.format(Locale.ROOT, "   %-52s %14s %s", label, format(value), unit));
        if (key != null) {
            figures.put(key, round(value));
        }
    }

    /** A row of several figures, e.g. median and p99 at two sizes. */
    void columns(String label, String... cells) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-30s", label));
        for (String cell : cells) {
            line.append(String.format(Locale.ROOT, " %13s", cell));
        }
        emit(line.toString());
    }

    Object figure(String key) {
        return figures.get(key);
    }

    void put(String key, Object value) {
        figures.put(key, value instanceof Double d ? round(d) : value);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 1_000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static Object round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double abs = Math.abs(value);
        double scale = abs >= 100 ? 10 : 1000;
        return Math.round(value * scale) / scale;
    }

    private void emit(String line) {
        lines.add(line);
        out.println(line);
        out.flush();
    }

    void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    }

    List<String> lines() {
        return lines;
    }
}
