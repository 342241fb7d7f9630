package org.example.onem2m.primitive;

import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A oneM2M response primitive (TS-0004 7.2.2): status code, the request's identifier, JSON content and, after a
 * CREATE, where the new resource is ({@code Content-Location} in the HTTP binding).
 */
public final class ResponsePrimitive {
    private static final String DEBUG = "m2m:dbg";
    private final ResponseStatusCode status;
    private final String requestId;
    private final String content;
    private final String location;

    public ResponsePrimitive(ResponseStatusCode status, String requestId, String content, String location) {
        this.status = Objects.requireNonNull(status, "status");
        this.requestId = requestId;
        this.content = content;
        this.location = location;
    }

    /** An error answer whose content is {@code {"m2m:dbg": "<message>"}} (TS-0004 6.3.5.x debugInfo). */
    public static ResponsePrimitive error(ResponseStatusCode status, String requestId, String message) {
        JsonObject dbg = new JsonObject();
        dbg.addProperty(DEBUG, message);
        return new ResponsePrimitive(status, requestId, dbg.toString(), null);
    }

    public ResponseStatusCode status() { return status; }
    /** {@code rqi}, echoed from the request. */
    public String requestId() { return requestId; }
    /** The JSON content, or null. Key values travel here: never log it. */
    public String content() { return content; }
    /** The SP-relative resource ID of a created resource, or null. */
    public String location() { return location; }

    /** The {@code m2m:dbg} message of an error answer, or an empty string. */
    public String debugMessage() {
        if (content == null) return "";
        try {
            JsonElement e = JsonParser.parseString(content);
            return e.isJsonObject() && e.getAsJsonObject().has(DEBUG) ? e.getAsJsonObject().get(DEBUG).getAsString() : "";
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** Status and, for an error, its message; never the content of a success, which may carry a key. */
    @Override
    public String toString() { return status + " (" + status.code() + ")" + (status.isSuccess() ? "" : ": " + debugMessage()); }
}
