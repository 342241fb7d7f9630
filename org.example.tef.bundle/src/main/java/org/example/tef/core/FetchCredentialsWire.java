package org.example.tef.core;

/**
 * The Enrolment Targets' credential fetch of the PPSK-RSPF on the wire (TS-0003 8.3.2.1 f): the MEF answers it, a
 * MAF (or another Enrolment Target) asks it, so the names are written once here. The clause gives the parameters
 * (tables 8.3.2.1-5 and -6: Status, Credential, EnroleeID, Lifetime, ErrorString) but no serialization; TS-0032 would,
 * and could not be obtained (FACTS.md 2), so these JSON names are this project's.
 */
public final class FetchCredentialsWire {
    /** The first path segment: {@code /fetchCredentials/<KeID>/<SUID>}. */
    public static final String PATH = "fetchCredentials";
    public static final String WRAPPER = "sec:credentials";
    public static final String STATUS = "status";
    /** The key, base64. */
    public static final String CREDENTIAL = "credential";
    public static final String ENROLEE_ID = "enroleeID";
    /** An m2m:timestamp. */
    public static final String LIFETIME = "lifetime";
    public static final String ERROR_STRING = "errorString";

    private FetchCredentialsWire() {}

    /** {@code /fetchCredentials/<KeID>/<SUID>}. */
    public static String target(String keId, int suid) { return "/" + PATH + "/" + keId + "/" + suid; }
}
