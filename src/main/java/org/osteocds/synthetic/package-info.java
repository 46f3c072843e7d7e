/**
 * Synthetic data for demos, tests and benchmarks, with realistic prevalences: patient panels (CSV) and FHIR Bulk
 * Data exports. Seeded, so the same arguments always give the same data.
 */
package org.osteocds.synthetic;
