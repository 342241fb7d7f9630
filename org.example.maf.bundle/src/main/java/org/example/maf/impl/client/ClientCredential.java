package org.example.maf.impl.client;

import java.util.Arrays;

import org.example.maf.api.MafClientConfig;
import org.example.maf.impl.client.AssignedKmIdState.Assignment;
import org.example.tef.api.channel.PskCredential;
import org.example.tef.client.TefClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PSK a MAF Client authenticates with (TS-0003 8.8.2.2): the configured KmID or KeID, or the KmID the MAF assigned
 * in a KeID session (8.8.2.3, 8.8.2.5: "the MAF Client shall use this as Master Credential ID (KmID) hereafter"), always
 * with the configured Km. A client of an Enrolment Key keeps the assignment ({@link AssignedKmIdState}) and starts
 * with it again when it is of the configured KeID; an assignment of another KeID (the device enrolled again) is not
 * used, since its Km came from the old Enrolment Key. Also the client's ID as far as it is known (for a client of an
 * Enrolment Key, the MAF's answer: mafClientID).
 */
final class ClientCredential implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MafClientImpl.class);

    private final MafClientConfig config;
    /** Null for a client of a pre-provisioned Km: the MAF assigns KmIDs in KeID sessions only. */
    private final AssignedKmIdState state;
    /** The assignment in use; null: the configured identity. */
    private Assignment current;
    /** A kept assignment of another KeID: not used, but it names the client of its registration. */
    private Assignment previous;
    private String clientId;

    private ClientCredential(MafClientConfig config, AssignedKmIdState state) {
        this.config = config;
        this.state = state;
        this.clientId = config.clientId;
        if (state == null) return;
        Assignment kept = state.assignment().orElse(null);
        if (kept != null && kept.of(config.keId)) {
            current = kept;
            if (kept.clientId() != null) clientId = kept.clientId();
        } else {
            previous = kept;
        }
        LOG.info("MAF Client of Enrolment Key {} for MAF {}: state in {}, authenticating as {}{}", config.keId, config.mafFqdn,
                state.location(), identity(), previous == null ? "" : " (KmID " + previous.kmId() + " was assigned for another KeID, "
                        + previous.keId() + ": not used)");
    }

    /** For a PSK client: the state file of a client of an Enrolment Key is opened here (and closed by {@link #close}). */
    static ClientCredential open(MafClientConfig config) {
        return new ClientCredential(config, config.keId == null ? null : AssignedKmIdState.open(config.stateFile));
    }

    /** The PSK of the next sessions. */
    synchronized PskCredential credential() {
        if (current == null) return config.psk;
        byte[] km = config.psk.key();
        try {
            return new PskCredential(current.kmId(), km, clientId);
        } finally {
            Arrays.fill(km, (byte) 0);
        }
    }

    synchronized String identity() { return current == null ? config.psk.identity() : current.kmId(); }

    /** The client's ID, null while a client of an Enrolment Key has not been told it. */
    synchronized String clientId() { return clientId; }

    /** X-M2M-Origin (informational): the client's ID, or its psk_identity while the ID is not known. */
    synchronized String originator() { return clientId != null ? clientId : identity(); }

    /** A Registration answered the client's ID (mafClientID, table 8.8.2.3-2): a client of an Enrolment Key learns it so. */
    synchronized void registered(String answeredClientId) {
        if (config.keId != null && answeredClientId != null) clientId = answeredClientId;
    }

    /** Uses {@code kmId}, assigned in {@code registrationId}, from now on, and keeps it. */
    void follow(String kmId, String registrationId, TefClient<?> client) {
        synchronized (this) {
            // an update answers no client ID; the registration's client is the one named when it was made
            if (clientId == null && previous != null && previous.registrationId().equalsIgnoreCase(registrationId)) clientId = previous.clientId();
            current = new Assignment(config.keId, kmId, clientId, registrationId);
            previous = null;
            client.useCredential(originator(), credential());
            keep(current);
        }
        LOG.info("MAF {} assigned KmID {} (registration {}); the client authenticates with it from now on (TS-0003 8.8.2.3)",
                config.mafFqdn, kmId, registrationId);
    }

    /** The MAF ends an assigned KmID with its registration (8.8.2.6): back to the configured identity. */
    void deregistered(String registrationId, TefClient<?> client) {
        synchronized (this) {
            if (previous != null && previous.registrationId().equalsIgnoreCase(registrationId)) previous = null;
            if (current == null || !current.registrationId().equalsIgnoreCase(registrationId)) return;
            current = null;
            client.useCredential(originator(), credential());
            keep(null);
        }
        LOG.info("registration {} ended with MAF {}: the client authenticates as {} again", registrationId, config.mafFqdn, config.psk.identity());
    }

    /**
     * Writes the assignment (null: removes it). A failure to write leaves the client working with the KmID in memory: a
     * restarted client then starts with its KeID, which still authenticates while the MEF knows the Enrolment Key.
     */
    private void keep(Assignment a) {
        if (state == null) return;
        try {
            if (a == null) state.remove();
            else state.put(a);
        } catch (RuntimeException e) {
            LOG.warn("could not keep the assigned KmID in {}: {}; it is used until this client stops", state.location(), e.toString());
        }
    }

    @Override
    public void close() {
        if (state != null) state.close();
    }
}
