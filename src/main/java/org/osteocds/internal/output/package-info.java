/** Internal: views of assessments for the command line (CSV rows, the HTML panel report). Not public API. */
package org.osteocds.internal.output;
