package org.snauq.models;

import java.util.Map;
import java.util.Objects;

/**
 * A study's model once obtained: the model to propagate, a content hash for the manifest, and what was
 * reported while obtaining it (e.g. training errors).
 *
 * @param model  the model
 * @param hash   SHA-256 (hex) of what defines the model: the function name, the expression text or the SNA's
 *               numbers
 * @param report free-form facts for the manifest (training errors, the model file, ...)
 */
public record LoadedModel(UqModel model, String hash, Map<String, Object> report) {

    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hash, "hash");
        report = Map.copyOf(report);
    }
}
