package org.example.tef.client;

import static org.example.tef.core.WireNames.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.example.tef.core.Content;
import org.example.tef.core.TefFunction;

/**
 * The attributes each success answer may hold, for one function (the tables of TS-0003 8.8.2 and 8.3.5.2), plus the
 * registration answers' extra attributes only one function answers (the MAF's assignedSymmKeyID, 8.8.2.3, 8.8.2.5).
 */
final class AnswerTables {
    final Set<String> registrationExtras;
    final Set<String> registration;
    final Set<String> registrationUpdate;
    final Set<String> keyRegistration;
    final Set<String> keyRetrieval;
    final Set<String> keyUpdate;

    AnswerTables(TefFunction function, Set<String> registrationExtras) {
        this.registrationExtras = Set.copyOf(registrationExtras);
        // Tables 8.8.2.3-2 / 8.3.5.2.3-2 and 8.8.2.5-2 / 8.3.5.2.5-2
        this.registration = plus(Set.of(function.clientRegIdName(), LBL, ET, function.clientIdName(), ADMIN_FQDN), registrationExtras);
        this.registrationUpdate = plus(Set.of(ET, LBL), registrationExtras);
        // Tables 8.8.2.7-2, 8.8.2.8-2, 8.8.2.9-2 and their MEF twins
        this.keyRegistration = Set.of(RELATIVE_KEY_ID, ET, function.sourceClientIdName(), LBL, ADMIN_FQDN, SUID, TARGET_IDS);
        this.keyRetrieval = Set.of(ET, function.sourceClientIdName(), LBL, ADMIN_FQDN, SUID, KEY_VALUE);
        this.keyUpdate = Set.of(ET, LBL, TARGET_IDS);
    }

    /**
     * The extra attributes a registration answer carries: a string as itself, anything else (the MEF's childResource
     * list, 8.3.4.6) as its JSON text.
     */
    Map<String, String> extras(Content c) {
        Map<String, String> found = new HashMap<>();
        for (String name : registrationExtras) c.optionalText(name).ifPresent(v -> found.put(name, v));
        return found;
    }

    private static Set<String> plus(Set<String> base, Set<String> extras) {
        Set<String> all = new HashSet<>(base);
        all.addAll(extras);
        return Set.copyOf(all);
    }
}
