/**
 * Running restarts: advisory (decide only), {@code systemctl restart} or an operator's argv
 * template; never through a shell, one timeout, the outcome audited.
 */
package io.healguard.api.exec;
