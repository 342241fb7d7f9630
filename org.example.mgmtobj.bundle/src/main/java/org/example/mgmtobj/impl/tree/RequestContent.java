package org.example.mgmtobj.impl.tree;

import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.CanonicalForms;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.RemoteCseSchema;
import org.example.mgmtobj.impl.schema.RepresentationValidator;
import org.example.mgmtobj.impl.schema.ResourceSchema;
import org.example.onem2m.primitive.RequestPrimitive;

import com.google.gson.JsonObject;

/**
 * A CREATE's or UPDATE's content, parsed and checked against the schema its wrapper names before {@link TreeWriter}
 * takes its write lock: none of that reads the tree, and under the lock it kept every other writer waiting. A check
 * that fails here is not thrown here: the writer meets it, under the lock, at the point where it used to make the
 * check, after the checks that come before it (the address, the type, the parent), so a request with several faults
 * is refused for the same one as before.
 */
final class RequestContent {
    private final RuntimeException unparsable;
    private final String wrapper;
    private final RuntimeException notAnObject;
    private final JsonObject attributes;
    /** the schema the attributes were checked against here, or null when the wrapper named none to check */
    private ResourceSchema schema;
    private Specialization specialization;
    private RuntimeException invalid;
    private JsonObject checked;

    private RequestContent(String content) {
        JsonObject wrapped = null;
        RuntimeException parseFailure = null;
        try {
            wrapped = Representations.parseContent(content);
        } catch (RuntimeException e) {
            parseFailure = e;
        }
        unparsable = parseFailure;
        wrapper = wrapped == null ? null : wrapped.keySet().iterator().next();
        JsonObject inner = null;
        RuntimeException memberFailure = null;
        if (wrapped != null) {
            try {
                inner = Representations.memberObject(wrapped, wrapper);
            } catch (RuntimeException e) {
                memberFailure = e;
            }
        }
        notAnObject = memberFailure;
        attributes = inner;
    }

    /**
     * For a CREATE of type {@code ty}: a {@code <node>} (14) sent as one is checked against the node's schema, a
     * {@code <mgmtObj>} (13) against its specialization's (which its wrapper names), with its mgmtDefinition.
     */
    static RequestContent forCreate(RequestPrimitive request) {
        RequestContent c = new RequestContent(request.content());
        if (c.attributes == null || request.resourceType() == null) return c;
        int ty = request.resourceType();
        try {
            if (ty == NodeSchema.TY && NodeSchema.WRAPPER.equals(c.wrapper)) {
                c.schema = NodeSchema.SCHEMA;
                RepresentationValidator.validateCreate(c.schema, c.attributes);
                c.checked = c.attributes;
            } else if (ty == RemoteCseSchema.TY && RemoteCseSchema.WRAPPER.equals(c.wrapper)) {
                c.schema = RemoteCseSchema.SCHEMA;
                RepresentationValidator.validateCreate(c.schema, c.attributes);
                c.checked = c.attributes;
            } else if (ty == ResourceTypes.MGMT_OBJ) {
                c.specialization = TreeRules.specializationOf(c.wrapper);
                c.schema = ResourceSchema.of(c.specialization);
                RepresentationValidator.validateCreate(c.schema, c.attributes);
                c.checked = CanonicalForms.of(c.schema, c.attributes);
                TreeRules.checkMgd(c.specialization, c.wrapper, c.checked);
            }
        } catch (RuntimeException e) {
            c.invalid = e;
        }
        return c;
    }

    /** For an UPDATE: checked against the schema of the type the wrapper names, which the target's must be. */
    static RequestContent forUpdate(RequestPrimitive request) {
        RequestContent c = new RequestContent(request.content());
        if (c.attributes == null) return c;
        c.schema = NodeSchema.WRAPPER.equals(c.wrapper) ? NodeSchema.SCHEMA : RemoteCseSchema.WRAPPER.equals(c.wrapper) ? RemoteCseSchema.SCHEMA
                : Specialization.byInputName(c.wrapper).map(ResourceSchema::of).orElse(null);
        if (c.schema == null) return c;
        try {
            RepresentationValidator.validateUpdate(c.schema, c.attributes);
            c.checked = CanonicalForms.of(c.schema, c.attributes);
        } catch (RuntimeException e) {
            c.invalid = e;
        }
        return c;
    }

    /** The member name that wraps the attributes; throws what parsing the content found wrong. */
    String wrapper() {
        if (unparsable != null) throw unparsable;
        return wrapper;
    }

    /** The attributes as sent; throws what parsing found wrong (not JSON, or the wrapper holds no object). */
    JsonObject attributes() {
        wrapper();
        if (notAnObject != null) throw notAnObject;
        return attributes;
    }

    /**
     * A CREATE's attributes, checked and in canonical form; throws what the checks found. The writer asks only once
     * it knows the parent takes the type, so the checks made here are the ones it would make.
     */
    JsonObject checkedForCreate() {
        attributes();
        if (invalid != null) throw invalid;
        if (checked == null) throw new IllegalStateException("a CREATE checked for neither a <node> nor a <mgmtObj>");
        return checked;
    }

    /** The specialization a mgmtObj CREATE's wrapper names (after {@link #checkedForCreate()}). */
    Specialization specialization() { return specialization; }

    /**
     * An UPDATE's changes checked against the target's schema and in canonical form; throws what the checks found.
     * The writer has refused a wrapper that names another type than the target's before it asks (schemas are one
     * instance per type), so a different schema here is a fault of the writer, not of the request.
     */
    JsonObject checkedForUpdate(ResourceSchema targetSchema) {
        attributes();
        if (targetSchema != schema) throw new IllegalStateException("an UPDATE checked against " + (schema == null ? "no schema" : schema.typeName())
                + " was asked for " + targetSchema.typeName() + "; the writer refuses a wrapper of another type before it asks");
        if (invalid != null) throw invalid;
        return checked;
    }
}
