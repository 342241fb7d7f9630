package org.example.mgmtobj.impl.schema;

import static org.example.mgmtobj.api.AttributeType.*;
import static org.example.mgmtobj.api.Optionality.*;

import java.util.List;

import org.example.mgmtobj.api.AttributeSpec;

/**
 * The {@code <node>} attributes this endpoint keeps (TS-0001 9.6.18, short names TS-0004 8.2.3): the
 * universal ones, nodeID and hostedCSELink. The {@code <node>} only parents the TS-0022 mgmtObjs here.
 */
public final class NodeSchema {
    public static final String WRAPPER = "m2m:nod";
    public static final int TY = 14;

    /** The universal and common attributes this tree keeps of a {@code <node>} and a {@code <remoteCSE>} (TS-0001 9.6.1.3). */
    static final List<AttributeSpec> UNIVERSAL = List.of(
            new AttributeSpec("resourceName", "rn", STRING, O, NP, false),
            new AttributeSpec("resourceType", "ty", READ_ONLY, NP, NP, false),
            new AttributeSpec("resourceID", "ri", READ_ONLY, NP, NP, false),
            new AttributeSpec("parentID", "pi", READ_ONLY, NP, NP, false),
            new AttributeSpec("creationTime", "ct", READ_ONLY, NP, NP, false),
            new AttributeSpec("lastModifiedTime", "lt", READ_ONLY, NP, NP, false),
            new AttributeSpec("expirationTime", "et", TIMESTAMP, O, O, false),
            new AttributeSpec("labels", "lbl", STRING_LIST, O, O, false));

    public static final ResourceSchema SCHEMA = ResourceSchema.of("node", with(UNIVERSAL,
            new AttributeSpec("nodeID", "ni", ID, M, O, false),
            new AttributeSpec("hostedCSELink", "hcl", ID, O, O, false)));

    static List<AttributeSpec> with(List<AttributeSpec> universal, AttributeSpec... own) {
        List<AttributeSpec> all = new java.util.ArrayList<>(universal);
        all.addAll(List.of(own));
        return all;
    }

    private NodeSchema() {}
}
