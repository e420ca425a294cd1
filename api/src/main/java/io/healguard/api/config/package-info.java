/**
 * Service configuration: the YAML file, environment and {@code -D} layers read through Vert.x
 * Config, bound and validated once into {@link io.healguard.api.config.ServiceConfig}. Nothing past
 * this package reads raw configuration.
 */
package io.healguard.api.config;
