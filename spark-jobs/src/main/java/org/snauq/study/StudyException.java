package org.snauq.study;

/**
 * A study or problem file (or a file it names) that cannot be run as written: malformed YAML, an unknown, missing
 * or mistyped key, an impossible value, a model that does not match the inputs. The message is one line naming
 * the file and the key path, e.g. {@code "ishigami.yaml: inputs[1].sd must be > 0, got -0.5"}.
 */
public class StudyException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public StudyException(String message) {
        super(message);
    }

    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
