package cn.mediation.query.export;

import cn.mediation.query.support.BadQuery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The file formats a report is exported in; a workbook unless the caller asks for CSV. */
public enum ExportFormat {

    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("csv", "text/csv; charset=UTF-8");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The {@code format} parameter: absent means xlsx; anything but xlsx or csv is refused naming it. */
    public static ExportFormat parse(String format) {
        if (format == null || format.isBlank()) {
            return XLSX;
        }
        for (ExportFormat candidate : values()) {
            if (candidate.extension.equals(format.trim().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new BadQuery("format", "must be xlsx or csv");
    }

    public byte[] write(StatisticsReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (this == XLSX) {
                XlsxReportWriter.write(report, out);
            } else {
                CsvReportWriter.write(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
        return out.toByteArray();
    }
}
