package org.example.onem2m.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Configuration files a running framework's FileInstall polls, changed by tests. */
public final class CfgFiles {
    private CfgFiles() {}

    /**
     * Writes {@code content} to {@code file} as a whole: written beside it under a name FileInstall does not read, then
     * renamed over it, so a poll never reads half a file (written in place, one could read it truncated).
     */
    public static void write(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
