package org.example.tef.core;

/**
 * The JSON names the MAF and MEF primitives share; the names that carry the function's own name
 * ({@code mafClientRegID}, {@code sec:mefClientReg}...) are in its {@link TefFunction}. TS-0032, which would define
 * them, could not be obtained (FACTS.md section 2), so these are this project's, kept in this one place: resource
 * wrappers in the {@code sec:} namespace of TS-0003 clause 12, universal attributes by their oneM2M short names
 * (et, lbl), the other information elements by their TS-0003 names.
 */
public final class WireNames {
    /** {@code <base>/regs/<clientRegID>}: a client registration. */
    public static final String REGISTRATIONS = "regs";
    /** {@code <base>/regs/<clientRegID>/cfg}: its client configuration. */
    public static final String CONFIGURATION = "cfg";
    /** {@code <base>/keys/<RelativeKeyID>}: a key registration. */
    public static final String KEYS = "keys";

    public static final String KEY_REG = "sec:symmKeyReg";

    public static final String ET = "et";
    public static final String LBL = "lbl";
    public static final String ADMIN_FQDN = "adminFQDN";
    public static final String RELATIVE_KEY_ID = "relativeKeyID";
    public static final String SUID = "suid";
    public static final String TARGET_IDS = "targetIDs";
    public static final String KEY_VALUE = "keyValue";

    private WireNames() {}
}
