package org.example.tef.client;

import java.util.Objects;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.TefFunction;

/**
 * One procedure a client runs: its title and clause for messages, the operation it is carried in, and the one success
 * status the function answers it with (TS-0004 6.6.3.3); any other success status is an answer the client does not
 * understand. The operation also decides whether a request may be repeated on a new session (see {@link TefClient}).
 */
public final class Procedure {
    /** The eight procedures the MAF (8.8.2.3-.10) and the MEF (8.3.5.2.3-.10) share, by their sub-clause number. */
    public enum Shared {
        CLIENT_REGISTRATION(3, "Client Registration", Operation.CREATE, ResponseStatusCode.CREATED),
        CONFIGURATION_RETRIEVAL(4, "Client Configuration Retrieval", Operation.RETRIEVE, ResponseStatusCode.OK),
        REGISTRATION_UPDATE(5, "Client Registration Update", Operation.UPDATE, ResponseStatusCode.UPDATED),
        DE_REGISTRATION(6, "Client De-Registration", Operation.DELETE, ResponseStatusCode.DELETED),
        KEY_REGISTRATION(7, "Key Registration", Operation.CREATE, ResponseStatusCode.CREATED),
        KEY_RETRIEVAL(8, "Key Retrieval", Operation.RETRIEVE, ResponseStatusCode.OK),
        KEY_REGISTRATION_UPDATE(9, "Key Registration Update", Operation.UPDATE, ResponseStatusCode.UPDATED),
        KEY_DE_REGISTRATION(10, "Key De-Registration", Operation.DELETE, ResponseStatusCode.DELETED);

        final int number;
        final String title;
        final Operation operation;
        final ResponseStatusCode success;

        Shared(int number, String title, Operation operation, ResponseStatusCode success) {
            this.number = number;
            this.title = title;
            this.operation = operation;
            this.success = success;
        }
    }

    private final String title;
    private final String clause;
    private final Operation operation;
    private final ResponseStatusCode success;

    private Procedure(String title, String clause, Operation operation, ResponseStatusCode success) {
        this.title = Objects.requireNonNull(title, "title");
        this.clause = Objects.requireNonNull(clause, "clause");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.success = Objects.requireNonNull(success, "success");
    }

    /** A shared procedure as {@code function} names it: "MAF Key Retrieval (TS-0003 8.8.2.8)". */
    public static Procedure of(TefFunction function, Shared shared) {
        return new Procedure(function.name() + " " + shared.title, function.clause(shared.number), shared.operation, shared.success);
    }

    /** A procedure of one function only, such as the MEF Client Command Retrieve (8.3.9.2). */
    public static Procedure of(String title, String clause, Operation operation, ResponseStatusCode success) {
        return new Procedure(title, clause, operation, success);
    }

    public Operation operation() { return operation; }

    public ResponseStatusCode success() { return success; }

    /** A Retrieval reads only and an Update sets the same values again: running one twice changes nothing more. */
    public boolean repeatable() { return operation == Operation.RETRIEVE || operation == Operation.UPDATE; }

    @Override
    public String toString() { return title + " (TS-0003 " + clause + ")"; }
}
