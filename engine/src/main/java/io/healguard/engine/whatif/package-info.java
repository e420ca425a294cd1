/**
 * What-if for a policy change: replay a scenario or an audit export through the policy in force
 * and a candidate, side by side on one clock, and list the decisions that change. Both engines
 * are in memory; nothing here touches a running service.
 */
package io.healguard.engine.whatif;
