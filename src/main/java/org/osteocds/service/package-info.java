/**
 * The CDS Hooks 2.0 service ({@code osteo-cds serve}, docs/cds-hooks.md): discovery, one service per hook, prefetch
 * and FHIR server fallback, JWT trust of the calling EHR, feedback and an audit trail in a database. An application
 * on top of the library: its dependencies (Jetty, nimbus-jose-jwt, SQLite, PostgreSQL, Flyway) are optional in the
 * library's POM, so that embedders carry none of them.
 */
package org.osteocds.service;
