/**
 * The operator console: static pages served from the jar under strict security headers, the
 * change feed that lets every open page follow the fleet without re-reading it, and the words an
 * action's preview says before it is submitted. Everything a page does goes through the public API.
 */
package io.healguard.api.console;
