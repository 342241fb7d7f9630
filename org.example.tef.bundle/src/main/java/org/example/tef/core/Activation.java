package org.example.tef.core;

import java.io.IOException;

/**
 * A DS component's activate step and what it opened: SCR never deactivates a component whose activate method threw
 * (OSGi Compendium 112.5.6), so what that method opened before it failed (a listening port, stores, a CA) must be
 * closed by the method itself, or the next activation finds the port taken and the stores locked. The MAF and the MEF
 * listen so ({@code listen()}).
 *
 * @since 1.4
 */
public final class Activation {
    private Activation() {}

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    /**
     * Runs {@code open}; if it fails, runs {@code release} (which must bear being run on a half-opened component) and
     * rethrows the failure, with a failure of the release added to it as suppressed.
     */
    public static void orRelease(Step open, Step release) throws IOException {
        try {
            open.run();
        } catch (IOException | RuntimeException e) {
            try {
                release.run();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
