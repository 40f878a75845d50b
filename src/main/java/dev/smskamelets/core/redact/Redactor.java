package dev.smskamelets.core.redact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is logged or stored: {@code Authorization}/{@code Proxy-Authorization}
 * headers, {@code client_secret}, {@code x-api-key}, {@code api_key}, {@code access_token}, {@code refresh_token},
 * {@code id_token}, {@code password}, Textable's {@code AccessToken} and any {@code Bearer}/{@code Basic}
 * credential, in JSON (also escaped JSON inside a string), form/query ({@code k=v&}), header ({@code k: v}),
 * Java map ({@code {k=v, ...}}) and HttpClient wire ({@code "k: v[\r][\n]"}) forms. Values registered with
 * {@link #registerSecret(String)} (tokens, secrets) are removed wherever they appear.
 *
 * <p>A pure function of its input plus the registered literals; thread-safe. {@link #redact(String)} is the
 * shared instance used by the log4j2 {@code %redact} converter, Camel's log mask and the dead-letter store.
 */
public final class Redactor {

    /** What replaces a secret value. */
    public static final String MASK = "***";

    private static final String KEYS = "(?:proxy-)?authorization|client[_-]?secret|x-api-key|api[_-]?key"
            + "|access[_-]?token|refresh[_-]?token|id[_-]?token|password|passwd";
    private static final String START = "(?<![A-Za-z0-9_-])";
    private static final String SCHEME = "(?:(?:Bearer|Basic|Digest|Token)\\s+)?";
    /** "key": "value" and "key": 123 (not null/true/false). */
    private static final Pattern JSON = Pattern.compile(
            "(\"(?i:" + KEYS + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|(?!null\\b|true\\b|false\\b)[^\\s,}\\]]+)");
    /** \"key\":\"value\" inside a JSON string. */
    private static final Pattern ESCAPED_JSON = Pattern.compile(
            "(\\\\\"(?i:" + KEYS + ")\\\\\"\\s*:\\s*)(\\\\\".*?\\\\\"|(?!null\\b)[^\\s,}\\]\\\\]+)");
    /** key=value, key: value, key = value (form, query, headers, maps, wire lines). */
    private static final Pattern KEY_VALUE = Pattern.compile(
            START + "((?i:" + KEYS + ")['\"]?\\s*[:=]\\s*['\"]?)(?!\\*\\*\\*|null\\b)(" + SCHEME + "[^\\s&,;}\\]\"'\\[<>]+)");
    /** A credential after an auth scheme anywhere, e.g. in a message or an exception. */
    private static final Pattern SCHEME_TOKEN = Pattern.compile(
            "(?<![A-Za-z])((?i:Bearer|Basic)\\s+)(?!\\*\\*\\*)([A-Za-z0-9._~+/=:-]{6,})");

    /**
     * Camel's property-placeholder DEBUG lines: {@code Found property: x.apiKey with value: V} and
     * {@code Resolved text: {{x.clientSecret}} -> V}, for any key naming a secret, token, password or API key.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("((?i:[\\w.:-]*(?:secret|token|password|passwd|"
            + "api[_-]?key|authorization|credential)[\\w.:-]*)\\}*\\s+(?:with value:|->)\\s*)(?!\\*\\*\\*)(\\S+)");

    /** Cheap gate: a line without any of these words can only hold registered literals. */
    private static final Pattern HINT = Pattern.compile(
            "(?i)auth|secret|key|token|bearer|basic|passw|credential");

    private static final int MAX_LITERALS = 2048;
    private static final int MIN_LITERAL = 6;
    private static final Map<String, Boolean> LITERALS = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_LITERALS;
        }
    };
    /** Copy-on-write view of {@link #LITERALS}, longest first, read without locking on every log line. */
    private static volatile String[] literals = new String[0];

    private Redactor() {
    }

    /**
     * Registers a secret value (client secret, API key, access token) that must never appear anywhere, whatever
     * text surrounds it. Values shorter than 6 characters are ignored; the 2048 most recent values are kept.
     */
    public static void registerSecret(String value) {
        if (value == null || value.length() < MIN_LITERAL) {
            return;
        }
        synchronized (LITERALS) {
            if (LITERALS.put(value, Boolean.TRUE) == null) {
                literals = LITERALS.keySet().stream()
                        .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
            }
        }
    }

    /** The text with every credential replaced by {@value #MASK}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String literal : literals) {
            if (out.contains(literal)) {
                out = out.replace(literal, MASK);
            }
        }
        if (!HINT.matcher(out).find()) {
            return out;
        }
        out = replace(JSON, out, true);
        out = replace(ESCAPED_JSON, out, true);
        out = replace(KEY_VALUE, out, false);
        out = replace(PLACEHOLDER, out, false);
        return replace(SCHEME_TOKEN, out, false);
    }

    /**
     * Whether a word after {@code Bearer}/{@code Basic} is a credential rather than prose ("Basic configuration"):
     * it has a digit or one of {@code ._~+/=:-}, or upper case after its first letter.
     */
    private static boolean looksLikeCredential(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isDigit(c) || "._~+/=:-".indexOf(c) >= 0 || (i > 0 && Character.isUpperCase(c))) {
                return true;
            }
        }
        return false;
    }

    private static String replace(Pattern pattern, String text, boolean keepQuotes) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            String value = m.group(2);
            if (pattern == SCHEME_TOKEN && !looksLikeCredential(value)) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String masked = MASK;
            if (keepQuotes && value.startsWith("\\\"")) {
                masked = "\\\"" + MASK + "\\\"";
            } else if (keepQuotes && value.startsWith("\"")) {
                masked = "\"" + MASK + "\"";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
