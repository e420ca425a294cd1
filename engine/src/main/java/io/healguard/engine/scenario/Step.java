package io.healguard.engine.scenario;

import io.healguard.engine.policy.Input;
import java.time.Duration;
import java.util.Map;

/**
 * One input at offset {@code at} from the scenario start. {@code expect} holds the decision fields
 * the step must produce (action, reason, rule, circuit, restartsInWindow, ...); empty when the
 * scenario only explores.
 *
 * @param number 1-based position in the file, used in every message about this step
 */
public record Step(int number, Duration at, Input input, Map<String, String> expect) {}
