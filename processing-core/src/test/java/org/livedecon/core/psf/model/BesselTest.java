package org.livedecon.core.psf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BesselTest {
    /** x, J0(x), J1(x): reference values from SciPy 1.17 (Cephes). */
    private static final double[][] REFERENCE = {
        {0, 1.0, 0.0},
        {0.5, 0.938469807240813, 0.24226845767487387},
        {1, 0.7651976865579665, 0.44005058574493355},
        {2.404825557695773, -9.586882554916807e-17, 0.5191474972894666},
        {5, -0.1775967713143383, -0.3275791375914653},
        {7.9, 0.1943618448412782, 0.21917939992175126},
        {8.1, 0.14751745404437763, 0.24760776698159287},
        {12, 0.04768931079683335, -0.2234471044906276},
        {16.5, -0.196380692936861, -0.00576421373563142},
        {17.5, -0.10311039822868608, -0.163419969425755},
        {20, 0.16702466434058322, 0.0668331241758502},
        {30, -0.08636798358104031, -0.11875106261662305},
        {55.5, -0.02810407430115211, -0.10360300589593366},
        {100, 0.01998585030422333, -0.0771453520141123},
        {321.7, 0.039625904479406816, 0.020278166670180803},
        {1000.3, 0.022282634083430543, 0.011839621285186277},
    };

    @Test
    void matchesReferenceValuesToTenDigits() {
        for (double[] r : REFERENCE) {
            assertEquals(r[1], Bessel.j0(r[0]), 1e-10, "J0(" + r[0] + ")");
            assertEquals(r[2], Bessel.j1(r[0]), 1e-10, "J1(" + r[0] + ")");
        }
    }

    @Test
    void hasTheParityOfItsOrder() {
        for (double[] r : REFERENCE) {
            assertEquals(Bessel.j0(r[0]), Bessel.j0(-r[0]), 0.0);
            assertEquals(-Bessel.j1(r[0]), Bessel.j1(-r[0]), 0.0);
        }
    }

    @Test
    void isContinuousWhereSeriesMeetsAsymptoticExpansion() {
        double below = Math.nextDown(12.0);
        assertEquals(Bessel.j0(below), Bessel.j0(12.0), 3e-12);
        assertEquals(Bessel.j1(below), Bessel.j1(12.0), 3e-12);
    }

    @Test
    void derivativeOfJ0IsMinusJ1() {
        double h = 1e-5;
        for (double x = 0.3; x < 40; x += 0.7) {
            double d = (Bessel.j0(x + h) - Bessel.j0(x - h)) / (2 * h);
            assertEquals(-Bessel.j1(x), d, 1e-8, "x=" + x);
        }
    }
}
