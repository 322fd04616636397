package org.snauq.results;

import java.nio.file.Path;

/**
 * A separate JVM that commits one labelled run ({@link TestRuns}) and is halted at the step named by
 * {@link CrashPoints#HALT_AT}: {@code CommitChild OUTPUT RUN_ID LABEL}.
 */
public final class CommitChild {

    private CommitChild() {
    }

    public static void main(String[] args) throws Exception {
        TestRuns.commit(TestRuns.open(Path.of(args[0])), TestRuns.STUDY, args[1], args[2], false);
        System.exit(0);
    }
}
