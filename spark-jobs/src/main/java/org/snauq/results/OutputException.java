package org.snauq.results;

import org.snauq.study.BadInputException;

/**
 * A results output that cannot be used as asked: an unwritable or malformed location, an unknown run, a run
 * whose files are damaged. The message is one line naming the path and the problem; the command line maps it
 * to exit code 2.
 */
public class OutputException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
