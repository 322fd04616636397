package org.snauq.models;

import java.util.List;
import java.util.Map;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;

/**
 * Formulas in the input names, one per output, parsed by exp4j. The texts are shipped and each evaluator parses
 * them once for itself (exp4j expressions are not thread safe). exp4j boxes variable values, so this is the one
 * model whose evaluation allocates; it is meant for cheap formulas, not for heavy propagation. A formula that
 * divides by zero or leaves its domain gives a non-finite output, which the engine reports as a failure.
 */
public final class ExpressionModel implements UqModel {

    private final String[] outputs;
    private final String[] formulas;
    private final String[] inputs;

    /** @param formulas output name to formula, in output order */
    ExpressionModel(Map<String, String> formulas, List<String> inputs) {
        this.outputs = formulas.keySet().toArray(String[]::new);
        this.formulas = formulas.values().toArray(String[]::new);
        this.inputs = inputs.toArray(String[]::new);
    }

    /**
     * Parses {@code expression} with the inputs as variables and checks its structure (operand counts);
     * exp4j's messages say what is wrong.
     *
     * @throws IllegalArgumentException (exp4j's own) for a formula that does not parse
     */
    static Expression compile(String expression, String[] inputs) {
        Expression e = new ExpressionBuilder(expression).variables(inputs).build();
        ValidationResult v = e.validate(false);
        if (!v.isValid()) {
            throw new IllegalArgumentException(String.join("; ", v.getErrors()));
        }
        return e;
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputs);
    }

    @Override
    public List<String> outputs() {
        return List.of(outputs);
    }

    @Override
    public String description() {
        if (outputs.length == 1) {
            return "expression " + formulas[0];
        }
        StringBuilder b = new StringBuilder("expressions");
        for (int k = 0; k < outputs.length; k++) {
            b.append(k == 0 ? " " : ", ").append(outputs[k]).append(" = ").append(formulas[k]);
        }
        return b.toString();
    }

    @Override
    public Evaluator newEvaluator() {
        Expression[] e = new Expression[formulas.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = compile(formulas[k], inputs);
        }
        int dim = inputs.length;
        int outs = e.length;
        return (points, count, out, failures) -> {
            for (int j = 0; j < count; j++) {
                int base = j * dim;
                for (int k = 0; k < outs; k++) {
                    for (int d = 0; d < dim; d++) {
                        e[k].setVariable(inputs[d], points[base + d]);
                    }
                    try {
                        out[j * outs + k] = e[k].evaluate();
                    } catch (ArithmeticException ex) { // exp4j's division by zero, for one
                        failures.fail(j, "model output " + outputs[k] + ": " + ex.getMessage());
                    }
                }
            }
        };
    }
}
