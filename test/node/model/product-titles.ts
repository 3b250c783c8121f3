// Product-like text for the model's parity tests and benchmark: titles built
// from parts (deterministic, no data files), and short shopper queries.

const BRANDS = [
  'Acme',
  'Bosch',
  'Kimtech',
  'Eppendorf',
  '3M',
  'Makita',
  'Ansell',
  'Fluke',
  'Hach',
  'Loctite',
  'Brady',
  'Dewalt',
  'Thermo',
  'Omega',
  'Gorilla',
  'Sunlu',
];
const PRODUCTS = [
  'nitrile exam gloves',
  'safety glasses',
  'digital multimeter',
  'pipette tips',
  'cordless drill',
  'thread locker',
  'label printer',
  'PLA 3D printer filament',
  'borosilicate beaker',
  'pH test strips',
  'respirator mask',
  'soldering iron',
  'stainless steel hex bolts',
  'LED work light',
  'magnetic stirrer',
  'laboratory thermometer',
  'cable ties',
  'wire stripper',
  'ear plugs',
  'epoxy adhesive',
  'microscope slides',
  'digital caliper',
  'heat gun',
  'shop vacuum',
  'trail running shoes',
  'espresso machine',
  'yoga mat',
  'USB-C charging cable',
  'noise cancelling headphones',
  'cast iron skillet',
];
const DETAILS = [
  'powder-free, size L',
  'pack of 100',
  '1.75 mm, 1 kg spool',
  '500 ml',
  'anti-fog, ANSI Z87.1',
  'CAT III 600V',
  '18V brushless',
  'blue, medium strength',
  '0.1–10 µl, sterile',
  'range 0–14',
  'N95, 20 count',
  '60W with stand',
  'M6 × 30 mm',
  'rechargeable, 2000 lumen',
  'with hot plate',
  '−50 °C to 300 °C',
  '8 inch, black',
  'for 10–22 AWG',
  '32 dB NRR',
  '2-part, 5 minute',
  'frosted end, 72 pcs',
  '0–150 mm, stainless',
  '1500 W',
  '5 gallon, wet/dry',
  "men's, waterproof",
  '15 bar, milk frother',
  'non-slip, 6 mm',
  '2 m, 100 W PD',
  'over-ear, Bluetooth 5.3',
  '10 inch, pre-seasoned',
];

/** `count` distinct titles, the same on every run. */
export function productTitles(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const brand = BRANDS[(i * 7 + Math.floor(i / PRODUCTS.length)) % BRANDS.length]!;
    const detail = DETAILS[(i * 11 + Math.floor(i / 3)) % DETAILS.length]!;
    const style = i % 4;
    out.push(
      style === 0
        ? `${brand} ${product}, ${detail}`
        : style === 1
          ? `${brand} ${product.replace(/\b\w/g, (c) => c.toUpperCase())} (${detail})`
          : style === 2
            ? `${product} – ${detail} – by ${brand}`
            : `${brand.toUpperCase()} ${product} ${detail} #${1000 + i}`,
    );
  }
  return out;
}

export const QUERIES = [
  'gloves',
  'nitrile gloves large',
  'safety goggles',
  'multimeter',
  'pipette',
  'drill',
  'threadlocker blue',
  'label maker',
  'pla filament',
  'glass beaker',
  'ph strips',
  'n95 mask',
  'soldering station',
  'hex bolts m6',
  'work light',
  'stir plate',
  'thermometer',
  'zip ties',
  'wire stripping tool',
  'earplugs',
  'epoxy glue',
  'microscope slide',
  'caliper',
  'heat gun',
  'wet dry vac',
  'running shoes',
  'coffee machine',
  'yoga mat',
  'usb c cable',
  'headphones',
  'skillet',
  'lab equipment',
  'hand protection',
  'eye protection',
  'measuring tools',
  'power tools',
  'adhesives',
  '3d printing',
  'chemistry glassware',
  'water testing',
  'breathing protection',
  'electronics repair',
  'fasteners',
  'lighting',
  'hearing protection',
  'cleaning',
  'kitchen',
  'fitness',
  'audio',
  'charging',
];
