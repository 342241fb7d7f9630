package org.example.device.impl;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.junit.Test;

/** Which CSE-ID the device side addresses its tree with (its symmKeyID UPDATEs): configured once, in the tree's file. */
public class TreeCseIdTest {
    @Test
    public void withoutOwnSettingTheTreesCseIdIsUsed() {
        assertEquals("tef-cse", EnrolmentEngine.treeCseId("", Map.of("cseId", "tef-cse")));
    }

    @Test
    public void anOwnSettingOverridesTheTrees() {
        assertEquals("other-cse", EnrolmentEngine.treeCseId("other-cse", Map.of("cseId", "tef-cse")));
    }

    @Test
    public void neitherSetIsTheTreesDefault() {
        assertEquals("in-cse", EnrolmentEngine.treeCseId("", Map.of()));
    }
}
