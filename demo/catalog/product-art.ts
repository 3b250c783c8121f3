// Product pictures drawn in code: one small SVG symbol per kind of product,
// filled with the product's colour. No photos are downloaded or shipped, and
// a page inlines the symbols once (a sprite), so a picture costs no request.

const DETAIL = 'fill="#fff" fill-opacity=".55"';
const LINE = 'fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"';

/** 64×64 drawings; `currentColor` is the product's colour. */
const SHAPES = {
  shoe: `<path d="M6 40c0-8 4-16 6-18 4 4 12 6 18 4 6 6 16 10 26 12 2 1 3 4 2 7H8c-2 0-2-3-2-5z"/><rect x="6" y="46" width="52" height="5" rx="2" ${DETAIL}/>`,
  boot: `<path d="M14 8h20v26c8 2 18 6 22 12v6H10V20c0-8 2-12 4-12z"/><rect x="10" y="48" width="46" height="5" rx="2" ${DETAIL}/><path d="M20 16h10M20 22h10M20 28h10" stroke="#fff" stroke-opacity=".6" stroke-width="2"/>`,
  jacket: `<path d="M22 8l10 6 10-6 12 6 6 24-8 2-2-12v30H14V28l-2 12-8-2 6-24z"/><path d="M32 14v42" stroke="#fff" stroke-opacity=".6" stroke-width="2"/>`,
  pack: `<rect x="14" y="12" width="36" height="44" rx="10"/><rect x="20" y="32" width="24" height="16" rx="4" ${DETAIL}/><path d="M24 12c0-6 16-6 16 0" ${LINE}/>`,
  bottle: `<rect x="26" y="4" width="12" height="8" rx="2"/><path d="M22 16c0-3 4-4 10-4s10 1 10 4v40c0 3-4 4-10 4s-10-1-10-4z"/><rect x="24" y="28" width="16" height="14" rx="2" ${DETAIL}/>`,
  sock: `<path d="M22 6h18v30c0 6 2 10-2 16-4 6-14 8-22 4-6-3-6-10 0-13l6-5z"/><rect x="22" y="6" width="18" height="7" ${DETAIL}/>`,
  lamp: `<rect x="14" y="22" width="28" height="20" rx="8"/><circle cx="28" cy="32" r="6" ${DETAIL}/><path d="M42 26l14-6v24l-14-6z" fill-opacity=".45"/>`,
  watch: `<rect x="24" y="4" width="16" height="56" rx="6" fill-opacity=".55"/><circle cx="32" cy="32" r="14"/><path d="M32 24v8l6 4" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/>`,
  monitor: `<rect x="12" y="10" width="40" height="30" rx="4"/><rect x="17" y="15" width="30" height="20" rx="2" ${DETAIL}/><path d="M32 40v10M20 54h24" ${LINE}/>`,
  tent: `<path d="M32 8L58 54H6z"/><path d="M32 26l10 28H22z" ${DETAIL}/>`,
  bag: `<rect x="10" y="20" width="44" height="36" rx="8"/><path d="M22 20c0-12 20-12 20 0" ${LINE}/><rect x="16" y="30" width="32" height="6" rx="3" ${DETAIL}/>`,
  kettle: `<path d="M14 26c0-6 6-10 18-10s18 4 18 10l2 26c0 3-2 4-4 4H16c-2 0-4-1-4-4z"/><path d="M14 30L4 20" ${LINE}/><path d="M24 16c0-8 16-8 16 0" ${LINE}/>`,
  mug: `<rect x="12" y="16" width="30" height="38" rx="6"/><path d="M42 24h6c4 0 6 3 6 8s-2 8-6 8h-6" ${LINE}/><rect x="16" y="22" width="22" height="6" rx="3" ${DETAIL}/>`,
  blanket: `<path d="M8 14h48v30c-6 4-12 4-16 0s-12-4-16 0-12 4-16 0z"/><path d="M8 24h48M8 34h48" stroke="#fff" stroke-opacity=".55" stroke-width="3"/>`,
  machine: `<rect x="12" y="6" width="40" height="50" rx="5"/><rect x="18" y="30" width="28" height="18" rx="2" ${DETAIL}/><rect x="26" y="22" width="12" height="6" rx="1" fill="#fff" fill-opacity=".8"/><rect x="10" y="56" width="44" height="4" rx="2"/>`,
  grinder: `<path d="M20 4h24l-4 18H24z" fill-opacity=".6"/><rect x="16" y="22" width="32" height="34" rx="5"/><circle cx="32" cy="38" r="6" ${DETAIL}/>`,
  dripper: `<path d="M8 14h48L40 40H24z"/><rect x="20" y="40" width="24" height="6" rx="2"/><path d="M22 48h20v8H22z" fill-opacity=".5"/>`,
  scale: `<rect x="6" y="30" width="52" height="22" rx="5"/><rect x="20" y="37" width="24" height="8" rx="2" ${DETAIL}/><rect x="10" y="22" width="44" height="6" rx="3" fill-opacity=".6"/>`,
  jug: `<path d="M16 14h28l6-6v10l-4 2v32c0 3-2 4-4 4H20c-2 0-4-1-4-4z"/><path d="M16 24H8v16h8" ${LINE}/>`,
  tamper: `<rect x="26" y="6" width="12" height="30" rx="6"/><rect x="14" y="38" width="36" height="12" rx="3"/><rect x="18" y="50" width="28" height="4" fill-opacity=".5"/>`,
  beans: `<path d="M14 10h36v42c0 3-2 4-4 4H18c-2 0-4-1-4-4z"/><ellipse cx="32" cy="34" rx="7" ry="10" ${DETAIL}/><path d="M32 25c-3 6 3 12 0 18" stroke="currentColor" stroke-width="2" fill="none"/>`,
  thermometer: `<rect x="28" y="6" width="8" height="38" rx="4"/><circle cx="32" cy="48" r="9"/><rect x="30.5" y="16" width="3" height="26" ${DETAIL}/>`,
  knife: `<path d="M6 40L46 14c6-2 10 2 8 6L22 44z"/><rect x="4" y="40" width="22" height="9" rx="3" transform="rotate(-30 15 44)" fill-opacity=".6"/>`,
  pan: `<ellipse cx="26" cy="36" rx="20" ry="14"/><ellipse cx="26" cy="34" rx="14" ry="8" ${DETAIL}/><path d="M44 32l16-6" ${LINE}/>`,
  bowl: `<path d="M6 26h52c0 16-12 28-26 28S6 42 6 26z"/><rect x="6" y="22" width="52" height="6" rx="3" fill-opacity=".6"/>`,
  stroller: `<path d="M10 14c0-4 4-6 8-6 14 0 26 10 26 24H10z"/><path d="M10 32h34l-4 10H14z" fill-opacity=".7"/><circle cx="18" cy="52" r="6"/><circle cx="40" cy="52" r="6"/><path d="M44 32l10-16" ${LINE}/>`,
  carseat: `<path d="M16 8h16c6 0 8 4 8 10v12l12 8v14H16c-4 0-6-2-6-6V14c0-4 2-6 6-6z"/><rect x="18" y="18" width="14" height="20" rx="4" ${DETAIL}/>`,
} as const;

export type ArtShape = keyof typeof SHAPES;
export const ART_SHAPES = Object.keys(SHAPES) as ArtShape[];

/** The sprite every page inlines once: <symbol id="art-shoe">…. */
export function artSprite(): string {
  const symbols = ART_SHAPES.map((shape) => `<symbol id="art-${shape}" viewBox="0 0 64 64">${SHAPES[shape]}</symbol>`).join('');
  return `<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>${symbols}</defs></svg>`;
}

/** A product's picture: its shape in its colour (decorative: the title says what it is). */
export function productArt(shape: ArtShape, colourHex: string, className = 'art'): string {
  return `<svg class="${className}" viewBox="0 0 64 64" aria-hidden="true" focusable="false" style="color:${colourHex}"><use href="#art-${shape}"/></svg>`;
}
