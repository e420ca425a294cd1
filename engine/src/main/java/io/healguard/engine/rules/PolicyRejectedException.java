package io.healguard.engine.rules;

import io.healguard.engine.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** The tables did not pass the policy gate; the policy in force keeps deciding. */
public final class PolicyRejectedException extends InvalidInputException {
  private final transient List<PolicyProblem> problems;

  public PolicyRejectedException(String source, List<PolicyProblem> problems) {
    super(
        "policy " + source + " rejected: "
            + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<PolicyProblem> problems() {
    return problems;
  }
}
