package org.example.tef.cli;

import java.util.List;
import java.util.Objects;

import org.example.tef.client.TefException;

/**
 * One command of a client tool: its name (and an alias), the arguments it takes, what it runs, and how it turns its
 * arguments into a {@link Step}. The arity is checked and the arguments are prepared before the client is made, so that
 * a bad invocation sends nothing.
 *
 * @param <C> the tool's client ({@code MafClient}, {@code MefClient})
 */
public final class Command<C> {
    final String name;
    final List<String> aliases;
    final String synopsis;
    final String clause;
    final String title;
    final int minArguments;
    final int maxArguments;
    final Preparer<C> preparer;

    /**
     * @param synopsis the arguments as {@code --help} shows them
     * @param clause   a TS-0003 clause; one starting with '.' follows the tool's clause of the shared procedures
     * @param title    what it runs; "{F}" stands for the function ("MAF", "MEF")
     */
    public Command(String name, List<String> aliases, String synopsis, String clause, String title, int minArguments, int maxArguments,
                   Preparer<C> preparer) {
        this.name = Objects.requireNonNull(name);
        this.aliases = List.copyOf(aliases);
        this.synopsis = synopsis;
        this.clause = clause;
        this.title = title;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.preparer = Objects.requireNonNull(preparer);
    }

    boolean answersTo(String word) { return name.equals(word) || aliases.contains(word); }

    /** Reads the arguments (IllegalArgumentException for bad usage) into what will run once the client exists. */
    @FunctionalInterface
    public interface Preparer<C> {
        Step<C> prepare(Arguments arguments, Invocation invocation);
    }

    /** What a command does with the client; everything it prints goes through the {@link Printer}. */
    @FunctionalInterface
    public interface Step<C> {
        void run(C client, Printer out) throws TefException;
    }
}
