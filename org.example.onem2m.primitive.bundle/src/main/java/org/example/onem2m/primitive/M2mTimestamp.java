package org.example.onem2m.primitive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * m2m:timestamp (TS-0004 6.3.3): ISO 8601 basic format {@code yyyyMMdd'T'HHmmss} in UTC. Parsing also accepts a
 * fraction after ',' or '.' and a trailing 'Z', as ACME and OM2M send it; formatting writes whole seconds.
 */
public final class M2mTimestamp {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
            .appendPattern("yyyyMMdd'T'HHmmss")
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('.').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private M2mTimestamp() {}

    public static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    /** @throws DateTimeParseException when the text is not an m2m:timestamp */
    public static Instant parse(String text) {
        return LocalDateTime.parse(text, PARSE).toInstant(ZoneOffset.UTC);
    }
}
