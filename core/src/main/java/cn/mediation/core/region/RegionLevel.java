package cn.mediation.core.region;

/** The four levels of the linkage (四级联动), top to bottom. */
public enum RegionLevel {
    CITY("市"), COUNTY("区县"), TOWN("乡镇(街道)"), VILLAGE("村(社区)");

    private final String chinese;

    RegionLevel(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The level one step up, or null at the top. */
    public RegionLevel parent() {
        return this == CITY ? null : values()[ordinal() - 1];
    }

    public boolean isAbove(RegionLevel other) {
        return ordinal() < other.ordinal();
    }
}
