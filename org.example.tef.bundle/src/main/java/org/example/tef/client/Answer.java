package org.example.tef.client;

import java.util.Set;
import java.util.function.Function;

import org.example.onem2m.primitive.ResponsePrimitive;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.tef.core.Content;

/**
 * The function's success answer to one procedure. Whatever the answer lacks or holds in a wrong form becomes the
 * client's exception with INTERNAL_SERVER_ERROR (5000): the function answered, but not as the procedure says (a
 * receiver error, TS-0004 6.6.3.6), so the caller gets a status code and a message instead of an unchecked exception
 * from deep in the parsing.
 */
public final class Answer<E extends TefException> {
    private final Procedure procedure;
    private final String function;
    private final ResponsePrimitive response;
    private final TefException.Factory<E> failures;

    Answer(Procedure procedure, String function, ResponsePrimitive response, TefException.Factory<E> failures) {
        this.procedure = procedure;
        this.function = function;
        this.response = response;
        this.failures = failures;
    }

    public ResponsePrimitive response() { return response; }

    /**
     * Parses the content as {@code {"<wrapper>": {...}}} with only {@code names}, then reads it; an unchecked
     * exception of {@code reading} is a fault of the answer.
     */
    public <T> T read(String wrapper, Set<String> names, Function<Content, T> reading) throws E {
        if (response.content() == null) throw notUnderstood("it has no content; a " + wrapper + " was expected");
        try {
            return reading.apply(Content.parse(response.content(), Set.of(wrapper), names));
        } catch (RuntimeException e) {
            throw notUnderstood(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The content, after checking it is {@code {"<wrapper>": {...}}}, whatever attributes the object holds. */
    public String object(String wrapper) throws E {
        if (response.content() == null) throw notUnderstood("it has no content; a " + wrapper + " was expected");
        try {
            return Content.parseAnyAttributes(response.content(), Set.of(wrapper)).json();
        } catch (RuntimeException e) {
            throw notUnderstood(e.getMessage());
        }
    }

    /** The answer is not what the procedure answers, for this reason: 5000. */
    public E notUnderstood(String why) {
        return failures.create(ResponseStatusCode.INTERNAL_SERVER_ERROR.code(), procedure + ": the " + function + "'s answer is not understood: " + why, null);
    }
}
