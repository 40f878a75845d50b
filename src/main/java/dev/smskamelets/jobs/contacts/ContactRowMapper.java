package dev.smskamelets.jobs.contacts;

import dev.smskamelets.core.csv.CsvRows;
import dev.smskamelets.core.phone.InvalidPhoneNumberException;
import dev.smskamelets.core.phone.PhoneNormalizer;
import dev.smskamelets.core.validate.InvalidFieldException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One CSV row (from {@link CsvRows}) to one contact, by a header mapping, normalised and validated: the first step
 * of the contact import. The mapping names, for each contact field, the CSV column it comes from
 * ({@code phone=Mobile,email=E-mail,firstName=First,lastName=Last,birthday=DOB,postalCode=ZIP,
 * listrak.profile.301=Favorite Store,textrequest.field.12=Store,textrequest.tags=Tags}); only {@code phone} is
 * required. A bad value fails the row with a {@link RejectedRowException} naming the row, the column, the value and
 * the reason; the import writes it to its reject file and goes on.
 *
 * <p>Output: {@code row} (CSV record number), {@code line} (physical line), {@code phone} (E.164), {@code phoneRaw}
 * (as written in the file), and every mapped field present in the row (empty cells left out),
 * {@code birthday} as ISO date, {@code postalCode} as 5 or 9 digits.
 */
public class ContactRowMapper {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-?\\d{4})?");
    private final PhoneNormalizer phones = new PhoneNormalizer();
    private final Map<String, String> mapping = new LinkedHashMap<>();

    public ContactRowMapper() {
        phones.setTarget("E164");
    }

    public Map<String, Object> map(Map<String, String> row) {
        String line = row.getOrDefault(CsvRows.ROW, "?");
        String physical = row.getOrDefault(CsvRows.LINE, line);
        if (!mapping.containsKey("phone")) {
            throw new IllegalStateException("The contact mapping has no phone column (mapping: " + mapping + ")");
        }
        if (row.containsKey(CsvRows.ERROR)) {
            throw new RejectedRowException(line, physical, "", "", row.get(CsvRows.ERROR));
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("row", line);
        contact.put("line", physical);
        mapping.forEach((field, column) -> {
            String value = row.get(column);
            if (value == null && field.equals("phone")) {
                throw new RejectedRowException(line, physical, column, null, "the column is missing from the file");
            }
            if (value == null || value.isBlank()) {
                if (field.equals("phone")) {
                    throw new RejectedRowException(line, physical, column, value, "a phone number is required");
                }
                return;
            }
            contact.put(field, value(field, column, value.strip(), line, physical));
            if (field.equals("phone")) {
                contact.put("phoneRaw", value.strip()); // as the file wrote it, for a target's reject line
            }
        });
        return contact;
    }

    /**
     * Refuses a header that lacks the mapping's phone column, naming the column and the header (the file is refused
     * before any row is read or written).
     */
    public void checkHeader(java.util.List<String> header) {
        String phone = mapping.get("phone");
        if (phone == null) {
            throw new IllegalStateException("The contact mapping has no phone column (mapping: " + mapping + ")");
        }
        if (header.isEmpty()) {
            throw new InvalidFieldException("contact import", "CSV header", "",
                    "is missing (empty file): a header line with the phone column '" + phone + "' is required");
        }
        if (!header.contains(phone)) {
            throw new InvalidFieldException("contact import", "CSV header", String.join(",", header),
                    "lacks the phone column '" + phone + "' (contacts.mapping phone=" + phone + ")");
        }
    }

    /** The CSV column the phone number comes from. */
    public String phoneColumn() {
        return mapping.get("phone");
    }

    private Object value(String field, String column, String value, String line, String physical) {
        switch (field) {
            case "phone" -> {
                try {
                    return phones.normalize(column, value);
                } catch (InvalidPhoneNumberException e) {
                    throw new RejectedRowException(line, physical, column, value, "not a valid phone number");
                }
            }
            case "email" -> {
                if (!EMAIL.matcher(value).matches()) {
                    throw new RejectedRowException(line, physical, column, value, "not an e-mail address");
                }
                return value;
            }
            case "birthday" -> {
                try {
                    return LocalDate.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new RejectedRowException(line, physical, column, value, "not a date (YYYY-MM-DD)");
                }
            }
            case "postalCode" -> {
                if (!ZIP.matcher(value).matches()) {
                    throw new RejectedRowException(line, physical, column, value, "not a US ZIP code (5 or 9 digits)");
                }
                return value.replace("-", "");
            }
            default -> {
                return value;
            }
        }
    }

    /** {@code field=Column,field=Column}: contact field to CSV header. */
    public void setMapping(String text) {
        mapping.clear();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new InvalidFieldException("contact import", "mapping", pair, "must be field=Column");
            }
            mapping.put(kv[0].strip(), kv[1].strip());
        }
    }

    public void setDefaultRegion(String region) {
        phones.setDefaultRegion(region);
    }

    /** A row the import refuses: row number, column, value and reason, as the reject file lists them. */
    public static final class RejectedRowException extends InvalidFieldException {
        private final String row;
        private final String line;
        private final String reason;

        public RejectedRowException(String row, String column, String value, String reason) {
            this(row, row, column, value, reason);
        }

        /** {@code row}: the CSV record number (header = 1); {@code line}: the physical line the record starts on. */
        public RejectedRowException(String row, String line, String column, String value, String reason) {
            super("contact import", column, value, reason + " (row " + row + ")");
            this.row = row;
            this.line = line;
            this.reason = reason;
        }

        public String row() {
            return row;
        }

        public String line() {
            return line;
        }

        /** Why the row was refused, followed by {@code (row N)}. */
        public String reason() {
            return reason + " (row " + row + ")";
        }
    }
}
