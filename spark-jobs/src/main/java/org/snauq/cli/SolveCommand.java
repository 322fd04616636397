package org.snauq.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.Vsna;
import org.snauq.model.SnaModel;
import org.snauq.study.ProblemFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna solve PROBLEM.yaml --output M.sna}: builds an SNA from a PDE problem file by VSNA (METHOD.md section 3,
 * file format in docs/VSNA.md), prints the solve report (rank history, residual indicator, time per sweep) and, when
 * the file gives an exact solution, the relative L2 error over the whole box, then writes the model.
 *
 * <p>Bad problem files raise a {@code StudyException} with one line naming the file and key; the solver's own checks
 * of the problem's values are wrapped likewise (exit code 2 through the command line's error mapping). The output
 * path is checked before the solve.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Build an SNA from a PDE problem file by VSNA (Galerkin or least-squares ALS).")
final class SolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "The problem file.")
    Path problemFile;

    @Option(names = {"-o", "--output"}, paramLabel = "M.sna", required = true,
            description = "Where to write the model.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelFiles.checkWritable(output, "--output");
        ProblemFile file = ProblemFile.read(problemFile);
        PdeProblem problem = file.problem();
        out.printf(Locale.ROOT, "problem %s: %d coordinates %s, %d terms%n", problem.name(),
                problem.coordinates().size(), problem.names(), problem.terms().size());
        Vsna.Result result;
        try {
            result = Vsna.solve(problem, file.solver());
        } catch (IllegalArgumentException e) { // the solver's check of the problem's values
            throw new UserInputException(problemFile.getFileName() + ": " + e.getMessage(), e);
        }
        out.print(result.report().format());
        if (result.error() != null) {
            out.printf(Locale.ROOT, "relative L2 error vs exact: %.3e (%s)%n", result.error().value(),
                    result.error().method());
        }
        SnaModel model = result.model();
        ModelFiles.write(model, output);
        out.printf(Locale.ROOT, "wrote %s: rank %d, %d doubles%n", output, model.rank(), model.parameterCount());
        out.flush();
        return CliErrors.OK;
    }
}
