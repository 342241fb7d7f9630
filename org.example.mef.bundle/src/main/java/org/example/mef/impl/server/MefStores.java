package org.example.mef.impl.server;

import java.nio.file.Path;

import org.example.mef.impl.commands.CommandStore;
import org.example.mef.impl.commands.InMemoryCommandStore;
import org.example.mef.impl.commands.MVStoreCommandStore;
import org.example.mef.impl.enrolment.EnrolmentKeyStore;
import org.example.mef.impl.enrolment.InMemoryEnrolmentKeyStore;
import org.example.mef.impl.enrolment.MVStoreEnrolmentKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MEF's own stores (Enrolment Keys, MEF Client Commands) in its dataDirectory, opened together: a failure of the second closes the first. */
final class MefStores {
    private static final Logger LOG = LoggerFactory.getLogger(MefServerComponent.class);
    final EnrolmentKeyStore keys;
    final CommandStore commands;

    private MefStores(EnrolmentKeyStore keys, CommandStore commands) {
        this.keys = keys;
        this.commands = commands;
    }

    static MefStores open(MefServerConfiguration config) {
        EnrolmentKeyStore keys = openEnrolmentKeys(config);
        try {
            return new MefStores(keys, openCommands(config));
        } catch (RuntimeException e) {
            keys.close();
            LOG.error("MEF {} not started: {}", config.fqdn(), e.getMessage());
            throw e;
        }
    }

    private static EnrolmentKeyStore openEnrolmentKeys(MefServerConfiguration config) {
        if (config.dataDirectory().isBlank()) {
            LOG.warn("MEF {}: dataDirectory is empty, so Enrolment Keys are kept in memory only and every enrolment is lost on"
                    + " restart; set dataDirectory to keep them", config.fqdn());
            return new InMemoryEnrolmentKeyStore();
        }
        return new MVStoreEnrolmentKeyStore(Path.of(config.dataDirectory(), MefServerComponent.ENROLMENT_FILE));
    }

    private static CommandStore openCommands(MefServerConfiguration config) {
        return config.dataDirectory().isBlank() ? new InMemoryCommandStore() : new MVStoreCommandStore(Path.of(config.dataDirectory(),
                MefServerComponent.COMMANDS_FILE));
    }
}
