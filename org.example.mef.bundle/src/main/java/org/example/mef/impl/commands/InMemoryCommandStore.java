package org.example.mef.impl.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Commands in the heap: for tests and for deployments that accept losing every queued command and report on
 * restart. Not durable, whatever {@link CommandStore} promises about writes; {@link #location()} says so. One lock:
 * a MEF has few commands in flight, and they change once per client procedure.
 */
public final class InMemoryCommandStore implements CommandStore {
    private final Map<String, TreeMap<Long, Command>> commands = new HashMap<>();
    private final Map<String, Long> lastNumbers = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized Command add(String registrationId, CommandDescription description, Instant enqueuedAt) {
        checkOpen(registrationId);
        long number = lastNumbers.merge(registrationId, 1L, Long::sum);
        Command c = Command.queued(number, description, enqueuedAt);
        commands.computeIfAbsent(registrationId, r -> new TreeMap<>()).put(number, c);
        return c;
    }

    @Override
    public synchronized java.util.Set<String> registrationIds() {
        java.util.Set<String> ids = new java.util.HashSet<>(commands.keySet());
        ids.addAll(lastNumbers.keySet());
        return ids;
    }

    @Override
    public synchronized boolean put(String registrationId, Command command) {
        checkOpen(registrationId);
        Objects.requireNonNull(command, "command");
        TreeMap<Long, Command> of = commands.get(registrationId);
        if (of == null || !of.containsKey(command.number())) return false;
        of.put(command.number(), command);
        return true;
    }

    @Override
    public synchronized Optional<Command> get(String registrationId, long number) {
        checkOpen(registrationId);
        TreeMap<Long, Command> of = commands.get(registrationId);
        return of == null ? Optional.empty() : Optional.ofNullable(of.get(number));
    }

    @Override
    public synchronized List<Command> list(String registrationId) {
        checkOpen(registrationId);
        TreeMap<Long, Command> of = commands.get(registrationId);
        return of == null ? List.of() : new ArrayList<>(of.values());
    }

    @Override
    public synchronized boolean remove(String registrationId, long number) {
        checkOpen(registrationId);
        TreeMap<Long, Command> of = commands.get(registrationId);
        boolean removed = of != null && of.remove(number) != null;
        if (of != null && of.isEmpty()) commands.remove(registrationId); // the numbering stays in lastNumbers
        return removed;
    }

    @Override
    public synchronized int removeAll(String registrationId) {
        checkOpen(registrationId);
        lastNumbers.remove(registrationId);
        TreeMap<Long, Command> of = commands.remove(registrationId);
        return of == null ? 0 : of.size();
    }

    @Override
    public String location() { return "the heap (not durable: commands are lost on restart)"; }

    @Override
    public synchronized void close() { closed = true; }

    private void checkOpen(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        if (closed) throw new IllegalStateException("the command store is closed");
    }
}
