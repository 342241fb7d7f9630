package org.example.mef.impl.enrolment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.example.tef.api.Suids;

/**
 * Which Enrolment Targets (a MAF by its FQDN, a CSE or AE by its ID) may fetch credentials from this MEF, and for
 * which SUIDs (TS-0003 8.3.2.1 step f ii: "the MEF shall validate if the particular Enrolment Target is allowed to
 * fetch credentials ... with the particular Security Usage Identifier"). Configured as {@code <target>=<suid>[;<suid>]},
 * e.g. {@code maf.example.com=21}.
 */
public final class EnrolmentTargets {
    private final Map<String, Set<Integer>> suidsByTarget;

    private EnrolmentTargets(Map<String, Set<Integer>> suidsByTarget) { this.suidsByTarget = suidsByTarget; }

    /** @throws IllegalArgumentException naming the entry that is not {@code target=suid[;suid]} with remote-provisioning SUIDs */
    public static EnrolmentTargets parse(Collection<String> entries) {
        Map<String, Set<Integer>> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) throw new IllegalArgumentException("enrolment target '" + entry
                    + "' is not <target ID>=<SUID>[;<SUID>...], e.g. maf.example.com=21");
            Set<Integer> suids = new TreeSet<>();
            for (String s : entry.substring(eq + 1).split(";")) {
                int suid;
                try {
                    suid = Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("enrolment target '" + entry + "': '" + s.trim() + "' is not a SUID");
                }
                if (!Suids.RSPF_PROVISIONED.contains(suid)) throw new IllegalArgumentException("enrolment target '" + entry
                        + "': SUID " + suid + " is not one of the remotely provisioned SUIDs " + new TreeSet<>(Suids.RSPF_PROVISIONED));
                suids.add(suid);
            }
            map.put(entry.substring(0, eq).trim(), Set.copyOf(suids));
        }
        return new EnrolmentTargets(Map.copyOf(map));
    }

    public boolean isTarget(String id) { return id != null && suidsByTarget.containsKey(id); }

    public boolean mayFetch(String targetId, int suid) {
        Set<Integer> suids = suidsByTarget.get(targetId);
        return suids != null && suids.contains(suid);
    }

    @Override
    public String toString() { return suidsByTarget.toString(); }
}
