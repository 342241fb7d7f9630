package org.example.tef.api.wire;

import java.util.Objects;

/** A response primitive (TS-0004 7.2.2): status code, request ID, JSON content, and the location of a created resource. */
public final class WireResponse {
    private final Rsc rsc;
    private final String requestId;
    private final String content;
    private final String location;

    public WireResponse(Rsc rsc, String requestId, String content, String location) {
        this.rsc = Objects.requireNonNull(rsc, "rsc");
        this.requestId = requestId;
        this.content = content;
        this.location = location;
    }

    /** An error answer with a readable message in {@code {"m2m:dbg": ...}}. */
    public static WireResponse error(Rsc rsc, String requestId, String message) {
        com.google.gson.JsonObject dbg = new com.google.gson.JsonObject();
        dbg.addProperty("m2m:dbg", message);
        return new WireResponse(rsc, requestId, dbg.toString(), null);
    }

    public Rsc rsc() { return rsc; }
    public String requestId() { return requestId; }
    /** JSON text, or null. Key values travel here: never log it. */
    public String content() { return content; }
    public String location() { return location; }

    /** The {@code m2m:dbg} message of an error answer, or an empty string. */
    public String debugMessage() {
        if (content == null) return "";
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(content);
            return e.isJsonObject() && e.getAsJsonObject().has("m2m:dbg") ? e.getAsJsonObject().get("m2m:dbg").getAsString() : "";
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    @Override
    public String toString() { return rsc + " (" + rsc.code() + ")" + (rsc.isSuccess() ? "" : ": " + debugMessage()); }
}
