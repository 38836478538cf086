package cn.mediation.query.export;

import java.nio.charset.StandardCharsets;

/**
 * The download name of a report: a Chinese name in {@code filename*} (RFC 6266 / RFC 8187), which browsers show, and
 * an ASCII {@code filename} for clients that do not read the encoded form. Spring's {@code ContentDisposition} writes
 * only one of the two, hence this class.
 */
public final class ReportFileName {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ReportFileName() {
    }

    /** {@code 人民调解统计_<region>[_<field>]_<from>_<to>.<ext>} */
    public static String chinese(StatisticsReport report, ExportFormat format) {
        String field = report.fieldCode() == null ? "" : "_" + report.fieldName();
        return "人民调解统计_" + report.regionName() + field + "_" + report.from() + "_" + report.to() + "."
                + format.extension();
    }

    /** {@code statistics-<code>[-<field code>]-<from>-<to>.<ext>}: codes and dates, so always ASCII. */
    public static String ascii(StatisticsReport report, ExportFormat format) {
        String field = report.fieldCode() == null ? "" : "-" + report.fieldCode();
        String name = "statistics-" + report.regionCode() + field + "-" + report.from() + "-" + report.to() + "."
                + format.extension();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public static String contentDisposition(StatisticsReport report, ExportFormat format) {
        return "attachment; filename=\"" + ascii(report, format) + "\"; filename*=UTF-8''"
                + encode(chinese(report, format));
    }

    /** Percent-encodes UTF-8 bytes outside RFC 8187's attr-char. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
