package dev.smskamelets.listrak.crosschannel;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The attribute types of a Cross Channel event schema ({@code eventSchemaAttrs}: String, Int, Double, Date). Values
 * travel as strings; {@link #accepts(String)} tells whether Listrak can parse one into the type.
 */
public enum FieldType {
    String, Int, Double, Date;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    /** The type named in a schema; unknown names are an error naming the attribute. */
    public static FieldType of(java.lang.String attribute, java.lang.String name) {
        for (FieldType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalStateException("Cross Channel schema attribute " + attribute + " has the unknown type '" + name
                + "' (expected String, Int, Double or Date)");
    }

    /** True when Listrak can parse {@code value} into this type. */
    public boolean accepts(java.lang.String value) {
        java.lang.String v = value.trim();
        return switch (this) {
            case String -> true;
            case Int -> INTEGER.matcher(v).matches();
            case Double -> DECIMAL.matcher(v).matches();
            case Date -> isDate(v);
        };
    }

    private static boolean isDate(java.lang.String v) {
        for (java.util.function.Consumer<java.lang.String> parser : java.util.List.<java.util.function.Consumer<java.lang.String>>of(
                LocalDate::parse, OffsetDateTime::parse, LocalDateTime::parse, s -> LocalDate.parse(s, US_DATE))) {
            try {
                parser.accept(v);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
