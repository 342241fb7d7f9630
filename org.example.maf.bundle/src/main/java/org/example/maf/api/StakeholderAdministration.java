package org.example.maf.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an administrating stakeholder may do on a running MAF beyond the procedures: set the authorized targets
 * of an ESData key (TS-0003 8.8.2.7, NOTE 3: "the MAF could provide its own logic and interface").
 */
@ProviderType
public interface StakeholderAdministration {
    /** @return the targets as now stored */
    List<String> replaceTargets(String adminFqdn, String relativeKeyId, List<String> targetIds) throws MafException;
}
