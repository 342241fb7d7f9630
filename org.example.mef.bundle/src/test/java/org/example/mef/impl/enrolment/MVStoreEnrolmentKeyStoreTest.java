package org.example.mef.impl.enrolment;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MVStoreEnrolmentKeyStoreTest extends EnrolmentKeyStoreContract {
    @Rule public final TemporaryFolder folder = new TemporaryFolder();

    @Override
    protected EnrolmentKeyStore open() { return new MVStoreEnrolmentKeyStore(file()); }

    private Path file() { return folder.getRoot().toPath().resolve("mef-enrolment.mv.db"); }

    @Test
    public void anEnrolmentSurvivesAReopenOfItsFile_8_3_2_1() {
        store = open();
        store.put(record("abcd", 9, "//sp.example.com/cse-a", T0.plusSeconds(60)));
        store.close();
        store = open();
        assertEquals("//sp.example.com/cse-a", store.byKeId("abcd@mef.example.com").orElseThrow().enroleeId());
        assertEquals(9, store.byKeId("abcd@mef.example.com").orElseThrow().key().value()[31]);
    }
}
