package org.snauq.engine;

import java.util.List;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.models.UqModel;
import org.snauq.uq.ClosedFormResult;
import org.snauq.uq.ClosedFormUq;

/** The closed-form rows of an SNA model (METHOD.md section 4), computed on the driver by {@link ClosedFormUq}. */
public final class Analytic {

    private Analytic() {
    }

    /** Closed-form moments and Sobol' indices in study input order, or null when the model is not an SNA. */
    public static AnalyticResult of(UqModel model, List<InputSpec> inputs) {
        SnaModel sna = model.sna();
        if (sna == null) {
            return null;
        }
        ClosedFormResult r = ClosedFormUq.analyzeSpecs(sna, inputs);
        double[] s1 = new double[inputs.size()];
        double[] st = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            int d = r.inputs().indexOf(inputs.get(i).name());
            s1[i] = r.firstOrder(d);
            st[i] = r.total(d);
        }
        return new AnalyticResult(r.mean(), r.variance(), s1, st);
    }
}
