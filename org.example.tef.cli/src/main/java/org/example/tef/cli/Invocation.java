package org.example.tef.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.example.tef.api.Hex;

/**
 * A parsed command line: the options every client tool takes (client ID, pre-provisioned PSK and its identity, the
 * function's FQDN, host and port), the tool's own options, and the command with its arguments. The PSK is decoded here
 * and kept only for the client's configuration; nothing here prints it.
 */
public final class Invocation {
    public final String clientId;
    public final String pskIdentity;
    private final byte[] psk;
    public final String fqdn;
    public final String host;
    public final int port;
    public final boolean showKey;
    public final Map<String, String> environment;
    private final Map<String, List<String>> extra;
    final Command<?> command;
    final Arguments arguments;

    private Invocation(Builder b, Command<?> command, Arguments arguments) {
        this.clientId = b.clientId;
        this.pskIdentity = b.pskIdentity;
        this.psk = b.psk;
        this.fqdn = b.fqdn;
        this.host = b.host;
        this.port = b.port;
        this.showKey = b.showKey;
        this.environment = b.environment;
        this.extra = b.extra;
        this.command = command;
        this.arguments = arguments;
    }

    /** The pre-provisioned PSK (Km, Kpm); a copy. */
    public byte[] psk() { return psk.clone(); }

    /** The last value of one of the tool's own options, or null. */
    public String option(String name) {
        List<String> values = extra.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    /** Every value of one of the tool's own options, in order. */
    public List<String> options(String name) { return List.copyOf(extra.getOrDefault(name, List.of())); }

    /** Null when help was asked for; IllegalArgumentException for bad usage. */
    static <C> Invocation parse(ClientTool<C> tool, String[] args, Map<String, String> environment) {
        Builder b = new Builder(environment);
        b.fqdn = tool.defaultFqdn;
        String envPort = environment.get(tool.portVariable);
        b.port = envPort == null || envPort.isBlank() ? tool.defaultPort : port(envPort);
        String km = null;
        Deque<String> a = new ArrayDeque<>(Arrays.asList(args));
        while (!a.isEmpty() && a.peek().startsWith("--")) {
            String option = a.pop();
            if (option.equals("--help")) return null;
            else if (option.equals("--show-key")) b.showKey = true;
            else if (option.equals("--client-id")) b.clientId = value(option, a);
            else if (option.equals(tool.pskIdOption)) b.pskIdentity = value(option, a);
            else if (option.equals(tool.pskOption)) km = value(option, a);
            else if (option.equals(tool.fqdnOption)) b.fqdn = value(option, a);
            else if (option.equals("--host")) b.host = value(option, a);
            else if (option.equals("--port")) b.port = port(value(option, a));
            else if (tool.hasOption(option)) b.extra.computeIfAbsent(option, o -> new ArrayList<>()).add(value(option, a));
            else throw new IllegalArgumentException("unknown option " + option);
        }
        if (a.isEmpty()) throw new IllegalArgumentException("no command");
        if (b.clientId == null || b.pskIdentity == null || km == null) {
            throw new IllegalArgumentException("--client-id, " + tool.pskIdOption + " and " + tool.pskOption + " are required");
        }
        b.psk = decode(tool.pskOption, km);
        String word = a.pop();
        Command<C> command = tool.command(word).orElseThrow(() -> new IllegalArgumentException("unknown command '" + word + "'"));
        if (a.size() < command.minArguments) {
            throw new IllegalArgumentException(word + ": needs " + command.synopsis);
        }
        // refused here, before a client exists: an argument the command would ignore is a mistake the user should see
        if (a.size() > command.maxArguments) {
            throw new IllegalArgumentException(word + ": extra arguments " + new ArrayList<>(a).subList(command.maxArguments, a.size())
                    + (command.synopsis.isEmpty() ? " (it takes none)" : " (it takes " + command.synopsis + ")"));
        }
        return new Invocation(b, command, new Arguments(word, new ArrayList<>(a)));
    }

    private static byte[] decode(String option, String text) {
        try {
            return text.startsWith("base64:") ? Base64.getDecoder().decode(text.substring(7)) : Hex.decode(text);
        } catch (IllegalArgumentException e) {
            // the message would quote the key; say only what is wrong
            throw new IllegalArgumentException(option + " must be hex or base64:..., and is neither");
        }
    }

    private static String value(String option, Deque<String> a) {
        if (a.isEmpty()) throw new IllegalArgumentException(option + " needs a value");
        return a.pop();
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 1-65535, not '" + text + "'");
        }
    }

    private static final class Builder {
        final Map<String, String> environment;
        final Map<String, List<String>> extra = new HashMap<>();
        String clientId;
        String pskIdentity;
        byte[] psk;
        String fqdn;
        String host = "127.0.0.1";
        int port;
        boolean showKey;

        Builder(Map<String, String> environment) { this.environment = Map.copyOf(environment); }
    }
}
