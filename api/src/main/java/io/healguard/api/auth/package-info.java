/**
 * Bearer-token authentication: configured tokens are kept only as sha-256 hashes, compared in
 * constant time, each with a name (the actor in the audit) and a role.
 */
package io.healguard.api.auth;
