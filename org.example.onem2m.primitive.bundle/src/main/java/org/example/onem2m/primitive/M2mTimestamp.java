package org.example.onem2m.primitive;

import java.time.Instant;
import java.time.LocalDate;
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
 * <p>
 * The formatters below define the format. Every resource write formats and parses a few timestamps, and the
 * formatters' general machinery was a visible part of a write's CPU, so the plain form (years 1 to 9999, every
 * field in its range, with or without 'Z') is read and written directly; anything else (a fraction, a value the
 * formatters' SMART resolution adjusts or refuses) still goes through them, so results and errors are theirs.
 */
public final class M2mTimestamp {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
            .appendPattern("yyyyMMdd'T'HHmmss")
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('.').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();
    private static final int PLAIN_LENGTH = 15;

    private M2mTimestamp() {}

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        // year 0 and before are years of era BC, after 9999 need more digits: the formatter's rules apply
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
        }
        char[] out = new char[PLAIN_LENGTH];
        digits(out, 0, t.getYear(), 4);
        digits(out, 4, t.getMonthValue(), 2);
        digits(out, 6, t.getDayOfMonth(), 2);
        out[8] = 'T';
        digits(out, 9, t.getHour(), 2);
        digits(out, 11, t.getMinute(), 2);
        digits(out, 13, t.getSecond(), 2);
        return new String(out);
    }

    /** @throws DateTimeParseException when the text is not an m2m:timestamp */
    public static Instant parse(String text) {
        Instant plain = parsePlain(text);
        return plain != null ? plain : LocalDateTime.parse(text, PARSE).toInstant(ZoneOffset.UTC);
    }

    /** {@code yyyyMMddTHHmmss} or the same with 'Z', every field valid as it stands; null for anything else. */
    private static Instant parsePlain(String text) {
        int n = text.length();
        if (n != PLAIN_LENGTH && !(n == PLAIN_LENGTH + 1 && text.charAt(PLAIN_LENGTH) == 'Z')) return null;
        if (text.charAt(8) != 'T') return null;
        int year = number(text, 0, 4);
        int month = number(text, 4, 2);
        int day = number(text, 6, 2);
        int hour = number(text, 9, 2);
        int minute = number(text, 11, 2);
        int second = number(text, 13, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) return null;
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) return null;
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second);
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}; -1 when one is not a digit. */
    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int at, int value, int length) {
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
