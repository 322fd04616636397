package org.snauq.study;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snauq.dist.InputSpec;

/**
 * A validated study file (DESIGN.md section 3): the model source, the inputs with their distributions, the
 * sampling design, the statistics to compute and where to write them. Immutable; built by
 * {@link StudyParser}, which checks every key before anything runs.
 *
 * @param file         the study file (for messages)
 * @param name         the study name, {@code [a-z0-9_-]+}
 * @param model        where the model comes from
 * @param inputs       the inputs in order, each with a valid distribution
 * @param sampling     the design, sample count and seed
 * @param statistics   what to compute
 * @param output       the results folder (a local path, or a URI such as {@code hdfs://..}); runs go to
 *                     {@code output/run_id=ID}
 * @param domainPolicy what to do with samples outside an SNA's domain
 * @param spark        Spark settings
 * @param parsed       the study as parsed (plain maps and lists), for the run manifest
 * @param onFailure    what happens to a sample whose output is not finite or that the model fails
 * @param sweep        the {@code sweep:} block, or null for a sampling study
 */
public record Study(Path file, String name, ModelSource model, List<InputSpec> inputs, Sampling sampling,
                    StatisticsSpec statistics, String output, DomainPolicy domainPolicy, SparkSettings spark,
                    Map<String, Object> parsed, FailurePolicy onFailure, SweepSpec sweep) {

    public Study {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(domainPolicy, "domainPolicy");
        Objects.requireNonNull(spark, "spark");
        parsed = Collections.unmodifiableMap(new LinkedHashMap<>(parsed));
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /** A sampling study (no sweep) that stops at the first failed sample. */
    public Study(Path file, String name, ModelSource model, List<InputSpec> inputs, Sampling sampling,
                 StatisticsSpec statistics, String output, DomainPolicy domainPolicy, SparkSettings spark,
                 Map<String, Object> parsed) {
        this(file, name, model, inputs, sampling, statistics, output, domainPolicy, spark, parsed,
                FailurePolicy.ERROR, null);
    }

    /** The input names in order. */
    public List<String> inputNames() {
        return inputs.stream().map(InputSpec::name).toList();
    }

    /** Whether {@code output} names a URI with a scheme (hdfs://, s3a://, file:/...) rather than a local path. */
    public static boolean isUri(String output) {
        return output.matches("[A-Za-z][A-Za-z0-9+.-]*:/.*");
    }

    /** {@code output} as given, resolved against {@code baseDir} when it is a relative local path. */
    public static String resolveOutput(String output, Path baseDir) {
        return isUri(output) ? output : baseDir.resolve(output).normalize().toString();
    }

    /** The file name used as the prefix of every message about this study. */
    public String fileName() {
        return String.valueOf(file.getFileName());
    }

    public Study withOutput(String v) {
        return new Study(file, name, model, inputs, sampling, statistics, v, domainPolicy, spark,
                parsed, onFailure, sweep);
    }

    public Study withSampling(Sampling v) {
        return new Study(file, name, model, inputs, v, statistics, output, domainPolicy, spark,
                parsed, onFailure, sweep);
    }

    public Study withStatistics(StatisticsSpec v) {
        return new Study(file, name, model, inputs, sampling, v, output, domainPolicy, spark,
                parsed, onFailure, sweep);
    }

    public Study withInputs(List<InputSpec> v, DomainPolicy policy) {
        return new Study(file, name, model, v, sampling, statistics, output, policy, spark,
                parsed, onFailure, sweep);
    }

    public Study withSpark(SparkSettings v) {
        return new Study(file, name, model, inputs, sampling, statistics, output, domainPolicy, v,
                parsed, onFailure, sweep);
    }
}
