/**
 * Tools for rule authors: fixtures (one scenario per file, expected against actual), the generated rulebook, and
 * the rest of the workbench the command line's {@code validate}, {@code test}, {@code coverage}, {@code explain}
 * and {@code impact} commands adapt.
 */
package org.osteocds.authoring;
