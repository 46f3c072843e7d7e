/**
 * The population job on Apache Spark ({@code osteo-cds population}, docs/population.md): a FHIR Bulk Data export,
 * FHIR documents or native records assessed with the command line's mapping and rules, written as Parquet tables
 * and a summary report. An application on top of the library: Spark is a provided dependency, and nothing below
 * this package knows of it.
 */
package org.osteocds.population;
