package dev.smskamelets.textable;

import dev.smskamelets.core.optout.OptOutKeywords;
import java.util.Optional;
import java.util.Set;

/**
 * The STOP-family opt-out keywords of US carrier messaging (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
 * OPT OUT, OPTOUT). A message is an opt-out keyword only when its <b>whole</b> text is one of them: compared
 * case-insensitively, surrounding whitespace and punctuation ignored, runs of whitespace read as one space
 * ({@code "  opt   out "}, {@code "STOP!"}). Delegates to {@link OptOutKeywords}, the one rule of every inbound path,
 * which also recognises a revocation inside a short sentence ({@code "please stop texting me"}).
 */
public final class StopKeywords {

    /** The keywords, upper case. */
    public static final Set<String> KEYWORDS = OptOutKeywords.KEYWORDS;

    private StopKeywords() {
    }

    /** The keyword (upper case) when the whole message is one, else empty. */
    public static Optional<String> match(String message) {
        return OptOutKeywords.wholeKeyword(message);
    }
}
