package dev.smskamelets.sandbox;

/** Thrown by a handler for a request it cannot accept; the vendor API turns it into its own 400 error shape. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
