package org.snauq.thermal;

import java.util.Objects;

/**
 * Thermophysical data of one alloy, as read from {@code conf/materials/NAME.yaml} (SI units, temperatures in K).
 *
 * @param name              the file's name, e.g. {@code inconel718}
 * @param density           rho, kg/m^3
 * @param conductivity      k(T), W/(m K), positive
 * @param specificHeat      c_p(T), J/(kg K), positive
 * @param solidus           K
 * @param liquidus          K, &gt;= solidus
 * @param latentHeat        of fusion, J/kg (data only: the conduction model leaves it out, docs/cases/lpbf-inverse.md)
 * @param absorptivityLower lower end of the powder bed's absorptivity range
 * @param absorptivityUpper upper end, in (lower, 1]
 */
public record Material(String name, double density, PropertyCurve conductivity, PropertyCurve specificHeat,
                       double solidus, double liquidus, double latentHeat, double absorptivityLower,
                       double absorptivityUpper) {

    public Material {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conductivity, "conductivity");
        Objects.requireNonNull(specificHeat, "specificHeat");
        positive(name, "density", density);
        positive(name, "solidus", solidus);
        positive(name, "latent-heat", latentHeat);
        if (!(liquidus >= solidus) || !Double.isFinite(liquidus)) {
            throw new IllegalArgumentException(name + ": liquidus must be >= solidus = " + solidus + ", got "
                    + liquidus);
        }
        if (!(conductivity.minimum() > 0)) {
            throw new IllegalArgumentException(name + ": conductivity must be > 0 everywhere, got minimum "
                    + conductivity.minimum());
        }
        if (!(specificHeat.minimum() > 0)) {
            throw new IllegalArgumentException(name + ": specific-heat must be > 0 everywhere, got minimum "
                    + specificHeat.minimum());
        }
        if (!(absorptivityLower > 0 && absorptivityLower < absorptivityUpper && absorptivityUpper <= 1)) {
            throw new IllegalArgumentException(name + ": absorptivity must satisfy 0 < lower < upper <= 1, got ["
                    + absorptivityLower + ", " + absorptivityUpper + "]");
        }
    }

    private static void positive(String name, String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": " + key + " must be > 0, got " + v);
        }
    }
}
