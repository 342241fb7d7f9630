package org.example.tef.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What makes the shared procedures a MAF's or a MEF's: the function's name in messages and logs, the clause its
 * procedures are specified in, its base resource, the wire names that carry its name, the SUIDs its Key Registration
 * accepts, the exporter label of a key registered without a value, and where the client's identity comes from.
 * The wire names every function shares are in {@link WireNames}. Immutable; built with {@link #builder(String)}.
 */
public final class TefFunction {
    private final String name;
    private final String clause;
    private final String base;
    private final String clientRegWrapper;
    private final String clientCfgWrapper;
    private final String clientRegIdName;
    private final String clientIdName;
    private final String sourceClientIdName;
    private final String registrationIdPrefix;
    private final Set<Integer> keySuids;
    private final String keyKind;
    private final String exporterLabel;
    private final ClientIdentity clientIdentity;
    private final String logCategory;

    private TefFunction(Builder b) {
        name = b.name;
        clause = required(b.clause, "clause");
        base = required(b.base, "base");
        clientRegWrapper = required(b.clientRegWrapper, "clientRegWrapper");
        clientCfgWrapper = required(b.clientCfgWrapper, "clientCfgWrapper");
        clientRegIdName = required(b.clientRegIdName, "clientRegIdName");
        clientIdName = required(b.clientIdName, "clientIdName");
        sourceClientIdName = required(b.sourceClientIdName, "sourceClientIdName");
        registrationIdPrefix = required(b.registrationIdPrefix, "registrationIdPrefix");
        if (b.keySuids == null || b.keySuids.isEmpty()) throw new IllegalArgumentException(name + ": keySuids is not set");
        keySuids = Set.copyOf(b.keySuids);
        keyKind = required(b.keyKind, "keyKind");
        exporterLabel = required(b.exporterLabel, "exporterLabel");
        clientIdentity = Objects.requireNonNull(b.clientIdentity, "clientIdentity");
        logCategory = required(b.logCategory, "logCategory");
    }

    private String required(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + ": " + what + " is not set");
        return value;
    }

    /** @param name the function as messages name it: "MAF" or "MEF" */
    public static Builder builder(String name) { return new Builder(name); }

    /** "MAF" or "MEF". */
    public String name() { return name; }
    /** "MAF Client" or "MEF Client", as messages and logs call the function's clients. */
    public String client() { return name + " Client"; }
    /** The clause of one step of the procedures: {@code clause(7)} is "8.8.2.7" for the MAF, "8.3.5.2.7" for the MEF. */
    public String clause(int procedure) { return clause + "." + procedure; }
    /** The base resource name: {@code mafBase}, {@code mefBase}. */
    public String base() { return base; }
    public String clientRegWrapper() { return clientRegWrapper; }
    public String clientCfgWrapper() { return clientCfgWrapper; }
    public String clientRegIdName() { return clientRegIdName; }
    public String clientIdName() { return clientIdName; }
    public String sourceClientIdName() { return sourceClientIdName; }
    /** The start of every client registration ID this function assigns, such as "mcr-". */
    public String registrationIdPrefix() { return registrationIdPrefix; }
    /** The SUIDs a Key Registration may carry (TS-0004 6.3.4.2.39). */
    public Set<Integer> keySuids() { return keySuids; }
    /** How a refusal names the keys of {@link #keySuids()}: "MAF-distributed", "RSPF-provisioned". */
    public String keyKind() { return keyKind; }
    /** The RFC 5705 label of a key registered without a value (TS-0003 10.3.1). */
    public String exporterLabel() { return exporterLabel; }
    public ClientIdentity clientIdentity() { return clientIdentity; }
    /** The SLF4J logger name the procedures log under. */
    public String logCategory() { return logCategory; }

    /** {@code /<FQDN>/<base>}: where the procedures are. */
    public String basePath(String fqdn) { return "/" + fqdn + "/" + base; }

    public String registrationPath(String fqdn, String registrationId) {
        return basePath(fqdn) + "/" + WireNames.REGISTRATIONS + "/" + registrationId;
    }

    public String keyPath(String fqdn, String relativeKeyId) { return basePath(fqdn) + "/" + WireNames.KEYS + "/" + relativeKeyId; }

    /** The SUIDs in ascending order, for messages. */
    List<Integer> sortedKeySuids() {
        List<Integer> list = new ArrayList<>(keySuids);
        Collections.sort(list);
        return list;
    }

    @Override
    public String toString() { return name + " (" + basePath("<FQDN>") + ", TS-0003 " + clause + ")"; }

    /** Every value is required except the client identity, which defaults to {@link ClientIdentity#HANDSHAKE_PEER}. */
    public static final class Builder {
        private final String name;
        private String clause;
        private String base;
        private String clientRegWrapper;
        private String clientCfgWrapper;
        private String clientRegIdName;
        private String clientIdName;
        private String sourceClientIdName;
        private String registrationIdPrefix;
        private Set<Integer> keySuids;
        private String keyKind;
        private String exporterLabel;
        private ClientIdentity clientIdentity = ClientIdentity.HANDSHAKE_PEER;
        private String logCategory;

        private Builder(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a function has a name");
            this.name = name;
        }

        /** The clause whose sub-clauses 2 to 10 are the procedures: "8.8.2" (MAF), "8.3.5.2" (MEF). */
        public Builder clause(String value) { clause = value; return this; }
        public Builder base(String value) { base = value; return this; }
        public Builder clientRegWrapper(String value) { clientRegWrapper = value; return this; }
        public Builder clientCfgWrapper(String value) { clientCfgWrapper = value; return this; }
        public Builder clientRegIdName(String value) { clientRegIdName = value; return this; }
        public Builder clientIdName(String value) { clientIdName = value; return this; }
        public Builder sourceClientIdName(String value) { sourceClientIdName = value; return this; }
        public Builder registrationIdPrefix(String value) { registrationIdPrefix = value; return this; }
        /** @param kind how refusals name these keys, e.g. "MAF-distributed" */
        public Builder keySuids(Set<Integer> suids, String kind) { keySuids = suids; keyKind = kind; return this; }
        public Builder exporterLabel(String value) { exporterLabel = value; return this; }
        public Builder clientIdentity(ClientIdentity value) { clientIdentity = value; return this; }
        public Builder logCategory(String value) { logCategory = value; return this; }

        public TefFunction build() { return new TefFunction(this); }
    }
}
