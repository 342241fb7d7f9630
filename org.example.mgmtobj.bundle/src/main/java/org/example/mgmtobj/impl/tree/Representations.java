package org.example.mgmtobj.impl.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.mgmtobj.api.MgmtLink;
import org.example.mgmtobj.api.MgmtObj;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.RepresentationValidator;
import org.example.mgmtobj.impl.schema.Rejection;
import org.example.mgmtobj.impl.schema.StrictJson;
import org.example.mgmtobj.impl.store.StoredResource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The JSON a request carries in and a response carries out (TS-0004 8.4, short names, one member naming
 * the resource type such as {@code {"m2m:nod": {...}}}), the resultContent (rcn) choices, and the
 * {@link MgmtObj} snapshots handed to in-process consumers.
 */
final class Representations {
    private static final String DEBUG_MEMBER = "m2m:dbg";
    /** {@link RepresentationValidator#WRITE_ONLY} as the bytes a stored resource holds when it carries one; checked on every RETRIEVE. */
    private static final List<byte[]> WRITE_ONLY_PATTERNS = RepresentationValidator.WRITE_ONLY.stream().map(StoredResource::memberPattern).toList();

    private final TreeConfig config;
    private final ResourceIndex index;

    Representations(TreeConfig config, ResourceIndex index) {
        this.config = config;
        this.index = index;
    }

    // ----------------------------------------------------------------------------------------------
    // Out: responses
    // ----------------------------------------------------------------------------------------------

    /**
     * The body of a RETRIEVE. Result Content (rcn, TS-0001 8.1.2): 1 attributes (the default), 4 attributes and
     * child resources, 5 attributes and child references ({@code ch}), 6 child references only ({@code m2m:rrl}).
     */
    String retrieveBody(ResourceIndex.Target target, Integer resultContent) {
        int rcn = resultContent == null ? 1 : resultContent;
        if (rcn == 1 && !target.isCseBase()) return wrap(target.resource());
        JsonObject body = new JsonObject();
        String wrapper = target.isCseBase() ? "m2m:cb" : target.resource().wrapper();
        String id = target.isCseBase() ? config.cseId() : target.resource().resourceId();
        JsonObject attributes = target.isCseBase() ? cseBaseAttributes() : publicAttributes(target.resource());
        switch (rcn) {
            case 1:
                body.add(wrapper, attributes);
                break;
            case 4:
                for (StoredResource child : index.liveChildren(id)) {
                    if (!attributes.has(child.wrapper())) attributes.add(child.wrapper(), new JsonArray());
                    attributes.getAsJsonArray(child.wrapper()).add(publicAttributes(child));
                }
                body.add(wrapper, attributes);
                break;
            case 5:
                attributes.add("ch", childReferences(id));
                body.add(wrapper, attributes);
                break;
            case 6:
                JsonObject rrl = new JsonObject();
                rrl.add("rrf", childReferences(id));
                body.add("m2m:rrl", rrl);
                break;
            default:
                throw Rejection.badRequest("resultContent (rcn) " + rcn + " is not supported for a RETRIEVE; use 1 (attributes), "
                        + "4 (attributes and child resources), 5 (attributes and child references) or 6 (child references)");
        }
        return body.toString();
    }

    /**
     * Whether a CREATE or UPDATE answers with the resource's attributes: rcn 1 (the default) does, 0 answers nothing;
     * nothing else applies to them. Asked before the change is made, so a refused rcn changes nothing.
     */
    static boolean writeReturnsAttributes(RequestPrimitive request) {
        int rcn = request.resultContent() == null ? 1 : request.resultContent();
        if (rcn == 0) return false;
        if (rcn == 1) return true;
        throw Rejection.badRequest("resultContent (rcn) " + rcn + " is not supported for a " + request.operation()
                + "; use 0 (nothing) or 1 (attributes)");
    }

    /**
     * Whether a DELETE answers with the deleted resource's attributes: only when asked with rcn 1; by default, or with 0,
     * it answers nothing (as it always has here). Any other rcn is refused rather than ignored.
     */
    static boolean deleteReturnsAttributes(RequestPrimitive request) {
        if (request.resultContent() == null) return false;
        return writeReturnsAttributes(request);
    }

    /** {@code {"<wrapper>": {attributes without the write-only ones}}}. */
    String wrap(StoredResource r) {
        // Most resources carry no write-only attribute: their stored form is their public one, sent without parsing it
        // (a parse and a re-serialisation were a third of a RETRIEVE's time in the server).
        if (!mayHaveWriteOnly(r)) return r.toJson();
        JsonObject body = new JsonObject();
        body.add(r.wrapper(), publicAttributes(r));
        return body.toString();
    }

    private static boolean mayHaveWriteOnly(StoredResource r) {
        for (byte[] pattern : WRITE_ONLY_PATTERNS) {
            if (r.mayHaveMember(pattern)) return true;
        }
        return false;
    }

    /** A refusal: the status in X-M2M-RSC and the reason in {@value #DEBUG_MEMBER}, for the operator reading it. */
    static ResponsePrimitive error(ResponseStatusCode status, String requestId, String message) {
        JsonObject body = new JsonObject();
        body.addProperty(DEBUG_MEMBER, message);
        return new ResponsePrimitive(status, requestId, body.toString(), null);
    }

    /** The CSEBase is not stored: it is the configured identity, with the two child types it supports ({@code srt}). */
    private JsonObject cseBaseAttributes() {
        JsonObject cb = new JsonObject();
        cb.addProperty("ty", ResourceTypes.CSE_BASE);
        cb.addProperty("ri", config.cseId());
        cb.addProperty("rn", config.cseName());
        cb.addProperty("pi", "");
        cb.addProperty("csi", "/" + config.cseId());
        JsonArray srt = new JsonArray();
        srt.add(NodeSchema.TY);
        srt.add(ResourceTypes.MGMT_OBJ);
        srt.add(ResourceTypes.REMOTE_CSE);
        cb.add("srt", srt);
        return cb;
    }

    private static JsonObject publicAttributes(StoredResource r) {
        JsonObject attributes = r.attributes();
        for (String writeOnly : RepresentationValidator.WRITE_ONLY) attributes.remove(writeOnly);
        return attributes;
    }

    private JsonArray childReferences(String parentId) {
        JsonArray refs = new JsonArray();
        for (StoredResource child : index.liveChildren(parentId)) {
            JsonObject ref = new JsonObject();
            ref.addProperty("nm", child.resourceName());
            ref.addProperty("typ", child.resourceType());
            ref.addProperty("val", child.resourceId());
            refs.add(ref);
        }
        return refs;
    }

    // ----------------------------------------------------------------------------------------------
    // In-process: MgmtObj snapshots
    // ----------------------------------------------------------------------------------------------

    /**
     * The immutable snapshot consumers get: plain Java values (no Gson), write-only attributes included,
     * and each link's target as a resourceID even when the link was written as an address.
     */
    MgmtObj view(StoredResource r) {
        JsonObject attributes = r.attributes();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) values.put(e.getKey(), JsonValues.toJava(e.getValue()));
        List<String> labels = new ArrayList<>();
        if (attributes.has("lbl")) attributes.getAsJsonArray("lbl").forEach(l -> labels.add(l.getAsString()));
        List<MgmtLink> links = new ArrayList<>();
        if (attributes.has("cmlk")) {
            for (JsonElement e : attributes.getAsJsonArray("cmlk")) {
                JsonObject link = e.getAsJsonObject();
                String val = link.get("val").getAsString();
                String target = index.findLinkTarget(val).map(StoredResource::resourceId).orElse(val);
                links.add(new MgmtLink(link.has("nm") ? link.get("nm").getAsString() : null, link.get("typ").getAsInt(), target));
            }
        }
        Specialization specialization = Specialization.byShortName(r.wrapper()).orElseThrow();
        return new MgmtObj(r.resourceId(), r.resourceName(), r.parentId(), specialization, r.expirationTime(),
                labels, links, values, r.toJson());
    }

    // ----------------------------------------------------------------------------------------------
    // In: request content
    // ----------------------------------------------------------------------------------------------

    /** The content as one JSON object with a single member (TS-0004 8.4); duplicate names are refused (StrictJson). */
    static JsonObject parseContent(String content) {
        if (content == null || content.isBlank()) throw Rejection.badRequest("the request has no content");
        JsonElement parsed;
        try {
            parsed = StrictJson.parse(content);
        } catch (StrictJson.MalformedJsonException e) {
            throw Rejection.badRequest("the content is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isJsonObject() || parsed.getAsJsonObject().size() != 1) {
            throw Rejection.badRequest("the content must be one JSON object with a single member naming the resource, such as {\"m2m:nod\": {...}}");
        }
        return parsed.getAsJsonObject();
    }

    /** The attributes under the wrapper; no string in them, however deep in a list or object, may contain a NUL character. */
    static JsonObject memberObject(JsonObject wrapped, String wrapper) {
        JsonElement inner = wrapped.get(wrapper);
        if (!inner.isJsonObject()) throw Rejection.badRequest("'" + wrapper + "' must hold a JSON object of attributes");
        JsonObject attributes = inner.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : attributes.entrySet()) {
            if (e.getKey().indexOf('\0') >= 0 || holdsNul(e.getValue())) {
                throw Rejection.badRequest("attribute '" + e.getKey().replace("\0", "\\u0000") + "' contains a NUL character");
            }
        }
        return attributes;
    }

    /** StrictJson bounds the depth, so this recursion is bounded too. */
    private static boolean holdsNul(JsonElement value) {
        if (value instanceof JsonPrimitive) return value.getAsJsonPrimitive().isString() && value.getAsString().indexOf('\0') >= 0;
        if (value.isJsonArray()) {
            for (JsonElement item : value.getAsJsonArray()) if (holdsNul(item)) return true;
        }
        if (value.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
                if (e.getKey().indexOf('\0') >= 0 || holdsNul(e.getValue())) return true;
            }
        }
        return false;
    }
}
