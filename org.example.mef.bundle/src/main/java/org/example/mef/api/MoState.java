package org.example.mef.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the processing of one MO stands (TS-0003 8.3.4.2, 8.3.4.3, 8.3.9.9): PENDING (queued or running), RETRYING
 * (the MEF did not answer; {@link #nextAttempt()}), DONE ({@link #result()}: the MEFClientRegID or the Key Identifier, or
 * what was done) or FAILED ({@link #reason()} and a cmdStatusCode of TS-0003 12.3.2.4, e.g. 304 MO_NODE_INCONSISTENT_CONFIG).
 * Carries no key value.
 *
 * @since 1.4
 */
public final class MoState {

    public enum State { PENDING, RETRYING, DONE, FAILED }

    private final String resourceId;
    private final String specialization;
    private final State state;
    private final Instant nextAttempt;
    private final String result;
    private final String reason;
    private final int statusCode;
    private final Instant since;

    private MoState(String resourceId, String specialization, State state, Instant nextAttempt, String result, String reason,
                    int statusCode, Instant since) {
        this.resourceId = Objects.requireNonNull(resourceId);
        this.specialization = Objects.requireNonNull(specialization);
        this.state = state;
        this.nextAttempt = nextAttempt;
        this.result = result;
        this.reason = reason;
        this.statusCode = statusCode;
        this.since = Objects.requireNonNull(since);
    }

    public static MoState pending(String ri, String specialization, Instant since) {
        return new MoState(ri, specialization, State.PENDING, null, null, null, 0, since);
    }

    public static MoState retrying(String ri, String specialization, Instant nextAttempt, String reason, Instant since) {
        return new MoState(ri, specialization, State.RETRYING, Objects.requireNonNull(nextAttempt), null, reason, 0, since);
    }

    public static MoState done(String ri, String specialization, String result, Instant since) {
        return new MoState(ri, specialization, State.DONE, null, Objects.requireNonNull(result), null, 0, since);
    }

    public static MoState failed(String ri, String specialization, String reason, int statusCode, Instant since) {
        return new MoState(ri, specialization, State.FAILED, null, null, Objects.requireNonNull(reason), statusCode, since);
    }

    public String resourceId() { return resourceId; }

    /** The TS-0022 long name, e.g. {@code MEFClientRegCfg}. */
    public String specialization() { return specialization; }

    public State state() { return state; }

    /** RETRYING: when the next attempt is due. */
    public Optional<Instant> nextAttempt() { return Optional.ofNullable(nextAttempt); }

    /** DONE: the MEFClientRegID, the Key Identifier, or what was done (e.g. "de-registered"). */
    public Optional<String> result() { return Optional.ofNullable(result); }

    /** FAILED: why; RETRYING: why the last attempt did not succeed. */
    public Optional<String> reason() { return Optional.ofNullable(reason); }

    /** FAILED: the cmdStatusCode (TS-0003 12.3.2.4) an MO_NODE command would report; 0 otherwise. */
    public int statusCode() { return statusCode; }

    /** When this state was entered. */
    public Instant since() { return since; }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(specialization).append(' ').append(resourceId).append(' ').append(state);
        if (nextAttempt != null) s.append(" next attempt ").append(nextAttempt);
        if (result != null) s.append(' ').append(result);
        if (reason != null) s.append(": ").append(reason);
        if (statusCode != 0) s.append(" (").append(statusCode).append(')');
        return s.append(" since ").append(since).toString();
    }
}
