/**
 * The fact types rule authors write DRL against: what a rule may match and what it may insert. Public API for
 * rule authors, <strong>provisional</strong>: it will change once more when the inference is phased (classification
 * complete before advice), and be declared stable after that (see CHANGELOG.md).
 *
 * <p>Input facts ({@link org.osteocds.facts.Patient}, {@link org.osteocds.facts.MedicationUse},
 * {@link org.osteocds.facts.Condition}) are built by the engine from a record and its assessment date. Every other
 * type is inferred by the rules with {@code insertLogical}; each carries the {@code Patient} it is about, so that
 * many records can share one KIE session. {@link org.osteocds.facts.Text} holds the functions rules import.
 * docs/rule-authoring.md shows them in use.
 */
package org.osteocds.facts;
