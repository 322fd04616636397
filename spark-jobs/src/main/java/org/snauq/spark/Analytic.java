package org.snauq.spark;

import java.util.List;
import org.snauq.dist.InputSpec;
import org.snauq.study.UqModel;

/** The closed-form rows of an SNA model (METHOD.md section 4), computed on the driver by {@code org.snauq.uq}. */
final class Analytic {

    private Analytic() {
    }

    /** Closed-form moments and Sobol' indices in study input order, or null when the model is not an SNA. */
    static AnalyticResult of(UqModel model, List<InputSpec> inputs) {
        if (model.sna() == null) {
            return null;
        }
        return null; // TODO(spark): org.snauq.uq once it lands on main
    }
}
