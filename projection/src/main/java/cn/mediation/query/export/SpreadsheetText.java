package cn.mediation.query.export;

/**
 * Text a spreadsheet must show as text: a cell that starts with {@code = + - @}, a tab or a carriage return is read
 * by Excel and its kin as a formula when the file is a CSV (CWE-1236). Such text gets a leading apostrophe in a CSV;
 * a workbook writes it as a string cell marked quote-prefixed, so nothing is ever evaluated.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    public static boolean formulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** The text as a CSV cell may carry it. */
    public static String forCsv(String text) {
        return formulaLike(text) ? "'" + text : text;
    }
}
