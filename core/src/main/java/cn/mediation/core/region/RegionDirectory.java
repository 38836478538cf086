package cn.mediation.core.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four-level region directory, loaded from a CSV of {@code code,name,parentCode} (a header line is allowed).
 * Every row is checked; a malformed one is refused with its line number.
 */
public final class RegionDirectory {

    private final Map<RegionCode, Region> regions;
    private final Map<RegionCode, List<Region>> children;
    private final List<Region> top;

    private RegionDirectory(Map<RegionCode, Region> regions) {
        this.regions = Collections.unmodifiableMap(regions);
        Map<RegionCode, List<Region>> byParent = new LinkedHashMap<>();
        List<Region> roots = new ArrayList<>();
        for (Region region : regions.values()) {
            if (region.parentCode() == null) {
                roots.add(region);
            } else {
                byParent.computeIfAbsent(region.parentCode(), k -> new ArrayList<>()).add(region);
            }
        }
        this.children = byParent;
        this.top = List.copyOf(roots);
    }

    public static RegionDirectory load(InputStream csv) {
        Map<RegionCode, Region> regions = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#") || (number == 1 && line.startsWith("code,"))) {
                    continue;
                }
                Region region = parse(line, number, regions);
                if (regions.putIfAbsent(region.code(), region) != null) {
                    throw new MalformedRegionRowException(number, "code " + region.code() + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (regions.isEmpty()) {
            throw new MalformedRegionRowException(0, "the directory has no regions");
        }
        return new RegionDirectory(regions);
    }

    private static Region parse(String line, int number, Map<RegionCode, Region> known) {
        String[] parts = line.split(",", -1);
        if (parts.length != 3) {
            throw new MalformedRegionRowException(number, "expected 3 columns code,name,parentCode but found "
                    + parts.length);
        }
        RegionCode code;
        try {
            code = new RegionCode(parts[0].trim());
        } catch (IllegalArgumentException e) {
            throw new MalformedRegionRowException(number, "code '" + parts[0].trim() + "': " + e.getMessage());
        }
        String name = parts[1].trim();
        if (name.isEmpty()) {
            throw new MalformedRegionRowException(number, "name is empty");
        }
        String parentText = parts[2].trim();
        RegionCode parent = null;
        if (!parentText.isEmpty()) {
            try {
                parent = new RegionCode(parentText);
            } catch (IllegalArgumentException e) {
                throw new MalformedRegionRowException(number, "parentCode '" + parentText + "': " + e.getMessage());
            }
            RegionLevel expected = code.level().parent();
            if (expected == null || !code.ancestorAt(expected).equals(parent)) {
                throw new MalformedRegionRowException(number, "parentCode " + parent + " is not the "
                        + (expected == null ? "parent" : expected.name().toLowerCase()) + " that contains " + code);
            }
            if (!known.containsKey(parent)) {
                throw new MalformedRegionRowException(number, "parentCode " + parent + " is not listed above this row");
            }
        }
        return new Region(code, name, code.level(), parent);
    }

    public Optional<Region> find(RegionCode code) {
        return Optional.ofNullable(regions.get(code));
    }

    public Optional<Region> find(String code) {
        return RegionCode.isValid(code) ? find(new RegionCode(code)) : Optional.empty();
    }

    public boolean contains(RegionCode code) {
        return regions.containsKey(code);
    }

    public List<Region> children(RegionCode parent) {
        return children.getOrDefault(parent, List.of());
    }

    public List<Region> top() {
        return top;
    }

    public List<Region> all() {
        return List.copyOf(regions.values());
    }

    /** Every village at or below the given region. */
    public List<Region> villagesWithin(RegionCode code) {
        List<Region> result = new ArrayList<>();
        for (Region region : regions.values()) {
            if (region.level() == RegionLevel.VILLAGE && region.code().isWithin(code)) {
                result.add(region);
            }
        }
        return result;
    }
}
