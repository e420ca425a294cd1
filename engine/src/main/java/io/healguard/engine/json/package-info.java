/** JSON and YAML mapping and the operator duration syntax, shared by the store, audit and scenarios. */
package io.healguard.engine.json;
