// The sharp side of bench/media: the same "resize + pad + encode" as by::media::PadPhoto, on the same files.
// Usage: node bench.js <images-dir> [width height quality]
// Prints one JSON line: {"images", "wall_seconds", "cpu_seconds", "bytes", "sharp", "libvips"}.
'use strict';
const fs = require('fs');
const path = require('path');
const sharp = require('sharp');

async function main() {
  const [dir, w = '1080', h = '1440', q = '85'] = process.argv.slice(2);
  const width = Number(w), height = Number(h), quality = Number(q);
  // Like by_media: no operation cache, default concurrency.
  sharp.cache(false);
  const files = fs.readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
  const inputs = files.map((f) => fs.readFileSync(path.join(dir, f)));  // read first: time only the work
  const white = { r: 255, g: 255, b: 255 };
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (const input of inputs) {
    const out = await sharp(input)
      .rotate()  // EXIF orientation
      .resize(width, height, { fit: 'contain', background: white })
      .flatten({ background: white })
      .toColourspace('srgb')
      .jpeg({ quality })  // metadata is stripped by default
      .toBuffer();
    bytes += out.length;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({
    images: inputs.length,
    wall_seconds: wall,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    bytes,
    sharp: sharp.versions.sharp,
    libvips: sharp.versions.vips,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
