package org.example.mef.impl.commands;

import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reading the nested objects of a command description; tef's {@link org.example.tef.core.Content} reads the
 * wrapper's own attributes. Every failure is an {@link IllegalArgumentException} naming the element and the reason.
 */
final class JsonFields {
    private JsonFields() {}

    /** Refuses members outside {@code allowed}: a misspelt name would otherwise be silently ignored. */
    static void only(JsonObject o, Set<String> allowed, String where) {
        for (String name : o.keySet()) {
            if (!allowed.contains(name)) throw new IllegalArgumentException("unknown element '" + name + "' in " + where + "; it accepts " + allowed);
        }
    }

    static boolean has(JsonObject o, String name) { return o.has(name) && !o.get(name).isJsonNull(); }

    static JsonObject object(JsonObject o, String name, String where) {
        JsonElement e = required(o, name, where);
        if (!e.isJsonObject()) throw new IllegalArgumentException("'" + name + "' in " + where + " must be a JSON object");
        return e.getAsJsonObject();
    }

    static String string(JsonObject o, String name, String where) {
        return optionalString(o, name, where).orElseThrow(() -> missing(name, where));
    }

    static Optional<String> optionalString(JsonObject o, String name, String where) {
        if (!has(o, name)) return Optional.empty();
        JsonElement e = o.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            throw new IllegalArgumentException("'" + name + "' in " + where + " must be a non-empty string");
        }
        return Optional.of(e.getAsString());
    }

    static int integer(JsonObject o, String name, String where) {
        JsonElement e = required(o, name, where);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("'" + name + "' in " + where + " must be a whole number");
        }
        try {
            // exact: Gson's getAsInt() would turn 20.5 into 20 and 4294967316 into 20
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException notAnInt) {
            throw new IllegalArgumentException("'" + name + "' in " + where + " must be a whole number, not " + e.getAsBigDecimal().toPlainString());
        }
    }

    private static JsonElement required(JsonObject o, String name, String where) {
        if (!has(o, name)) throw missing(name, where);
        return o.get(name);
    }

    private static IllegalArgumentException missing(String name, String where) {
        return new IllegalArgumentException("missing element '" + name + "' in " + where);
    }
}
