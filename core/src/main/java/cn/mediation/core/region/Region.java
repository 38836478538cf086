package cn.mediation.core.region;

/** One entry of the region directory. */
public record Region(RegionCode code, String name, RegionLevel level, RegionCode parentCode) {
}
