package org.example.tef.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.example.tef.api.KeyExport;
import org.example.onem2m.primitive.M2mTimestamp;
import org.example.tef.api.Suids;
import org.example.tef.api.channel.SecureSession;
import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.RequestPrimitive;
import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.tef.impl.store.InMemoryRegistrationStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The core as a MEF would build it (TS-0003 8.3.5.2: mefBase, sec:mefClientReg, MEFClientRegID, RSPF-provisioned
 * SUIDs 21 to 25), with one stakeholder, and its clients as the procedures see them after the MEF Handshake.
 */
final class MefFixture {
    static final String MEF = "mef.example.com";
    static final String BASE = "/" + MEF + "/mefBase";
    static final String SP = "sp.example.com";
    static final String A = "//sp.example.com/cse-a";
    static final String B = "//sp.example.com/cse-b";
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** TS-0003 10.3.1 defines one label for a distributed Kc; the MEF's Key Registration points to it (FACTS.md 3.6). */
    static final TefFunction MEF_FUNCTION = mef(ClientIdentity.HANDSHAKE_PEER);

    static TefFunction mef(ClientIdentity identity) {
        return TefFunction.builder("MEF").clause("8.3.5.2").base("mefBase")
                .clientRegWrapper("sec:mefClientReg").clientCfgWrapper("sec:mefClientCfg").clientRegIdName("mefClientRegID")
                .clientIdName("mefClientID").sourceClientIdName("sourceMefClientID").registrationIdPrefix("ecr-")
                .keySuids(Suids.RSPF_PROVISIONED, "RSPF-provisioned").exporterLabel(KeyExport.CONNECTION_LABEL)
                .clientIdentity(identity).logCategory("org.example.mef.procedures").build();
    }

    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final Stakeholders stakeholders = new Stakeholders();
    final TefProcedures procedures;

    MefFixture() { this(MEF_FUNCTION); }

    MefFixture(TefFunction function) { this(function, CredentialAssignment.NONE); }

    MefFixture(TefFunction function, CredentialAssignment assignment) {
        procedures = new TefProcedures(function, MEF, store, stakeholders, Clock.fixed(T0, ZoneOffset.UTC), assignment);
        stakeholders.put(new Stakeholder(SP, Set.of(A, B), Duration.ofDays(365), Duration.ofDays(30), "{\"fqdn\":\"maf.example.com\"}"));
    }

    static String et(Duration fromT0) { return M2mTimestamp.format(T0.plus(fromT0)); }

    ResponsePrimitive send(String client, Operation op, String to, String content) {
        return sendIn(new Session(client), op, to, content);
    }

    ResponsePrimitive sendIn(SecureSession session, Operation op, String to, String content) {
        return procedures.handle(session, RequestPrimitive.of(op, to).from("informational").requestId(UUID.randomUUID().toString()).content(content).build());
    }

    /** Registers the client with the stakeholder; returns its MEFClientRegID. */
    String register(String client) {
        return body(send(client, Operation.CREATE, BASE, "{\"sec:mefClientReg\":{\"et\":\"" + et(Duration.ofDays(10))
                + "\",\"adminFQDN\":\"" + SP + "\"}}")).get("mefClientRegID").getAsString();
    }

    ResponsePrimitive registerKey(String client, int suid, String target) {
        return send(client, Operation.CREATE, BASE, "{\"sec:symmKeyReg\":{\"et\":\"" + et(Duration.ofDays(1)) + "\",\"adminFQDN\":\""
                + SP + "\",\"suid\":" + suid + ",\"targetIDs\":[\"" + target + "\"]}}");
    }

    static JsonObject body(ResponsePrimitive r) {
        JsonObject o = JsonParser.parseString(r.content()).getAsJsonObject();
        return o.getAsJsonObject(o.keySet().iterator().next());
    }

    static String wrapper(ResponsePrimitive r) {
        return JsonParser.parseString(r.content()).getAsJsonObject().keySet().iterator().next();
    }

    /** What a completed MEF Handshake leaves: the client, its credential, and only the Connection label exported. */
    static final class Session implements SecureSession {
        private final String peerId;
        private final String credential;
        final byte[] exported = new byte[48];

        Session(String peerId) { this(peerId, "kpm-" + peerId + "@" + MEF); }

        /** A session whose psk_identity was {@code credential}. */
        Session(String peerId, String credential) {
            this.peerId = peerId;
            this.credential = credential;
            new SecureRandom().nextBytes(exported);
        }

        @Override public Authentication authentication() { return Authentication.PSK; }
        @Override public String serverName() { return MEF; }
        @Override public String peerCredential() { return credential; }
        @Override public Optional<String> peerId() { return Optional.ofNullable(peerId); }
        @Override public int cipherSuite() { return 0x00AE; }
        @Override public byte[] exported(String label) {
            if (!label.equals(KeyExport.CONNECTION_LABEL)) throw new IllegalArgumentException(label);
            return exported.clone();
        }
        @Override public InputStream inputStream() { throw new UnsupportedOperationException(); }
        @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
        @Override public void close() {}
    }
}
