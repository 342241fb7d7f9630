package org.example.mef.impl.est;

import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The subject a certificate is provisioned for: TS-0003 12.4 certProvCmdArgs certSubjectType and certSubjectID
 * (sec:certSubjectType 1 Node-ID, 2 CSE-ID, 3 AE-ID), and the subjectAltName that names it (TS-0003 10.1.4: "the
 * AE-ID, CSE-ID or Node-ID using the name type defined ... in clauses 10.1.1.5, 10.1.1.7 and 10.1.1.8").
 * <p>
 * ASSUMPTION: the text of 10.1.1.5/.7/.8 is not in the reference excerpt held by the project. The CSE-ID form follows
 * the project's test PKI and TLS code (a URI SAN {@code urn:onem2m:cse:<CSE-ID>}, read back by tef's certificate
 * channel); the AE-ID and Node-ID forms are taken by analogy as URI SANs {@code urn:onem2m:ae:<AE-ID>} and
 * {@code urn:onem2m:node:<Node-ID>}. Only {@link Type#uriPrefix()} encodes this, so a correction from the full
 * text changes one place.
 */
public record CertSubject(Type type, String id) {

    /** TS-0003 12.3.2 sec:certSubjectType. */
    public enum Type {
        NODE(1, "urn:onem2m:node:"),
        CSE(2, "urn:onem2m:cse:"),
        AE(3, "urn:onem2m:ae:");

        private final int code;
        private final String uriPrefix;

        Type(int code, String uriPrefix) {
            this.code = code;
            this.uriPrefix = uriPrefix;
        }

        /** The sec:certSubjectType value. */
        public int code() {
            return code;
        }

        /** The prefix of the URI SAN that carries an identifier of this type (see the class comment). */
        public String uriPrefix() {
            return uriPrefix;
        }

        /** The type of a sec:certSubjectType value. */
        public static Type ofCode(int code) {
            for (Type t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException("certSubjectType " + code + " is none of 1 (Node-ID), 2 (CSE-ID), 3 (AE-ID)");
        }
    }

    public CertSubject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) throw new IllegalArgumentException("certSubjectID is empty");
    }

    /** The URI that names this subject in a subjectAltName, e.g. {@code urn:onem2m:cse:/id-mn-cse-1}. */
    public String uri() {
        return type.uriPrefix() + id;
    }

    /** The subject a URI of {@link #uri()}'s form names, e.g. the subjectAltName of a certificate the MEF CA issued. */
    public static Optional<CertSubject> fromUri(String uri) {
        if (uri == null) return Optional.empty();
        for (Type t : Type.values()) {
            if (uri.startsWith(t.uriPrefix()) && uri.length() > t.uriPrefix().length())
                return Optional.of(new CertSubject(t, uri.substring(t.uriPrefix().length())));
        }
        return Optional.empty();
    }

    /** The subjectAltName entry that names this subject. */
    public GeneralName subjectAltName() {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri());
    }
}
