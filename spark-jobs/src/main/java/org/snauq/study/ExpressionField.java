package org.snauq.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import org.snauq.galerkin.Field;

/**
 * Turns an exp4j expression over the coordinate names into a {@link Field}, keeping the separable structure the
 * text shows: the top-level sum is split into summands and each summand's top-level product into factors, which
 * are grouped by shared coordinates, so "20*pi^2*sin(pi*z1)*...*sin(pi*z20)" becomes a product of 1-D fields (rank
 * one) instead of one function of 20 coordinates, and the VSNA solver compresses only genuinely joint parts.
 *
 * <p>The split is checked: the structured field must equal the plain expression at {@link #CHECK_POINTS} random
 * points of the box to 1e-12 relative, otherwise the plain expression is used. Named constants are fixed values of
 * extra exp4j variables. The solution's name, when given, is one more variable, read after the coordinates (at
 * index D, as {@link Field} expects of a coefficient of a nonlinear PDE); the problem decides where it may appear.
 */
final class ExpressionField {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int CHECK_POINTS = 16;

    private final List<String> names;
    private final double[] lower;
    private final double[] upper;
    private final Map<String, Double> constants;
    /** The solution's name (a variable after the coordinates), or null. */
    private final String solution;

    ExpressionField(List<String> names, double[] lower, double[] upper, Map<String, Double> constants) {
        this(names, lower, upper, constants, null);
    }

    ExpressionField(List<String> names, double[] lower, double[] upper, Map<String, Double> constants,
                    String solution) {
        this.names = names;
        this.lower = lower;
        this.upper = upper;
        this.constants = constants;
        this.solution = solution;
    }

    /** The coordinates and, last, the solution: the variables in point order. */
    private List<String> variableOrder() {
        List<String> all = new ArrayList<>(names);
        if (solution != null) {
            all.add(solution);
        }
        return all;
    }

    /**
     * The field of {@code text}; {@code where} prefixes error messages ("heat.yaml: terms[2].value").
     *
     * @throws IllegalArgumentException for a syntax error or an unknown variable
     */
    Field parse(String text, String where) {
        Field plain = function(text, where);
        Field structured;
        try {
            structured = structured(text, where);
        } catch (RuntimeException e) {
            return plain; // the split produced something exp4j rejects: keep the whole expression
        }
        return agrees(plain, structured) ? structured : plain;
    }

    private boolean agrees(Field a, Field b) {
        SplittableRandom rng = new SplittableRandom(7);
        double[] z = new double[variableOrder().size()];
        for (int k = 0; k < CHECK_POINTS; k++) {
            for (int d = 0; d < names.size(); d++) {
                z[d] = lower[d] + (upper[d] - lower[d]) * rng.nextDouble();
            }
            if (solution != null) {
                z[names.size()] = rng.nextDouble(-2, 2);
            }
            double x = a.value(z);
            double y = b.value(z);
            if (!(Math.abs(x - y) <= 1e-12 * Math.max(1.0, Math.abs(x))) && !(Double.isNaN(x) && Double.isNaN(y))) {
                return false;
            }
        }
        return true;
    }

    /** Coordinates named in the text (identifiers not followed by '('). */
    Set<String> variables(String text) {
        Set<String> vars = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end < text.length() && text.charAt(end) == ' ') {
                end++;
            }
            boolean call = end < text.length() && text.charAt(end) == '(';
            boolean inNumber = m.start() > 0 && (Character.isDigit(text.charAt(m.start() - 1))
                    || text.charAt(m.start() - 1) == '.');
            if (!call && !inNumber && variableOrder().contains(m.group())) {
                vars.add(m.group());
            }
        }
        return vars;
    }

    /** One exp4j expression as a field of the coordinates it names. */
    Field function(String text, String where) {
        Set<String> vars = variables(text);
        Expression e;
        try {
            ExpressionBuilder b = new ExpressionBuilder(text);
            List<String> all = variableOrder();
            all.addAll(constants.keySet());
            b.variables(all.toArray(String[]::new));
            e = b.build();
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(where + ": " + describe(ex, text));
        }
        constants.forEach(e::setVariable);
        int[] index = new int[vars.size()];
        String[] varNames = vars.toArray(String[]::new);
        for (int i = 0; i < index.length; i++) {
            index[i] = variableOrder().indexOf(varNames[i]);
        }
        Expression expr = e;
        Map<String, Double> values = new HashMap<>();
        Field f = Field.of(vars, z -> {
            for (int i = 0; i < index.length; i++) {
                values.put(varNames[i], z[index[i]]);
            }
            try {
                return expr.setVariables(values).evaluate();
            } catch (ArithmeticException divisionByZero) { // exp4j throws where IEEE gives an infinity or NaN
                return Double.NaN; // not finite: the problem checks name the term
            }
        });
        if (vars.isEmpty()) {
            return Field.constant(f.value(new double[names.size()]));
        }
        return f;
    }

    private String describe(RuntimeException ex, String text) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        Matcher m = Pattern.compile("Unknown function or variable '([^']*)'").matcher(msg);
        if (m.find()) {
            return "unknown variable or function '" + m.group(1) + "' in '" + text + "'; coordinates: "
                    + String.join(", ", names) + (solution == null ? "" : "; the solution: " + solution);
        }
        return "invalid expression '" + text + "': " + msg;
    }

    // ------------------------------------------------------------ structure

    private Field structured(String text, String where) {
        List<String[]> summands = splitSum(text.strip());
        List<Field> parts = new ArrayList<>();
        for (String[] s : summands) {
            Field product = product(s[1], where);
            parts.add(s[0].equals("-") ? Field.product(List.of(Field.constant(-1), product)) : product);
        }
        return parts.size() == 1 ? parts.get(0) : Field.sum(parts);
    }

    /** Splits at depth-0 binary + and -; each entry is {sign, text}. */
    private static List<String[]> splitSum(String text) {
        return splitTopLevel(text, "+-", "+");
    }

    /**
     * Splits {@code text} at the operators in {@code operators} outside parentheses (a + or - only where it is
     * binary); each entry is {the operator before it, text}, the first entry's operator being {@code first}.
     */
    private static List<String[]> splitTopLevel(String text, String operators, String first) {
        List<String[]> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        String op = first;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && operators.indexOf(c) >= 0 && (c != '+' && c != '-' || isBinary(text, i))) {
                out.add(new String[] {op, text.substring(start, i)});
                op = String.valueOf(c);
                start = i + 1;
            }
        }
        out.add(new String[] {op, text.substring(start)});
        return out;
    }

    /** True when the + or - at i follows an operand (not a unary sign, not an exponent of a number). */
    private static boolean isBinary(String text, int i) {
        int j = i - 1;
        while (j >= 0 && text.charAt(j) == ' ') {
            j--;
        }
        if (j < 0) {
            return false;
        }
        char p = text.charAt(j);
        if (p == 'e' || p == 'E') {
            int k = j - 1;
            if (k >= 0 && (Character.isDigit(text.charAt(k)) || text.charAt(k) == '.')) {
                // 1e-5: part of a number unless the e ends an identifier such as "rate"
                int s = k;
                while (s >= 0 && (Character.isLetterOrDigit(text.charAt(s)) || text.charAt(s) == '_'
                        || text.charAt(s) == '.')) {
                    s--;
                }
                if (s + 1 <= k && !Character.isLetter(text.charAt(s + 1))) {
                    return false;
                }
            }
        }
        return Character.isLetterOrDigit(p) || p == ')' || p == '_' || p == '.';
    }

    /** A summand as a product of factor groups that share no coordinate. */
    private Field product(String text, String where) {
        List<String> factors = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (String[] f : splitTopLevel(text, "*/", "*")) {
            ops.add(f[0]);
            factors.add(f[1]);
        }
        // group factors by shared coordinates (union-find over factor indices)
        int n = factors.size();
        int[] parent = new int[n];
        List<Set<String>> vars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            vars.add(variables(factors.get(i)));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (vars.get(i).stream().anyMatch(vars.get(j)::contains)) {
                    parent[find(parent, j)] = find(parent, i);
                }
            }
        }
        Map<Integer, StringBuilder> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int g = vars.get(i).isEmpty() ? -1 : find(parent, i);
            groups.computeIfAbsent(g, k -> new StringBuilder("1")).append(ops.get(i)).append('(')
                    .append(factors.get(i)).append(')');
        }
        List<Field> fields = new ArrayList<>();
        for (StringBuilder g : groups.values()) {
            fields.add(function(g.toString(), where));
        }
        return fields.size() == 1 ? fields.get(0) : Field.product(fields);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i] = parent[parent[i]];
        }
        return i;
    }
}
