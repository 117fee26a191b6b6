import { describe, expect, it } from "vitest";
import { formatBp, parseHundredths, thisMonth } from "./billing";

describe("billing helpers", () => {
  it("formats basis points without floating point", () => {
    expect(formatBp(1234, "uz")).toBe("12,34 %");
    expect(formatBp(1200, "en")).toBe("12 %");
    expect(formatBp(5, "en")).toBe("0.05 %");
    expect(formatBp(-250, "ru")).toBe("-2,50 %");
    expect(formatBp(null, "uz")).toBe("—");
  });
  it("parses decimals with two places into hundredths", () => {
    expect(parseHundredths("46")).toBe(4600);
    expect(parseHundredths("12,5")).toBe(1250);
    expect(parseHundredths("0.05")).toBe(5);
    expect(parseHundredths("1.234")).toBeNull();
    expect(parseHundredths("abc")).toBeNull();
  });
  it("names the UTC month", () => {
    expect(thisMonth(new Date(Date.UTC(2025, 0, 31, 23, 59)))).toBe("2025-01");
  });
});
