package org.snauq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's units (manifest {@code units}: name to unit) as the page shows them: a name with its unit in brackets,
 * {@code "P [W]"}, on axes and table headers; a name without a unit as it is.
 */
final class Units {

    private final Map<String, String> byName;

    private Units(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    static Units of(JsonNode manifest) {
        Map<String, String> m = new LinkedHashMap<>();
        manifest.path("units").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Units(m);
    }

    static Units none() {
        return new Units(Map.of());
    }

    /** The unit of {@code name}, or null. */
    String unit(String name) {
        return byName.get(name);
    }

    /** {@code "name [unit]"}, or the name alone. */
    String label(String name) {
        return label(name, unit(name));
    }

    /** The unit of a density of {@code name}: {@code "1/unit"}, or null. */
    String perUnit(String name) {
        String u = unit(name);
        return u == null ? null : "1/" + (u.matches("[^ /*^()·]+") ? u : "(" + u + ")");
    }

    static String label(String what, String unit) {
        return unit == null ? what : what + " [" + unit + "]";
    }
}
