import { describe, expect, it } from "vitest";
import { readCard, readCharacteristics, reasonText } from "./card";
import { productPhotos, requestProgress, cardProgress } from "./types";
import { toPage } from "./queries";

describe("readCard", () => {
  it("reads the documented fields", () => {
    const c = readCard({
      id: "crd1",
      request_id: "req1",
      marketplace: "wildberries",
      status: "live",
      content: {
        title: "Наушники JBL",
        description: "Лёгкие",
        bullets: ["57 ч", "Bluetooth 5.3"],
        characteristics: [{ name: "Цвет", value: "чёрный" }, { name: "Вес", value: 157, unit: "г" }],
        keywords: ["наушники", "jbl"],
      },
      images: ["ast1", { asset_id: "ast2" }, { id: "ast3" }, 5],
      video: "ast9",
      quality: { score: 87, issues: ["Add warranty", { severity: "warn", message: "Title too long", field: "title" }] },
      marketplace_ref: "WB-123",
      moderation: { status: "live", reasons: [] },
    });
    expect(c.title).toBe("Наушники JBL");
    expect(c.requestId).toBe("req1");
    expect(c.images).toEqual(["ast1", "ast2", "ast3"]);
    expect(c.video).toBe("ast9");
    expect(c.quality.score).toBe(87);
    expect(c.quality.issues).toEqual([
      { message: "Add warranty", severity: null, field: null },
      { message: "Title too long", severity: "warn", field: "title" },
    ]);
    expect(c.marketplaceRef).toBe("WB-123");
    expect(c.moderation).toEqual({ status: "live", reasons: [] });
    expect(Object.keys(c.texts)).toEqual(["main"]);
    expect(c.texts.main.characteristics).toEqual([
      ["Цвет", "чёрный"],
      ["Вес", "157"],
    ]);
  });

  it("shows a rejection reason in the reader's language when the API explains it, else as written", () => {
    const c = readCard({
      id: "c",
      marketplace: "wildberries",
      status: "rejected",
      moderation: { status: "rejected", reasons: ["Не заполнена обязательная характеристика «Цвет»", "Прочее"] },
      reasons: [
        { original: "Не заполнена обязательная характеристика «Цвет»", code: "required_characteristic",
          text: { uz: "Majburiy xususiyat toʻldirilmagan: «Цвет»", ru: "Не заполнена обязательная характеристика: «Цвет»", en: "A required characteristic is missing: “Цвет”" } },
        { original: "Прочее", code: null, text: null },
      ],
    });
    const reasons = c.moderation?.reasons ?? [];
    expect(reasons.map((r) => reasonText(r, "uz"))).toEqual(["Majburiy xususiyat toʻldirilmagan: «Цвет»", "Прочее"]);
    expect(reasonText(reasons[0], "en")).toBe("A required characteristic is missing: “Цвет”");
    // An older answer without reasons[]: the marketplace's words.
    const old = readCard({ id: "d", marketplace: "ozon", status: "rejected", moderation: { status: "rejected", reasons: ["X"] } });
    expect(old.moderation?.reasons).toEqual([{ original: "X", text: null }]);
  });

  it("collects texts per language and falls back to the main ones", () => {
    const c = readCard({
      id: "c",
      marketplace: "uzum",
      status: "ready",
      content: {
        title: "Наушники",
        keywords: ["k"],
        texts: { ru: { title: "Наушники", description: "RU" }, uz: { title: "Quloqchin", bullets: ["57 soat"] } },
      },
    });
    expect(Object.keys(c.texts).sort()).toEqual(["ru", "uz"]);
    expect(c.texts.uz.title).toBe("Quloqchin");
    expect(c.texts.uz.keywords).toEqual(["k"]);
    expect(c.texts.ru.description).toBe("RU");
  });

  it("copes with a card that has nothing yet", () => {
    const c = readCard({ id: "c", marketplace: "ozon", status: "pending", content: null, images: undefined, quality: null, moderation: "" });
    expect(c.title).toBeNull();
    expect(c.texts).toEqual({});
    expect(c.images).toEqual([]);
    expect(c.video).toBeNull();
    expect(c.quality).toEqual({ score: null, issues: [] });
    expect(c.moderation).toBeNull();
  });

  it("reads characteristics as an object, pairs or rows", () => {
    expect(readCharacteristics({ color: "qora", nfc: true, sizes: ["S", "M"] })).toEqual([
      ["color", "qora"],
      ["nfc", "✓"],
      ["sizes", "S, M"],
    ]);
    expect(readCharacteristics([["a", 1]])).toEqual([["a", "1"]]);
    expect(readCharacteristics([{ key: "b", values: ["x", "y"] }])).toEqual([["b", "x, y"]]);
    expect(readCharacteristics("nonsense")).toEqual([]);
  });
});

describe("list and progress readers", () => {
  it("normalises list answers", () => {
    expect(toPage({ items: [1, 2], next_cursor: "abc" })).toEqual({ items: [1, 2], next_cursor: "abc" });
    expect(toPage({ items: [1], next_cursor: "" })).toEqual({ items: [1], next_cursor: null });
    expect(toPage([3])).toEqual({ items: [3], next_cursor: null });
    expect(toPage(undefined)).toEqual({ items: [], next_cursor: null });
  });

  it("finds a product's photos under any name", () => {
    expect(productPhotos({ id: "p", sku: "s", name: "n", category: "c", photos: ["a", "b"] })).toEqual(["a", "b"]);
    expect(productPhotos({ id: "p", sku: "s", name: "n", category: "c", photo_asset_ids: ["x"] })).toEqual(["x"]);
    expect(productPhotos({ id: "p", sku: "s", name: "n", category: "c", photos: [{ asset_id: "y" }] })).toEqual(["y"]);
    expect(productPhotos(undefined)).toEqual([]);
  });

  it("derives progress when the server leaves it out", () => {
    const stages = [
      { stage: "content", status: "done" },
      { stage: "images", status: "running" },
      { stage: "publish", status: "pending" },
      { stage: "video", status: "skipped" },
    ];
    expect(cardProgress({ id: "c", marketplace: "uzum", status: "generating", stages })).toBe(50);
    expect(cardProgress({ id: "c", marketplace: "uzum", status: "generating", progress: 80 })).toBe(80);
    expect(requestProgress({ id: "r", product_id: "p", marketplaces: [], status: "processing", progress: 33 })).toBe(33);
    expect(requestProgress({ id: "r", product_id: "p", marketplaces: [], status: "done" })).toBe(100);
    expect(requestProgress({ id: "r", product_id: "p", marketplaces: [], status: "submitted" })).toBeNull();
    expect(
      requestProgress({
        id: "r",
        product_id: "p",
        marketplaces: ["uzum", "ozon"],
        status: "processing",
        cards: [
          { id: "a", marketplace: "uzum", status: "live", progress: 100 },
          { id: "b", marketplace: "ozon", status: "generating", stages },
        ],
      }),
    ).toBe(75);
  });
});
