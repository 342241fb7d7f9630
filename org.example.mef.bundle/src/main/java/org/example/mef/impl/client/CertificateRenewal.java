package org.example.mef.impl.client;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.example.mef.api.ProvisionedCertificate;
import org.example.mef.impl.client.est.EstFailure;
import org.slf4j.Logger;

/**
 * Re-provisions the certificates a client holds before they lapse (TS-0003 8.3.6.2.3, Certificate Re-Provisioning: RFC
 * 7030 4.2.2 simplereenroll while the certificate is valid). One that lapsed meanwhile (the client was down, or every
 * renewal failed) is not asked for again: without a valid certificate the client could only enrol with its PSK, which
 * the MEF allows for a pending CERT_PROV command only (8.3.9.7), so one WARN line says that a new command is needed,
 * and nothing is retried for it (review finding: it was retried every 30 minutes, refused each time). A
 * certificate is due once less than its margin of validity remains: the configured margin, at most a third of the
 * certificate's validity, so that a short-lived certificate is not renewed over and over. The check runs when the
 * first certificate falls due, at most {@link #CHECK_INTERVAL} apart, and {@link #RETRY} after a failed renewal (the
 * certificate is still held and used meanwhile). Due times come from the {@link Clock}, so tests run {@link #renewDue}
 * at any instant.
 */
final class CertificateRenewal implements AutoCloseable {
    /** The longest wait between checks: a clock that jumps is noticed within it. */
    static final Duration CHECK_INTERVAL = Duration.ofHours(1);
    /** The wait after a renewal failed (the MEF away or refusing), instead of asking again at once. */
    static final Duration RETRY = Duration.ofMinutes(30);

    /** Renews one certificate; the outcome is logged by the renewer. */
    interface Renewer {
        void renew(ProvisionedCertificate held) throws EstFailure;
    }

    private final Supplier<List<ProvisionedCertificate>> held;
    private final Renewer renewer;
    private final Duration margin;
    private final Clock clock;
    private final CommandSchedule.Timer timer;
    private final Logger log;
    private ScheduledFuture<?> pending;
    private boolean closed;
    /** Serial numbers of lapsed certificates already reported, so that each is reported once. */
    private final java.util.Set<java.math.BigInteger> reportedLapsed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CertificateRenewal(Supplier<List<ProvisionedCertificate>> held, Renewer renewer, Duration margin, Clock clock,
                       CommandSchedule.Timer timer, Logger log) {
        this.held = held;
        this.renewer = renewer;
        this.margin = margin;
        this.clock = clock;
        this.timer = timer;
        this.log = log;
    }

    /** When the certificate falls due: its notAfter less the margin, at most a third of its validity. */
    static Instant renewalTime(X509Certificate certificate, Duration margin) {
        Instant notBefore = certificate.getNotBefore().toInstant(), notAfter = certificate.getNotAfter().toInstant();
        Duration third = Duration.between(notBefore, notAfter).dividedBy(3);
        return notAfter.minus(margin.compareTo(third) < 0 ? margin : third);
    }

    /** Checks now, and then as {@link #next} says. */
    synchronized void start() { schedule(Duration.ZERO); }

    /** A certificate was provisioned: the next check follows its due time. */
    synchronized void provisioned() { schedule(next()); }

    /** Renews every certificate due at the clock's now; false when one of them could not be renewed. */
    boolean renewDue() {
        Instant now = clock.instant();
        boolean allRenewed = true;
        for (ProvisionedCertificate p : held.get()) {
            if (now.isBefore(renewalTime(p.certificate(), margin))) continue;
            if (!now.isBefore(p.notAfter())) {
                if (reportedLapsed.add(p.serialNumber())) log.warn("the certificate for {} (serial {}) lapsed at {} before it was renewed;"
                        + " the MEF issues a new one for a new CERT_PROV command only (TS-0003 8.3.9.7), so it is not asked for again",
                        p.certSubjectId, p.serialNumber().toString(16), p.notAfter());
                continue;
            }
            try {
                renewer.renew(p);
            } catch (EstFailure e) {
                allRenewed = false; // logged by the renewer; the certificate is still held until it lapses
            } catch (RuntimeException e) {
                allRenewed = false;
                log.warn("the renewal of the certificate for {} failed", p.certSubjectId, e);
            }
        }
        return allRenewed;
    }

    /** Until the first certificate falls due, within [1 s, {@link #CHECK_INTERVAL}]. */
    Duration next() {
        Instant now = clock.instant();
        Duration wait = CHECK_INTERVAL;
        for (ProvisionedCertificate p : held.get()) {
            if (!now.isBefore(p.notAfter())) continue; // lapsed: nothing to wait for
            Duration until = Duration.between(now, renewalTime(p.certificate(), margin));
            if (until.compareTo(wait) < 0) wait = until;
        }
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    private void run() {
        boolean renewed;
        try {
            renewed = renewDue();
        } catch (RuntimeException e) {
            log.warn("the certificate renewal check failed", e);
            renewed = false;
        }
        synchronized (this) {
            schedule(renewed ? next() : RETRY);
        }
    }

    private void schedule(Duration delay) {
        if (closed) return;
        if (pending != null) pending.cancel(false);
        pending = timer.schedule(this::run, delay);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pending != null) pending.cancel(false);
        }
        timer.close();
    }
}
