/**
 * osteo-cds: clinical decision support for bone health. The facade: {@link org.osteocds.OsteoCds} (compile a
 * ruleset once, assess records on any thread) and {@link org.osteocds.HotReload} (follow a rules folder).
 * The contracts are in {@link org.osteocds.model}; readers and writers in {@link org.osteocds.io}; the fact types
 * that rule authors match in {@link org.osteocds.facts}. Everything under {@code org.osteocds.internal} is not
 * public API. docs/architecture.md draws the whole house.
 */
package org.osteocds;
