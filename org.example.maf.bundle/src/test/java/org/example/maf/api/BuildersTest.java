package org.example.maf.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.example.tef.api.Hex;
import org.example.tef.api.channel.PskCredential;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The exported builders: a MAF server and its clients outside OSGi, as bin/maf-client, the benchmarks and the ITs use them. */
public class BuildersTest {
    static final String MAF = "maf.example.com";
    static final String SP = "sp.example.com";
    static final String SOURCE = "//sp.example.com/source";
    static final String TARGET = "//sp.example.com/target";
    static final byte[] SOURCE_KM = Hex.decode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final byte[] TARGET_KM = Hex.decode("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    static MafServerBuilder maf() {
        return MafServerBuilder.create(MAF).port(0).stakeholder(SP, List.of(SOURCE, TARGET))
                .pskClient(new PskCredential("source-km@" + MAF, SOURCE_KM, SOURCE))
                .pskClient(new PskCredential("target-km@" + MAF, TARGET_KM, TARGET));
    }

    static MafClientConfig source(MafServer maf) {
        return MafClientConfig.withPsk(MAF, "127.0.0.1", maf.address().getPort(), SOURCE, "source-km@" + MAF, SOURCE_KM);
    }

    static MafClientConfig target(MafServer maf) {
        return MafClientConfig.withPsk(MAF, "127.0.0.1", maf.address().getPort(), TARGET, "target-km@" + MAF, TARGET_KM);
    }

    /** Source and Target registered through clients of a built factory; the Source's exported key for the Target. */
    private static MafKey aKeyForTheTarget(MafClient source, MafClient target) throws Exception {
        source.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
        return source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 32, List.of(TARGET), List.of()));
    }

    @Test
    public void aKeyRegisteredThroughTheBuiltClientIsRetrievedByTheTarget() throws Exception {
        try (MafServer maf = maf().start()) {
            MafClientFactory clients = MafClientBuilder.create().buildFactory();
            MafClient target = clients.create(target(maf));
            MafKey key = aKeyForTheTarget(clients.create(source(maf)), target);
            assertArrayEquals(key.value(), target.retrieveKey(key.keyIdentifier).value());
        }
    }

    @Test
    public void theBuiltServerHandleRefusesToReplaceTheTargetsOfASaefKey_8_8_2_7() throws Exception {
        try (MafServer maf = maf().start()) {
            MafClientFactory clients = MafClientBuilder.create().buildFactory();
            MafKey key = aKeyForTheTarget(clients.create(source(maf)), clients.create(target(maf)));
            // the handle is also the stakeholder administration: it refuses the targets of a non-ESData key
            MafException refused = org.junit.Assert.assertThrows(MafException.class, () -> maf.replaceTargets(SP, key.relativeKeyId, List.of(TARGET)));
            assertEquals("OPERATION_NOT_ALLOWED", 4005, refused.rsc());
        }
    }

    @Test
    public void aDurableMafKeepsItsKeysInTheStoreFileAcrossARestart() throws Exception {
        Path data = folder.newFolder("maf").toPath();
        MafKey key;
        int port;
        try (MafServer maf = maf().dataDirectory(data).start()) {
            port = maf.address().getPort();
            MafClient source = MafClientBuilder.create().build(source(maf));
            source.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            key = source.registerKey(KeyRegistrationRequest.exported(SP, Instant.now().plus(Duration.ofHours(1)), 32, List.of(TARGET), List.of()));
        }
        assertTrue(Files.isRegularFile(data.resolve(MafServerBuilder.STORE_FILE)));
        try (MafServer maf = maf().dataDirectory(data).port(port).start()) {
            MafClient target = MafClientBuilder.create().build(target(maf));
            target.register(SP, Instant.now().plus(Duration.ofDays(1)), List.of());
            assertArrayEquals(key.value(), target.retrieveKey(key.keyIdentifier).value());
        }
    }
}
