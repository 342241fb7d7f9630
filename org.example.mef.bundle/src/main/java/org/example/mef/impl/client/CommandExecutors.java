package org.example.mef.impl.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;

/**
 * The executors of MEF Client Commands that the clients of one factory share: registered as services (the whiteboard)
 * or given to the builder, and taken at each command, so that one registered after a client was made serves it too.
 */
public final class CommandExecutors {
    private final List<MefCommandExecutor> executors = new CopyOnWriteArrayList<>();

    public void add(MefCommandExecutor executor) { executors.add(executor); }

    public void remove(MefCommandExecutor executor) { executors.remove(executor); }

    /** Whether any executor runs commands of this cmdClassID: the client supports the class (8.3.9.2 step 5c). */
    boolean supports(int cmdClassId) { return executors.stream().anyMatch(e -> e.cmdClassId() == cmdClassId); }

    /** The first executor of the command's class that accepts its arguments. */
    Optional<MefCommandExecutor> accepting(MefCommand command) {
        return executors.stream().filter(e -> e.cmdClassId() == command.cmdClassId() && e.accepts(command)).findFirst();
    }
}
