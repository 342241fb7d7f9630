package org.example.mgmtobj.impl.schema;

import static org.example.mgmtobj.api.AttributeType.*;
import static org.example.mgmtobj.api.Optionality.*;

import org.example.mgmtobj.api.AttributeSpec;

/**
 * The {@code <remoteCSE>} attributes this tree keeps (TS-0001 9.6.4, short names TS-0004 8.2.3): how a host CSE this
 * tree registers with (TS-0001 10.1.1.2.1, issue 14) is represented here, created by the registration itself as the
 * CSE's admin (step "create locally a <remoteCSE> for the registrar"). Only what a CSE registration needs.
 */
public final class RemoteCseSchema {
    public static final String WRAPPER = "m2m:csr";
    public static final int TY = 16;

    public static final ResourceSchema SCHEMA = ResourceSchema.of("remoteCSE", NodeSchema.with(NodeSchema.UNIVERSAL,
            new AttributeSpec("cseType", "cst", POSITIVE_INTEGER, O, NP, false),
            new AttributeSpec("CSE-ID", "csi", ID, M, NP, false),
            new AttributeSpec("CSEBase", "cb", ANY_URI, M, O, false),
            new AttributeSpec("requestReachability", "rr", BOOLEAN, M, O, false),
            new AttributeSpec("pointOfAccess", "poa", URI_LIST, O, O, false)));

    private RemoteCseSchema() {}
}
