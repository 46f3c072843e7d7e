/**
 * Internal, not public API: parsing native records (JSON, NDJSON, CSV) into validated records with every problem
 * named, and the one configured JSON mapper.
 */
package org.osteocds.internal.parse;
