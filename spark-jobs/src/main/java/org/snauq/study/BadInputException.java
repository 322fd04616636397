package org.snauq.study;

/**
 * The user's input cannot be used as given: a study or problem file, a data or model file, an option value. The
 * message is one line naming the place, the rule and the value, e.g.
 * {@code "s.yaml: inputs[1].sd must be > 0, got -0.5"}. The command line maps this type (and its subtypes) to exit
 * code 2; a bare {@link IllegalArgumentException} reaching it is a bug of ours (exit 1), so the boundary that passes
 * user values into the core wraps the core's messages in this type.
 *
 * <p>Invariant: the message is one line. Line breaks in it (from quoted user text, or from a library's message)
 * are folded into single spaces here, so that every such error prints as one line whatever built it.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code message} with every run of white space that holds a line break replaced by one space. */
    static String oneLine(String message) {
        return message == null ? null : message.strip().replaceAll("\\s*[\\n\\r\\u000b\\u000c\\u2028\\u2029\\u0085]\\s*", " ");
    }
}
