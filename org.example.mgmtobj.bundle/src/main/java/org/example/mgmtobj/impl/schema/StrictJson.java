package org.example.mgmtobj.impl.schema;

import java.io.IOException;
import java.io.StringReader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Parses RFC 8259 JSON strictly with Gson's streaming reader. Gson's tree parser is lenient (unquoted
 * names, single quotes, trailing text) and keeps the last of two members with the same name; TS-0004 8.4.2
 * requires names to be unique, so a request that repeats one (say two {@code et}) is refused instead.
 */
public final class StrictJson {

    public static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) { super(message, null, false, false); }
    }

    private static final int MAX_DEPTH = 32;

    private StrictJson() {}

    public static JsonElement parse(String text) throws MalformedJsonException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new MalformedJsonException("unexpected text after the JSON value");
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new MalformedJsonException(e.getMessage());
        }
    }

    /**
     * A number as written: an integer literal (no fraction, no exponent) as a BigInteger, anything else as a BigDecimal,
     * so that a type check can tell 1022 from 1022.0 or 1.022e3 (equal numbers, but not an xs:integer as written).
     */
    private static JsonPrimitive number(String text) {
        boolean integerLiteral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        return new JsonPrimitive(integerLiteral ? new java.math.BigInteger(text) : new java.math.BigDecimal(text));
    }

    private static JsonElement read(JsonReader reader, int depth) throws IOException, MalformedJsonException {
        if (depth > MAX_DEPTH) throw new MalformedJsonException("nested deeper than " + MAX_DEPTH + " levels");
        switch (reader.peek()) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) throw new MalformedJsonException("member '" + name + "' appears twice at " + reader.getPath());
                    object.add(name, read(reader, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) array.add(read(reader, depth + 1));
                reader.endArray();
                return array;
            }
            case STRING: return new JsonPrimitive(reader.nextString());
            case NUMBER: return number(reader.nextString());
            case BOOLEAN: return new JsonPrimitive(reader.nextBoolean());
            case NULL: reader.nextNull(); return JsonNull.INSTANCE;
            default: throw new MalformedJsonException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }
}
