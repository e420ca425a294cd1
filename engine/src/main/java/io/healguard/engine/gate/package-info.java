/**
 * The policy gate an operator runs before a table edit goes live ({@link
 * io.healguard.engine.gate.PolicyCheck}), and the Markdown view of the tables the runbook embeds
 * ({@link io.healguard.engine.gate.MarkdownExport}). Both read the tables only; nothing here
 * activates a policy.
 */
package io.healguard.engine.gate;
