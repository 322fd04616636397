package org.snauq.model;

/**
 * A model file that cannot be read: truncated, corrupted, of another format or of a newer version. The
 * message names the file and, where it helps, the byte offset.
 */
public class SnaFormatException extends Exception {

    public SnaFormatException(String message) {
        super(message);
    }

    public SnaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
