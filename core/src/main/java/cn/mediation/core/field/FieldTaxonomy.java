package cn.mediation.core.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed, versioned taxonomy of dispute fields. Codes are stable: a later version may add fields or rename them,
 * never reuse or remove a code that stored events carry.
 */
public final class FieldTaxonomy {

    public static final String VERSION = "1";

    private static final List<DisputeField> FIELDS = List.of(
            new DisputeField("MARRIAGE_FAMILY", "婚姻家庭", "Marriage & family"),
            new DisputeField("NEIGHBOURS", "邻里纠纷", "Neighbours"),
            new DisputeField("HOUSING_HOMESTEAD", "房屋宅基地", "Housing & homestead"),
            new DisputeField("LAND_CONTRACTING", "土地承包", "Land contracting"),
            new DisputeField("LAND_ACQUISITION", "征地拆迁", "Land acquisition & demolition"),
            new DisputeField("FOREST_WATER", "山林水利", "Forest & water rights"),
            new DisputeField("LABOUR_WAGES", "劳资纠纷", "Labour & wages"),
            new DisputeField("PROPERTY_MANAGEMENT", "物业管理", "Property management"),
            new DisputeField("MEDICAL", "医患纠纷", "Medical"),
            new DisputeField("TRAFFIC_ACCIDENT", "交通事故", "Traffic accidents"),
            new DisputeField("DAMAGES", "损害赔偿", "Damages"),
            new DisputeField("CONTRACT", "合同纠纷", "Contracts"),
            new DisputeField("CONSUMER", "消费纠纷", "Consumer"),
            new DisputeField("POLLUTION", "环境污染", "Pollution"),
            new DisputeField("BUSINESS_OPERATION", "生产经营", "Business operation"),
            new DisputeField("CHAMBER_ENTERPRISE", "商会企业", "Chamber of commerce & enterprises"),
            new DisputeField("EPIDEMIC", "涉疫纠纷", "Epidemic-related"),
            new DisputeField("OTHER", "其他", "Other"));

    private static final Map<String, DisputeField> BY_CODE = new LinkedHashMap<>();

    static {
        FIELDS.forEach(field -> BY_CODE.put(field.code(), field));
    }

    private FieldTaxonomy() {
    }

    public static List<DisputeField> all() {
        return FIELDS;
    }

    public static Optional<DisputeField> find(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    public static boolean contains(String code) {
        return code != null && BY_CODE.containsKey(code);
    }
}
