package org.example.mef.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.example.mef.api.MefCommand;
import org.example.mef.api.MefCommandExecutor;

/**
 * {@code --exec CLASS=COMMAND}: executes the MEF Client Commands of one class by running a shell command (8.3.9.2 step
 * 5d), so that a device's own scripts can act on them. The MEF Client has no built-in executor that performs a
 * command: without one, DEV_CFG is reported UNACCEPTABLE_ARGUMENTS (no DM protocol, 8.3.9.8 step 4) and CERT_PROV and
 * MO_NODE CLASS_NOT_SUPPORTED. The command gets the command's fields in its environment; exit status 0 is reported OK
 * (20), any other the class's client-side error (the client maps a failed executor so). Its output goes to standard
 * error, so that standard output stays this tool's.
 */
final class ShellExecutor implements MefCommandExecutor {
    private static final Map<String, Integer> CLASSES = Map.of("cert-prov", 1, "dev-cfg", 2, "mo-node", 3);

    private final int classId;
    private final String command;
    private final PrintStream err;

    private ShellExecutor(int classId, String command, PrintStream err) {
        this.classId = classId;
        this.command = command;
        this.err = err;
    }

    /** @param option {@code CLASS=COMMAND}, CLASS one of cert-prov, dev-cfg, mo-node */
    static ShellExecutor parse(String option, PrintStream err) {
        int eq = option.indexOf('=');
        Integer classId = eq < 0 ? null : CLASSES.get(option.substring(0, eq));
        if (classId == null || eq == option.length() - 1) {
            throw new IllegalArgumentException("--exec takes CLASS=COMMAND with CLASS one of cert-prov, dev-cfg, mo-node, not '" + option + "'");
        }
        return new ShellExecutor(classId, option.substring(eq + 1), err);
    }

    @Override
    public int cmdClassId() { return classId; }

    @Override
    public int execute(MefCommand c) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("MEF_CMD_ID", c.cmdId());
        env.put("MEF_CMD_CLASS_ID", Integer.toString(c.cmdClassId()));
        env.put("MEF_CMD_DESCRIPTION", c.descriptionJson());
        c.serverUri().ifPresent(uri -> env.put("MEF_SERVER_URI", uri.toString()));
        c.devMgmtId().ifPresent(id -> env.put("MEF_DEV_MGMT_ID", Integer.toString(id)));
        c.targetId().ifPresent(id -> env.put("MEF_TARGET_ID", id));
        Process process = pb.start();
        process.getOutputStream().close();
        try (InputStream output = process.getInputStream()) {
            output.transferTo(err);
        }
        int exit = process.waitFor();
        if (exit != 0) throw new IllegalStateException("'" + command + "' exited with status " + exit);
        return 20; // MEF_CLIENT_CMD_OK (12.3.2.4)
    }
}
