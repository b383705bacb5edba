/**
 * Draws Parley's icons (run once when the logo changes: `npx tsx scripts/make-icons.ts`; the PNGs
 * are committed). "any" icons are a rounded tile; "maskable" ones fill the square and keep the
 * mark inside the central 80% safe zone, so launchers can crop them to any shape.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.join(__dirname, "..", "public", "icons");
const BG = "#1f3b73";
const FG = "#ffffff";
const ACCENT = "#8ab4f8";

/** A speech bubble with two "voices" (the mark), drawn in a 100×100 box scaled by `scale` about the centre. */
function mark(scale: number): string {
  return `<g transform="translate(50 50) scale(${scale}) translate(-50 -50)">
    <path d="M20 24h60a8 8 0 0 1 8 8v30a8 8 0 0 1-8 8H46l-16 14v-14H20a8 8 0 0 1-8-8V32a8 8 0 0 1 8-8z" fill="${FG}"/>
    <rect x="30" y="38" width="26" height="7" rx="3.5" fill="${BG}"/>
    <rect x="30" y="50" width="40" height="7" rx="3.5" fill="${ACCENT}"/>
  </g>`;
}

const anySvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="22" fill="${BG}"/>${mark(0.9)}</svg>`;
const maskableSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="${BG}"/>${mark(0.68)}</svg>`;
const plusSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="22" fill="${BG}"/><path d="M50 24v52M24 50h52" stroke="${FG}" stroke-width="12" stroke-linecap="round"/></svg>`;
const joinSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="22" fill="${BG}"/><path d="M26 50h40M52 34l16 16-16 16" fill="none" stroke="${FG}" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

const outputs: Array<[file: string, svg: string, size: number]> = [
  ["icon-192.png", anySvg, 192],
  ["icon-512.png", anySvg, 512],
  ["maskable-192.png", maskableSvg, 192],
  ["maskable-512.png", maskableSvg, 512],
  ["apple-touch-icon.png", maskableSvg, 180],
  ["favicon-32.png", anySvg, 32],
  ["shortcut-new.png", plusSvg, 96],
  ["shortcut-join.png", joinSvg, 96],
];

async function main() {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, "icon.svg"), anySvg);
  for (const [file, svg, size] of outputs) {
    await sharp(Buffer.from(svg), { density: 72 * (size / 100) * 4 }).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(OUT, file));
    console.log(`${file} ${size}×${size}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
