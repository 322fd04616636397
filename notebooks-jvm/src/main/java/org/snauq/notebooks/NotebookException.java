package org.snauq.notebooks;

/**
 * A notebook cell failed: it did not compile, referred to something undefined or threw. The message is one line
 * naming the notebook, the cell (1-based, counting every cell as Jupyter shows them) and the problem, e.g.
 * {@code "fit.ipynb: cell 4: java.lang.IllegalArgumentException: knots must be >= 4, got 3 in `var c = ...`"}.
 */
public final class NotebookException extends RuntimeException {

    public NotebookException(String message) {
        super(message);
    }
}
