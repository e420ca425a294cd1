/**
 * What the engine is told about units: health reports, statuses, tiers and profiles. Every value
 * is validated here, at the edge, so nothing deeper sees a bad unit name or status.
 */
package io.healguard.engine.health;
