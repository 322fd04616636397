package org.snauq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void check_identifiers_accepted() {
        for (String name : new String[] {"x", "_", "x1", "Temperature_C", "_T0"}) {
            ModelNames.check("output", name);
        }
    }

    @Test
    void check_nonIdentifiers_refused() {
        for (String name : new String[] {"", "1x", "../x", "x/y", "a b", "x-1", "é", "x\n", "x\u0000", "x."}) {
            assertThrows(IllegalArgumentException.class, () -> ModelNames.check("output", name), name);
        }
    }

    @Test
    void quote_controlCharactersAndLongValues_oneShortLine() {
        assertEquals("'a\\nb\\r\\tc\\u0000\\u2028'", ModelNames.quote("a\nb\r\tc\u0000\u2028"));
        assertEquals("'" + "x".repeat(80) + "' (1000 characters)", ModelNames.quote("x".repeat(1000)));
    }
}
