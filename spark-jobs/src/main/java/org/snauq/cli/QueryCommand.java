package org.snauq.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snauq.model.SnaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna query}: evaluates a model at one point given as {@code name=value} pairs and prints u(z) as a
 * decimal that reads back to the same double. Every coordinate must be given exactly once; a point outside
 * the model's domain is an error unless {@code --clamp} moves it to the nearest point of the domain.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Evaluate a model at one point.")
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "M.sna", description = "The model file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "One value per coordinate, e.g. x1=0.3.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--clamp", description = "Move points outside the domain onto its boundary instead of failing.")
    boolean clamp;

    @Override
    public Integer call() throws Exception {
        SnaModel model = ModelFiles.read(file);
        double[] z = point(model);
        int d = model.firstOutOfDomain(z, 0);
        if (d >= 0 && !clamp) {
            throw new UserInputException(model.name(d) + " = " + z[d] + " is outside the domain [" + model.lower(d)
                    + ", " + model.upper(d) + "] of " + file + " (use --clamp to move it onto the boundary)");
        }
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.min(Math.max(z[i], model.lower(i)), model.upper(i));
        }
        spec.commandLine().getOut().println(model.value(z));
        spec.commandLine().getOut().flush();
        return CliErrors.OK;
    }

    private double[] point(SnaModel model) {
        double[] z = new double[model.dimension()];
        boolean[] given = new boolean[z.length];
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("expected NAME=VALUE, got '" + a + "'");
            }
            String name = a.substring(0, eq).strip();
            String text = a.substring(eq + 1).strip();
            int d = model.indexOf(name);
            if (d < 0) {
                throw new UserInputException("'" + name + "' is not a coordinate of " + file + "; coordinates: "
                        + String.join(", ", model.names()));
            }
            if (given[d]) {
                throw new UserInputException(name + " is given twice");
            }
            z[d] = number(name, text);
            given[d] = true;
        }
        List<String> missing = new ArrayList<>();
        for (int d = 0; d < z.length; d++) {
            if (!given[d]) {
                missing.add(model.name(d));
            }
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("missing value" + (missing.size() > 1 ? "s" : "") + " for "
                    + String.join(", ", missing) + " (give NAME=VALUE for every coordinate of " + file + ")");
        }
        return z;
    }

    private static double number(String name, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserInputException(name + ": '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new UserInputException(name + ": '" + text + "' is not a finite number");
        }
        return v;
    }
}
