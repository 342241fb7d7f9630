package org.example.maf.impl.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;

import org.example.tef.impl.store.InMemoryRegistrationStore;
import org.junit.Test;

/** What the operator is told when a configured MAF waits for a registry that nobody configured. */
public class MafStoreWatchTest {

    @Test
    public void withoutAStoreMatchingStoreTargetTheOperatorIsToldWhatToConfigure() {
        MafStoreWatch watch = new MafStoreWatch();
        watch.addStore(new InMemoryRegistrationStore(), Map.of("name", "other"));
        Optional<String> problem = watch.problem(config("(name=maf)"));
        assertTrue(problem.isPresent());
        assertTrue(problem.get(), problem.get().contains("no RegistrationStore service matches store.target (name=maf)"));
        assertTrue(problem.get(), problem.get().contains("[other]"));
        assertTrue(problem.get(), problem.get().contains("org.example.tef.store.mvstore-maf.cfg"));
    }

    @Test
    public void aMatchingStoreIsNoProblem() {
        MafStoreWatch watch = new MafStoreWatch();
        watch.addStore(new InMemoryRegistrationStore(), Map.of("name", "maf"));
        assertEquals(Optional.empty(), watch.problem(config("(name=maf)")));
    }

    @Test
    public void aStoreTargetThatIsNoFilterIsNamed() {
        Optional<String> problem = new MafStoreWatch().problem(config("name=maf"));
        assertTrue(problem.orElse(""), problem.orElse("").contains("store.target name=maf is not an LDAP filter"));
    }

    private static MafServerConfiguration config(String storeTarget) {
        return new MafServerConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return MafServerConfiguration.class; }
            @Override public String fqdn() { return "maf.example.com"; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return 0; }
            @Override public String store_target() { return storeTarget; }
            @Override public String dataDirectory() { return ""; }
            @Override public long purgeIntervalSeconds() { return 60; }
            @Override public int maxConnections() { return 16; }
            @Override public boolean pskEnabled() { return true; }
            @Override public String certificateChainFile() { return ""; }
            @Override public String privateKeyFile() { return ""; }
            @Override public String clientTrustAnchorsFile() { return ""; }
            @Override public String mefFqdn() { return ""; }
            @Override public String mefHost() { return "127.0.0.1"; }
            @Override public int mefPort() { return 8444; }
            @Override public String mefPskIdentity() { return ""; }
            @Override public String mefPsk() { return ""; }
            @Override public int remoteProvisioningSuid() { return 21; }
            @Override public long mefFetchTimeoutMillis() { return 5000; }
        };
    }
}
