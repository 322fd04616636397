package org.snauq.models;

import java.util.List;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;

/**
 * A formula in the input names, parsed by exp4j. The text is shipped and each evaluator parses it once for
 * itself (exp4j expressions are not thread safe). exp4j boxes variable values, so this is the one model whose
 * evaluation allocates; it is meant for cheap formulas, not for heavy propagation.
 */
public final class ExpressionModel implements UqModel {

    private final String expression;
    private final String[] inputs;

    ExpressionModel(String expression, List<String> inputs) {
        this.expression = expression;
        this.inputs = inputs.toArray(String[]::new);
    }

    /**
     * Parses {@code expression} with the inputs as variables and checks its structure (operand counts);
     * exp4j's messages say what is wrong.
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
    public String output() {
        return "y";
    }

    @Override
    public String description() {
        return "expression " + expression;
    }

    @Override
    public Evaluator newEvaluator() {
        Expression e = compile(expression, inputs);
        int dim = inputs.length;
        return (points, count, out) -> {
            for (int j = 0; j < count; j++) {
                int base = j * dim;
                for (int d = 0; d < dim; d++) {
                    e.setVariable(inputs[d], points[base + d]);
                }
                out[j] = e.evaluate();
            }
        };
    }
}
