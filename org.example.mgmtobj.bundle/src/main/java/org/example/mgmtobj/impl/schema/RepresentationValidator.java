package org.example.mgmtobj.impl.schema;

import java.util.Map;
import java.util.Set;

import org.example.mgmtobj.api.AttributeSpec;
import org.example.mgmtobj.api.Optionality;
import org.example.mgmtobj.api.Specialization;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Checks a request's attributes against a {@link ResourceSchema}: names, request optionality and types
 * (TS-0004 7.4.15 and the TS-0022 tables). Cross-attribute and resource-tree rules are the tree's.
 */
public final class RepresentationValidator {
    /**
     * Write-only attributes, the symmetric key: accepted and handed to in-process consumers, never sent back over the
     * binding, and never repeated in a refusal, which is logged too.
     */
    public static final Set<String> WRITE_ONLY = Set.of(Specialization.AUTHENTICATION_PROFILE.shortNameOf("symmKeyValue"));

    private RepresentationValidator() {}

    public static void validateCreate(ResourceSchema schema, JsonObject attributes) {
        checkEach(schema, attributes, true);
        for (AttributeSpec spec : schema.attributes()) {
            if (spec.create() == Optionality.M && !attributes.has(spec.shortName())) {
                throw Rejection.badRequest("missing mandatory attribute " + describe(spec)
                        + " in the CREATE of a " + schema.typeName());
            }
        }
    }

    /** In an UPDATE a JSON null deletes an optional attribute (TS-0004 7.3.3.2); a mandatory one cannot be deleted. */
    public static void validateUpdate(ResourceSchema schema, JsonObject attributes) {
        if (attributes.size() == 0) {
            throw Rejection.badRequest("the UPDATE of a " + schema.typeName() + " carries no attribute to change");
        }
        checkEach(schema, attributes, false);
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
            AttributeSpec spec = schema.attribute(e.getKey()).orElseThrow();
            if (e.getValue().isJsonNull() && spec.create() == Optionality.M) {
                throw Rejection.badRequest("attribute " + describe(spec) + " is mandatory and cannot be deleted");
            }
        }
    }

    private static void checkEach(ResourceSchema schema, JsonObject attributes, boolean create) {
        String operation = create ? "CREATE" : "UPDATE";
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
            String name = e.getKey();
            AttributeSpec spec = schema.attribute(name).orElseThrow(() -> unknown(schema, name));
            Optionality optionality = create ? spec.create() : spec.update();
            if (optionality == Optionality.NP) {
                throw Rejection.badRequest("attribute " + describe(spec) + " may not be set in the "
                        + operation + " of a " + schema.typeName());
            }
            if (e.getValue().isJsonNull()) {
                if (create) throw Rejection.badRequest("attribute " + describe(spec) + " may not be null in a CREATE");
                continue;
            }
            String expected = TypeChecks.check(spec.type(), e.getValue());
            if (expected != null) {
                throw Rejection.badRequest("attribute " + describe(spec) + " must be " + expected + (WRITE_ONLY.contains(name)
                        ? " (the value sent is not repeated: it is secret)" : ", not " + abbreviate(e.getValue().toString())));
            }
        }
    }

    /** oneM2M JSON uses short names only (TS-0004 8.4.2); a long name gets a pointer to its short one. */
    private static Rejection unknown(ResourceSchema schema, String name) {
        for (AttributeSpec spec : schema.attributes()) {
            if (spec.longName().equalsIgnoreCase(name) && !spec.shortName().equals(name)) {
                return Rejection.badRequest("unknown attribute '" + name + "' for a " + schema.typeName()
                        + ": oneM2M JSON uses short names, send '" + spec.shortName() + "' for " + spec.longName());
            }
        }
        return Rejection.badRequest("unknown attribute '" + name + "' for a " + schema.typeName() + "; it accepts " + names(schema));
    }

    private static String names(ResourceSchema schema) {
        StringBuilder sb = new StringBuilder();
        for (AttributeSpec spec : schema.attributes()) {
            if (spec.create() == Optionality.NP && spec.update() == Optionality.NP) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(spec.shortName());
        }
        return sb.toString();
    }

    public static String describe(AttributeSpec spec) {
        return spec.shortName().equals(spec.longName()) ? "'" + spec.shortName() + "'"
                : "'" + spec.shortName() + "' (" + spec.longName() + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
