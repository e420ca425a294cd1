/**
 * Why a unit failed, as systemd tells an {@code OnFailure=} unit: the validated cause a report may
 * carry, and the classes the causes table sorts it into. Nothing here decides; the gates table
 * decides by the class.
 */
package io.healguard.engine.cause;
