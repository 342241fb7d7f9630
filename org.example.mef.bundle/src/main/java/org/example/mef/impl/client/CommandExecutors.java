package org.example.mef.impl.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;

/**
 * The executors of MEF Client Commands that the clients of one factory share: registered as services (the whiteboard)
 * or given to the builder, and taken at each command, so that one registered after a client was made serves it too.
 * A client's own executors ({@link org.example.mef.api.MefClientConfig#commandExecutors}) come first ({@link #withOwn}).
 */
public final class CommandExecutors {
    private final List<MefCommandExecutor> executors = new CopyOnWriteArrayList<>();
    /** The shared executors behind a client's own, or null. */
    private final CommandExecutors shared;

    public CommandExecutors() { this(null); }

    private CommandExecutors(CommandExecutors shared) { this.shared = shared; }

    public void add(MefCommandExecutor executor) { executors.add(executor); }

    public void remove(MefCommandExecutor executor) { executors.remove(executor); }

    /** {@code own} first, then these (still live: a service registered later is seen too). */
    CommandExecutors withOwn(List<MefCommandExecutor> own) {
        if (own.isEmpty()) return this;
        CommandExecutors c = new CommandExecutors(this);
        c.executors.addAll(own);
        return c;
    }

    private Stream<MefCommandExecutor> all() { return shared == null ? executors.stream() : Stream.concat(executors.stream(), shared.all()); }

    /** Whether any executor runs commands of this cmdClassID: the client supports the class (8.3.9.2 step 5c). */
    boolean supports(int cmdClassId) { return all().anyMatch(e -> e.cmdClassId() == cmdClassId); }

    /** The first executor of the command's class that accepts its arguments. */
    Optional<MefCommandExecutor> accepting(MefCommand command) {
        return all().filter(e -> e.cmdClassId() == command.cmdClassId() && e.accepts(command)).findFirst();
    }
}
