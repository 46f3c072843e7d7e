/**
 * Internal: rule loading and compilation, the engine, readers and mappers. Not public API; do not depend on it,
 * it changes without notice.
 */
package org.osteocds.internal;
