package org.example.mgmtobj.impl.tree;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Who the CSE is and who may configure it. */
public final class TreeConfig {
    private final String cseId;
    private final String cseName;
    private final Set<String> adminOriginators;

    /**
     * @param cseId the SP-relative CSE-ID without its leading slash, e.g. {@code in-cse}
     * @param cseName the CSEBase's resource name, e.g. {@code in-name}
     * @param adminOriginators the originators allowed to read and change the device configuration
     */
    public TreeConfig(String cseId, String cseName, Set<String> adminOriginators) {
        this.cseId = stripSlashes(Objects.requireNonNull(cseId));
        this.cseName = stripSlashes(Objects.requireNonNull(cseName));
        this.adminOriginators = Set.copyOf(new LinkedHashSet<>(adminOriginators));
        if (this.cseId.isEmpty() || this.cseId.contains("/")) throw new IllegalArgumentException("cseId must be one path segment such as in-cse, not '" + cseId + "'");
        if (this.cseName.isEmpty() || this.cseName.contains("/")) throw new IllegalArgumentException("cseName must be one path segment such as in-name, not '" + cseName + "'");
        if (this.adminOriginators.isEmpty()) throw new IllegalArgumentException("adminOriginators must name at least one originator");
    }

    public String cseId() { return cseId; }
    public String cseName() { return cseName; }
    public Set<String> adminOriginators() { return adminOriginators; }

    private static String stripSlashes(String s) {
        String t = s.trim();
        while (t.startsWith("/")) t = t.substring(1);
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        return t;
    }
}
