import { describe, expect, it } from "vitest";
import { currencySymbol, formatMoney, parseMoneyInput, toMajorInput } from "./money";

const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("shows so'm from tiyin with no-break-space grouping (uz)", () => {
    expect(formatMoney({ amount: 125_000_000, currency: "UZS" }, "uz")).toBe(`1${NBSP}250${NBSP}000${NBSP}so'm`);
  });

  it("shows the minor part only when it is not zero", () => {
    expect(formatMoney({ amount: 125_000_050, currency: "UZS" }, "uz")).toBe(`1${NBSP}250${NBSP}000,50${NBSP}so'm`);
    expect(formatMoney({ amount: 5, currency: "UZS" }, "uz")).toBe(`0,05${NBSP}so'm`);
    expect(formatMoney({ amount: 100, currency: "UZS" }, "uz", { alwaysShowMinor: true })).toBe(`1,00${NBSP}so'm`);
  });

  it("uses ₽ for roubles and kopecks as the minor unit", () => {
    expect(formatMoney({ amount: 299_000, currency: "RUB" }, "ru")).toBe(`2${NBSP}990${NBSP}₽`);
    expect(formatMoney({ amount: 299_050, currency: "RUB" }, "en")).toBe(`2,990.50${NBSP}₽`);
  });

  it("groups with commas and a decimal point in English", () => {
    expect(formatMoney({ amount: 1_234_567_89, currency: "UZS" }, "en")).toBe(`1,234,567.89${NBSP}so'm`);
  });

  it("writes the sum in Russian", () => {
    expect(formatMoney({ amount: 1_000_00, currency: "UZS" }, "ru")).toBe(`1${NBSP}000${NBSP}сум`);
    expect(currencySymbol("UZS", "ru")).toBe("сум");
    expect(currencySymbol("UZS", "en")).toBe("so'm");
  });

  it("handles small, zero, negative and huge amounts exactly", () => {
    expect(formatMoney({ amount: 0, currency: "UZS" }, "uz")).toBe(`0${NBSP}so'm`);
    expect(formatMoney({ amount: 99_900, currency: "UZS" }, "uz")).toBe(`999${NBSP}so'm`);
    expect(formatMoney({ amount: -150_000, currency: "UZS" }, "uz")).toBe(`-1${NBSP}500${NBSP}so'm`);
    expect(formatMoney({ amount: 900_719_925_474_099, currency: "UZS" }, "en")).toBe(`9,007,199,254,740.99${NBSP}so'm`);
  });

  it("shows a dash for missing money and the code for unknown currencies", () => {
    expect(formatMoney(null, "uz")).toBe("—");
    expect(formatMoney(undefined, "en")).toBe("—");
    expect(formatMoney({ amount: 1000, currency: "USD" }, "en")).toBe(`10${NBSP}USD`);
  });

  it("can leave the symbol out", () => {
    expect(formatMoney({ amount: 1_500_000, currency: "UZS" }, "uz", { noSymbol: true })).toBe(`15${NBSP}000`);
  });
});

describe("parseMoneyInput", () => {
  it.each([
    ["1250000", 125_000_000],
    ["1 250 000", 125_000_000],
    ["1\u00a0250\u00a0000", 125_000_000],
    ["1,250,000", 125_000_000],
    ["1.250.000", 125_000_000],
    ["1 250 000,50", 125_000_050],
    ["1,250,000.5", 125_000_050],
    ["12,5", 1250],
    ["12.05", 1205],
    ["0", 0],
    [" 99 ", 9900],
  ])("%s → %d minor units", (input, expected) => {
    expect(parseMoneyInput(input)).toBe(expected);
  });

  it.each(["", "abc", "-5", "12,345,6", "1.2.3,4,5", "12.345.67", "1e5", "12,", "1,2,3", "1.5,5", "12.345"])("refuses %s", (input) => {
    if (input === "12.345") expect(parseMoneyInput(input)).toBe(1_234_500); // a dot before three digits groups
    else expect(parseMoneyInput(input)).toBeNull();
  });

  it("reads one separator before three digits as grouping", () => {
    expect(parseMoneyInput("1.234")).toBe(123_400);
    expect(parseMoneyInput("5,555")).toBe(555_500);
    expect(parseMoneyInput("1.234,5")).toBe(123_450);
  });

  it("refuses amounts past the safe integer range", () => {
    expect(parseMoneyInput("999999999999999999")).toBeNull();
  });
});

describe("toMajorInput", () => {
  it("turns minor units back into an editable number", () => {
    expect(toMajorInput({ amount: 125_000_000, currency: "UZS" })).toBe("1250000");
    expect(toMajorInput({ amount: 125_000_050, currency: "UZS" })).toBe("1250000.50");
    expect(toMajorInput(undefined)).toBe("");
  });

  it("round-trips through parseMoneyInput", () => {
    for (const amount of [0, 1, 99, 100, 12_345, 125_000_050]) {
      expect(parseMoneyInput(toMajorInput({ amount, currency: "UZS" }))).toBe(amount);
    }
  });
});
