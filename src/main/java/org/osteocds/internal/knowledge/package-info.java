/**
 * Internal, not public API: the knowledge files of a ruleset besides the DRL: the files themselves and their
 * SHA-256, the advice catalogue ({@code content/}) and the terminology tables ({@code terminology/}).
 */
package org.osteocds.internal.knowledge;
