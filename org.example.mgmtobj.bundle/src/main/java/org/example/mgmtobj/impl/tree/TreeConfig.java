package org.example.mgmtobj.impl.tree;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Who the CSE is, who may configure it, and the lifetimes it gives resources. */
public final class TreeConfig {
    /** The lifetime a resource created without expirationTime gets: one year. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
    /** The longest lifetime the CSE grants: ten years; a later proposed expirationTime is shortened to it. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(3650);

    private final String cseId;
    private final String cseName;
    private final Set<String> adminOriginators;
    private final Duration defaultLifetime;
    private final Duration maxLifetime;

    /**
     * @param cseId the SP-relative CSE-ID without its leading slash, e.g. {@code in-cse}
     * @param cseName the CSEBase's resource name, e.g. {@code in-name}
     * @param adminOriginators the originators allowed to read and change the device configuration
     */
    public TreeConfig(String cseId, String cseName, Set<String> adminOriginators) {
        this(cseId, cseName, adminOriginators, DEFAULT_LIFETIME, MAX_LIFETIME);
    }

    /**
     * @param defaultLifetime how long a resource created without expirationTime lives (TS-0001 9.6.1.3: every
     *        resource has one, the CSE chooses it when the originator does not)
     * @param maxLifetime the longest lifetime granted; a proposed expirationTime beyond now + this is shortened to it
     */
    public TreeConfig(String cseId, String cseName, Set<String> adminOriginators, Duration defaultLifetime, Duration maxLifetime) {
        this.defaultLifetime = Objects.requireNonNull(defaultLifetime);
        this.maxLifetime = Objects.requireNonNull(maxLifetime);
        if (defaultLifetime.isNegative() || defaultLifetime.isZero()) throw new IllegalArgumentException("defaultLifetimeSeconds must be positive, not " + defaultLifetime.getSeconds());
        if (maxLifetime.compareTo(defaultLifetime) < 0) throw new IllegalArgumentException("maxLifetimeSeconds (" + maxLifetime.getSeconds()
                + ") must not be shorter than defaultLifetimeSeconds (" + defaultLifetime.getSeconds() + ")");
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
    public Duration defaultLifetime() { return defaultLifetime; }
    public Duration maxLifetime() { return maxLifetime; }

    private static String stripSlashes(String s) {
        String t = s.trim();
        while (t.startsWith("/")) t = t.substring(1);
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        return t;
    }
}
