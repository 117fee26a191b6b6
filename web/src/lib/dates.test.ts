import { describe, expect, it } from "vitest";
import { durationBetween, formatDate, formatDateTime, formatDay, formatDuration, formatTime } from "./dates";

describe("dates in Asia/Tashkent (UTC+5)", () => {
  it("shifts UTC times by five hours", () => {
    expect(formatDateTime("2026-11-27T18:46:05Z", "uz")).toBe("27.11.2026 23:46");
    expect(formatDateTime("2026-11-27T18:46:05Z", "ru")).toBe("27.11.2026 23:46");
    expect(formatTime("2026-11-27T18:46:05Z")).toBe("23:46:05");
  });

  it("rolls over midnight and the year in Tashkent, not in UTC", () => {
    expect(formatDateTime("2026-12-31T19:30:00Z", "uz")).toBe("01.01.2027 00:30");
    expect(formatDate("2026-12-31T19:30:00Z", "ru")).toBe("01.01.2027");
    expect(formatDate("2026-12-31T18:59:59Z", "ru")).toBe("31.12.2026");
  });

  it("accepts offsets other than Z", () => {
    expect(formatDateTime("2026-06-01T10:00:00+03:00", "uz")).toBe("01.06.2026 12:00");
  });

  it("has no daylight saving time (same offset in summer and winter)", () => {
    expect(formatDateTime("2026-07-15T00:00:00Z", "uz")).toBe("15.07.2026 05:00");
    expect(formatDateTime("2026-01-15T00:00:00Z", "uz")).toBe("15.01.2026 05:00");
  });

  it("uses month names in English", () => {
    expect(formatDateTime("2026-11-27T18:46:05Z", "en")).toBe("Nov 27, 2026, 23:46");
    expect(formatDate("2026-03-08T00:00:00Z", "en")).toBe("Mar 8, 2026");
  });

  it("labels chart days", () => {
    expect(formatDay("2026-11-27", "uz")).toBe("27 noy");
    expect(formatDay("2026-11-27", "ru")).toBe("27 ноя");
    expect(formatDay("2026-11-27", "en")).toBe("Nov 27");
    expect(formatDay("2026-11-27T20:00:00Z", "en")).toBe("Nov 28");
  });

  it("shows a dash for missing or invalid times", () => {
    expect(formatDateTime(null, "uz")).toBe("—");
    expect(formatDateTime("", "uz")).toBe("—");
    expect(formatDateTime("not a date", "en")).toBe("—");
    expect(formatDate(undefined, "ru")).toBe("—");
  });

  it("accepts epoch milliseconds and Date objects", () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(formatDateTime(ms, "uz")).toBe("02.01.2026 08:04");
    expect(formatDateTime(new Date(ms), "uz")).toBe("02.01.2026 08:04");
  });
});

describe("durations", () => {
  it("formats milliseconds, seconds and minutes", () => {
    expect(formatDuration(850, "en")).toBe("850 ms");
    expect(formatDuration(12_400, "en")).toBe("12.4 s");
    expect(formatDuration(12_400, "ru")).toBe("12,4 с");
    expect(formatDuration(185_000, "en")).toBe("3 min 5 s");
    expect(formatDuration(180_000, "uz")).toBe("3 daq");
    expect(formatDuration(null, "uz")).toBe("—");
    expect(formatDuration(-1, "uz")).toBe("—");
  });

  it("measures between two timestamps, or up to now while running", () => {
    expect(durationBetween("2026-01-01T00:00:00Z", "2026-01-01T00:00:02.5Z")).toBe(2500);
    expect(durationBetween("2026-01-01T00:00:00Z", null, Date.parse("2026-01-01T00:01:00Z"))).toBe(60_000);
    expect(durationBetween(null, null)).toBeNull();
  });
});
