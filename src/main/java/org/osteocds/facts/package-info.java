/**
 * Internal: the fact types the DRL rules match and insert. Not public API; do not depend on it.
 *
 * <p>Input facts ({@link org.osteocds.facts.Patient}, {@link org.osteocds.facts.MedicationUse},
 * {@link org.osteocds.facts.Condition}) are built by the engine from a record and its assessment date.
 * Every other type is inferred by the rules with {@code insertLogical}; each carries the {@code Patient} it is about,
 * so that many records can share one KIE session.
 */
package org.osteocds.facts;
