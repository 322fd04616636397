package org.snauq.models;

import java.util.List;
import org.snauq.study.ExternalSpec;

/**
 * The shared part of models that are not sna's own code: an external program ({@link CommandModel}), a user's Java
 * class ({@link JavaModel}), a server. A new kind subclasses it and implements {@link #open()}, returning an
 * {@link ExternalLink} that speaks its protocol; everything else is here, the same for every kind:
 * <ul>
 *   <li><b>names</b>: the study's inputs (the points' coordinates, in study order) and the declared outputs
 *       ({@link ExternalSpec#outputs()}), checked against the inputs by {@link ModelLoader};</li>
 *   <li><b>blocks and calls</b>: the engine cuts the design into blocks of {@link ExternalSpec#blockRows} rows
 *       ({@link #blockRows}) and hands over a whole block per call ({@link #batchSize()}), each call with the
 *       {@link ExternalSpec#timeout()};</li>
 *   <li><b>failed points</b>: when a call breaks (crash, timeout, lost connection, exception), the answered prefix
 *       is kept and the rest retried so that a point fails exactly when it fails alone, after
 *       {@link ExternalSpec#retries()} further attempts, with the last reason as a one-line failure reason
 *       ({@link ExternalEvaluator}); the study's {@code on-failure} policy does the rest;</li>
 *   <li><b>lifecycle</b>: one link per evaluator, that is per Spark task, opened on the executor, {@link
 *       ExternalLink#reset() reset} after a broken call and {@link ExternalLink#close() closed} when the task
 *       ends;</li>
 *   <li><b>errors</b> that are not about a point (a program that cannot start, a protocol violation, a server that
 *       is gone) are thrown by the link as a {@link org.snauq.study.BadInputException} built by {@link #error}:
 *       one line that starts with the study place, e.g. {@code "s.yaml: model.command: ..."}; exit 2.</li>
 * </ul>
 * Subclasses hold only serialisable fields (the model is broadcast) and do the work in {@link #open()}.
 */
public abstract class ExternalModel implements UqModel {

    private static final long serialVersionUID = 1L;

    private final String[] inputs;
    private final String[] outputs;
    private final long timeout;
    private final int retries;
    private final int block;
    private final String where;
    private final String description;

    /**
     * @param inputs      the study's input names, in study order
     * @param spec        outputs, timeout, retries and block
     * @param where       the study place for messages, e.g. {@code "s.yaml: model.command"}
     * @param description one line saying what the model is
     */
    protected ExternalModel(List<String> inputs, ExternalSpec spec, String where, String description) {
        this.inputs = inputs.toArray(String[]::new);
        this.outputs = spec.outputs().toArray(String[]::new);
        this.timeout = (long) (spec.timeout() * 1e9);
        this.retries = spec.retries();
        this.block = spec.block();
        this.where = where;
        this.description = description;
    }

    /** A new link to the model, opened on the executor for one evaluator; may start a process or connect. */
    protected abstract ExternalLink open();

    @Override
    public final Evaluator newEvaluator() {
        return new ExternalEvaluator(open(), timeout, retries);
    }

    /** A whole block per call: a call costs a process start or a round trip. */
    @Override
    public final int batchSize() {
        return Integer.MAX_VALUE;
    }

    /** The study's {@code block}, or n / 64 as a power of two: a costly model spread over tasks. */
    @Override
    public final int blockRows(long rows) {
        return ExternalSpec.blockRows(block, rows);
    }

    @Override
    public final List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public final List<String> outputs() {
        return List.of(outputs);
    }

    @Override
    public final String description() {
        return description;
    }

    /** The study place messages start with, e.g. {@code "s.yaml: model.command"}. */
    protected final String where() {
        return where;
    }

    /** The time limit of a call, in seconds (0: none), as the user wrote it, for messages. */
    protected final double timeoutSeconds() {
        return timeout / 1e9;
    }

    /** A bad-input error about the model as a whole: {@code "<where>: <problem>"}, one line, exit 2. */
    protected final org.snauq.study.BadInputException error(String problem) {
        return new org.snauq.study.StudyException(where + ": " + problem);
    }
}
