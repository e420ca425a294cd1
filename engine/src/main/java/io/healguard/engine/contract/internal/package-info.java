/**
 * Machinery behind the contract: YAML reading with strict keys, and the text of the rendered env
 * file and drop-ins. Nothing here is API; callers use {@code Contract} and {@code ContractRenderer}.
 */
package io.healguard.engine.contract.internal;
