package org.example.tef.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What distinguishes one client tool from the other ({@code maf-client}, {@code mef-client}): its name, its function's
 * name, clause and defaults, the names of its PSK options, its own options and its commands. {@link ClientCommand}
 * does the rest the same way for both.
 *
 * @param <C> the tool's client
 */
public final class ClientTool<C> {
    final String name;
    final String function;
    final String clause;
    final String defaultFqdn;
    final String portVariable;
    final int defaultPort;
    String pskIdOption;
    private String pskIdMeta;
    private String pskIdHelp;
    String pskOption;
    private String pskHelp;
    private String clientIdExample;
    String fqdnOption;
    private final Map<String, String[]> options = new LinkedHashMap<>();
    private final Map<String, Command<C>> commands = new LinkedHashMap<>();

    /**
     * @param function     "MAF" or "MEF"
     * @param clause       the TS-0003 clause of its registration and key procedures, e.g. "8.8.2"
     * @param portVariable the environment variable of the distribution that names its port
     */
    public ClientTool(String name, String function, String clause, String defaultFqdn, String portVariable, int defaultPort) {
        this.name = name;
        this.function = function;
        this.clause = clause;
        this.defaultFqdn = defaultFqdn;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.fqdnOption = "--" + function.toLowerCase(java.util.Locale.ROOT) + "-fqdn";
    }

    public String name() { return name; }

    /** The options naming the pre-provisioned key and its identity, e.g. --kmid KmID and --km. */
    public ClientTool<C> psk(String idOption, String idMeta, String idHelp, String keyOption, String keyHelp, String clientIdExample) {
        this.pskIdOption = idOption;
        this.pskIdMeta = idMeta;
        this.pskIdHelp = idHelp;
        this.pskOption = keyOption;
        this.pskHelp = keyHelp;
        this.clientIdExample = clientIdExample;
        return this;
    }

    /** One of the tool's own options, which takes a value ({@link Invocation#option}). */
    public ClientTool<C> option(String option, String value, String help) {
        options.put(option, new String[] {value, help});
        return this;
    }

    /** Adds a command; one of the same name replaces the one given before, in its place. */
    public ClientTool<C> command(Command<C> command) {
        commands.put(command.name, command);
        return this;
    }

    public ClientTool<C> commands(List<Command<C>> list) {
        list.forEach(this::command);
        return this;
    }

    boolean hasOption(String option) { return options.containsKey(option); }

    Optional<Command<C>> command(String word) { return commands.values().stream().filter(c -> c.answersTo(word)).findFirst(); }

    /** "8.8.2.3" for ".3"; other clauses as they are. */
    String clauseOf(Command<?> command) { return command.clause.startsWith(".") ? clause + command.clause : command.clause; }

    String usage() {
        List<String> u = new ArrayList<>();
        u.add("usage: " + name + " --client-id ID " + pskIdOption + " " + pskIdMeta + " " + pskOption + " HEX [options] COMMAND [ARGS]");
        u.add("");
        u.add("Runs one " + function + " procedure (TS-0003 " + clause + ") in a TLS 1.2 PSK session of its own.");
        u.add("");
        u.add("options:");
        option(u, "--client-id ID", "this " + function + " Client's absolute CSE-ID or AE-ID, e.g. " + clientIdExample);
        option(u, pskIdOption + " " + pskIdMeta, pskIdHelp);
        option(u, pskOption + " HEX", pskHelp);
        option(u, fqdnOption + " FQDN", "the " + function + "-FQDN, sent as SNI (default " + defaultFqdn + ")");
        option(u, "--host HOST", "where the " + function + " listens (default 127.0.0.1)");
        option(u, "--port PORT", "its TLS port (default $" + portVariable + ", else " + defaultPort + ")");
        option(u, "--show-key", "print key values in hex (default: a SHA-256 fingerprint only)");
        options.forEach((option, v) -> option(u, option + " " + v[0], v[1]));
        u.add("");
        u.add("commands:");
        for (Command<C> c : commands.values()) {
            String left = "  " + String.join("|", names(c)) + (c.synopsis.isEmpty() ? "" : " " + c.synopsis);
            String right = (c.clause.isEmpty() ? "" : clauseOf(c) + " ") + c.title.replace("{F}", function);
            if (left.length() < 54) {
                u.add(left + " ".repeat(56 - left.length()) + right);
            } else {
                u.add(left);
                u.add(" ".repeat(56) + right);
            }
        }
        u.add("");
        u.add("exit status: 0 done; 1 the " + function + " refused or could not be reached (the oneM2M status code is printed); 2 bad usage");
        return String.join("\n", u);
    }

    private static List<String> names(Command<?> c) {
        List<String> all = new ArrayList<>(List.of(c.name));
        all.addAll(c.aliases);
        return all;
    }

    private static void option(List<String> u, String left, String help) {
        String l = "  " + left;
        u.add(l + (l.length() < 21 ? " ".repeat(21 - l.length()) : " ") + help);
    }
}
