package org.snauq.serve;

/**
 * An error the UM-Bridge protocol 1.0 defines, answered as HTTP 400 with {@code {"error": {"type", "message"}}}.
 * The message is one line that names the request field and the problem, e.g.
 * {@code input[0][2] (x3) = 7.5 is outside the domain [-3.14, 3.14]}.
 */
final class ProtocolError extends Exception {

    /** The error types of the protocol that a request can cause. */
    enum Type {
        /** The request names a model this server does not serve. */
        ModelNotFound,
        /** A field is missing, of the wrong type or size, not finite, or outside the model's domain. */
        InvalidInput,
        /** The model does not support the action (never for SNA models; kept for the protocol's completeness). */
        UnsupportedFeature
    }

    private final Type type;

    ProtocolError(Type type, String message) {
        super(message, null, false, false); // an answer, not a failure: no stack trace to fill
        this.type = type;
    }

    static ProtocolError invalidInput(String message) {
        return new ProtocolError(Type.InvalidInput, message);
    }

    Type type() {
        return type;
    }
}
