package dev.smskamelets.sandbox;

/** One vendor operation: reads the request, changes the sandbox state, answers like the vendor. */
@FunctionalInterface
public interface Handler {
    SandboxResponse handle(SandboxRequest request) throws Exception;
}
