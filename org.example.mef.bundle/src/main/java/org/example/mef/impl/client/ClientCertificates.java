package org.example.mef.impl.client;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.mef.api.MefClientConfig;
import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.client.est.CertificateFiles;
import org.example.mef.impl.client.est.EstEnrolment;
import org.example.mef.impl.client.est.EstFailure;
import org.example.mef.impl.est.CertSubject;
import org.example.tef.api.channel.SecureChannels;
import org.example.tef.api.wire.PrimitiveTransport;
import org.slf4j.Logger;

/**
 * The certificates a MEF Client holds and how it gets them (TS-0003 8.3.6.2 through 8.3.9.7 CERT_PROV): provisioning by
 * EST for a subject, as a re-enrolment when a certificate of that subject is held and valid (8.3.6.2.3), and the
 * scheduled renewal. One provisioning at a time, so that a command and a renewal do not enrol the same subject twice.
 * Each outcome is one INFO line: the subject, the serial and notAfter, or the reason; never a key.
 */
final class ClientCertificates implements AutoCloseable {
    private final CertificateFiles files;
    private final EstEnrolment est;
    private final Clock clock;
    private final Logger log;
    private final CertificateRenewal renewal;
    private volatile List<ProvisionedCertificate> held;

    ClientCertificates(MefClientConfig config, SecureChannels channels, PrimitiveTransport transport, Clock clock, CommandSchedule.Timer timer, Logger log) {
        try {
            this.files = new CertificateFiles(config.certificateDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("the certificate directory " + config.certificateDirectory + " cannot be made: " + e.getMessage(), e);
        }
        this.est = new EstEnrolment(channels, transport, config.host, config.kpm, files, clock);
        this.clock = clock;
        this.log = log;
        this.held = files.load();
        this.renewal = new CertificateRenewal(() -> held, this::renew, config.certificateRenewalMargin, clock, timer, log);
    }

    /** Starts the renewal checks (the first one at once: certificates may have fallen due while the client was down). */
    void start() {
        if (!held.isEmpty()) log.info("holding {} provisioned certificate(s) in {}", held.size(), files.directory());
        renewal.start();
    }

    List<ProvisionedCertificate> held() { return held; }

    CertificateRenewal renewal() { return renewal; }

    /** A held certificate of a subject {@code which} accepts that is valid now (notBefore reached, notAfter not). */
    Optional<ProvisionedCertificate> valid(java.util.function.Predicate<ProvisionedCertificate> which) {
        java.time.Instant now = clock.instant();
        return held.stream().filter(which)
                .filter(p -> now.isBefore(p.notAfter()) && !now.isBefore(p.certificate().getNotBefore().toInstant())).findFirst();
    }

    /**
     * Provisions a certificate for {@code subject} at the EST base URI: /simplereenroll with the certificate held for the
     * subject while it is valid, /simpleenroll with the PSK otherwise (8.3.6.2.2 "does not possess a valid certificate").
     */
    synchronized ProvisionedCertificate provision(CertSubject subject, URI base) throws EstFailure {
        Optional<ProvisionedCertificate> current = valid(p -> p.certSubjectType == subject.type().code() && p.certSubjectId.equals(subject.id()));
        String operation = current.isPresent() ? "simplereenroll" : "simpleenroll";
        ProvisionedCertificate provisioned;
        try {
            provisioned = est.provision(subject, base, current.orElse(null));
        } catch (EstFailure e) {
            log.info("certificate for {} not provisioned by EST {} at {} ({} error): {}", subject.uri(), operation, base,
                    e.serverSide() ? "server" : "client", e.getMessage());
            throw e;
        }
        List<ProvisionedCertificate> now = new ArrayList<>(List.of(provisioned));
        held.stream().filter(p -> !(p.certSubjectType == provisioned.certSubjectType && p.certSubjectId.equals(provisioned.certSubjectId)))
                .forEach(now::add);
        held = List.copyOf(now);
        log.info("certificate for {} provisioned by EST {} at {}: serial {}, notAfter {}", subject.uri(), operation, base,
                provisioned.serialNumber().toString(16), provisioned.notAfter());
        renewal.provisioned();
        return provisioned;
    }

    private void renew(ProvisionedCertificate p) throws EstFailure {
        provision(new CertSubject(CertSubject.Type.ofCode(p.certSubjectType), p.certSubjectId), p.estBaseUri);
    }

    @Override
    public void close() { renewal.close(); }
}
