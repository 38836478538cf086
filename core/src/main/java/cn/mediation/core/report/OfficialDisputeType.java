package cn.mediation.core.report;

/** The dispute types of the official report (纠纷类型), in the order the forms list them. */
public enum OfficialDisputeType {
    MARRIAGE_FAMILY("婚姻家庭"),
    NEIGHBOURS("邻里"),
    HOUSING_HOMESTEAD("房屋宅基地"),
    CONTRACT("合同"),
    BUSINESS_OPERATION("生产经营"),
    DAMAGES("损害赔偿"),
    FOREST_LAND("山林土地"),
    LAND_ACQUISITION("征地拆迁"),
    POLLUTION("环境污染"),
    LABOUR("劳动争议"),
    CONSUMER("消费"),
    MEDICAL("医疗"),
    TRAFFIC_ACCIDENT("道路交通事故"),
    PROPERTY_MANAGEMENT("物业"),
    INTELLECTUAL_PROPERTY("知识产权"),
    INTERNET("互联网"),
    OTHER("其他");

    private final String chinese;

    OfficialDisputeType(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
