package org.example.onem2m.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.AssumptionViolatedException;

/**
 * Where the Eclipse OM2M runtime of ../shared/om2m is, for the integration tests that boot it (issue 14). Where it is
 * not, they are skipped, and say so in one line on the build's console: a skip reason otherwise shows only in the
 * failsafe reports.
 */
public final class Om2mRuntimes {
    private Om2mRuntimes() {
    }

    /**
     * The om2m-runtime script: {@code OM2M_RUNTIME} (system property, else environment variable), else the system
     * property {@code om2m.runtime.default}, else {@code ../../shared/om2m/om2m-runtime} (a module beside ../shared).
     *
     * @throws AssumptionViolatedException (the test is skipped) when there is no such file, after printing why
     */
    public static Path orSkip(String test) {
        String configured = System.getProperty("OM2M_RUNTIME", System.getenv("OM2M_RUNTIME"));
        boolean set = configured != null && !configured.isBlank();
        Path runtime = Path.of(set ? configured : System.getProperty("om2m.runtime.default", "../../shared/om2m/om2m-runtime"))
                .toAbsolutePath().normalize();
        if (Files.isRegularFile(runtime)) return runtime;
        String why = test + " SKIPPED: no Eclipse OM2M runtime at " + runtime + (set ? " (OM2M_RUNTIME)" : "")
                + "; to run it, put shared/om2m beside the project (../shared/om2m/om2m-runtime) or set OM2M_RUNTIME=/path/to/om2m-runtime";
        System.out.println("[WARNING] " + why);
        throw new AssumptionViolatedException(why);
    }
}
