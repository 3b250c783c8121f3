// A plain shop of game accessories for the titles-only browser test: ids and
// titles only (no brand, no category, no index). Invented products.
import type { Product } from './shop-harness.ts';

/** Racing wheels and pedals the shopper looks at on product pages. */
export const VIEWED_RACING: Product[] = [
  { id: 'rw-velocity', title: 'Velocity GT racing wheel with force feedback' },
  { id: 'rw-apex', title: 'Apex Pro racing wheel, 900 degrees' },
  { id: 'rp-apex', title: 'Apex Pro racing pedals with load cell brake' },
  { id: 'rp-trio', title: 'Trio three-pedal set for racing wheels' },
  { id: 'rw-drift', title: 'Drift direct drive racing wheel base' },
  { id: 'rs-shifter', title: 'Sequential gear shifter for racing wheels' },
];

const OTHER = [
  'Wireless gamepad controller',
  'Gaming headset with microphone',
  'RGB mechanical keyboard',
  'Gaming mouse 16000 DPI',
  'Extended mouse pad',
  'Controller charging dock',
  'USB-C braided cable, 2 m',
  'Headset stand with USB hub',
  'Webcam 1080p for streaming',
  'Capture card 4K',
  'Ergonomic gaming chair',
  'Monitor arm, single',
  'Console cooling fan',
  'Thumb grips for controllers',
  'Streaming microphone with arm',
  'Pop filter for microphones',
  'LED light strip for desks',
  'Cable management sleeve',
  'PBT keycap set',
  'Keyboard wrist rest',
  'Portable SSD 1 TB',
  'Controller skin set',
  'Trigger stops for gamepads',
  'VR headset face cover',
  'Bluetooth adapter for consoles',
  'HDMI 2.1 cable',
  'Wall mount for consoles',
  'Game storage case',
  'Screen cleaning kit',
  'Mouse bungee',
  'Desktop soundbar',
  'Flight stick with throttle',
  'Arcade fight stick',
  'USB docking station',
];

/** Racing items the server ranks low on a broad "gaming accessories" page. */
export const RACING_RESULTS: Product[] = [
  { id: 'rw-circuit', title: 'Circuit racing wheel with pedals' },
  { id: 'rw-stand', title: 'Foldable racing wheel stand' },
  { id: 'rp-clutch', title: 'Pro racing pedals with clutch' },
  { id: 'rw-release', title: 'Quick release adapter for racing wheels' },
  { id: 'rw-formula', title: 'Formula racing wheel rim' },
  { id: 'rp-plate', title: 'Heel-toe plate for racing pedals' },
];

export const GAME_QUERY = 'gaming accessories';

/** 40 results: the other accessories first, the racing items spread over the last third. */
export const GAME_RESULTS: Product[] = (() => {
  const list: Product[] = OTHER.map((title, i) => ({ id: `acc-${String(i).padStart(2, '0')}`, title }));
  RACING_RESULTS.forEach((p, k) => list.splice(26 + 2 * k, 0, p));
  return list;
})();
