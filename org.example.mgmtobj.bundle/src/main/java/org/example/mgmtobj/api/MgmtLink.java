package org.example.mgmtobj.api;

import java.util.Objects;

/** An {@code m2m:mgmtLinkRef} (TS-0004 table 6.3.5.24-1): name, the target's mgd and the target's resource ID. */
public final class MgmtLink {
    private final String name;
    private final int mgd;
    private final String target;

    public MgmtLink(String name, int mgd, String target) {
        this.name = name;
        this.mgd = mgd;
        this.target = Objects.requireNonNull(target);
    }

    /** {@code nm}; TS-0022 8.2 names a link to an authenticationProfile {@code authProfile}. May be null. */
    public String name() { return name; }

    /** {@code typ}: the mgmtDefinition of the linked resource. */
    public int mgd() { return mgd; }

    /** {@code val}: the resource ID of the linked resource. */
    public String target() { return target; }

    @Override
    public boolean equals(Object o) {
        return o instanceof MgmtLink && Objects.equals(name, ((MgmtLink) o).name)
                && mgd == ((MgmtLink) o).mgd && target.equals(((MgmtLink) o).target);
    }

    @Override
    public int hashCode() { return Objects.hash(name, mgd, target); }

    @Override
    public String toString() { return (name == null ? "" : name) + "->" + target + " (mgd " + mgd + ")"; }
}
