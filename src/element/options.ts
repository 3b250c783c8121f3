// The one way in for configuration: every <edge-rerank> attribute's default,
// limits and parsing live here. Lit turns attribute text into typed property
// values with the converters below; parseOptions() then validates and
// clamps them once per update, and nothing else reads attributes.
import type { ComplexAttributeConverter } from 'lit';
import { DEFAULT_MAX_DISPLACEMENT } from '../rank/default-weights.ts';
import type { HistoryEventType } from '../rank/types.ts';
import type { ReasonTemplates } from '../rank/reasons.ts';
import { DEFAULT_STALL_MS, DEVICES, EVENT_TYPES, type Device } from '../worker/api.ts';

export type DeviceChoice = Device;
export type Consent = 'granted' | 'denied';
/** Reason texts per thing the shopper did, `{title}` standing for the history item's title. */
export type ReasonStrings = Partial<ReasonTemplates>;

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
  /** Percent of this site's shoppers (by a stable per-browser draw) who see the server order. */
  experiment: number;
  /** The shop's own reason texts; missing ones use the English defaults. */
  strings: ReasonStrings;
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
  stallTimeout: DEFAULT_STALL_MS,
  experiment: 0,
  strings: Object.freeze({}),
});

/** The attribute of each option (problems name the attribute the page wrote). */
export const OPTION_ATTRIBUTES: Readonly<Record<keyof EdgeRerankOptions, string>> = Object.freeze({
  query: 'query',
  model: 'model',
  index: 'index',
  device: 'device',
  itemSelector: 'item-selector',
  strength: 'strength',
  maxDisplacement: 'max-displacement',
  explain: 'explain',
  consent: 'consent',
  budget: 'budget',
  maxCandidates: 'max-candidates',
  stallTimeout: 'stall-timeout',
  experiment: 'experiment',
  strings: 'strings',
});

/** Hard ceilings: a page asking for more would make the device do unbounded work. */
export const LIMITS = Object.freeze({ maxDisplacement: 1000, budget: 60_000, maxCandidates: 1000, stallTimeout: [1000, 600_000] as const });

/** Attribute text → number; absent or blank → undefined (the default). Garbage
 *  becomes NaN, which parseOptions reports and replaces with the default. */
export const numberConverter: ComplexAttributeConverter<number | undefined> = {
  fromAttribute: (value) => (value === null || value.trim() === '' ? undefined : Number(value)),
  toAttribute: (value) => (value === undefined || value === null ? null : String(value)),
};

/** A boolean attribute is on when present, unless it says "false". */
export const flagConverter: ComplexAttributeConverter<boolean | undefined> = {
  fromAttribute: (value) => (value === null ? false : value.trim().toLowerCase() !== 'false'),
  toAttribute: (value) => (value ? '' : null),
};

/** JSON attribute text → object; text that is not JSON stays text, for parseOptions to report. */
export const jsonConverter: ComplexAttributeConverter<unknown> = {
  fromAttribute: (value) => {
    if (value === null || value.trim() === '') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  toAttribute: (value) => (value === undefined || value === null ? null : JSON.stringify(value)),
};

/** What the element hands over: typed property values (or attribute strings, in tests). */
export type RawOptions = Partial<Record<keyof EdgeRerankOptions, unknown>>;

export interface ParsedOptions {
  options: EdgeRerankOptions;
  /** One human sentence per rejected value, naming the attribute. */
  problems: string[];
}

/** The attribute text now on the element, to quote a value the converter could not read. */
export type AttributeText = (attribute: string) => string | null;

class Parser {
  readonly problems: string[] = [];
  readonly raw: RawOptions;
  readonly attributeText: AttributeText;

  constructor(raw: RawOptions, attributeText: AttributeText) {
    this.raw = raw;
    this.attributeText = attributeText;
  }

  text(key: keyof EdgeRerankOptions): string | undefined {
    const value = this.raw[key];
    if (value === null || value === undefined) return undefined;
    const text = textOf(value);
    if (text === undefined) this.problems.push(`property ${key} cannot be read as text; using the default`);
    return text?.trim();
  }

  /** How a rejected value is quoted: as the page wrote it. A NaN from the
   *  number converter is quoted from its attribute when that is what it read. */
  #quote(key: keyof EdgeRerankOptions, value: unknown): string {
    const attribute = this.attributeText(OPTION_ATTRIBUTES[key]);
    if (typeof value === 'number' && Number.isNaN(value) && attribute !== null && Number.isNaN(Number(attribute))) return attribute.trim();
    return (textOf(value) ?? '(not text)').trim();
  }

  number(key: keyof EdgeRerankOptions, min: number, max: number, integer = false): number {
    const fallback = DEFAULT_OPTIONS[key] as number;
    const value = this.raw[key];
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return fallback;
    const n = typeof value === 'number' ? value : Number(textOf(value)?.trim());
    const name = OPTION_ATTRIBUTES[key];
    if (!Number.isFinite(n)) {
      this.problems.push(`attribute ${name}="${this.#quote(key, value)}" is not a number; using ${fallback}`);
      return fallback;
    }
    const whole = integer ? Math.round(n) : n;
    const clamped = Math.min(max, Math.max(min, whole));
    if (clamped !== whole) this.problems.push(`attribute ${name}="${this.#quote(key, value)}" is outside ${min}–${max}; using ${clamped}`);
    return clamped;
  }

  oneOf<T extends string>(key: keyof EdgeRerankOptions, allowed: readonly T[]): T {
    const fallback = DEFAULT_OPTIONS[key] as T;
    const raw = this.text(key)?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`attribute ${OPTION_ATTRIBUTES[key]}="${raw}" must be one of ${allowed.join('|')}; using ${fallback}`);
    return fallback;
  }

  flag(key: keyof EdgeRerankOptions): boolean {
    const value = this.raw[key];
    if (value === true) return true;
    if (value === false || value === null || value === undefined) return false;
    return textOf(value)?.trim().toLowerCase() !== 'false';
  }

  /** Reason templates: an object whose keys are things the shopper did
   *  (view, click, cart, purchase) and whose values are text. */
  strings(): ReasonStrings {
    const value = this.raw.strings;
    if (value === null || value === undefined) return DEFAULT_OPTIONS.strings;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problems.push(`attribute strings="${textOf(value) ?? '(not text)'}" is not a JSON object of reason texts; using the defaults`);
      return DEFAULT_OPTIONS.strings;
    }
    const good: ReasonStrings = {};
    const ignored: string[] = [];
    for (const [kind, text] of Object.entries(value)) {
      if (EVENT_TYPES.includes(kind as HistoryEventType) && typeof text === 'string') good[kind as HistoryEventType] = text;
      else ignored.push(JSON.stringify(kind));
    }
    if (ignored.length) this.problems.push(`strings ${ignored.join(', ')} ignored: keys are ${EVENT_TYPES.join('|')}, values text`);
    return Object.freeze(good);
  }
}

/** A page may set a property to anything, even an object whose toString
 *  throws; such a value is not text, and must not break the element. */
function textOf(value: unknown): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

export function parseOptions(raw: RawOptions, attributeText: AttributeText = () => null): ParsedOptions {
  const p = new Parser(raw, attributeText);
  const d = DEFAULT_OPTIONS;
  const options: EdgeRerankOptions = {
    query: (p.text('query') ?? '').replace(/\s+/g, ' '),
    model: p.text('model') || d.model,
    index: p.text('index') || null,
    device: p.oneOf('device', DEVICES),
    itemSelector: p.text('itemSelector') || d.itemSelector,
    strength: p.number('strength', 0, 1),
    maxDisplacement: p.number('maxDisplacement', 0, LIMITS.maxDisplacement, true),
    explain: p.flag('explain'),
    consent: p.oneOf('consent', ['granted', 'denied'] as const),
    budget: p.number('budget', 0, LIMITS.budget, true),
    maxCandidates: p.number('maxCandidates', 1, LIMITS.maxCandidates, true),
    stallTimeout: p.number('stallTimeout', LIMITS.stallTimeout[0], LIMITS.stallTimeout[1], true),
    experiment: p.number('experiment', 0, 100),
    strings: p.strings(),
  };
  return { options, problems: p.problems };
}
