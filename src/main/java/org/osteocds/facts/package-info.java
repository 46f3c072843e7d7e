/**
 * The fact types rule authors write DRL against: what a rule may match, what it may insert, and the output it
 * gives. Public API for rule authors, <strong>stable</strong> since 0.2.0 (the inference is phased: classification
 * completes before advice): changes follow the library's semantic versions (CHANGELOG.md).
 *
 * <p>Input facts ({@link org.osteocds.facts.Patient}, {@link org.osteocds.facts.MedicationUse},
 * {@link org.osteocds.facts.Condition}) are built by the engine from a record and its assessment date. Every other
 * type is inferred by the rules with {@code insertLogical}; each carries the {@code Patient} it is about, so that
 * many records can share one KIE session. Advice ({@link org.osteocds.facts.Recommendation}) and data gaps
 * ({@link org.osteocds.facts.Gap}) are output, given to the session's {@link org.osteocds.facts.Output} global, not
 * inserted. {@link org.osteocds.facts.Text} holds the functions rules import.
 * docs/rule-authoring.md shows them in use.
 */
package org.osteocds.facts;
