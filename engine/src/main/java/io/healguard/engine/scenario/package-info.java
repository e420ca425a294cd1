/** What-if scenarios: the YAML format, its parser and the simulator that replays it on its own clock. */
package io.healguard.engine.scenario;
