package org.example.onem2m.primitive;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.junit.Test;

/**
 * M2mTimestamp reads and writes the plain form itself; its answers must be the formatters' (the definition of the
 * format, repeated here) for every input: the same text, the same instant, a DateTimeParseException where they throw.
 */
public class M2mTimestampTest {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
            .appendPattern("yyyyMMdd'T'HHmmss")
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('.').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private static String referenceFormat(Instant i) {
        return FORMAT.format(LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    private static Object referenceParse(String text) {
        try {
            return LocalDateTime.parse(text, PARSE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    private static Object parse(String text) {
        try {
            return M2mTimestamp.parse(text);
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    @Test
    public void formatsAndParsesAsTheFormattersDoAcrossTheYears() {
        Random random = new Random(42);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000));
            String text = M2mTimestamp.format(t);
            assertEquals(referenceFormat(t), text);
            assertEquals(referenceParse(text), parse(text));
            assertEquals(referenceParse(text + "Z"), parse(text + "Z"));
        }
    }

    @Test
    public void yearsOutsideFourDigitsOfOurEraAreTheFormattersToo() {
        for (String iso : List.of("0000-06-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z")) {
            Instant t = Instant.parse(iso);
            assertEquals(iso, referenceFormat(t), M2mTimestamp.format(t));
        }
    }

    @Test
    public void oddAndInvalidTextIsAnsweredAsTheFormattersAnswerIt() {
        for (String text : List.of("20300101T000000", "20300101T000000Z", "20300101T000000,5", "20300101T000000.123456789Z",
                "20240229T120000", "20230229T120000", "20230231T120000", "20230431T000000", "20231231T240000",
                "20231231T235960", "20231231T236000", "20231301T000000", "20230001T000000", "20230100T000000",
                "00000101T000000", "00010101T000000", "99991231T235959", "2023010T1000000", "20230101 000000",
                "2023O101T000000", "20230101T00000", "20230101T0000000", "20230101T000000z", "+2030101T000000",
                "-2030101T000000", "20230101T00-000", "", "T", "202301011T000000", "20230101T000000ZZ")) {
            assertEquals(text, referenceParse(text), parse(text));
        }
    }

    @Test
    public void invalidTextThrowsDateTimeParseException() {
        try {
            M2mTimestamp.parse("20231301T000000");
            fail();
        } catch (DateTimeParseException expected) {
            // the formatter's exception, as callers catch it
        }
    }
}
