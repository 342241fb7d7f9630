package org.example.mgmtobj.api;

import static org.example.mgmtobj.api.AttributeType.*;
import static org.example.mgmtobj.api.Optionality.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TS-0022 {@code <mgmtObj>} specializations this project implements, declared in one table.
 *
 * <p>This enum is the single place that maps TS-0022 long names to JSON short names. Sources (FACTS.md 1):
 * mgd values from TS-0004 table 6.3.4.2.22-1; the dataCollection and myCertFileCred short names from
 * ACME; attribute names of authenticationProfile from TS-0006 7.17 and TS-0003 8.3.8/8.3.9.9; those of
 * MAF/MEFClientRegCfg from {@code sec:clientRegCfg} (TS-0003 12.4.2); those of trustAnchorCred from
 * TS-0003 8.3.9.9.7; those of registration from TS-0022 table 7.2.2.1-2. Every short name that TS-0022
 * itself could not confirm is marked provisional (the last column), as are the resource short names of
 * registration, authenticationProfile, trustAnchorCred, MAFClientRegCfg and MEFClientRegCfg.
 *
 * <p>Choices for what clients send (README, "The specializations"):
 * <ul>
 * <li>{@code rpsc} and {@code mesc} of dataCollection are a list of {@code m2m:scheduleEntries}, as ACME has them
 * (FACTS.md 1.4): {@code "rpsc":[{"sce":["0 0 * * * * *"]}]}. A single {@code {"sce":[...]}} object, what this
 * CSE's clients sent before, is accepted too; the tree stores and answers the list form.</li>
 * <li>A specialization may have {@linkplain #inputAliases() input aliases}: wrapper names accepted in a request
 * but never sent back. myCertFileCred accepts {@code m2m:nycfc}, the name clients used before the {@code dcfg:}
 * prefix (FACTS.md 1.5), and answers {@code dcfg:nycfc}.</li>
 * </ul>
 */
public enum Specialization {

    REGISTRATION(1020, "registration", "dcfg:regn", true,
            a("originatorID", "orid", ID, O, O),
            a("pointOfAccess", "poa", URI_LIST, O, O),
            a("CSEBase", "cb", ANY_URI, O, O),
            a("CSE-ID", "csi", ID, O, O),
            a("appID", "api", ID, O, O),
            a("externalID", "exid", STRING, O, O),
            a("Trigger-Recipient-ID", "trid", STRING, O, O)),

    DATA_COLLECTION(1021, "dataCollection", "dcfg:datc", false,
            confirmed("containerPath", "cntp", ANY_URI, M, O),
            confirmed("reportingSchedule", "rpsc", SCHEDULE_ENTRIES, O, O),
            confirmed("measurementSchedule", "mesc", SCHEDULE_ENTRIES, O, O),
            confirmed("measurementInterval", "meil", POSITIVE_INTEGER, O, O)),

    AUTHENTICATION_PROFILE(1022, "authenticationProfile", "dcfg:authp", true,
            a("SUID", "suid", SUID, M, O),
            a("TLSCiphersuites", "tlscs", CIPHER_SUITE_LIST, O, O),
            a("symmKeyID", "skid", ID, O, O),
            a("symmKeyValue", "skv", BASE64, O, O),
            a("MAFKeyRegLabels", "mkrl", STRING_LIST, O, O),
            a("MAFKeyRegDuration", "mkrd", DURATION, O, O),
            a("myCertFingerprint", "mcfp", STRING, O, O),
            a("rawPubKeyID", "rpki", STRING, O, O)),

    MY_CERT_FILE_CRED(1023, "myCertFileCred", "dcfg:nycfc", List.of("m2m:nycfc"), false,
            confirmed("SUIDs", "suids", SUID_LIST, M, O),
            confirmed("myCertFileFormat", "mcff", ANY_URI, M, NP),
            confirmed("myCertFileContent", "mcfc", STRING, M, NP)),

    TRUST_ANCHOR_CRED(1024, "trustAnchorCred", "dcfg:tac", true,
            a("certFingerprint", "cfp", STRING, M, O),
            a("URI", "uri", ANY_URI, O, O)),

    MAF_CLIENT_REG_CFG(1025, "MAFClientRegCfg", "dcfg:mafcr", true, clientRegCfg()),

    MEF_CLIENT_REG_CFG(1026, "MEFClientRegCfg", "dcfg:mefcr", true, clientRegCfg());

    /**
     * Universal attributes of every resource and the common attributes of {@code <mgmtObj>}
     * (TS-0004 7.4.15, tables 7.4.15.1-1 and -2). Those the hosting CSE sets are {@link AttributeType#READ_ONLY}.
     */
    public static final List<AttributeSpec> COMMON_ATTRIBUTES = List.of(
            confirmed("resourceName", "rn", STRING, O, NP),
            confirmed("resourceType", "ty", READ_ONLY, NP, NP),
            confirmed("resourceID", "ri", READ_ONLY, NP, NP),
            confirmed("parentID", "pi", READ_ONLY, NP, NP),
            confirmed("creationTime", "ct", READ_ONLY, NP, NP),
            confirmed("lastModifiedTime", "lt", READ_ONLY, NP, NP),
            confirmed("expirationTime", "et", TIMESTAMP, O, O),
            confirmed("labels", "lbl", STRING_LIST, O, O),
            confirmed("mgmtDefinition", "mgd", MGMT_DEFINITION, M, NP),
            confirmed("objectIDs", "obis", URI_LIST, O, NP),
            confirmed("objectPaths", "obps", URI_LIST, O, NP),
            confirmed("description", "dc", STRING, O, O),
            confirmed("mgmtLink", "cmlk", MGMT_LINK_LIST, O, O));

    private static final Map<String, AttributeSpec> COMMON_BY_SHORT_NAME = index(COMMON_ATTRIBUTES);
    /** The look-ups below run on every write and listing; the first specialization in declaration order wins a name. */
    private static final Map<String, Specialization> BY_SHORT_NAME = byName(false);
    private static final Map<String, Specialization> BY_INPUT_NAME = byName(true);

    private final int mgd;
    private final String longName;
    private final String shortName;
    private final List<String> inputAliases;
    private final boolean provisional;
    private final List<AttributeSpec> attributes;
    private final Map<String, AttributeSpec> byShortName;

    Specialization(int mgd, String longName, String shortName, boolean provisional, AttributeSpec... attributes) {
        this(mgd, longName, shortName, List.of(), provisional, attributes);
    }

    Specialization(int mgd, String longName, String shortName, List<String> inputAliases, boolean provisional,
            AttributeSpec... attributes) {
        this.mgd = mgd;
        this.longName = longName;
        this.shortName = shortName;
        this.inputAliases = List.copyOf(inputAliases);
        this.provisional = provisional;
        this.attributes = List.of(attributes);
        this.byShortName = index(this.attributes);
    }

    /** The mgmtDefinition value (TS-0004 table 6.3.4.2.22-1). */
    public int mgd() { return mgd; }

    /** The name TS-0022 gives the specialization, e.g. {@code MEFClientRegCfg}. */
    public String longName() { return longName; }

    /** The JSON member name that wraps a representation, with its {@code dcfg:} namespace prefix. */
    public String shortName() { return shortName; }

    /**
     * Other wrapper names a request may use for this specialization (e.g. {@code m2m:nycfc}, written before the
     * {@code dcfg:} prefix existed). Answers and the store always use {@link #shortName()}.
     *
     * @since 2.1
     */
    public List<String> inputAliases() { return inputAliases; }

    /** True when {@link #shortName()} is this project's choice rather than TS-0022's (FACTS.md 1.5). */
    public boolean provisional() { return provisional; }

    /** The specialization-specific attributes, in declaration order. */
    public List<AttributeSpec> attributes() { return attributes; }

    /** A specialization-specific or common attribute by its JSON short name. */
    public Optional<AttributeSpec> attributeByShortName(String shortName) {
        AttributeSpec spec = byShortName.get(shortName);
        return Optional.ofNullable(spec != null ? spec : COMMON_BY_SHORT_NAME.get(shortName));
    }

    /** A specialization-specific or common attribute by its TS-0022 long name. */
    public Optional<AttributeSpec> attributeByLongName(String longName) {
        for (AttributeSpec spec : attributes) {
            if (spec.longName().equals(longName)) return Optional.of(spec);
        }
        return COMMON_ATTRIBUTES.stream().filter(s -> s.longName().equals(longName)).findFirst();
    }

    /** The JSON short name of an attribute given its long name; fails loudly on a typo in calling code. */
    public String shortNameOf(String longName) {
        return attributeByLongName(longName)
                .orElseThrow(() -> new IllegalArgumentException(this.longName + " has no attribute " + longName))
                .shortName();
    }

    /**
     * Which specializations a resource of this one may reference through {@code mgmtLink}, following the
     * graph TS-0003 8.3.9.9.2-.8 expects (FACTS.md 1.3): registration, dataCollection and the client
     * registration configurations point at an authenticationProfile ({@code nm "authProfile"}, TS-0022 8.2);
     * an authenticationProfile points at its trust anchors, its certificate and the MEF/MAF it obtains keys from.
     */
    public boolean mayLinkTo(Specialization target) {
        switch (this) {
            case REGISTRATION:
            case DATA_COLLECTION:
            case MAF_CLIENT_REG_CFG:
            case MEF_CLIENT_REG_CFG:
                return target == AUTHENTICATION_PROFILE;
            case AUTHENTICATION_PROFILE:
                return target == TRUST_ANCHOR_CRED || target == MY_CERT_FILE_CRED
                        || target == MAF_CLIENT_REG_CFG || target == MEF_CLIENT_REG_CFG;
            default:
                return false;
        }
    }

    /** How many of this specialization a {@code <node>} may have (TS-0001 table 9.6.18-1): 0..1 or 0..n. */
    public boolean atMostOnePerNode() {
        return this == MAF_CLIENT_REG_CFG || this == MEF_CLIENT_REG_CFG;
    }

    public static Optional<Specialization> byMgd(int mgd) {
        return Arrays.stream(values()).filter(s -> s.mgd == mgd).findFirst();
    }

    public static Optional<Specialization> byShortName(String shortName) {
        return Optional.ofNullable(BY_SHORT_NAME.get(shortName));
    }

    /**
     * The specialization a request's wrapper names: its {@link #shortName()} or one of its {@link #inputAliases()}.
     *
     * @since 2.1
     */
    public static Optional<Specialization> byInputName(String wrapper) {
        return Optional.ofNullable(BY_INPUT_NAME.get(wrapper));
    }

    private static Map<String, Specialization> byName(boolean withAliases) {
        Map<String, Specialization> map = new HashMap<>();
        for (Specialization s : values()) {
            map.putIfAbsent(s.shortName, s);
            if (withAliases) for (String alias : s.inputAliases) map.putIfAbsent(alias, s);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The attributes of TS-0003 {@code sec:clientRegCfg} (12.4.2) that the MAF/MEFClientRegCfg MOs mirror. */
    private static AttributeSpec[] clientRegCfg() {
        return new AttributeSpec[] {
                a("fqdn", "fqdn", FQDN, M, O),
                a("adminFQDN", "adfq", FQDN, M, O),
                a("httpPort", "hprt", PORT, O, O),
                a("coapPort", "cprt", PORT, O, O),
                a("websocketPort", "wsprt", PORT, O, O)};
    }

    private static AttributeSpec a(String longName, String shortName, AttributeType type, Optionality c, Optionality u) {
        return new AttributeSpec(longName, shortName, type, c, u, true);
    }

    private static AttributeSpec confirmed(String longName, String shortName, AttributeType type, Optionality c, Optionality u) {
        return new AttributeSpec(longName, shortName, type, c, u, false);
    }

    private static Map<String, AttributeSpec> index(List<AttributeSpec> specs) {
        Map<String, AttributeSpec> map = new LinkedHashMap<>();
        for (AttributeSpec spec : specs) map.put(spec.shortName(), spec);
        return Collections.unmodifiableMap(map);
    }
}
