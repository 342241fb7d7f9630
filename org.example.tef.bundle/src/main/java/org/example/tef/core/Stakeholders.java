package org.example.tef.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The stakeholders a MAF or MEF currently serves, by adminFQDN (compared without regard to case). */
public final class Stakeholders {
    private final Map<String, Stakeholder> byFqdn = new ConcurrentHashMap<>();

    public void put(Stakeholder stakeholder) { byFqdn.put(stakeholder.adminFqdn(), stakeholder); }

    public void remove(String adminFqdn) { byFqdn.remove(adminFqdn.toLowerCase(Locale.ROOT)); }

    public Optional<Stakeholder> byFqdn(String adminFqdn) {
        return adminFqdn == null ? Optional.empty() : Optional.ofNullable(byFqdn.get(adminFqdn.toLowerCase(Locale.ROOT)));
    }
}
