/**
 * The policy check an operator runs before a table edit goes live ({@link
 * io.healguard.engine.policycheck.PolicyCheck}), and the Markdown view of the tables the runbook embeds
 * ({@link io.healguard.engine.policycheck.MarkdownExport}). Both read the tables only; nothing here
 * activates a policy.
 */
package io.healguard.engine.policycheck;
