package org.example.tef.api.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The header-field list that {@link HttpRequestMessage} and {@link HttpResponseMessage} share: in order, names without case (RFC 9110 5.1). */
final class HeaderFields {
    private HeaderFields() {}

    static Optional<String> first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) if (h.getKey().equalsIgnoreCase(name)) return Optional.of(h.getValue());
        return Optional.empty();
    }

    static List<Map.Entry<String, String>> plus(List<Map.Entry<String, String>> headers, String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return more;
    }
}
