package org.snauq.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThermalScalingTest {

    /** Closed-form integrals and quadratic roots: rounding of a few operations on numbers ~1e4. */
    private static final double EXACT = 1e-9;
    private static final Material ALLOY = new Material("alloy", 8000,
            PropertyCurve.of(new double[] {300, 1000, 1600}, new double[] {10, 24, 30}),
            PropertyCurve.of(new double[] {300, 1600}, new double[] {450, 650}), 1500, 1600, 2e5, 0.3, 0.6);

    @Test
    void integral_piecewiseLinear_matchesTrapezoidsAndConstantEnds() {
        PropertyCurve k = ALLOY.conductivity();
        assertEquals(0.5 * (10 + 24) * 700, k.integral(1000), EXACT); // exact: one trapezoid
        assertEquals(0.5 * (10 + 17) * 350, k.integral(650), EXACT); // k(650) = 17
        assertEquals(0.5 * (10 + 24) * 700 + 0.5 * (24 + 30) * 600 + 30 * 400, k.integral(2000), EXACT);
        assertEquals(-10 * 100, k.integral(200), EXACT);
    }

    @Test
    void inverseIntegral_anyTarget_invertsIntegral() {
        PropertyCurve k = ALLOY.conductivity();
        for (double t : new double[] {250, 300, 301, 650, 999.9, 1000, 1333, 1600, 2500}) {
            assertEquals(t, k.inverseIntegral(k.integral(t)), EXACT * t, "T = " + t);
        }
    }

    @Test
    void scaling_liquidusTheta_isTheRiseToTheLiquidus() {
        ThermalScaling s = new ThermalScaling(ALLOY, 300, 1);
        // k_ref is the mean of k over [T0, T_L], so theta(T_L) = T_L - T0 by construction
        assertEquals(1300, s.liquidusTheta(), EXACT * 1300);
        assertEquals(ALLOY.conductivity().mean(300, 1600), s.referenceConductivity(), EXACT);
        assertEquals(1200, s.temperature(s.theta(1200)), EXACT * 1200);
        assertEquals(1 / s.kappa(1200), s.temperatureSlope(s.theta(1200)), EXACT);
    }

    @Test
    void scaling_liquidFactor_slowsTheRiseAboveTheLiquidusOnly() {
        ThermalScaling plain = new ThermalScaling(ALLOY, 300, 1);
        ThermalScaling enhanced = new ThermalScaling(ALLOY, 300, 4);
        assertEquals(plain.theta(1400), enhanced.theta(1400), EXACT * 1400);
        double above = plain.liquidusTheta() + 3000;
        // above the liquidus kappa is 4 times larger: the same theta gives a 4 times smaller temperature rise
        double riseEnhanced = enhanced.temperature(above + enhanced.liquidusTheta() - plain.liquidusTheta()) - 1600;
        assertEquals((plain.temperature(above) - 1600) / 4, riseEnhanced, EXACT * 1e4);
    }

    @Test
    void groups_conductivityScale_dividesPecletAndAmplitude() {
        ThermalScaling s = new ThermalScaling(ALLOY, 300, 1);
        double pe = s.peclet(1.0, 50e-6, 1);
        assertEquals(1.0 * 50e-6 / s.diffusivity(), pe, EXACT * pe);
        assertEquals(pe / 1.25, s.peclet(1.0, 50e-6, 1.25), EXACT * pe);
        double a = s.amplitude(0.35, 285, 50e-6, 1);
        assertEquals(0.35 * 285 / (Math.PI * s.referenceConductivity() * 50e-6), a, EXACT * a);
        assertEquals(a / 0.8, s.amplitude(0.35, 285, 50e-6, 0.8), EXACT * a);
    }

    @Test
    void material_absorptivityOutOfRange_namesTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Material("m", 1,
                PropertyCurve.constant(1), PropertyCurve.constant(1), 1000, 1100, 1, 0.5, 0.4));
        assertEquals("m: absorptivity must satisfy 0 < lower < upper <= 1, got [0.5, 0.4]", e.getMessage());
    }
}
