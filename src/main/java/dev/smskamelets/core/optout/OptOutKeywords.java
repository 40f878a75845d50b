package dev.smskamelets.core.optout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides whether an inbound message opts its sender out, used by every inbound path (the Textable
 * relay's {@code textable.StopKeywords}, the opt-out job's Text Request and Listrak paths, the audit trail).
 *
 * <p><b>Keywords</b>: STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE, STOPALL, OPTOUT (the FCC's list plus
 * the carriers' STOPALL/OPTOUT). Compared case-insensitively; whitespace and punctuation around the message are
 * ignored, runs of whitespace inside read as one space ({@code " Stop. "}, {@code "opt   out!"}).
 * <ul>
 *   <li>The whole message is a keyword: {@link Kind#OPT_OUT}.</li>
 *   <li>A short message (at most {@value #SHORT_WORDS} words and {@value #SHORT_CHARS} characters) that uses one
 *       inside a sentence to ask for the texts to stop ({@code "please stop texting me"}, {@code "Unsubscribe me
 *       please"}, {@code "cancel these messages"}): {@link Kind#REVOCATION}, a revocation "by reasonable means"
 *       (47 CFR 64.1200(a)(10)). What happens to it is the {@link RevocationPolicy}: {@code apply} (default) treats it
 *       as an opt-out, {@code review} holds it in the review queue that the audit report lists.</li>
 *   <li>Anything else, including the false friends {@code "STOPPED BY"}, {@code "unstoppable"}, {@code "don't
 *       stop"}, {@code "stop by later"}, {@code "the end of the week"}, {@code "I quit smoking"}: {@link Kind#NONE}.</li>
 * </ul>
 * Inside a sentence, STOP, STOPALL, UNSUBSCRIBE, OPT OUT (also {@code opt-out}), OPTOUT and REVOKE count as whole words
 * unless negated ({@code don't}, {@code do not}, {@code never}, {@code can't}, {@code won't}, {@code not}) or followed
 * by a place word ({@code by}, {@code in}, {@code over}, {@code at}, {@code for}, {@code here}, {@code there}); the
 * everyday words CANCEL, END and QUIT count only when followed, within two words, by what is being received
 * ({@code text(s)}, {@code texting}, {@code message(s)}, {@code messaging}, {@code sms}, {@code alerts},
 * {@code subscription}, {@code these}, {@code this}, {@code me}).
 */
public class OptOutKeywords {

    /** What a message is. */
    public enum Kind { OPT_OUT, REVOCATION, NONE }

    /** What a {@link Kind#REVOCATION} becomes. */
    public enum RevocationPolicy { APPLY, REVIEW }

    /** What the job does with a message: {@code opt-out}, {@code review} (held, not applied) or {@code none}. */
    public enum Decision {
        OPT_OUT("opt-out"), REVIEW("review"), NONE("none");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A classified message: its kind and the keyword found (upper case, {@code OPT OUT} for opt-out), or null. */
    public record Match(Kind kind, String keyword) {
        public static final Match NONE = new Match(Kind.NONE, null);
    }

    /** The keywords, upper case. */
    public static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPT OUT", "OPTOUT");
    public static final int SHORT_WORDS = 12;
    public static final int SHORT_CHARS = 160;

    private static final Pattern EDGES = Pattern.compile("^[\\s\\p{Punct}\\p{IsPunctuation}]+|[\\s\\p{Punct}\\p{IsPunctuation}]+$");
    private static final Pattern STRONG = Pattern.compile(
            "\\b(stopall|stop|unsubscribe|opt[\\s-]*out|optout|revoke)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEAK = Pattern.compile(
            "\\b(cancel|end|quit)\\b(?:\\s+\\S+)?\\s+(?:\\S+\\s+)?"
                    + "(texts?|texting|messages?|messaging|sms|alerts?|subscription|these|this|me)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(don'?t|do\\s+not|never|can'?t|cannot|won'?t|not|didn'?t|shouldn'?t)\\s+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACE = Pattern.compile(
            "^\\s+(by|in|over|at|for|here|there|on)\\b", Pattern.CASE_INSENSITIVE);
    private static final List<String> NORMALIZED = List.of("OPT OUT");

    private RevocationPolicy revocationPolicy = RevocationPolicy.APPLY;

    /** Classifies an inbound message (null or blank: {@link Match#NONE}). */
    public static Match classify(String message) {
        if (message == null) {
            return Match.NONE;
        }
        String text = EDGES.matcher(message).replaceAll("").replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return Match.NONE;
        }
        String whole = text.toUpperCase(Locale.ROOT);
        if (KEYWORDS.contains(whole)) {
            return new Match(Kind.OPT_OUT, whole);
        }
        if (text.length() > SHORT_CHARS || text.split(" ").length > SHORT_WORDS) {
            return Match.NONE;
        }
        Matcher strong = STRONG.matcher(text);
        while (strong.find()) {
            String before = text.substring(0, strong.start());
            String after = text.substring(strong.end());
            if (!NEGATION.matcher(before).find() && !PLACE.matcher(after).find()) {
                return new Match(Kind.REVOCATION, keyword(strong.group(1)));
            }
        }
        Matcher weak = WEAK.matcher(text);
        while (weak.find()) {
            if (!NEGATION.matcher(text.substring(0, weak.start())).find()) {
                return new Match(Kind.REVOCATION, keyword(weak.group(1)));
            }
        }
        return Match.NONE;
    }

    /** The keyword (upper case) when the whole message is one (around punctuation and whitespace ignored), else empty. */
    public static Optional<String> wholeKeyword(String message) {
        Match match = classify(message);
        return match.kind() == Kind.OPT_OUT ? Optional.of(match.keyword()) : Optional.empty();
    }

    /** What to do with the message under this bean's {@link #getRevocationPolicy() policy}. */
    public Decision decide(String message) {
        return decide(classify(message).kind());
    }

    /** What to do with a message of this kind under this bean's policy. */
    public Decision decide(Kind kind) {
        return switch (kind) {
            case OPT_OUT -> Decision.OPT_OUT;
            case REVOCATION -> revocationPolicy == RevocationPolicy.APPLY ? Decision.OPT_OUT : Decision.REVIEW;
            case NONE -> Decision.NONE;
        };
    }

    private static String keyword(String found) {
        String upper = found.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", " ");
        return NORMALIZED.contains(upper) || upper.startsWith("OPT ") ? "OPT OUT" : upper;
    }

    public RevocationPolicy getRevocationPolicy() {
        return revocationPolicy;
    }

    /** {@code apply} (default) or {@code review}; anything else fails naming the value. */
    public void setRevocationPolicy(String policy) {
        try {
            this.revocationPolicy = RevocationPolicy.valueOf(policy.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid revocationPolicy '" + policy + "': expected apply or review", e);
        }
    }
}
