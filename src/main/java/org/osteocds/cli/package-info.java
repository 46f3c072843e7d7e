/**
 * The {@code osteo-cds} command line: picocli commands that adapt arguments to the {@link org.osteocds.OsteoCds}
 * facade and return documented exit codes. No clinical or engine logic lives here.
 */
package org.osteocds.cli;
