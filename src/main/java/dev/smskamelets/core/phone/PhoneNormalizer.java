package dev.smskamelets.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Normalizes phone numbers with libphonenumber and writes them the way a target wants ({@link PhoneFormat}).
 * Numbers without a country code are read in {@code defaultRegion}. An unusable number throws
 * {@link InvalidPhoneNumberException} naming the field and the value (dead-letter it with {@code onException}).
 *
 * <p>As a bean method: {@code ${bean:phones?method=normalize(${header.phone})}}. As a {@link Processor}: normalizes
 * header {@code field} if the message has it, else the entry {@code field} of a {@code Map} body, else a
 * {@code String} body. Properties: {@code target} (textrequest, listrak, textable or a format name; default
 * E164), {@code defaultRegion} (default US), {@code field} (default {@code phone}), {@code validation}
 * ({@code valid}: a number in an assigned range, the default; {@code possible}: the right length, e.g. for
 * fictional 555 numbers).
 */
public class PhoneNormalizer implements Processor {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private PhoneFormat format = PhoneFormat.E164;
    private String target;
    private String defaultRegion = "US";
    private String field = "phone";
    private boolean strict = true;

    /** The number in the target's format; throws {@link InvalidPhoneNumberException} naming {@code field}. */
    public String normalize(String raw) {
        return normalize(field, raw);
    }

    /** The number in the target's format; the error names the given field. */
    public String normalize(String fieldName, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException(fieldName, raw, target, "missing");
        }
        int from = strict ? -1 : nanpStart(raw);
        if (from >= 0) {
            return switch (format) {
                case E164 -> from == 2 ? raw : "+1" + raw.substring(from); // "+1NXXNXXXXXX" is already E.164
                case NANP_10 -> raw.substring(from);
                case NANP_11 -> from == 1 ? raw : "1" + raw.substring(from);
            };
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(fieldName, raw, target, e.getMessage());
        }
        boolean ok = strict ? UTIL.isValidNumber(number) : UTIL.isPossibleNumber(number);
        if (!ok) {
            throw new InvalidPhoneNumberException(fieldName, raw, target, strict ? "not a valid number" : "wrong length");
        }
        if (format != PhoneFormat.E164 && number.getCountryCode() != 1) {
            throw new InvalidPhoneNumberException(fieldName, raw, target, "not a North American (+1) number");
        }
        return switch (format) {
            case E164 -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            case NANP_10 -> String.valueOf(number.getNationalNumber());
            case NANP_11 -> "1" + number.getNationalNumber();
        };
    }

    /**
     * The ten national digits of a plain North American number — {@code +1NXXNXXXXXX}, or with a default region of US
     * or CA {@code NXXNXXXXXX} / {@code 1NXXNXXXXXX}, N = 2..9, digits only — else null. For such input
     * libphonenumber's answer under {@code possible} validation is known (country code 1, these ten digits), so the
     * common case skips its parser (about 4 KB and most of the time per number); anything else goes through it.
     */
    String plainNanp(String raw) {
        int from = nanpStart(raw);
        return from < 0 ? null : raw.substring(from);
    }

    /** Where the ten national digits of a plain North American number start in {@code raw} (see {@link #plainNanp}), else -1. */
    private int nanpStart(String raw) {
        int length = raw.length();
        int from;
        if (length == 12 && raw.charAt(0) == '+' && raw.charAt(1) == '1') {
            from = 2;
        } else if (!"US".equals(defaultRegion) && !"CA".equals(defaultRegion)) {
            return -1;
        } else if (length == 11 && raw.charAt(0) == '1') {
            from = 1;
        } else if (length == 10) {
            from = 0;
        } else {
            return -1;
        }
        for (int i = from; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        if (raw.charAt(from) < '2' || raw.charAt(from + 3) < '2') {
            return -1;
        }
        return from;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        if (message.getHeader(field) != null) {
            message.setHeader(field, normalize(message.getHeader(field, String.class)));
        } else if (message.getBody() instanceof Map<?, ?> map) {
            Object value = map.get(field);
            ((Map<String, Object>) map).put(field, normalize(value == null ? null : value.toString()));
        } else {
            message.setBody(normalize(message.getBody(String.class)));
        }
    }

    public String getTarget() {
        return target;
    }

    /** Target or format name: textrequest, listrak, textable, E164, NANP_10, NANP_11. */
    public void setTarget(String target) {
        this.format = PhoneFormat.forTarget(target);
        this.target = target;
    }

    public PhoneFormat getFormat() {
        return format;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String region) {
        String r = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(r)) {
            throw new IllegalArgumentException("Invalid defaultRegion '" + region + "': expected an ISO 3166 region such as US or CA");
        }
        this.defaultRegion = r;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public String getValidation() {
        return strict ? "valid" : "possible";
    }

    /** {@code valid} (default) or {@code possible}. */
    public void setValidation(String validation) {
        String v = validation == null ? "" : validation.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("valid") && !v.equals("possible")) {
            throw new IllegalArgumentException("Invalid validation '" + validation + "': expected valid or possible");
        }
        this.strict = v.equals("valid");
    }
}
