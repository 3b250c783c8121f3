// The words the demo catalog is made of: an invented outdoor shop. Every
// brand and model name is made up, so the demo ships no one else's data.

export interface ProductType {
  /** Noun phrase for the title, e.g. "Rain Jacket". */
  name: string;
  /** "Department > Aisle". */
  category: string;
  /** Options that read naturally before the noun; one is used per product. */
  attributes: string[];
  /** Price range in euros. */
  price: [number, number];
  /** A sentence about what it is for. */
  use: string;
}

export const BRANDS = [
  'Northridge',
  'Alpenwerk',
  'Kestrel',
  'Summitline',
  'Tarnwood',
  'Bluefin Outdoor',
  'Granite & Pine',
  'Lumen Trail',
  'Fjellvik',
  'Redcliff',
] as const;

export const MODEL_NAMES = [
  'Ridge',
  'Vista',
  'Ember',
  'Ascent',
  'Drift',
  'Cairn',
  'Talus',
  'Corrie',
  'Scree',
  'Moraine',
  'Saddle',
  'Col',
  'Arete',
  'Tarn',
  'Bothy',
  'Larch',
] as const;

export const COLOURS = ['black', 'forest green', 'slate blue', 'ember orange', 'sand', 'graphite', 'red'] as const;

export const PRODUCT_TYPES: ProductType[] = [
  {
    name: 'Tent',
    category: 'Camping > Tents',
    attributes: ['2-Person', '3-Person', 'Ultralight 1-Person', '4-Season', 'Family 6-Person'],
    price: [120, 650],
    use: 'A freestanding shelter with a full-coverage fly for wind and rain.',
  },
  {
    name: 'Sleeping Bag',
    category: 'Camping > Sleep',
    attributes: ['Down -5°C', 'Synthetic 0°C', 'Summer +10°C', 'Down -15°C'],
    price: [70, 480],
    use: 'A mummy-cut bag that packs small for trekking.',
  },
  {
    name: 'Sleeping Pad',
    category: 'Camping > Sleep',
    attributes: ['Inflatable', 'Self-Inflating', 'Closed-Cell Foam', 'Insulated Air'],
    price: [25, 210],
    use: 'Insulation and comfort between you and cold ground.',
  },
  {
    name: 'Camping Stove',
    category: 'Camping > Kitchen',
    attributes: ['Canister', 'Multi-Fuel', 'Integrated', 'Alcohol'],
    price: [30, 190],
    use: 'Boils water fast for dehydrated meals and coffee.',
  },
  {
    name: 'Cookset',
    category: 'Camping > Kitchen',
    attributes: ['Titanium', 'Aluminium 2-Pot', 'Stainless Family', 'Nesting Solo'],
    price: [25, 140],
    use: 'Pots and lids that nest around a fuel canister.',
  },
  {
    name: 'Headlamp',
    category: 'Camping > Lighting',
    attributes: ['350-Lumen', 'Rechargeable 600-Lumen', 'Red-Light', 'Running 400-Lumen'],
    price: [20, 120],
    use: 'Hands-free light for camp chores and night hiking.',
  },
  {
    name: 'Lantern',
    category: 'Camping > Lighting',
    attributes: ['Solar', 'Rechargeable', 'Collapsible', 'Gas'],
    price: [18, 90],
    use: 'Soft area light for the tent or picnic table.',
  },
  {
    name: 'Daypack',
    category: 'Packs > Daypacks',
    attributes: ['20 L', '25 L', '30 L', 'Running 12 L'],
    price: [40, 160],
    use: 'Carries water, layers and lunch for a day on the trail.',
  },
  {
    name: 'Backpacking Pack',
    category: 'Packs > Trekking',
    attributes: ['45 L', '55 L', '65 L', 'Ultralight 40 L'],
    price: [120, 360],
    use: 'A load-carrying harness for multi-day trips.',
  },
  {
    name: 'Rain Jacket',
    category: 'Clothing > Jackets',
    attributes: ['3-Layer Waterproof', 'Packable 2.5-Layer', 'Insulated Waterproof', 'Stretch Waterproof'],
    price: [90, 420],
    use: 'Keeps rain out and lets sweat escape on the climb.',
  },
  {
    name: 'Down Jacket',
    category: 'Clothing > Jackets',
    attributes: ['800-Fill Hooded', 'Lightweight', 'Expedition', 'Hybrid'],
    price: [120, 520],
    use: 'Warmth for cold belays, camp and winter walks.',
  },
  {
    name: 'Fleece',
    category: 'Clothing > Midlayers',
    attributes: ['Grid', 'Full-Zip', 'Quarter-Zip', 'High-Loft'],
    price: [40, 150],
    use: 'A breathable midlayer for cool mornings.',
  },
  {
    name: 'Hiking Trousers',
    category: 'Clothing > Legwear',
    attributes: ['Convertible', 'Softshell', 'Winter', 'Stretch'],
    price: [50, 180],
    use: 'Durable, quick-drying trousers with articulated knees.',
  },
  {
    name: 'Base Layer',
    category: 'Clothing > Base Layers',
    attributes: ['Merino Long-Sleeve', 'Synthetic Crew', 'Merino Leggings', 'Thermal Zip-Neck'],
    price: [30, 120],
    use: 'Moves moisture off the skin and stays warm when damp.',
  },
  {
    name: 'Hiking Boots',
    category: 'Footwear > Boots',
    attributes: ['Waterproof Mid', 'Leather Backpacking', 'Lightweight', 'Winter Insulated'],
    price: [110, 330],
    use: 'Ankle support and grip on rocky, wet trails.',
  },
  {
    name: 'Trail Running Shoes',
    category: 'Footwear > Trail Running',
    attributes: ['Cushioned', 'Lightweight', 'Waterproof', 'Mud Grip'],
    price: [90, 200],
    use: 'Grippy, light shoes for fast miles on dirt.',
  },
  {
    name: 'Approach Shoes',
    category: 'Footwear > Climbing',
    attributes: ['Sticky-Rubber', 'Leather', 'Mesh', 'Mid'],
    price: [100, 190],
    use: 'Climbing rubber for scrambles to the crag.',
  },
  {
    name: 'Water Filter',
    category: 'Water > Treatment',
    attributes: ['Squeeze', 'Pump', 'Gravity 4 L', 'Straw'],
    price: [20, 140],
    use: 'Makes stream water safe to drink on the trail.',
  },
  {
    name: 'Water Bottle',
    category: 'Water > Bottles',
    attributes: ['Insulated 750 ml', 'Soft-Flask 500 ml', 'Wide-Mouth 1 L', 'Titanium 600 ml'],
    price: [10, 60],
    use: 'Keeps drinks cold on the hike and hot at camp.',
  },
  {
    name: 'Trekking Poles',
    category: 'Hiking > Poles',
    attributes: ['Carbon Folding', 'Aluminium Telescopic', 'Cork-Grip', 'Ultralight Z-Fold'],
    price: [40, 190],
    use: 'Save the knees on long descents and steady river crossings.',
  },
  {
    name: 'Compass',
    category: 'Hiking > Navigation',
    attributes: ['Baseplate', 'Mirror Sighting', 'Global-Needle', 'Thumb'],
    price: [15, 80],
    use: 'Reliable navigation when the battery runs out.',
  },
  {
    name: 'GPS Watch',
    category: 'Hiking > Navigation',
    attributes: ['Solar', 'Multi-Band', 'Mapping', 'Ultra-Battery'],
    price: [180, 650],
    use: 'Tracks routes, altitude and heart rate on the move.',
  },
  {
    name: 'Climbing Harness',
    category: 'Climbing > Harnesses',
    attributes: ['Sport', 'Alpine', 'Adjustable', 'Big-Wall'],
    price: [50, 160],
    use: 'Comfortable hanging and a secure tie-in point.',
  },
  {
    name: 'Carabiner Set',
    category: 'Climbing > Hardware',
    attributes: ['Locking', 'Wiregate', 'Quickdraw', 'HMS Belay'],
    price: [25, 170],
    use: 'Rated connectors for anchors and belays.',
  },
  {
    name: 'Climbing Rope',
    category: 'Climbing > Ropes',
    attributes: ['9.5 mm 60 m', 'Dry 9.2 mm 70 m', '10 mm Gym 40 m', 'Half 8.5 mm'],
    price: [120, 320],
    use: 'A dynamic rope that catches falls softly.',
  },
  {
    name: 'Chalk Bag',
    category: 'Climbing > Accessories',
    attributes: ['Bouldering Bucket', 'Drawstring', 'Brush-Holder', 'Waist-Belt'],
    price: [12, 45],
    use: 'Keeps hands dry on hot rock.',
  },
];
