package org.example.mgmtobj.api;

/**
 * The data types the TS-0022 specializations use, as they appear in oneM2M JSON (TS-0004 clause 8.4.2).
 * Where TS-0022's own type tables could not be obtained the type is the one FACTS.md 1.4 infers.
 */
public enum AttributeType {
    /** xs:string. */
    STRING,
    /** m2m:ID: a non-empty string (CSE-ID, AE-ID, key identifier). */
    ID,
    /** xs:anyURI. */
    ANY_URI,
    /** An FQDN (MAF-FQDN, MEF-FQDN, adminFQDN): dot-separated LDH labels. */
    FQDN,
    /** m2m:timestamp, {@code yyyyMMdd'T'HHmmss} in UTC. */
    TIMESTAMP,
    /** xs:duration, e.g. {@code PT1H} or {@code P30D}. */
    DURATION,
    /** xs:base64Binary. */
    BASE64,
    /** xs:positiveInteger. */
    POSITIVE_INTEGER,
    /** xs:boolean (e.g. requestReachability of {@code <remoteCSE>}). @since 2.2 */
    BOOLEAN,
    /** A TCP/UDP port, 0..65535 (TS-0003 12.4.2 types it xs:unsignedByte; a known defect, FACTS.md 6.6). */
    PORT,
    /** m2m:mgmtDefinition. */
    MGMT_DEFINITION,
    /** m2m:suid: one of the values of TS-0004 table 6.3.4.2.39-1. */
    SUID,
    /** A non-empty list of m2m:suid. */
    SUID_LIST,
    /** A list of IANA TLS cipher-suite code points, each 0..65535. */
    CIPHER_SUITE_LIST,
    /** m2m:labels: a list of strings. */
    STRING_LIST,
    /** A list of xs:anyURI. */
    URI_LIST,
    /**
     * A list of m2m:scheduleEntries, {@code [{"sce": ["<entry>", ...]}, ...]}, as ACME types {@code rpsc} and
     * {@code mesc} (FACTS.md 1.4); a single {@code {"sce": [...]}} object is accepted as a one-element list, and
     * the list form is stored and answered. Each entry has seven space-separated fields
     * ({@code second minute hour day-of-month month day-of-week year}) of digits and {@code * / , -}.
     */
    SCHEDULE_ENTRIES,
    /** A list of m2m:mgmtLinkRef, each {@code {"nm": name, "typ": mgd, "val": resourceID}}. */
    MGMT_LINK_LIST,
    /** Set by the hosting CSE only (ty, ri, pi, ct, lt); never accepted in a request. */
    READ_ONLY
}
