package cn.mediation.core.privacy;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where personal data sits in a serialized payload, found by walking the payload's class: fields and record
 * components marked {@link PersonalData}, reached through nested records, classes, lists and arrays. An event
 * ({@code parties[].name}) and a snapshot of an aggregate that keeps the same record ({@code registration.parties[].
 * name}) are both covered by the one mark on the record.
 * <p>
 * Assumes Jackson names each JSON property after its field, as the project's mappers do (no renaming annotations).
 * Maps are not walked: personal data is not kept in maps. A mark on anything but text or a list of texts is a
 * programming error and fails at once.
 */
public final class PersonalFields {

    /** One path; {@code "[]"} stands for every element of an array. */
    public record Path(List<String> segments) {

        public Path {
            segments = List.copyOf(segments);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (String segment : segments) {
                if (!segment.equals("[]") && text.length() > 0) {
                    text.append('.');
                }
                text.append(segment);
            }
            return text.toString();
        }
    }

    private static final Map<Class<?>, List<Path>> CACHE = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    /** The paths of every personal field of a serialized {@code type}; empty for most events. */
    public static List<Path> of(Class<?> type) {
        return CACHE.computeIfAbsent(type, t -> {
            List<Path> paths = new ArrayList<>();
            walk(t, new ArrayList<>(), new HashSet<>(), paths);
            return List.copyOf(paths);
        });
    }

    private static void walk(Class<?> type, List<String> prefix, Set<Class<?>> enclosing, List<Path> paths) {
        if (!walkable(type) || !enclosing.add(type)) {
            return;
        }
        for (Class<?> c = type; c != null && walkable(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                List<String> path = new ArrayList<>(prefix);
                path.add(field.getName());
                Type element = field.getGenericType();
                while (containerElement(element) != null) {
                    path.add("[]");
                    element = containerElement(element);
                }
                if (field.isAnnotationPresent(PersonalData.class)) {
                    if (raw(element) != String.class) {
                        throw new IllegalStateException("@PersonalData on " + c.getName() + "." + field.getName()
                                + ": only text or lists of text can be marked");
                    }
                    paths.add(new Path(path));
                } else {
                    Class<?> raw = raw(element);
                    if (raw != null) {
                        walk(raw, path, enclosing, paths);
                    }
                }
            }
        }
        enclosing.remove(type);
    }

    /** The element type of a collection or array, or null. */
    private static Type containerElement(Type type) {
        if (type instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
            return c;
        }
        if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
            return raw(wildcard.getUpperBounds()[0]);
        }
        return null;
    }

    /** Our own types: not primitives, enums, interfaces or the platform's classes. */
    private static boolean walkable(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.isInterface() || type.isArray() || type == Object.class) {
            return false;
        }
        String name = type.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.fasterxml.") || name.startsWith("org.bson."));
    }
}
