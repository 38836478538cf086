package cn.mediation.command.web;

/** One problem with one field of a request. */
public record FieldError(String field, String message) {
}
