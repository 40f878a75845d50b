package dev.smskamelets.component;

/**
 * Told after every poll of every vendor source in the Camel context: bind one (or more) in the registry.
 */
@FunctionalInterface
public interface SourcePassListener {

    void passEnded(SourcePass pass);
}
