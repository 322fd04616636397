package org.snauq.models;

/**
 * One evaluator's connection to an external model: a program run per call, a worker process, a server, a user's
 * Java object. {@link ExternalModel} opens one per evaluator (a task), calls it with consecutive groups of points
 * and isolates failed points when a call breaks; the link only speaks its protocol. Not thread safe: one thread
 * calls it.
 */
public interface ExternalLink extends AutoCloseable {

    /**
     * Evaluates points {@code from .. from + count - 1} of {@code points} (row-major, D values each, in study input
     * order) and writes their outputs to {@code out[j * K + k]} for point j and output k, answering the points in
     * order. A point the model answers with an error (an error reply, not a broken call) is reported through
     * {@code failures} with its index j and counts as answered.
     *
     * @param points  read: the evaluator's points
     * @param out     written: outputs of the answered points
     * @param timeout the call's time limit in nanoseconds, 0 for none
     * @return how many points were answered (always the prefix {@code from .. from + answered - 1}) and, if not all,
     *         why the call broke (a crash, a timeout, a lost connection, an exception)
     * @throws org.snauq.study.BadInputException for a problem that is not about a point (the program cannot start, a
     *                                           protocol violation, the server is gone): it stops the run
     */
    Reply call(double[] points, int from, int count, double[] out, UqModel.Failures failures,
               long timeout);

    /** After a broken call, gets ready for the next one (restart a worker, reconnect); nothing by default. */
    default void reset() {
    }

    /** What this link's calls cost so far, or null when it does not count them. */
    default UqModel.Calls calls() {
        return null;
    }

    /** Releases the process, connection or object; called once, when the task ends. */
    @Override
    void close();

    /**
     * What a call answered.
     *
     * @param answered the points answered, a prefix of the call
     * @param broken   why the call stopped before answering every point (one line), or null when it answered all
     */
    record Reply(int answered, String broken) {

        public Reply {
            if (answered < 0) {
                throw new IllegalArgumentException("answered must be >= 0, got " + answered);
            }
        }

        /** Every one of {@code count} points answered. */
        public static Reply complete(int count) {
            return new Reply(count, null);
        }

        /** The call broke after answering {@code answered} points, because of {@code why}. */
        public static Reply broken(int answered, String why) {
            return new Reply(answered, why == null || why.isBlank() ? "the call broke (no reason given)" : why);
        }
    }
}
