package org.example.mgmtobj.impl.tree;

import static org.example.mgmtobj.impl.tree.TreeFixture.CSE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.example.onem2m.primitive.ResponseStatusCode;
import org.junit.Test;

/**
 * A refusal is logged at INFO with what the client sent (path, originator, the reason quoting them); a CR or LF in it
 * is written as an escape, so the client cannot start a forged line in the operator's log. slf4j-simple, the tests'
 * binding, writes to System.err as it is when the line is written.
 */
public class RefusalLogTest {
    @Test
    public void aPathWithALineBreakIsLoggedOnOneLine() {
        TreeFixture tree = new TreeFixture();
        PrintStream before = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ResponseStatusCode.NOT_FOUND, tree.retrieve(CSE + "/x\r\n2030-01-01 INFO forged").status());
            assertEquals(ResponseStatusCode.BAD_REQUEST, tree.create(CSE, 14, "{\"m2m:nod\":{\"rn\":\"a\\nFORGED\",\"ni\":\"x\"}}").status());
        } finally {
            System.setErr(before);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains("/x\\u000d\\u000a2030-01-01 INFO forged"));
        assertTrue(text, text.contains("a\\u000aFORGED"));
        assertFalse("no line starts with what the client sent: " + text, text.contains("\n2030-01-01 INFO forged") || text.contains("\nFORGED"));
    }
}
