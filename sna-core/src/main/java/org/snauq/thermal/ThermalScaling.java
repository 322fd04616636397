package org.snauq.thermal;

/**
 * From the dimensionless moving-source field to temperatures for one material (docs/cases/lpbf-inverse.md).
 *
 * <p>Quasi-steady conduction in the frame of a beam moving at v, k(T) = s k_0(T) with a conductivity scale s and
 * <b>constant diffusivity</b> alpha = s alpha_0. The Kirchhoff variable theta = (1/k_ref) int_{T0}^T k_0 turns it
 * into the linear problem of the SNA, lengths in beam radii r_b:
 *
 * <pre>  -Laplace theta - Pe d theta/dx = 0,  -d theta/dz = A s(x, y; beta) on the surface,
 *   Pe = v r_b / (s alpha_0),   A = eta P / (pi s k_ref r_b),   theta = A u(x, y, z; Pe, beta),</pre>
 *
 * and T = T(theta), the inverse of the monotone map theta(T) (exact on piecewise-linear k: one quadratic root).
 * The constants: k_ref = mean of k_0 over [T0, T_L], rho c = rho * mean of c_p over [T0, T_L], alpha_0 =
 * k_ref / (rho c); so theta(T_L) = T_L - T0 and the advected enthalpy rho c theta is the true sensible enthalpy at
 * the liquidus. Latent heat, evaporation and flow are left out; an enhanced liquid conductivity (a factor f reached
 * linearly between solidus and liquidus, a common stand-in for Marangoni convection) enters k_0 and so the map only.
 *
 * <p>Immutable.
 */
public final class ThermalScaling {

    private final Material material;
    private final double ambient;
    private final double liquidFactor;
    private final PropertyCurve kappa;
    private final double kRef;
    private final double heatCapacity;

    /**
     * @param material     the alloy
     * @param ambient      T0, K (preheat and far field)
     * @param liquidFactor f &gt;= 1: k_0 times f above the liquidus (1 = the data's k(T) alone)
     */
    public ThermalScaling(Material material, double ambient, double liquidFactor) {
        if (!(ambient > 0 && ambient < material.solidus())) {
            throw new IllegalArgumentException(material.name() + ": ambient must be in (0, solidus = "
                    + material.solidus() + "), got " + ambient);
        }
        if (!(liquidFactor >= 1) || !Double.isFinite(liquidFactor)) {
            throw new IllegalArgumentException(material.name() + ": liquid conductivity factor must be >= 1, got "
                    + liquidFactor);
        }
        this.material = material;
        this.ambient = ambient;
        this.liquidFactor = liquidFactor;
        PropertyCurve k = material.conductivity();
        this.kRef = k.mean(ambient, material.liquidus());
        this.heatCapacity = material.density() * material.specificHeat().mean(ambient, material.liquidus());
        if (liquidFactor > 1 && material.solidus() == material.liquidus()) {
            throw new IllegalArgumentException(material.name() + ": an enhanced liquid conductivity needs "
                    + "solidus < liquidus");
        }
        PropertyCurve enhanced = liquidFactor == 1 ? k : k.scaledAbove(material.solidus(), material.liquidus(),
                liquidFactor);
        double[] t = enhanced.temperatures();
        double[] v = enhanced.values();
        for (int i = 0; i < v.length; i++) {
            v[i] /= kRef;
        }
        this.kappa = PropertyCurve.of(t, v);
    }

    public Material material() {
        return material;
    }

    public double ambient() {
        return ambient;
    }

    public double liquidFactor() {
        return liquidFactor;
    }

    /** k_ref, W/(m K). */
    public double referenceConductivity() {
        return kRef;
    }

    /** rho c, J/(m^3 K). */
    public double heatCapacity() {
        return heatCapacity;
    }

    /** alpha_0 = k_ref / (rho c), m^2/s. */
    public double diffusivity() {
        return kRef / heatCapacity;
    }

    /** Pe = v r_b / (s alpha_0). */
    public double peclet(double speed, double radius, double conductivityScale) {
        return speed * radius * heatCapacity / (conductivityScale * kRef);
    }

    /** A = eta P / (pi s k_ref r_b), kelvin. */
    public double amplitude(double absorptivity, double power, double radius, double conductivityScale) {
        return absorptivity * power / (Math.PI * conductivityScale * kRef * radius);
    }

    /** The dimensionless conductivity kappa(T) = k_0(T) / k_ref (with the liquid factor). */
    public double kappa(double temperature) {
        return kappa.value(temperature);
    }

    /** theta(T) = int_{T0}^T kappa. */
    public double theta(double temperature) {
        return kappa.integral(ambient, temperature);
    }

    /** T(theta), the inverse of {@link #theta(double)}. */
    public double temperature(double theta) {
        return kappa.inverseIntegral(theta + kappa.integral(ambient));
    }

    /** dT/dtheta = 1 / kappa(T(theta)). */
    public double temperatureSlope(double theta) {
        return 1 / kappa.value(temperature(theta));
    }

    /** theta at the liquidus: the melt threshold of the Kirchhoff field. */
    public double liquidusTheta() {
        return theta(material.liquidus());
    }
}
