package org.example.maf.impl.protocol;

/**
 * The JSON names of the MAF primitives. TS-0032, which would define them, could not be obtained (FACTS.md
 * section 2), so these are this project's, kept in this one place: resource wrappers in the {@code sec:}
 * namespace of TS-0003 clause 12, universal attributes by their oneM2M short names (et, lbl), the other
 * information elements by their TS-0003 names.
 */
public final class WireNames {
    public static final String BASE = "mafBase";
    public static final String REGISTRATIONS = "regs";
    public static final String CONFIGURATION = "cfg";
    public static final String KEYS = "keys";

    public static final String CLIENT_REG = "sec:mafClientReg";
    public static final String KEY_REG = "sec:symmKeyReg";
    public static final String CLIENT_CFG = "sec:mafClientCfg";

    public static final String ET = "et";
    public static final String LBL = "lbl";
    public static final String ADMIN_FQDN = "adminFQDN";
    public static final String CLIENT_REG_ID = "mafClientRegID";
    public static final String CLIENT_ID = "mafClientID";
    public static final String ASSIGNED_SYMM_KEY_ID = "assignedSymmKeyID";
    public static final String RELATIVE_KEY_ID = "relativeKeyID";
    public static final String SOURCE_CLIENT_ID = "sourceMafClientID";
    public static final String SUID = "suid";
    public static final String TARGET_IDS = "targetIDs";
    public static final String KEY_VALUE = "keyValue";

    private WireNames() {}

    /** The target of the procedures at a MAF: {@code /<MAF-FQDN>/mafBase}. */
    public static String base(String mafFqdn) { return "/" + mafFqdn + "/" + BASE; }

    public static String registration(String mafFqdn, String registrationId) { return base(mafFqdn) + "/" + REGISTRATIONS + "/" + registrationId; }

    public static String key(String mafFqdn, String relativeKeyId) { return base(mafFqdn) + "/" + KEYS + "/" + relativeKeyId; }
}
