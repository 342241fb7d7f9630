package org.example.tef.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identifier formats of TS-0003 clause 10: a relative part (KmID, RelativeKeyID, KpsaID) joined to the
 * issuer's FQDN with '@'. Relative parts are {@code [A-Za-z0-9._-]+} (sec:relKeyID, 12.2) and compared without
 * regard to case (10.6); an FQDN is compared without regard to case as DNS names are.
 */
public final class Identifiers {
    private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private Identifiers() {}

    public static boolean isRelativeId(String s) { return s != null && RELATIVE.matcher(s).matches(); }

    public static boolean isFqdn(String s) { return s != null && FQDN.matcher(s).matches(); }

    /** The form used to look a relative ID up: case folded, as the comparison is case-insensitive (10.6). */
    public static String canonicalRelativeId(String relative) {
        if (!isRelativeId(relative)) throw new IllegalArgumentException("not a relative identifier ([A-Za-z0-9._-]+): " + relative);
        return relative.toLowerCase(Locale.ROOT);
    }

    /**
     * The key a stored relative ID (a RelativeKeyID, 10.3.5) is filed and looked up under: case folded
     * (Locale.ROOT), as the comparison is case-insensitive (10.6). Unlike {@link #canonicalRelativeId} it does not
     * check the format, so that a look-up of a malformed ID simply finds nothing.
     */
    public static String relativeIdLookupKey(String relative) {
        return java.util.Objects.requireNonNull(relative, "relative ID").toLowerCase(Locale.ROOT);
    }

    /** {@code RelativeKeyID@MAF-FQDN} (10.3.5), {@code MAF_RELATIVE_KmID@MAF-FQDN} (10.6) and the like. */
    public static String join(String relative, String fqdn) {
        if (!isRelativeId(relative)) throw new IllegalArgumentException("not a relative identifier ([A-Za-z0-9._-]+): " + relative);
        if (!isFqdn(fqdn)) throw new IllegalArgumentException("not an FQDN: " + fqdn);
        return relative + "@" + fqdn.toLowerCase(Locale.ROOT);
    }

    /** Splits {@code relative@fqdn}; the FQDN after the last '@'. */
    public static QualifiedId parse(String id) {
        int at = id == null ? -1 : id.lastIndexOf('@');
        if (at <= 0 || at == id.length() - 1) throw new IllegalArgumentException("not of the form relative@fqdn: " + id);
        String relative = id.substring(0, at);
        String fqdn = id.substring(at + 1);
        if (!isRelativeId(relative)) throw new IllegalArgumentException("the relative part of " + id + " is not [A-Za-z0-9._-]+");
        if (!isFqdn(fqdn)) throw new IllegalArgumentException("the part after '@' in " + id + " is not an FQDN");
        return new QualifiedId(relative, fqdn.toLowerCase(Locale.ROOT));
    }

    /** A parsed {@code relative@fqdn}; equal when the relative parts are equal ignoring case and the FQDNs are equal. */
    public static final class QualifiedId {
        private final String relative;
        private final String fqdn;

        QualifiedId(String relative, String fqdn) {
            this.relative = relative;
            this.fqdn = fqdn;
        }

        public String relative() { return relative; }
        public String fqdn() { return fqdn; }

        @Override
        public boolean equals(Object o) {
            return o instanceof QualifiedId && relative.equalsIgnoreCase(((QualifiedId) o).relative) && fqdn.equals(((QualifiedId) o).fqdn);
        }

        @Override
        public int hashCode() { return relative.toLowerCase(Locale.ROOT).hashCode() * 31 + fqdn.hashCode(); }

        @Override
        public String toString() { return relative + "@" + fqdn; }
    }

    /** Credential-ID (10.4): {@code <sec:credIDTypeID>-<value>}, e.g. {@code 11-abc@maf.example.com} for a KmID. */
    public static String credentialId(int credIdTypeId, String value) {
        return credIdTypeId + "-" + value;
    }

    /** sec:credIDTypeID 11: a KmID shared with a MAF (TS-0003 12.3.2.1). */
    public static final int CRED_ID_TYPE_KMID = 11;
}
