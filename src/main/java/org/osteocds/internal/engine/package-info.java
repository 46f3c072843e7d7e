/**
 * Internal, not public API: the engine. Compiles a ruleset ({@link org.osteocds.internal.engine.CompiledRules}),
 * turns records into facts, runs KIE sessions in batches with per-record failure isolation, and collects
 * assessments in input order.
 */
package org.osteocds.internal.engine;
