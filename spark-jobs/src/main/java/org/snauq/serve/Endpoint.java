package org.snauq.serve;

import java.util.ArrayList;
import java.util.List;
import org.snauq.model.MultiSnaModel;

/**
 * The POST endpoints of UM-Bridge protocol 1.0 and what each answers. Each model has one input vector (its D
 * coordinates) and one output vector (its K outputs), so {@code inWrt}, {@code inWrt1}, {@code inWrt2} and
 * {@code outWrt} must be 0; {@code sens} has K entries and {@code vec} D (the input's size for both actions).
 */
enum Endpoint {
    MODEL_INFO("/ModelInfo"),
    INPUT_SIZES("/InputSizes"),
    OUTPUT_SIZES("/OutputSizes"),
    EVALUATE("/Evaluate"),
    GRADIENT("/Gradient"),
    APPLY_JACOBIAN("/ApplyJacobian"),
    APPLY_HESSIAN("/ApplyHessian");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The endpoint at this path, or InvalidInput listing the endpoints. */
    static Endpoint of(String path) throws ProtocolError {
        List<String> known = new ArrayList<>(List.of("GET /Info"));
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
            known.add("POST " + e.path);
        }
        throw ProtocolError.invalidInput("no endpoint " + path.replaceAll("\\p{Cntrl}", "?") + "; endpoints: "
                + String.join(", ", known));
    }

    /** The answer's JSON body for a request on the model, evaluated with this thread's workspace. */
    byte[] answer(ServedModel m, RequestBody r, MultiSnaModel.Workspace ws) throws ProtocolError {
        boolean clamp = r.clamp(); // the config is checked on every request, used by the actions
        List<String> inputs = m.model().names();
        List<String> outputs = m.model().outputNames();
        switch (this) {
            case MODEL_INFO:
                return Answers.support();
            case INPUT_SIZES:
                return Answers.sizes("inputSizes", m.inputSize());
            case OUTPUT_SIZES:
                return Answers.sizes("outputSizes", m.outputSize());
            case EVALUATE:
                return Answers.output(m.evaluate(m.point(r.input(m.inputSize(), inputs), clamp), ws), true);
            case GRADIENT: {
                r.zeroIndex("outWrt", "output");
                r.zeroIndex("inWrt", "input");
                ServedModel.Point p = m.point(r.input(m.inputSize(), inputs), clamp);
                return Answers.output(m.gradient(p, r.vector("sens", m.outputSize(), outputs)), false);
            }
            case APPLY_JACOBIAN: {
                r.zeroIndex("outWrt", "output");
                r.zeroIndex("inWrt", "input");
                ServedModel.Point p = m.point(r.input(m.inputSize(), inputs), clamp);
                return Answers.output(m.applyJacobian(p, r.vector("vec", m.inputSize(), inputs)), false);
            }
            case APPLY_HESSIAN: {
                r.zeroIndex("outWrt", "output");
                r.zeroIndex("inWrt1", "input");
                r.zeroIndex("inWrt2", "input");
                ServedModel.Point p = m.point(r.input(m.inputSize(), inputs), clamp);
                double[] sens = r.vector("sens", m.outputSize(), outputs);
                return Answers.output(m.applyHessian(p, sens, r.vector("vec", m.inputSize(), inputs)), false);
            }
            default:
                throw new AssertionError(this);
        }
    }
}
