package org.example.mgmtobj.impl.schema;

import org.example.onem2m.primitive.M2mTimestamp;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;

import org.example.mgmtobj.api.AttributeType;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Checks one JSON value against an {@link AttributeType}. Each check returns null when the value fits, or a
 * phrase that completes "must be ..." for the error message.
 */
public final class TypeChecks {

    /** TS-0004 table 6.3.4.2.39-1; SUID 31, used by TS-0003 8.3.9.9.2, is not in it (FACTS.md 6.1). */
    public static final Set<Integer> SUIDS = Set.of(10, 11, 12, 13, 14, 15, 21, 22, 23, 24, 25,
            32, 33, 34, 35, 40, 41, 42, 43, 44, 45);

    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern SCHEDULE_ENTRY = Pattern.compile("[0-9*/,-]+( +[0-9*/,-]+){6}");
    private static final DatatypeFactory DATATYPES = datatypeFactory();

    private TypeChecks() {}

    public static String check(AttributeType type, JsonElement value) {
        switch (type) {
            case STRING: return string(value) ? null : "a string";
            case ID: return nonEmptyString(value) ? null : "a non-empty string (an m2m:ID)";
            case ANY_URI: return uri(value) ? null : "a URI (xs:anyURI)";
            case FQDN: return string(value) && FQDN.matcher(value.getAsString()).matches()
                    ? null : "a fully qualified domain name such as mef.example.com";
            case TIMESTAMP: return timestamp(value) ? null : "an m2m:timestamp such as 20301231T235959";
            case DURATION: return positiveDuration(value) ? null : "a positive xs:duration such as PT1H or P30D";
            case BASE64: return base64(value) ? null : "base64 text";
            case POSITIVE_INTEGER: return integer(value, 1, Long.MAX_VALUE, "a positive integer");
            case BOOLEAN: return value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() ? null : "true or false";
            case PORT: return integer(value, 0, 65535, "a port number from 0 to 65535");
            case MGMT_DEFINITION: return integer(value, 0, Integer.MAX_VALUE, "an m2m:mgmtDefinition number");
            case SUID: return suid(value) ? null : "one of the SUIDs of TS-0004 table 6.3.4.2.39-1 " + sortedSuids();
            case SUID_LIST: return suidList(value) ? null
                    : "a non-empty list of SUIDs of TS-0004 table 6.3.4.2.39-1 " + sortedSuids();
            case CIPHER_SUITE_LIST: return listOf(value, v -> integerIn(v, 0, 65535))
                    ? null : "a list of TLS cipher-suite code points (numbers from 0 to 65535)";
            case STRING_LIST: return listOf(value, TypeChecks::string) ? null : "a list of strings";
            case URI_LIST: return listOf(value, TypeChecks::uri) ? null : "a list of URIs";
            case SCHEDULE_ENTRIES: return scheduleEntriesList(value) ? null
                    : "a non-empty list of m2m:scheduleEntries such as [{\"sce\": [\"* 0-5 2,6,10 * * * *\"]}] (or one such object),"
                    + " each entry seven space-separated fields: second minute hour day-of-month month day-of-week year";
            case MGMT_LINK_LIST: return linkList(value) ? null
                    : "a list of m2m:mgmtLinkRef objects such as [{\"nm\": \"authProfile\", \"typ\": 1022, \"val\": \"<resourceID>\"}]";
            case READ_ONLY: return "set by the CSE only";
            default: throw new IllegalStateException("no check for " + type);
        }
    }

    /** Parses an xs:duration already checked by {@link #check}; months and years are taken at their length from now. */
    public static java.time.Duration duration(String text) {
        Duration d = DATATYPES.newDuration(text);
        return java.time.Duration.ofMillis(d.getTimeInMillis(new java.util.Date()));
    }

    private static boolean string(JsonElement v) {
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
    }

    private static boolean nonEmptyString(JsonElement v) {
        return string(v) && !v.getAsString().isBlank();
    }

    private static boolean uri(JsonElement v) {
        if (!nonEmptyString(v)) return false;
        try {
            new URI(v.getAsString());
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean timestamp(JsonElement v) {
        if (!string(v)) return false;
        try {
            M2mTimestamp.parse(v.getAsString());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean positiveDuration(JsonElement v) {
        if (!string(v)) return false;
        try {
            Duration d = DATATYPES.newDuration(v.getAsString());
            return d.getSign() > 0;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean base64(JsonElement v) {
        if (!nonEmptyString(v)) return false;
        try {
            Base64.getDecoder().decode(v.getAsString());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** null when the value is an integer from min to max, else the phrase, saying how to write it when that was the fault. */
    private static String integer(JsonElement v, long min, long max, String phrase) {
        if (integerIn(v, min, max)) return null;
        boolean decimal = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() && v.getAsNumber() instanceof BigDecimal;
        return decimal ? phrase + ", written without a fraction or an exponent" : phrase;
    }

    /**
     * A JSON number written as an integer: {@code 1022}, not {@code 1022.0} or {@code 1.022e3}, which are the same number
     * but not an xs:integer's lexical form (and would be stored and answered as sent). StrictJson reads only an integer
     * literal as a BigInteger; a fraction or an exponent makes a BigDecimal.
     */
    static boolean integerIn(JsonElement v, long min, long max) {
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) return false;
        Number number = v.getAsNumber();
        if (number instanceof BigDecimal || number instanceof Double || number instanceof Float) return false;
        BigDecimal n = v.getAsBigDecimal();
        return n.compareTo(BigDecimal.valueOf(min)) >= 0 && n.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private static boolean suid(JsonElement v) {
        return integerIn(v, 0, 99) && SUIDS.contains(v.getAsInt());
    }

    private static boolean suidList(JsonElement v) {
        return v.isJsonArray() && v.getAsJsonArray().size() > 0 && listOf(v, TypeChecks::suid);
    }

    private static boolean listOf(JsonElement v, java.util.function.Predicate<JsonElement> element) {
        if (!v.isJsonArray()) return false;
        for (JsonElement e : v.getAsJsonArray()) {
            if (!element.test(e)) return false;
        }
        return true;
    }

    /**
     * A list of m2m:scheduleEntries (FACTS.md 1.4, ACME's form) or, as clients sent before, one such object;
     * {@link CanonicalForms} stores the list.
     */
    private static boolean scheduleEntriesList(JsonElement v) {
        if (v.isJsonObject()) return scheduleEntries(v);
        return v.isJsonArray() && v.getAsJsonArray().size() > 0 && listOf(v, TypeChecks::scheduleEntries);
    }

    private static boolean scheduleEntries(JsonElement v) {
        if (!v.isJsonObject()) return false;
        JsonObject o = v.getAsJsonObject();
        return o.size() == 1 && o.has("sce") && o.get("sce").isJsonArray()
                && o.getAsJsonArray("sce").size() > 0 && listOf(o.get("sce"), TypeChecks::scheduleEntry);
    }

    /** One m2m:scheduleEntry, in the seven-field form the examples use: {@code second minute hour day month weekday year}. */
    private static boolean scheduleEntry(JsonElement v) {
        return nonEmptyString(v) && SCHEDULE_ENTRY.matcher(v.getAsString().trim()).matches();
    }

    private static boolean linkList(JsonElement v) {
        if (!v.isJsonArray()) return false;
        JsonArray links = v.getAsJsonArray();
        for (JsonElement e : links) {
            if (!e.isJsonObject()) return false;
            JsonObject link = e.getAsJsonObject();
            for (String key : link.keySet()) {
                if (!Set.of("nm", "typ", "val").contains(key)) return false;
            }
            if (link.has("nm") && !string(link.get("nm"))) return false;
            if (!link.has("typ") || !integerIn(link.get("typ"), 0, Integer.MAX_VALUE)) return false;
            if (!link.has("val") || !nonEmptyString(link.get("val"))) return false;
        }
        return true;
    }

    private static String sortedSuids() {
        return new java.util.TreeSet<>(SUIDS).toString();
    }

    /** The JDK's own factory, not a ServiceLoader look-up, which a framework's class loaders can break. */
    private static DatatypeFactory datatypeFactory() {
        return DatatypeFactory.newDefaultInstance();
    }
}
