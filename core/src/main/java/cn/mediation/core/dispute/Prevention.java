package cn.mediation.core.dispute;

/** One prevention outcome of a resolution and how many persons it concerned (人). */
public record Prevention(PreventionOutcome outcome, int persons) {
}
