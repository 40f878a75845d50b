package dev.smskamelets.jobs.optout.audit;

import java.util.Locale;

/** What one target did about an opt-out. */
public enum Outcome {
    /** The target now has the number opted out (this system wrote it). */
    APPLIED("applied", true),
    /** The target already had the number opted out. */
    ALREADY("already", true),
    /** The target does not know the number (nothing to suppress). */
    ABSENT("absent", true),
    /** Writing to the target failed (it will be retried, or dead-lettered). */
    FAILED("failed", false),
    /** The write went to the dead-letter store; counts as failed until a later applied outcome (a replay). */
    DEAD_LETTERED("dead-lettered", false);

    private final String label;
    private final boolean done;

    Outcome(String label, boolean done) {
        this.label = label;
        this.done = done;
    }

    public String label() {
        return label;
    }

    /** Whether the target stops texting the number after this outcome. */
    public boolean done() {
        return done;
    }

    /** {@code applied}, {@code already}, {@code absent}, {@code failed}, {@code dead-lettered} (any case). */
    public static Outcome of(String label) {
        if (label != null) {
            String l = label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Outcome o : values()) {
                if (o.label.equals(l)) {
                    return o;
                }
            }
        }
        throw new IllegalArgumentException("Invalid outcome '" + label
                + "': expected applied, already, absent, failed or dead-lettered");
    }
}
