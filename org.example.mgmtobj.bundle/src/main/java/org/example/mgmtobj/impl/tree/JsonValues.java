package org.example.mgmtobj.impl.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** Turns Gson values into plain Java values for the exported {@code MgmtObj} view, so consumers need no Gson. */
final class JsonValues {
    private JsonValues() {}

    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) list.add(toJava(item));
            return List.copyOf(list.stream().map(v -> v == null ? "" : v).collect(java.util.stream.Collectors.toList()));
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) map.put(m.getKey(), toJava(m.getValue()));
            return java.util.Collections.unmodifiableMap(map);
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        java.math.BigDecimal n = p.getAsBigDecimal();
        if (n.stripTrailingZeros().scale() <= 0) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return n;
            }
        }
        return n.doubleValue();
    }
}
