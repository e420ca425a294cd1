/**
 * Replicas on a shared store: one policy version in force on every replica, published by the
 * replica where an operator activated it and adopted by the others through the policy gate.
 */
package io.healguard.api.replica;
