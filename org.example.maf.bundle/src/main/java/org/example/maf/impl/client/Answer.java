package org.example.maf.impl.client;

import java.util.Set;

import org.example.maf.api.MafException;
import org.example.tef.core.Content;
import org.example.onem2m.primitive.ResponseStatusCode;
import org.example.onem2m.primitive.ResponsePrimitive;

/**
 * The MAF's success answer to one procedure, and the exported key material of its session when asked for. Whatever
 * the answer lacks or holds in a wrong form becomes a {@link MafException} with INTERNAL_SERVER_ERROR (5000): the
 * MAF answered, but not as the procedure says (a receiver error, TS-0004 6.6.3.6), so the caller gets a status
 * code and a message instead of an unchecked exception from deep in the parsing.
 */
final class Answer {
    private final Procedure procedure;
    private final ResponsePrimitive response;
    final byte[] exported;

    Answer(Procedure procedure, ResponsePrimitive response, byte[] exported) {
        this.procedure = procedure;
        this.response = response;
        this.exported = exported;
    }

    /** What turns the answer's attributes into a result; its unchecked exceptions are the answer's faults. */
    @FunctionalInterface
    interface Reading<T> {
        T read(Content content) throws MafException;
    }

    /** Parses the content as {@code {"<wrapper>": {...}}} with only {@code names}, then reads it. */
    <T> T read(String wrapper, Set<String> names, Reading<T> reading) throws MafException {
        if (response.content() == null) throw notUnderstood(procedure, "it has no content; a " + wrapper + " was expected");
        try {
            return reading.read(Content.parse(response.content(), Set.of(wrapper), names));
        } catch (RuntimeException e) {
            throw notUnderstood(procedure, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The content, after checking it is {@code {"<wrapper>": {...}}}, whatever attributes the object holds. */
    String object(String wrapper) throws MafException {
        if (response.content() == null) throw notUnderstood(procedure, "it has no content; a " + wrapper + " was expected");
        try {
            return Content.parseAnyAttributes(response.content(), Set.of(wrapper)).json();
        } catch (RuntimeException e) {
            throw notUnderstood(procedure, e.getMessage());
        }
    }

    static MafException notUnderstood(Procedure procedure, String why) {
        return new MafException(ResponseStatusCode.INTERNAL_SERVER_ERROR.code(), procedure + ": the MAF's answer is not understood: " + why);
    }
}
