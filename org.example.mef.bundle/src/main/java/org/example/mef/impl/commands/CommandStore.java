package org.example.mef.impl.commands;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the MEF keeps the MEF Client Commands of each MEF Client Registration (TS-0003 8.3.9), queued, issued and
 * reported on. A durable implementation has made a change durable when the method returns, so that a client is never
 * told of a command, or its report acknowledged, that a restart would forget. Thread-safe; the sequencing of one
 * registration's commands is the caller's ({@link CommandQueue}).
 */
public interface CommandStore extends AutoCloseable {
    /**
     * Stores a newly queued command under the registration's next number: 1 for the first, then one more than any
     * number the registration ever had, even if that command was removed since (a cmdID is never reused, 8.3.9.1).
     *
     * @return the command as stored, with its number
     */
    Command add(String registrationId, CommandDescription description, Instant enqueuedAt);

    /**
     * Replaces the stored command of the same number (after it was issued or reported on).
     *
     * @return false, and nothing stored, when the registration has no such command (it was removed meanwhile)
     */
    boolean put(String registrationId, Command command);

    Optional<Command> get(String registrationId, long number);

    /** The registration's commands in number order (the order they were queued); empty if it has none. */
    List<Command> list(String registrationId);

    /** @return whether the command was there */
    boolean remove(String registrationId, long number);

    /**
     * Forgets a registration's commands and its numbering, when it is de-registered or expired: its registration ID
     * is never assigned again.
     *
     * @return how many commands were removed
     */
    int removeAll(String registrationId);

    /** Every registration that has commands or a numbering (the purge drops those of registrations that are gone). */
    java.util.Set<String> registrationIds();

    /** Where the commands are, for the operator's log; says so when that is the heap. */
    String location();

    /** Closes the store; later calls throw. */
    @Override
    void close();
}
