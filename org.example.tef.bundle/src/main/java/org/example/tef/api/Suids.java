package org.example.tef.api;

import java.util.Set;

/** What a SUID (TS-0004 table 6.3.4.2.39-1) allows in key registration (TS-0003 8.8.2.7, 8.3.5.2.7). */
public final class Suids {
    /** MAF-distributed symmetric keys: the SUIDs a MAF Key Registration may carry. */
    public static final Set<Integer> MAF_DISTRIBUTED = Set.of(32, 33, 34, 35);
    /** RSPF-provisioned symmetric keys: the SUIDs a MEF Key Registration may carry. */
    public static final Set<Integer> RSPF_PROVISIONED = Set.of(21, 22, 23, 24, 25);

    private Suids() {}

    /** SAEF (x2) and ESPrim (x3) keys go to exactly one target; ESData keys (x4, x5) to one or more (8.8.2.7 step 3). */
    public static boolean exactlyOneTarget(int suid) {
        int usage = suid % 10;
        return usage == 2 || usage == 3;
    }

    /** ESData keys (x4 encryption, x5 signature): the administrating stakeholder may change their targets (8.8.2.7). */
    public static boolean isEsData(int suid) {
        int usage = suid % 10;
        return usage == 4 || usage == 5;
    }
}
