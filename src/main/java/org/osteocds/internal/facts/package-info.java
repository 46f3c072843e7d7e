/**
 * Internal: the fact types the DRL rules match and insert. Not public API; do not depend on it.
 *
 * <p>Input facts ({@link org.osteocds.internal.facts.Patient}, {@link org.osteocds.internal.facts.MedicationUse},
 * {@link org.osteocds.internal.facts.Condition}) are built by the engine from a record and its assessment date.
 * Every other type is inferred by the rules with {@code insertLogical}; each carries the {@code Patient} it is about,
 * so that many records can share one KIE session.
 */
package org.osteocds.internal.facts;
