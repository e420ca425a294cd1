/**
 * Machinery behind the contract: strict YAML reading with key lines, the env file merge that keeps
 * a host's own lines, the drop-in text with its exec line rewrites, and a small unified diff.
 * Nothing here is API; callers use {@code Contract}, {@code ContractFile} and {@code ContractRenderer}.
 */
package io.healguard.engine.contract.internal;
