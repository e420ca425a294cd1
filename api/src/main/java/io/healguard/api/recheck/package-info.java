/**
 * The recheck of units that systemd reported failed and healguard did not restart: with
 * {@code Restart=no} nothing else reports them, so healguard asks systemd again and re-reports
 * the ones still failed through the normal decision path.
 */
package io.healguard.api.recheck;
