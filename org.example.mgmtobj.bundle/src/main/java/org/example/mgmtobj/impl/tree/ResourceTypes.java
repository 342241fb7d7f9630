package org.example.mgmtobj.impl.tree;

import org.example.mgmtobj.api.Specialization;
import org.example.mgmtobj.impl.schema.NodeSchema;
import org.example.mgmtobj.impl.schema.RemoteCseSchema;
import org.example.mgmtobj.impl.store.StoredResource;

/** The resourceType (ty) values this tree holds, and how a resource is named in messages and logs. */
final class ResourceTypes {
    /** CSEBase: only ever rendered, never stored. */
    static final int CSE_BASE = 5;
    /** {@code <mgmtObj>} (TS-0004 7.4.15); which specialization it is, is in its wrapper and mgd. */
    static final int MGMT_OBJ = 13;
    /** {@code <node>} (TS-0001 table 9.6.18-1 lists its mgmtObj children). */
    static final int NODE = NodeSchema.TY;
    /** {@code <remoteCSE>}: a CSE this tree registered with (TS-0001 10.1.1.2.1). */
    static final int REMOTE_CSE = RemoteCseSchema.TY;

    private ResourceTypes() {}

    /** {@code <node>}, or the specialization's long name (e.g. MEFClientRegCfg). */
    static String typeName(StoredResource r) {
        if (r.resourceType() == NODE) return "<node>";
        if (r.resourceType() == REMOTE_CSE) return "<remoteCSE>";
        return Specialization.byShortName(r.wrapper()).map(Specialization::longName).orElse(r.wrapper());
    }

    /** "a dataCollection", "an authenticationProfile": the article a message puts before a type's name. */
    static String withArticle(String name) {
        return ("aeiouAEIOU".indexOf(name.isEmpty() ? 'x' : name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
