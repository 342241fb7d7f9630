package org.example.tef.core;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.example.onem2m.primitive.M2mTimestamp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The attributes of one MAF or MEF primitive's content, read with the checks every procedure needs; each failure is
 * an {@link IllegalArgumentException} whose message says which attribute is wrong and why.
 */
public final class Content {
    private final String wrapper;
    private final JsonObject attributes;

    private Content(String wrapper, JsonObject attributes) {
        this.wrapper = wrapper;
        this.attributes = attributes;
    }

    /** Parses {@code {"<wrapper>": {...}}} strictly (RFC 8259) and refuses attributes outside {@code allowed}. */
    public static Content parse(String json, Set<String> wrappers, Set<String> allowed) {
        Content c = parseAnyAttributes(json, wrappers);
        for (String name : c.attributes.keySet()) {
            if (!allowed.contains(name)) throw new IllegalArgumentException("unknown attribute '" + name + "' in " + c.wrapper + "; it accepts " + allowed);
        }
        return c;
    }

    /**
     * Parses {@code {"<wrapper>": {...}}} strictly (RFC 8259), whatever attributes the object holds: for contents
     * this project does not define, such as the client configuration a stakeholder provides (8.8.2.4, 8.3.5.2.4).
     */
    public static Content parseAnyAttributes(String json, Set<String> wrappers) {
        if (json == null || json.isBlank()) throw new IllegalArgumentException("the request has no content");
        JsonElement parsed;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new IllegalArgumentException("the content is not valid JSON: text after the value");
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("the content")) throw (IllegalArgumentException) e;
            throw new IllegalArgumentException("the content is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isJsonObject() || parsed.getAsJsonObject().size() != 1) {
            throw new IllegalArgumentException("the content is one JSON object with a single member, one of " + wrappers);
        }
        String wrapper = parsed.getAsJsonObject().keySet().iterator().next();
        if (!wrappers.contains(wrapper)) throw new IllegalArgumentException("'" + wrapper + "' is not expected here; send one of " + wrappers);
        JsonElement inner = parsed.getAsJsonObject().get(wrapper);
        if (!inner.isJsonObject()) throw new IllegalArgumentException("'" + wrapper + "' holds a JSON object of attributes");
        return new Content(wrapper, inner.getAsJsonObject());
    }

    /** The content again as JSON text, {@code {"<wrapper>": {...}}}. */
    public String json() { return wrap(wrapper, attributes); }

    public String wrapper() { return wrapper; }

    public boolean has(String name) { return attributes.has(name) && !attributes.get(name).isJsonNull(); }

    public boolean isEmpty() { return attributes.size() == 0; }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new IllegalArgumentException("missing attribute '" + name + "'"));
    }

    public Optional<String> optionalString(String name) {
        if (!has(name)) return Optional.empty();
        JsonElement e = attributes.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            throw new IllegalArgumentException("attribute '" + name + "' must be a non-empty string");
        }
        return Optional.of(e.getAsString());
    }

    /** A string attribute's value, or any other attribute as its JSON text (e.g. a list of childResource references). */
    public Optional<String> optionalText(String name) {
        if (!has(name)) return Optional.empty();
        JsonElement e = attributes.get(name);
        return Optional.of(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : e.toString());
    }

    public Instant requiredTimestamp(String name) {
        return optionalTimestamp(name).orElseThrow(() -> new IllegalArgumentException("missing attribute '" + name + "' (expirationTime)"));
    }

    public Optional<Instant> optionalTimestamp(String name) {
        Optional<String> text = optionalString(name);
        try {
            return text.map(M2mTimestamp::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("attribute '" + name + "' must be an m2m:timestamp such as 20301231T235959, not " + text.get());
        }
    }

    public int requiredInt(String name) {
        if (!has(name)) throw new IllegalArgumentException("missing attribute '" + name + "'");
        JsonElement e = attributes.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || e.getAsBigDecimal().stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("attribute '" + name + "' must be a whole number");
        }
        try {
            // Gson's getAsInt() truncates 99999999999 to some int without a word; an SUID must not change that way.
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("attribute '" + name + "' is " + e.getAsBigDecimal().toPlainString() + ", beyond a 32-bit whole number");
        }
    }

    /** A list of strings; a present but empty list is returned as such. */
    public Optional<List<String>> optionalStringList(String name) {
        if (!has(name)) return Optional.empty();
        JsonElement e = attributes.get(name);
        if (!e.isJsonArray()) throw new IllegalArgumentException("attribute '" + name + "' must be a list of strings");
        List<String> values = new ArrayList<>();
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString() || item.getAsString().isBlank()) {
                throw new IllegalArgumentException("attribute '" + name + "' must be a list of non-empty strings");
            }
            values.add(item.getAsString());
        }
        return Optional.of(values);
    }

    public Optional<byte[]> optionalBase64(String name) {
        Optional<String> text = optionalString(name);
        try {
            return text.map(t -> Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute '" + name + "' must be base64");
        }
    }

    public static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    public static String wrap(String wrapper, JsonObject attributes) {
        JsonObject o = new JsonObject();
        o.add(wrapper, attributes);
        return o.toString();
    }
}
