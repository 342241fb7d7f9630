package org.example.onem2m.primitive;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

/** What a peer sent cannot start a line of its own in the operator's log. */
public class LogTextTest {
    @Test
    public void lineBreaksAndOtherControlCharactersAreWrittenAsEscapes() {
        assertEquals("/in-cse/in-name/x\\u000d\\u000a2030-01-01 INFO forged", LogText.printable("/in-cse/in-name/x\r\n2030-01-01 INFO forged"));
        assertEquals("a\\u0000b\\u001bc\\u2028d\\u007fe\\u0085", LogText.printable("a\0b\u001bc\u2028d\u007fe\u0085"));
    }

    @Test
    public void printableTextIsLeftAsItIs() {
        String path = "/in-cse/in-name/dev1/authProfile-ü";
        assertSame(path, LogText.printable(path));
        assertEquals("null", LogText.printable(null));
    }

    @Test
    public void aLongTextIsCutWhereAskedAndSaysSo() {
        assertEquals("abc...", LogText.printable("abcdef", 3));
        assertEquals("a\\u000a...", LogText.printable("a\nbcdef", 2));
        assertEquals("abc", LogText.printable("abc", 3));
    }
}
