// The one way in for configuration: every <edge-rerank> attribute is parsed,
// defaulted and clamped here, and nothing else reads attributes. The table
// also feeds custom-elements.json, so docs and code cannot drift apart.
import { DEFAULT_MAX_DISPLACEMENT } from '../rank/default-weights.ts';

export type DeviceChoice = 'auto' | 'webgpu' | 'wasm';
export type Consent = 'granted' | 'denied';

export interface EdgeRerankOptions {
  query: string;
  /** Model folder URL (resolved against the page) or a hub id. */
  model: string;
  /** Candidate index base URL; null = no index. */
  index: string | null;
  device: DeviceChoice;
  itemSelector: string;
  /** 0 = server order, 1 = full personalization. */
  strength: number;
  maxDisplacement: number;
  /** Show a reason badge on items moved up because of history. */
  explain: boolean;
  consent: Consent;
  /** ms after the list appears within which a new order is always applied. */
  budget: number;
  /** Only the first N items are reranked; the rest keep their place. */
  maxCandidates: number;
  /** ms without any progress from the worker before it is given up on. */
  stallTimeout: number;
}

export interface AttributeSpec {
  attribute: string;
  property: keyof EdgeRerankOptions;
  type: 'string' | 'number' | 'boolean';
  default: string | number | boolean | null;
  description: string;
}

export const DEFAULT_OPTIONS: Readonly<EdgeRerankOptions> = Object.freeze({
  query: '',
  model: '/models/default/',
  index: null,
  device: 'auto',
  itemSelector: '[data-item-id]',
  strength: 1,
  /** The limit the shipped blend weights were chosen with (docs/RANKING.md). */
  maxDisplacement: DEFAULT_MAX_DISPLACEMENT,
  explain: false,
  consent: 'granted',
  budget: 300,
  maxCandidates: 200,
  stallTimeout: 30_000,
});

/** Hard ceilings: a page asking for more would make the device do unbounded work. */
export const LIMITS = Object.freeze({ maxDisplacement: 1000, budget: 60_000, maxCandidates: 1000, stallTimeout: [1000, 600_000] as const });

export const ATTRIBUTES: readonly AttributeSpec[] = [
  { attribute: 'query', property: 'query', type: 'string', default: '', description: "The shopper's search query." },
  {
    attribute: 'model',
    property: 'model',
    type: 'string',
    default: DEFAULT_OPTIONS.model,
    description: 'Model folder URL (relative to the page) or a hub id.',
  },
  {
    attribute: 'index',
    property: 'index',
    type: 'string',
    default: null,
    description: 'Base URL of a candidate index built by edge-rerank-index (optional).',
  },
  {
    attribute: 'device',
    property: 'device',
    type: 'string',
    default: 'auto',
    description: 'auto | webgpu | wasm; a change takes effect on the next rerank.',
  },
  {
    attribute: 'item-selector',
    property: 'itemSelector',
    type: 'string',
    default: DEFAULT_OPTIONS.itemSelector,
    description: 'CSS selector of the result items inside the element.',
  },
  {
    attribute: 'strength',
    property: 'strength',
    type: 'number',
    default: 1,
    description: 'Personalization strength, 0 (server order) to 1.',
  },
  {
    attribute: 'max-displacement',
    property: 'maxDisplacement',
    type: 'number',
    default: DEFAULT_MAX_DISPLACEMENT,
    description: 'No item moves more than this many places.',
  },
  {
    attribute: 'explain',
    property: 'explain',
    type: 'boolean',
    default: false,
    description: 'Show a reason badge on items moved up because of history.',
  },
  {
    attribute: 'consent',
    property: 'consent',
    type: 'string',
    default: 'granted',
    description: 'granted | denied; denied = nothing stored, no rerank.',
  },
  {
    attribute: 'budget',
    property: 'budget',
    type: 'number',
    default: 300,
    description:
      'ms after the list appears within which the new order is always applied; later only if the shopper has not interacted with the list.',
  },
  {
    attribute: 'max-candidates',
    property: 'maxCandidates',
    type: 'number',
    default: 200,
    description: 'Only the first N items are reranked; the rest keep their place.',
  },
  {
    attribute: 'stall-timeout',
    property: 'stallTimeout',
    type: 'number',
    default: 30_000,
    description:
      'ms without any progress from the worker (downloaded bytes, finished steps) after which it is stopped: one worker error, the server order stays, the next rerank starts a fresh worker.',
  },
];

/** What the element hands over: attribute strings, or property values a script set. */
export type RawOptions = Partial<Record<keyof EdgeRerankOptions, unknown>>;

export interface ParsedOptions {
  options: EdgeRerankOptions;
  /** One human sentence per rejected value, naming the attribute. */
  problems: string[];
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return String(value).trim();
}

function numberIn(name: string, value: unknown, fallback: number, min: number, max: number, problems: string[], integer = false): number {
  const raw = text(value);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    problems.push(`attribute ${name}="${raw}" is not a number; using ${fallback}`);
    return fallback;
  }
  const whole = integer ? Math.round(n) : n;
  const clamped = Math.min(max, Math.max(min, whole));
  if (clamped !== whole) problems.push(`attribute ${name}="${raw}" is outside ${min}–${max}; using ${clamped}`);
  return clamped;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = text(value)?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`attribute ${name}="${raw}" must be one of ${allowed.join('|')}; using ${fallback}`);
  return fallback;
}

/** A boolean attribute is on when present, unless it says "false". */
function flag(value: unknown): boolean {
  if (value === true) return true;
  if (value === false || value === null || value === undefined) return false;
  return String(value).trim().toLowerCase() !== 'false';
}

export function parseOptions(raw: RawOptions): ParsedOptions {
  const problems: string[] = [];
  const d = DEFAULT_OPTIONS;
  const model = text(raw.model) || d.model;
  const index = text(raw.index) || null;
  const itemSelector = text(raw.itemSelector) || d.itemSelector;
  const options: EdgeRerankOptions = {
    query: (text(raw.query) ?? '').replace(/\s+/g, ' '),
    model,
    index,
    device: oneOf('device', raw.device, ['auto', 'webgpu', 'wasm'] as const, d.device, problems),
    itemSelector,
    strength: numberIn('strength', raw.strength, d.strength, 0, 1, problems),
    maxDisplacement: numberIn('max-displacement', raw.maxDisplacement, d.maxDisplacement, 0, LIMITS.maxDisplacement, problems, true),
    explain: flag(raw.explain),
    consent: oneOf('consent', raw.consent, ['granted', 'denied'] as const, d.consent, problems),
    budget: numberIn('budget', raw.budget, d.budget, 0, LIMITS.budget, problems, true),
    maxCandidates: numberIn('max-candidates', raw.maxCandidates, d.maxCandidates, 1, LIMITS.maxCandidates, problems, true),
    stallTimeout: numberIn(
      'stall-timeout',
      raw.stallTimeout,
      d.stallTimeout,
      LIMITS.stallTimeout[0],
      LIMITS.stallTimeout[1],
      problems,
      true,
    ),
  };
  return { options, problems };
}
