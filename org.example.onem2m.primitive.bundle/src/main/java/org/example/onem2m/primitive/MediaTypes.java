package org.example.onem2m.primitive;

import java.util.Locale;

/**
 * The media-type rules of the oneM2M HTTP binding (TS-0009 6.4.2, 6.4.3) for JSON serialization (TS-0004 8.4):
 * one parser, so the resource tree and the trust-enabling functions answer a bad {@code Content-Type} alike:
 * 4015 UNSUPPORTED_MEDIA_TYPE, TS-0004's code for it.
 */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String ONEM2M_JSON = "application/vnd.onem2m-res+json";

    private MediaTypes() {}

    /**
     * The {@code ty} parameter of a request's {@code Content-Type} ({@code application/json;ty=13} or
     * {@code application/vnd.onem2m-res+json; ty=13}), or null when it has none.
     *
     * @throws PrimitiveException 4015 when the header is missing or names another media type, 4000 when
     *         {@code ty} is not a number
     */
    public static Integer resourceType(String contentType) {
        if (contentType == null || contentType.isBlank()) throw new PrimitiveException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                "the request has content but no Content-Type; send " + JSON + " or " + ONEM2M_JSON + " (with ;ty=<resourceType> on a CREATE)");
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(JSON) && !media.equals(ONEM2M_JSON)) throw new PrimitiveException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + media + " is not supported; send " + JSON + " or " + ONEM2M_JSON);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("ty")) {
                try {
                    return Integer.valueOf(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new PrimitiveException(ResponseStatusCode.BAD_REQUEST,
                            "the ty parameter of Content-Type must be a number, not '" + kv[1].trim() + "'");
                }
            }
        }
        return null;
    }

    /** The JSON media type to answer with for an {@code Accept} header, or null when the client accepts neither. */
    public static String responseType(String accept) {
        if (accept == null || accept.isBlank()) return JSON;
        String lower = accept.toLowerCase(Locale.ROOT);
        if (lower.contains(ONEM2M_JSON)) return ONEM2M_JSON;
        if (lower.contains(JSON) || lower.contains("*/*") || lower.contains("application/*")) return JSON;
        return null;
    }

    /** {@code Content-Type} of a request: JSON, with the {@code ty} parameter when there is one. */
    public static String requestContentType(Integer resourceType) {
        return resourceType == null ? JSON : JSON + ";ty=" + resourceType;
    }
}
