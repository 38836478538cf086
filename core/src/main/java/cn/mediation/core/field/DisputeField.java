package cn.mediation.core.field;

/** One field (领域) of the taxonomy: a stable code and its Chinese and English names. */
public record DisputeField(String code, String chinese, String english) {
}
