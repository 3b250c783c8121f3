// <edge-rerank>: wraps the shop's own result list and reorders its nodes with
// the worker's ranking. The main thread only reads the DOM, posts plain data
// and moves nodes; everything heavy happens in the worker.
import { LitElement, css, html } from 'lit';
import { workerClient, type HistoryChange } from './worker-client.ts';
import { collectCandidates } from './candidates.ts';
import { applyNodeOrder } from './node-order.ts';
import { showReasons } from './reason-badge/reason-badge.ts';
import { warnOnce } from './console-line.ts';
import {
  flagConverter,
  jsonConverter,
  numberConverter,
  parseOptions,
  type Consent,
  type DeviceChoice,
  type EdgeRerankOptions,
  type RawOptions,
  type ReasonStrings,
} from './options.ts';
import { ERROR_EVENT, READY_EVENT, RERANKED_EVENT, emit, type RerankedDetail } from './events.ts';
import type { HistoryExport, Problem, RerankRequest, RerankResponse, TrackEvent } from '../worker/api.ts';
import { EdgeRerankError, messageOf } from '../errors.ts';
import { reasonText } from '../rank/reasons.ts';

/** What `rerankComplete` resolves to. */
export type RerankOutcome =
  { status: 'reranked'; detail: RerankedDetail } | { status: 'skipped'; reason: string } | { status: 'failed'; problem: Problem };

/** Events that mean the shopper has started using the list: a late order must not jump under them. */
const INTERACTIONS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'focusin'] as const;

const connected = new Set<EdgeRerankElement>();

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 100) / 100;
}

/**
 * Reorders the shop's own result items inside it for this shopper, on this
 * device, from history that never leaves the browser.
 *
 * @customElement edge-rerank
 * @slot - The shop's own result list; items are found with `item-selector`.
 * @fires {CustomEvent<ReadyDetail>} edge-rerank-ready - Once, before the element's first `edge-rerank-reranked`.
 * @fires {CustomEvent<RerankedDetail>} edge-rerank-reranked - A rerank finished: order, scores, reasons (text and data), backend, timings, applied, variant.
 * @fires {CustomEvent<ProgressDetail>} edge-rerank-progress - Model or index files loading: `{file, loaded, total}` in bytes.
 * @fires {CustomEvent<ErrorDetail>} edge-rerank-error - A problem, once per distinct problem; the server order stays where nothing better is known.
 */
export class EdgeRerankElement extends LitElement {
  static override properties = {
    query: { reflect: true },
    model: { reflect: true },
    index: { reflect: true },
    device: { reflect: true },
    itemSelector: { attribute: 'item-selector', reflect: true },
    strength: { reflect: true, converter: numberConverter },
    maxDisplacement: { attribute: 'max-displacement', reflect: true, converter: numberConverter },
    explain: { reflect: true, converter: flagConverter },
    consent: { reflect: true },
    budget: { reflect: true, converter: numberConverter },
    maxCandidates: { attribute: 'max-candidates', reflect: true, converter: numberConverter },
    stallTimeout: { attribute: 'stall-timeout', reflect: true, converter: numberConverter },
    experiment: { reflect: true, converter: numberConverter },
    strings: { converter: jsonConverter },
  };

  static override styles = css`
    :host {
      display: block;
    }
  `;

  /** The shopper's search query. */
  declare query: string | undefined;
  /** Model folder URL (relative to the page; end it with `/`) or a hub id such as `Xenova/all-MiniLM-L6-v2`. */
  declare model: string | undefined;
  /** Base URL of a candidate index built by `edge-rerank-index build` (optional). */
  declare index: string | undefined;
  /** `auto` (WebGPU on a real GPU adapter, else WASM), `webgpu` or `wasm`; a change applies to the next rerank. */
  declare device: DeviceChoice | undefined;
  /** CSS selector of the result items inside the element. */
  declare itemSelector: string | undefined;
  /** Personalization strength: 0 = server order … 1 = full personalization. */
  declare strength: number | undefined;
  /** No item moves more than this many places. */
  declare maxDisplacement: number | undefined;
  /** Show a "Because you viewed …" badge on items moved up by history. */
  declare explain: boolean | undefined;
  /** `granted` or `denied`; denied = nothing stored, no rerank. */
  declare consent: Consent | undefined;
  /** ms after the list appears within which a new order is always applied; later only if the shopper has not touched the page. */
  declare budget: number | undefined;
  /** Only the first N items are reranked; the rest keep their place. */
  declare maxCandidates: number | undefined;
  /** ms without any progress from the worker after which it is stopped (one `worker` error; the server order stays). */
  declare stallTimeout: number | undefined;
  /** Percent of this browser's shoppers (a stable draw, stored locally) put in a control group that sees the server order. */
  declare experiment: number | undefined;
  /** Reason texts by what the shopper did (`view`, `click`, `cart`, `purchase`), `{title}` standing for the item's title; as an attribute, JSON. */
  declare strings: ReasonStrings | undefined;

  #observer: MutationObserver | null = null;
  #generation = 0;
  #current: Promise<RerankOutcome> = Promise.resolve({ status: 'skipped', reason: 'not connected' });
  #scheduled = false;
  /** The item nodes in the server's order, captured when the list appears. */
  #serverNodes: Element[] | null = null;
  #listAppearedAt = performance.now();
  #interacted = false;
  #reported = new Set<string>();
  #ready = false;
  #firstUpdateSeen = false;
  /** The ranking this list shows: a click on it teaches against that ranking. */
  #rankingId: string | undefined;
  #stopHearingHistory: (() => void) | null = null;

  /** Resolves when the latest requested rerank has settled (newer requests are awaited too). */
  get rerankComplete(): Promise<RerankOutcome> {
    const pending = this.#current;
    return pending.then((outcome) => (pending === this.#current ? outcome : this.rerankComplete));
  }

  /** The parsed, validated options (the one way in for configuration). */
  get options(): EdgeRerankOptions {
    return parseOptions(this.#rawOptions(), (name) => this.getAttribute(name)).options;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    this.addEventListener('click', this.#onClick);
    for (const type of INTERACTIONS) this.addEventListener(type, this.#onInteraction, { passive: true });
    this.#observer = new MutationObserver(() => this.#listChanged());
    this.#observer.observe(this, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-item-id', 'data-title', 'data-category', 'data-brand', 'data-description', 'data-vector', 'data-pinned'],
    });
    this.#stopHearingHistory = workerClient.onHistoryChange(this.#onHistoryChange);
    this.#listChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.#stopHearingHistory?.();
    this.#stopHearingHistory = null;
    this.removeEventListener('click', this.#onClick);
    for (const type of INTERACTIONS) this.removeEventListener(type, this.#onInteraction);
    this.#observer?.disconnect();
    this.#observer = null;
  }

  override render() {
    return html`<slot></slot>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // The first update only reports the attributes connectedCallback already ranked with.
    if (!this.#firstUpdateSeen) {
      this.#firstUpdateSeen = true;
      return;
    }
    if (changed.has('query')) this.#listAppearedAt = performance.now();
    if (changed.size) this.#schedule();
  }

  /** Records one history event for this shopper (nothing when consent is denied). */
  async track(event: TrackEvent): Promise<void> {
    if (this.options.consent === 'denied') return;
    try {
      await workerClient.track({ ...event, rankingId: event.rankingId ?? this.#rankingId });
    } catch (err) {
      this.#report(EdgeRerankError.problem('worker', err));
    }
  }

  /** Erases everything edge-rerank stored on this device, then puts every list back in server order. */
  static async forget(): Promise<void> {
    try {
      await workerClient.forget();
    } catch (err) {
      const error = EdgeRerankError.from('worker', err);
      warnOnce(error.toJSON());
      throw error;
    }
    // The shopper asked for this: apply the server order even mid-interaction.
    for (const element of connected) {
      element.#interacted = false;
      element.#listAppearedAt = performance.now();
      element.#schedule();
    }
    await Promise.all([...connected].map((element) => element.rerankComplete));
  }

  /** Everything stored about this shopper, as plain JSON they can download. */
  static async exportHistory(): Promise<HistoryExport> {
    try {
      return await workerClient.exportHistory();
    } catch (err) {
      const error = EdgeRerankError.from('worker', err);
      warnOnce(error.toJSON());
      throw error;
    }
  }

  #rawOptions(): RawOptions {
    return {
      query: this.query,
      model: this.model,
      index: this.index,
      device: this.device,
      itemSelector: this.itemSelector,
      strength: this.strength,
      maxDisplacement: this.maxDisplacement,
      explain: this.explain,
      consent: this.consent,
      budget: this.budget,
      maxCandidates: this.maxCandidates,
      stallTimeout: this.stallTimeout,
      experiment: this.experiment,
      strings: this.strings,
    };
  }

  #listChanged(): void {
    this.#serverNodes = null;
    this.#listAppearedAt = performance.now();
    this.#interacted = false;
    this.#schedule();
  }

  #schedule(): void {
    ++this.#generation;
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Coalesce the attribute and DOM changes of one task into one rerank.
    this.#current = new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(() => {
        this.#scheduled = false;
        return this.#run(this.#generation);
      })
      .catch((err: unknown): RerankOutcome => {
        // Whatever happens, the shop's page goes on with the order it has.
        const problem: Problem = {
          code: 'input',
          message: `rerank failed on this page: ${messageOf(err)}`,
        };
        this.#report(problem);
        return { status: 'failed', problem };
      });
  }

  /** History forgotten in this or another tab: the server order and no badges at once, then a fresh rerank. */
  readonly #onHistoryChange = (change: HistoryChange): void => {
    if (change.kind !== 'forgotten') return;
    this.#rankingId = undefined;
    const items = this.#itemsInDomOrder(this.options.itemSelector);
    if (items) this.#restoreServerOrder(items);
    this.#interacted = false;
    this.#listAppearedAt = performance.now();
    this.#schedule();
  };

  readonly #onInteraction = (): void => {
    this.#interacted = true;
  };

  readonly #onClick = (event: MouseEvent): void => {
    const options = this.options;
    if (options.consent === 'denied' || !(event.target instanceof Element)) return;
    let item: Element | null;
    try {
      item = event.target.closest(options.itemSelector);
    } catch {
      return; // a bad selector is reported by the rerank
    }
    if (!item || !this.contains(item)) return;
    const itemId = item.getAttribute('data-item-id')?.trim();
    if (!itemId) return;
    void this.track({
      itemId,
      type: 'click',
      title: item.getAttribute('data-title')?.trim() ?? '',
      category: item.getAttribute('data-category')?.trim() || undefined,
      brand: item.getAttribute('data-brand')?.trim() || undefined,
    });
  };

  #report(problem: Problem): void {
    warnOnce(problem);
    const key = `${problem.code}:${problem.message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    emit(this, ERROR_EVENT, problem);
  }

  #itemsInDomOrder(selector: string): Element[] | null {
    try {
      return [...this.querySelectorAll(selector)];
    } catch {
      this.#report({ code: 'input', message: `attribute item-selector="${selector}" is not a valid CSS selector` });
      return null;
    }
  }

  async #run(generation: number): Promise<RerankOutcome> {
    const started = performance.now();
    const { options, problems } = parseOptions(this.#rawOptions(), (name) => this.getAttribute(name));
    for (const message of problems) this.#report({ code: 'input', message });
    const domItems = this.#itemsInDomOrder(options.itemSelector);
    if (!domItems) return { status: 'skipped', reason: 'invalid item-selector' };
    if (options.consent === 'denied') {
      this.#rankingId = undefined;
      this.#restoreServerOrder(domItems); // consent withdrawn after a rerank: undo it
      return { status: 'skipped', reason: 'consent denied' };
    }

    // The server's order is the DOM order when the list appeared; later runs
    // (a new query attribute, forget()) rank from it, not from our own order.
    const known = this.#serverNodes ? new Set(this.#serverNodes) : null;
    const sameNodes = known !== null && known.size === domItems.length && domItems.every((node) => known.has(node));
    if (!sameNodes) this.#serverNodes = domItems;
    const collected = collectCandidates(this.#serverNodes!, options.maxCandidates);
    for (const message of collected.problems) this.#report({ code: 'input', message });
    const readDom = elapsed(started);
    if (collected.candidates.length === 0) return { status: 'skipped', reason: 'no items' };

    const request: RerankRequest = {
      query: options.query,
      candidates: collected.candidates,
      model: this.#resolve(options.model, true),
      index: options.index ? this.#resolve(options.index, false) : null,
      device: options.device,
      strength: options.strength,
      maxDisplacement: options.maxDisplacement,
    };
    let response: RerankResponse;
    try {
      response = await workerClient.rerank(request, { stallMs: options.stallTimeout });
    } catch (err) {
      if (generation !== this.#generation) return { status: 'skipped', reason: 'superseded by a newer rerank' };
      const problem = EdgeRerankError.problem('worker', err);
      this.#report(problem);
      return { status: 'failed', problem };
    }
    for (const problem of response.problems) this.#report(problem);
    if (generation !== this.#generation) return { status: 'skipped', reason: 'superseded by a newer rerank' };

    // Reasons arrive as data; the text is made here, where the shop's strings live.
    const reasonDetails = response.order.flatMap((id) => response.reasons[id] ?? []);
    const reasons = Object.fromEntries(reasonDetails.map((reason) => [reason.itemId, reasonText(reason)]));
    const applyStarted = performance.now();
    const late = applyStarted - this.#listAppearedAt > options.budget;
    const applied = !(late && this.#interacted);
    this.#rankingId = applied ? response.rankingId : undefined;
    if (applied)
      this.#apply(
        collected.nodes,
        collected.candidates.map((c) => c.id),
        response.order,
        reasons,
        options.explain,
      );
    const detail: RerankedDetail = {
      order: response.order,
      scores: response.scores,
      reasons,
      reasonDetails,
      backend: response.backend,
      historySize: response.historySize,
      embedded: response.embedded,
      applied,
      variant: 'personalized',
      timings: { ...response.timings, readDom, apply: elapsed(applyStarted), endToEnd: elapsed(started) },
    };
    if (!this.#ready) {
      this.#ready = true;
      emit(this, READY_EVENT, { backend: response.backend });
    }
    emit(this, RERANKED_EVENT, detail);
    return { status: 'reranked', detail };
  }

  #apply(nodes: Element[], ids: string[], order: string[], reasons: Record<string, string>, explain: boolean): void {
    const byId = new Map(ids.map((id, i) => [id, nodes[i] as Element]));
    const ordered = order.map((id) => byId.get(id)).filter((node): node is Element => node !== undefined);
    if (ordered.length !== nodes.length) return; // the worker must return every candidate once; otherwise keep the server order
    const moving = new Set(nodes);
    const slots = [...this.querySelectorAll(this.options.itemSelector)].filter((node) => moving.has(node));
    applyNodeOrder(slots, ordered);
    const badges = new Map<Element, string>();
    if (explain) for (const [id, reason] of Object.entries(reasons)) if (byId.has(id)) badges.set(byId.get(id)!, reason);
    showReasons(this, badges);
    this.#observer?.takeRecords(); // our own moves are not a list change
  }

  #restoreServerOrder(domItems: Element[]): void {
    const server = this.#serverNodes;
    if (!server || server.length !== domItems.length) return;
    const known = new Set(server);
    if (!domItems.every((node) => known.has(node))) return;
    applyNodeOrder(domItems, server);
    showReasons(this, new Map());
    this.#observer?.takeRecords();
  }

  /** Folder URLs are resolved against the page; a bare hub id ("org/name") stays as it is. */
  #resolve(value: string, mayBeHubId: boolean): string {
    if (mayBeHubId && /^[\w.-]+\/[\w.-]+$/.test(value) && !value.startsWith('.')) return value;
    return new URL(value, this.ownerDocument.baseURI).href;
  }
}
