package org.example.mgmtobj.impl.tree;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import org.junit.Test;

/** What a client sent cannot start a line of its own in the operator's log. */
public class LogTextTest {
    @Test
    public void lineBreaksAndOtherControlCharactersAreWrittenAsEscapes() {
        assertEquals("/in-cse/in-name/x\\u000d\\u000a2030-01-01 INFO forged", LogText.printable("/in-cse/in-name/x\r\n2030-01-01 INFO forged"));
        assertEquals("a\\u0000b\\u001bc\\u2028d\\u007f", LogText.printable("a\0b\u001bc\u2028d\u007f"));
    }

    @Test
    public void printableTextIsLeftAsItIs() {
        String path = "/in-cse/in-name/dev1/authProfile-ü";
        assertSame(path, LogText.printable(path));
        assertNull(LogText.printable(null));
    }
}
