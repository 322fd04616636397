package org.snauq.cli;

import org.snauq.study.BadInputException;

/**
 * A problem with what the user gave the command line: a file, a column, an option value. The message is one
 * line that names the place and the problem, e.g. {@code "data.csv: column 'depth' not found; columns: x1, x2"}.
 * {@link CliErrors} maps it to exit code 2.
 */
public final class UserInputException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
