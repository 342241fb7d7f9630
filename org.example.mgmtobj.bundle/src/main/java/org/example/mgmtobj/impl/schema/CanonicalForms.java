package org.example.mgmtobj.impl.schema;

import java.util.Map;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.AttributeType;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The one form the tree stores and answers for a value that clients send in more than one form. Today that is
 * {@link AttributeType#SCHEDULE_ENTRIES}: a single {@code {"sce": [...]}} object is stored as the list
 * {@code [{"sce": [...]}]} that FACTS.md 1.4 (ACME) gives {@code rpsc} and {@code mesc}. Values are
 * assumed to have passed {@link TypeChecks}.
 */
public final class CanonicalForms {

    private CanonicalForms() {}

    /** A copy of the attributes with every value in its canonical form; nulls (deletions in an UPDATE) stay null. */
    public static JsonObject of(ResourceSchema schema, JsonObject attributes) {
        JsonObject result = attributes.deepCopy();
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
            AttributeSpec spec = schema.attribute(e.getKey()).orElse(null);
            if (spec == null || e.getValue().isJsonNull()) continue;
            result.add(e.getKey(), canonical(spec.type(), e.getValue()));
        }
        return result;
    }

    static JsonElement canonical(AttributeType type, JsonElement value) {
        if (type == AttributeType.SCHEDULE_ENTRIES && value.isJsonObject()) {
            JsonArray list = new JsonArray();
            list.add(value.deepCopy());
            return list;
        }
        return value;
    }
}
