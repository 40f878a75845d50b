package dev.smskamelets.core.deadletter;

import java.util.List;
import java.util.Optional;

/** Where dead letters are kept: {@link FileDeadLetterStore} (default) or {@link JdbcDeadLetterStore} (cluster mode). */
public interface DeadLetterStore {

    /** Stores a record. */
    void add(DeadLetter letter);

    /** Up to {@code max} records, oldest first. */
    List<DeadLetter> list(int max);

    /** The record with this id. */
    Optional<DeadLetter> get(String id);

    /** Removes a record; returns whether it existed. */
    boolean remove(String id);

    /** How many records are stored. */
    int count();
}
