/**
 * The child-process machinery behind the executor: argv without a shell, bounded output, one
 * timeout that kills the whole tree. Only {@code io.healguard.api.exec} uses it.
 */
package io.healguard.api.exec.internal;
