package org.snauq.study;

/** What happens to a sample that falls outside an SNA model's domain (study key {@code domain-policy}). */
public enum DomainPolicy {
    /** Fail the run, naming the input, how many samples and how far outside. */
    ERROR,
    /** Evaluate the model at the nearest point of its domain. */
    CLAMP;

    /** The spelling in a study file. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
