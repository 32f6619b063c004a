package io.pgha.runtime.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "2026-05-01T03:00:00+02:00", "2026-05-01T03:00Z", "2026-05-01T03:00" (local), or "03:00" (today, local). */
final class TimeConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String v = value.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset: try local forms
        }
        try {
            return LocalDateTime.parse(v).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time: try a time of day
        }
        try {
            return LocalDate.now()
                    .atTime(LocalTime.parse(v))
                    .atZone(ZoneId.systemDefault())
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a time: use e.g. 2026-05-01T03:00:00+02:00 or 03:00");
        }
    }
}
