package org.example.mef.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.example.onem2m.itests.Framework;
import org.example.onem2m.itests.ItestOptions;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A MEF configured through Configuration Admin as the distribution's etc/ does, for the MEF ITs: its registry store
 * (name=mef), one stakeholder with its pre-authorized clients, a Kpm per credential, and the server on a free loopback
 * port with its data directory; settings a test needs on top are given as {@code extra}.
 */
final class MefConfigurations {
    static final String MEF = "mef.example.com";
    static final String SP = "sp.example.com";
    static final String MEF_PID = "org.example.mef.server";
    static final String STORE_FACTORY_PID = "org.example.tef.store.mvstore";
    static final String MEF_STAKEHOLDER_FACTORY_PID = "org.example.mef.stakeholder";
    static final String MEF_PSK_FACTORY_PID = "org.example.mef.psk";

    private MefConfigurations() {}

    /** @return the MEF's port */
    static int configureMef(ConfigurationAdmin admin, Path root, List<String> preAuthorized, List<MefScenarioIT.Credential> keys,
                            Map<String, Object> extra) throws IOException {
        Framework.createFactory(admin, STORE_FACTORY_PID, "name", "mef", "dataDirectory", root.toString(), "file", "mef-registry.mv.db");
        Framework.createFactory(admin, MEF_STAKEHOLDER_FACTORY_PID, "adminFqdn", SP, "preAuthorizedClients", preAuthorized.toArray(String[]::new),
                "maxRegistrationLifetimeSeconds", 86_400L, "maxKeyLifetimeSeconds", 3_600L);
        for (MefScenarioIT.Credential c : keys) {
            Framework.createFactory(admin, MEF_PSK_FACTORY_PID, "kpmId", c.keyId, "kpm", c.keyHex, "clientId", c.clientId);
        }
        int port = ItestOptions.freeLocalPort();
        Hashtable<String, Object> mef = new Hashtable<>();
        mef.put("fqdn", MEF);
        mef.put("host", "127.0.0.1");
        mef.put("port", port);
        mef.put("store.target", "(name=mef)");
        mef.put("dataDirectory", Files.createDirectories(root.resolve("mef-data")).toString());
        mef.put("enrolmentKeyLifetimeSeconds", 3_600L);
        mef.put("maxConnections", 32);
        mef.putAll(extra);
        admin.getConfiguration(MEF_PID, "?").update(mef);
        return port;
    }
}
