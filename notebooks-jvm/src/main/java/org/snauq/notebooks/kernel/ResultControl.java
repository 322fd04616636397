package org.snauq.notebooks.kernel;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs snippets in this JVM, on the calling thread, and keeps each value as the object itself (jshell's own
 * controls turn it into a source-like string, {@code "abc"} with quotes): the shell sees a key, and
 * {@link #take(String)} hands the object to the renderer, as IJava's and JJava's execution controls do.
 */
final class ResultControl extends DirectExecutionControl {

    private final Map<String, Object> results = new HashMap<>();
    private long next;

    ResultControl(IsolatedLoader loader) {
        super(loader);
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object value = doit.invoke(null);
        String key = "#" + next++;
        results.put(key, value);
        return key;
    }

    /** The value stored under {@code key}, forgotten afterwards. */
    Object take(String key) {
        return results.remove(key);
    }
}
