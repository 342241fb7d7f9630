package org.example.maf.impl.client;

import org.example.onem2m.primitive.Operation;
import org.example.onem2m.primitive.ResponseStatusCode;

/**
 * The MAF procedures a MAF Client runs (TS-0003 8.8.2.3-8.8.2.10): the operation each is carried in and the one
 * success status the MAF answers it with (TS-0004 6.6.3.3). Any other success status is an answer the client
 * does not understand.
 */
enum Procedure {
    CLIENT_REGISTRATION("MAF Client Registration", "8.8.2.3", Operation.CREATE, ResponseStatusCode.CREATED),
    CONFIGURATION_RETRIEVAL("MAF Client Configuration Retrieval", "8.8.2.4", Operation.RETRIEVE, ResponseStatusCode.OK),
    REGISTRATION_UPDATE("MAF Client Registration Update", "8.8.2.5", Operation.UPDATE, ResponseStatusCode.UPDATED),
    DE_REGISTRATION("MAF Client De-Registration", "8.8.2.6", Operation.DELETE, ResponseStatusCode.DELETED),
    KEY_REGISTRATION("MAF Key Registration", "8.8.2.7", Operation.CREATE, ResponseStatusCode.CREATED),
    KEY_RETRIEVAL("MAF Key Retrieval", "8.8.2.8", Operation.RETRIEVE, ResponseStatusCode.OK),
    KEY_REGISTRATION_UPDATE("MAF Key Registration Update", "8.8.2.9", Operation.UPDATE, ResponseStatusCode.UPDATED),
    KEY_DE_REGISTRATION("MAF Key De-Registration", "8.8.2.10", Operation.DELETE, ResponseStatusCode.DELETED);

    final String title;
    final String clause;
    final Operation operation;
    final ResponseStatusCode success;

    Procedure(String title, String clause, Operation operation, ResponseStatusCode success) {
        this.title = title;
        this.clause = clause;
        this.operation = operation;
        this.success = success;
    }

    @Override
    public String toString() { return title + " (TS-0003 " + clause + ")"; }
}
