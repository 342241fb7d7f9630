package org.example.maf.impl.client;

import org.example.tef.api.wire.Operation;
import org.example.tef.api.wire.Rsc;

/**
 * The MAF procedures a MAF Client runs (TS-0003 8.8.2.3-8.8.2.10): the operation each is carried in and the one
 * success status the MAF answers it with (TS-0004 6.6.3.3). Any other success status is an answer the client
 * does not understand.
 */
enum Procedure {
    CLIENT_REGISTRATION("MAF Client Registration", "8.8.2.3", Operation.CREATE, Rsc.CREATED),
    CONFIGURATION_RETRIEVAL("MAF Client Configuration Retrieval", "8.8.2.4", Operation.RETRIEVE, Rsc.OK),
    REGISTRATION_UPDATE("MAF Client Registration Update", "8.8.2.5", Operation.UPDATE, Rsc.UPDATED),
    DE_REGISTRATION("MAF Client De-Registration", "8.8.2.6", Operation.DELETE, Rsc.DELETED),
    KEY_REGISTRATION("MAF Key Registration", "8.8.2.7", Operation.CREATE, Rsc.CREATED),
    KEY_RETRIEVAL("MAF Key Retrieval", "8.8.2.8", Operation.RETRIEVE, Rsc.OK),
    KEY_REGISTRATION_UPDATE("MAF Key Registration Update", "8.8.2.9", Operation.UPDATE, Rsc.UPDATED),
    KEY_DE_REGISTRATION("MAF Key De-Registration", "8.8.2.10", Operation.DELETE, Rsc.DELETED);

    final String title;
    final String clause;
    final Operation operation;
    final Rsc success;

    Procedure(String title, String clause, Operation operation, Rsc success) {
        this.title = title;
        this.clause = clause;
        this.operation = operation;
        this.success = success;
    }

    @Override
    public String toString() { return title + " (TS-0003 " + clause + ")"; }
}
