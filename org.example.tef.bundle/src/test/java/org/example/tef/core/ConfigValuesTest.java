package org.example.tef.core;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

/** Configuration values: lists, and keys whose text never reaches a message (they reach logs when activation fails). */
public class ConfigValuesTest {
    @Test
    public void aKeyIsHexOrBase64() {
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, ConfigValues.secret(" 0aff "));
        assertArrayEquals(new byte[] {1, 2, 3}, ConfigValues.secret("base64:AQID"));
    }

    @Test
    public void aMistypedKeyIsRefusedWithoutShowingIt() {
        for (String typo : List.of("00112233445566778899aabbccddeeZZ", "0011223", "base64:***secret***", "c2VjcmV0LWtleQ==")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigValues.secret(typo));
            assertFalse(e.getMessage(), e.getMessage().contains(typo.replace("base64:", "")));
            assertTrue(e.getMessage(), e.getMessage().contains("the value is not shown"));
        }
    }

    @Test
    public void listValuesMayBeCommaSeparated() {
        assertTrue(ConfigValues.split(new String[] {"a, b", "c"}).containsAll(Set.of("a", "b", "c")));
    }
}
