package org.snauq.study;

/**
 * The user's input cannot be used as given: a study or problem file, a data or model file, an option value. The
 * message is one line naming the place, the rule and the value, e.g.
 * {@code "s.yaml: inputs[1].sd must be > 0, got -0.5"}. The command line maps this type (and its subtypes) to exit
 * code 2; a bare {@link IllegalArgumentException} reaching it is a bug of ours (exit 1), so the boundary that passes
 * user values into the core wraps the core's messages in this type.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
