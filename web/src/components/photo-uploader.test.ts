import { describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, screenPhotos } from "./photo-uploader";

const msg = { tooLarge: (n: string) => `big:${n}`, wrongType: (n: string) => `type:${n}`, tooMany: "many" };
const file = (name: string, type: string, size = 10) => ({ name, type, size }) as File;

describe("screenPhotos", () => {
  it("keeps JPEG, PNG and WebP up to 20 MiB", () => {
    const r = screenPhotos([file("a.jpg", "image/jpeg"), file("b.png", "image/png"), file("c.webp", "image/webp", MAX_PHOTO_BYTES)], 0, msg);
    expect(r.accepted.map((f) => f.name)).toEqual(["a.jpg", "b.png", "c.webp"]);
    expect(r.problems).toEqual([]);
  });

  it("refuses other types and oversized files, naming them", () => {
    const r = screenPhotos([file("x.gif", "image/gif"), file("y.jpg", "image/jpeg", MAX_PHOTO_BYTES + 1), file("z.pdf", "application/pdf")], 0, msg);
    expect(r.accepted).toEqual([]);
    expect(r.problems).toEqual(["type:x.gif", "big:y.jpg", "type:z.pdf"]);
  });

  it("stops at 15 photos per product", () => {
    const files = Array.from({ length: 5 }, (_, i) => file(`${i}.jpg`, "image/jpeg"));
    const r = screenPhotos(files, 12, msg);
    expect(r.accepted).toHaveLength(3);
    expect(r.problems).toEqual(["many"]);
    expect(screenPhotos(files, 15, msg).accepted).toHaveLength(0);
  });
});
