package dev.qwen.emulator;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issue date of an invoice in the usual spellings ({@code 2026-11-02}, {@code 02.11.2026},
 * {@code 2/11/2026}, {@code 2 Nov 2026}, {@code November 2, 2026}) as YYYY-MM-DD; a dated line that says
 * "date" or "issued" wins, a due date never does.
 */
final class DateReader {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12),
            Map.entry("mär", 3), Map.entry("mai", 5), Map.entry("okt", 10), Map.entry("dez", 12));
    private static final String MONTH = "(jan|feb|mar|mär|apr|may|mai|jun|jul|aug|sep|oct|okt|nov|dec|dez)[a-zä]*\\.?";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("(?i)\\b(\\d{1,2})\\.?\\s+" + MONTH + ",?\\s+(\\d{4})\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("(?i)\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");

    private DateReader() {
    }

    static String issueDate(List<String> lines) {
        String any = null;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("due") || lower.contains("fällig")) {
                continue;
            }
            String date = date(line);
            if (date != null && lower.matches("(?s).*\\b(date|dated|issued|datum)\\b.*")) {
                return date;
            }
            any = any == null ? date : any;
        }
        return any;
    }

    static boolean hasDate(String text) {
        return date(text) != null;
    }

    static String date(String text) {
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            String d = of(m.group(1), m.group(2), m.group(3));
            if (d != null) {
                return d;
            }
        }
        m = NUMERIC.matcher(text);
        if (m.find()) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(2));
            // day first (the common reading outside the US) unless that cannot be a date
            String d = second > 12 ? of(m.group(3), String.valueOf(first), String.valueOf(second))
                    : of(m.group(3), String.valueOf(second), String.valueOf(first));
            if (d != null) {
                return d;
            }
        }
        m = DAY_MONTH.matcher(text);
        if (m.find()) {
            return of(m.group(3), String.valueOf(MONTHS.get(m.group(2).toLowerCase(Locale.ROOT))), m.group(1));
        }
        m = MONTH_DAY.matcher(text);
        if (m.find()) {
            return of(m.group(3), String.valueOf(MONTHS.get(m.group(1).toLowerCase(Locale.ROOT))), m.group(2));
        }
        return null;
    }

    private static String of(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
