package dev.smskamelets.textable;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The STOP-family opt-out keywords of US carrier messaging (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
 * OPT OUT, OPTOUT). A message is an opt-out only when its <b>whole</b> text is one of them: compared
 * case-insensitively after trimming, with runs of whitespace read as one space ({@code "  opt   out "}). A keyword
 * inside a sentence ({@code "Please stop by"}) or with punctuation ({@code "STOP!"}) is not one.
 */
public final class StopKeywords {

    /** The keywords, upper case. */
    public static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPT OUT", "OPTOUT");

    private StopKeywords() {
    }

    /** The keyword (upper case) when the whole message is one, else empty. */
    public static Optional<String> match(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String word = message.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(word) ? Optional.of(word) : Optional.empty();
    }
}
