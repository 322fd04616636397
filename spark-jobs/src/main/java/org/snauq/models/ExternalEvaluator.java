package org.snauq.models;

/**
 * Calls an {@link ExternalLink} and isolates the points that break calls, so that a point fails exactly when it fails
 * on its own, whatever call it came in (the engine promises the same tables for any partitioning).
 *
 * <p>An evaluation of n points is one call (the engine hands over a block at a time). When a call breaks after answering
 * a prefix (a crash, a timeout, an exception), the prefix is kept and the first unanswered point, the suspect, is
 * called alone, up to 1 + {@code retries} times; if every attempt breaks it is failed with the last reason. If it
 * failed alone, the rest of the call is called again as one call: a program that answers point by point costs one
 * extra call per failed point. If it did not fail alone, the program answers in bulk and the culprit lies later, so
 * the rest is split in halves, each treated the same way: O(f log n) extra calls for f failed points. Every call
 * has the model's timeout.
 *
 * <p>Invariant: after {@link #evaluate}, each point was either answered by a call (its outputs written, or an error
 * reply reported by the link) or failed here after 1 + retries broken calls of that point alone. Not thread safe.
 */
final class ExternalEvaluator implements UqModel.Evaluator {

    private final ExternalLink link;
    private final long timeout;
    private final int retries;
    private double[] points;
    private double[] out;
    private UqModel.Failures failures;

    /**
     * @param timeout nanoseconds per call, 0 for none
     * @param retries attempts after the first for a point alone, &gt;= 0
     */
    ExternalEvaluator(ExternalLink link, long timeout, int retries) {
        this.link = link;
        this.timeout = timeout;
        this.retries = retries;
    }

    @Override
    public void evaluate(double[] points, int count, double[] out, UqModel.Failures failures) {
        this.points = points;
        this.out = out;
        this.failures = failures;
        if (count > 0) {
            solve(0, count);
        }
        this.points = null;
        this.out = null;
        this.failures = null;
    }

    /** Points [from, from + count) answered or failed. */
    private void solve(int from, int count) {
        ExternalLink.Reply r = call(from, count);
        if (r.answered() >= count) {
            return;
        }
        int suspect = from + r.answered();
        int rest = count - r.answered() - 1;
        boolean failedAlone = count == 1 ? retry(suspect, r.broken(), retries) : alone(suspect);
        if (rest == 0) {
            return;
        }
        if (failedAlone) {
            solve(suspect + 1, rest); // the culprit is found: the others may well pass together
        } else {
            int half = rest / 2;  // the program answers in bulk: bisect
            if (half > 0) {
                solve(suspect + 1, half);
            }
            solve(suspect + 1 + half, rest - half);
        }
    }

    /** Point p alone, 1 + retries attempts; true when every attempt broke (the point is then failed). */
    private boolean alone(int p) {
        ExternalLink.Reply r = call(p, 1);
        return r.answered() < 1 && retry(p, r.broken(), retries);
    }

    /** Point p alone after a broken attempt, at most {@code left} more times; fails it when each breaks. */
    private boolean retry(int p, String why, int left) {
        String reason = why;
        int attempts = 1;
        for (int i = 0; i < left; i++) {
            ExternalLink.Reply r = call(p, 1);
            attempts++;
            if (r.answered() >= 1) {
                return false;
            }
            reason = r.broken();
        }
        failures.fail(p, attempts == 1 ? reason : reason + " (" + attempts + " attempts)");
        return true;
    }

    private ExternalLink.Reply call(int from, int count) {
        ExternalLink.Reply r = link.call(points, from, count, out, failures, timeout);
        if (r.answered() > count) {
            throw new IllegalStateException("a link answered " + r.answered() + " of " + count + " points");
        }
        if (r.answered() < count) {
            link.reset();
        }
        return r;
    }

    @Override
    public UqModel.Calls calls() {
        return link.calls();
    }

    @Override
    public void close() {
        link.close();
    }
}
