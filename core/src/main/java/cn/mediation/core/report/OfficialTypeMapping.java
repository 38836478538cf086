package cn.mediation.core.report;

import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which official dispute type each of our fields is reported under: exactly one type per field, so that a type's
 * figures are the sums of its fields' figures. Versioned like the taxonomy: a later version may move a field to
 * another type (reports then name the version they used), never leave a field without one.
 * Two types have no field of ours (知识产权, 互联网): they report zero until a field maps to them.
 */
public final class OfficialTypeMapping {

    public static final String VERSION = "1";

    private static final Map<String, OfficialDisputeType> BY_FIELD = new LinkedHashMap<>();

    static {
        put("MARRIAGE_FAMILY", OfficialDisputeType.MARRIAGE_FAMILY);
        put("NEIGHBOURS", OfficialDisputeType.NEIGHBOURS);
        put("HOUSING_HOMESTEAD", OfficialDisputeType.HOUSING_HOMESTEAD);
        put("LAND_CONTRACTING", OfficialDisputeType.FOREST_LAND);
        put("LAND_ACQUISITION", OfficialDisputeType.LAND_ACQUISITION);
        put("FOREST_WATER", OfficialDisputeType.FOREST_LAND);
        put("LABOUR_WAGES", OfficialDisputeType.LABOUR);
        put("PROPERTY_MANAGEMENT", OfficialDisputeType.PROPERTY_MANAGEMENT);
        put("MEDICAL", OfficialDisputeType.MEDICAL);
        put("TRAFFIC_ACCIDENT", OfficialDisputeType.TRAFFIC_ACCIDENT);
        put("DAMAGES", OfficialDisputeType.DAMAGES);
        put("CONTRACT", OfficialDisputeType.CONTRACT);
        put("CONSUMER", OfficialDisputeType.CONSUMER);
        put("POLLUTION", OfficialDisputeType.POLLUTION);
        put("BUSINESS_OPERATION", OfficialDisputeType.BUSINESS_OPERATION);
        put("CHAMBER_ENTERPRISE", OfficialDisputeType.BUSINESS_OPERATION);
        put("EPIDEMIC", OfficialDisputeType.OTHER);
        put("OTHER", OfficialDisputeType.OTHER);
        for (DisputeField field : FieldTaxonomy.all()) {
            if (!BY_FIELD.containsKey(field.code())) {
                throw new IllegalStateException("field " + field.code() + " has no official type");
            }
        }
    }

    private OfficialTypeMapping() {
    }

    private static void put(String field, OfficialDisputeType type) {
        if (BY_FIELD.put(field, type) != null) {
            throw new IllegalStateException("field " + field + " mapped twice");
        }
    }

    /** The official type of a field code of the taxonomy. */
    public static OfficialDisputeType typeOf(String fieldCode) {
        OfficialDisputeType type = BY_FIELD.get(fieldCode);
        if (type == null) {
            throw new IllegalArgumentException("not a field of the taxonomy: " + fieldCode);
        }
        return type;
    }

    /** The fields reported under a type, in the taxonomy's order (none for a type no field maps to). */
    public static List<String> fieldsOf(OfficialDisputeType type) {
        return BY_FIELD.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).toList();
    }
}
