package org.osteocds.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {
    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.04, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 1.45, 2.675, -2.25, -2.35, -2.45,
            -0.05, 4.35, 8.05, 0.049999999999999996, 123456.75, 1e14 + 0.05, 1e-320, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void oneDecimalMatchesStringFormatAtTheEdges(double v) {
        assertEquals(format(v), Text.oneDecimal(v));
    }

    @Test
    void oneDecimalMatchesStringFormatOnManyValues() {
        Random random = new Random(20261129);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble() * 200 - 100;
                case 1 -> Math.round(random.nextDouble() * 100_000) / 1000.0;
                case 2 -> Math.round(random.nextDouble() * 10_000) / 100.0 - 50;
                default -> (random.nextInt(2000) - 1000) / 20.0;
            };
            assertEquals(format(v), Text.oneDecimal(v), () -> "for " + v);
        }
    }

    @Test
    void numDropsANeedlessDecimal() {
        assertEquals("7", Text.num(7.0));
        assertEquals("7.5", Text.num(7.5));
        assertEquals("-2.6", Text.num(-2.55));
        assertEquals("unknown", Text.num(null));
    }
}
