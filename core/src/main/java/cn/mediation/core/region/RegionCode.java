package cn.mediation.core.region;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A 12-digit statistical division code (统计用区划代码): {@code PP CC DD TTT VVV}, province, city, county, town,
 * village. The level follows from which parts are zero. Serializable because a login session (kept in MongoDB)
 * holds the account and its scope.
 */
public record RegionCode(String value) implements Comparable<RegionCode>, java.io.Serializable {

    private static final Pattern DIGITS = Pattern.compile("\\d{12}");

    public RegionCode {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("a region code has exactly 12 digits");
        }
        if (value.startsWith("00") || value.substring(2, 4).equals("00")) {
            throw new IllegalArgumentException("a region code names a city at least (its first four digits are not zero)");
        }
        if (value.substring(4, 6).equals("00") && !value.substring(6).equals("000000")) {
            throw new IllegalArgumentException("a code below a city must name a county (digits 5-6)");
        }
        if (value.substring(6, 9).equals("000") && !value.substring(9).equals("000")) {
            throw new IllegalArgumentException("a village code must name a town (digits 7-9)");
        }
    }

    @JsonCreator
    public static RegionCode of(String value) {
        return new RegionCode(value);
    }

    public static boolean isValid(String value) {
        try {
            new RegionCode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @JsonValue
    public String value() {
        return value;
    }

    public RegionLevel level() {
        if (!value.substring(9).equals("000")) {
            return RegionLevel.VILLAGE;
        }
        if (!value.substring(6, 9).equals("000")) {
            return RegionLevel.TOWN;
        }
        if (!value.substring(4, 6).equals("00")) {
            return RegionLevel.COUNTY;
        }
        return RegionLevel.CITY;
    }

    /** The code of the area at the given level that contains this one (itself at its own level). */
    public RegionCode ancestorAt(RegionLevel level) {
        if (level.ordinal() > level().ordinal()) {
            throw new IllegalArgumentException(value + " is above the " + level + " level");
        }
        return switch (level) {
            case CITY -> new RegionCode(value.substring(0, 4) + "00000000");
            case COUNTY -> new RegionCode(value.substring(0, 6) + "000000");
            case TOWN -> new RegionCode(value.substring(0, 9) + "000");
            case VILLAGE -> this;
        };
    }

    /** True when this area is the other or lies inside it. */
    public boolean isWithin(RegionCode other) {
        return other.level().ordinal() <= level().ordinal() && ancestorAt(other.level()).equals(other);
    }

    @Override
    public int compareTo(RegionCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
