// <edge-rerank>: wraps the shop's own result list and reorders its nodes with
// the worker's ranking. The main thread only reads the DOM, posts plain data
// and moves nodes; everything heavy happens in the worker. Configuration goes
// through Lit's update cycle: attributes become typed properties, willUpdate
// parses them once, updated() starts the rerank that rerankComplete awaits.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { workerClient } from './worker-client.ts';
import { warnOnce } from './console-line.ts';
import {
  DEFAULT_OPTIONS,
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
import { ERROR_EVENT, PROGRESS_EVENT, READY_EVENT, RERANKED_EVENT, emit, type RerankedDetail, type Variant } from './events.ts';
import { ResultList } from './result-list.ts';
import { changesTheList } from './list-mutations.ts';
import { interactedSince, recordInteraction, watchPageInteractions } from './interaction-guard.ts';
import { experimentVariant, forgetExperiment, storedExperimentDraw } from './experiment.ts';
import { itemViews, reorderItems, type RankItem } from './rank-items.ts';
import { collectCandidates } from './candidates.ts';
import type { HistoryExport, Problem, RerankRequest, RerankResponse, TrackEvent, WireCandidate } from '../worker/api.ts';
import { EdgeRerankError, messageOf } from '../errors.ts';
import { reasonText } from '../rank/reasons.ts';
import type { Reason } from '../rank/types.ts';

/** What `rerankComplete` resolves to. */
export type RerankOutcome =
  { status: 'reranked'; detail: RerankedDetail } | { status: 'skipped'; reason: string } | { status: 'failed'; problem: Problem };

/** What `rank(items)` resolves to: the new order as data, nothing moved. */
export interface ItemRanking<T extends RankItem = RankItem> {
  /** Every item given, in the new order (items without an id, repeats and
   *  those past max-candidates keep their index). */
  items: T[];
  /** The ranked items' ids (as strings) in their new order. */
  order: string[];
  /** The reason text per item id moved up because of history. */
  reasons: Record<string, string>;
  /** The same reasons as data, in the new order. */
  reasonDetails: Reason[];
  scores: Record<string, number>;
  variant: Variant;
}

/** The item attributes whose change means the shop changed its list. */
const ITEM_ATTRIBUTES = ['data-item-id', 'data-title', 'data-category', 'data-brand', 'data-description', 'data-vector', 'data-pinned'];

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

  /** Parsed once per update (willUpdate); what every run and handler reads. */
  #options: EdgeRerankOptions = DEFAULT_OPTIONS;
  readonly #list = new ResultList(this);
  #observer: MutationObserver | null = null;
  #unsubscribe: (() => void)[] = [];
  #generation = 0;
  #current: Promise<RerankOutcome> = Promise.resolve({ status: 'skipped', reason: 'not connected' });
  /** A rerank is due at the next update although no property changed (the list changed, history was forgotten). */
  #rerankDue = false;
  #listAppearedAt = performance.now();
  /** Interactions from this time on count as the shopper using the list. */
  #guardFrom = performance.now();
  #reported = new Set<string>();
  #ready = false;
  /** Reranks and rank() calls waiting on the worker: they report its downloads as progress. */
  #waiting = 0;
  /** The ranking this list shows: a click on it teaches against that ranking. */
  #rankingId: string | undefined;

  /** Settles when the latest requested rerank has (pending updates and newer requests are awaited too). */
  get rerankComplete(): Promise<RerankOutcome> {
    if (!this.isConnected) return this.#current;
    return this.updateComplete.then(() => {
      const pending = this.#current;
      return pending.then((outcome) => (pending === this.#current && !this.isUpdatePending ? outcome : this.rerankComplete));
    });
  }

  /** The parsed, validated options as of the last update (the one way in for configuration). */
  get options(): EdgeRerankOptions {
    return this.#options;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchPageInteractions(this.ownerDocument.defaultView ?? window);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('focusin', recordInteraction, { passive: true });
    this.#observer = new MutationObserver((records) => {
      if (changesTheList(records, this.#options.itemSelector)) this.#listChanged();
    });
    this.#observer.observe(this, { childList: true, subtree: true, attributes: true, attributeFilter: ITEM_ATTRIBUTES });
    this.#unsubscribe = [
      workerClient.onProgress((progress) => {
        if (this.#waiting > 0) emit(this, PROGRESS_EVENT, { file: progress.file, loaded: progress.loaded, total: progress.total });
      }),
      workerClient.onHistoryChange((change) => {
        if (change.kind === 'forgotten') this.#historyForgotten();
      }),
    ];
    this.#listChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.removeEventListener('click', this.#onClick);
    this.removeEventListener('focusin', recordInteraction);
    this.#observer?.disconnect();
    this.#observer = null;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { options, problems } = parseOptions(this.#rawOptions(), (name) => this.getAttribute(name));
    this.#options = options;
    for (const message of problems) this.#report({ code: 'input', message });
    if (changed.has('query') && this.hasUpdated) this.#listAppearedAt = performance.now();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.size === 0 && !this.#rerankDue) return;
    this.#takeListChanges();
    this.#rerankDue = false;
    const generation = ++this.#generation;
    this.#current = this.#run(generation).catch((err: unknown): RerankOutcome => {
      // Whatever happens, the shop's page goes on with the order it has.
      const problem: Problem = { code: 'input', message: `rerank failed on this page: ${messageOf(err)}` };
      this.#report(problem);
      return { status: 'failed', problem };
    });
  }

  /** Records one history event for this shopper (nothing when consent is denied). */
  async track(event: TrackEvent): Promise<void> {
    if (this.#options.consent === 'denied') return;
    try {
      await workerClient.track({ ...event, rankingId: event.rankingId ?? this.#rankingId });
    } catch (err) {
      this.#report(EdgeRerankError.problem('worker', err));
    }
  }

  /**
   * Ranks a list a framework renders, as data: nothing in the page moves.
   * Items are read like DOM items (same limits and checks); the element's
   * attributes (query, strength, consent, experiment…) apply. Never rejects:
   * on any problem the items come back in the server's order, with one
   * `edge-rerank-error`.
   */
  async rank<T extends RankItem>(items: readonly T[]): Promise<ItemRanking<T>> {
    if (this.isConnected) await this.updateComplete;
    const options = this.#options;
    const unchanged: ItemRanking<T> = { items: [...items], order: [], reasons: {}, reasonDetails: [], scores: {}, variant: 'personalized' };
    if (!Array.isArray(items)) {
      this.#report({ code: 'input', message: 'rank(items) needs an array of {id, title, …}' });
      return { ...unchanged, items: [] };
    }
    const collected = collectCandidates(itemViews(items), options.maxCandidates);
    for (const message of collected.problems) this.#report({ code: 'input', message });
    const serverOrder = collected.candidates.map((c) => c.id);
    if (options.consent === 'denied' || collected.candidates.length === 0) return { ...unchanged, order: serverOrder };
    const variant = experimentVariant(options.experiment);
    const response = await this.#askWorker(collected.candidates, options, variant);
    if ('code' in response) {
      this.#report(response);
      return { ...unchanged, order: serverOrder, variant };
    }
    this.#rankingId = response.rankingId;
    const { reasons, reasonDetails } = this.#reasons(response, options);
    return {
      items: reorderItems(items, collected.nodes, response.order),
      order: response.order,
      reasons,
      reasonDetails,
      scores: response.scores,
      variant,
    };
  }

  /** Erases everything edge-rerank stored on this device (history, learned
   *  weights, vector cache, the experiment draw); every list, here and in the
   *  shop's other tabs, goes back to the server order at once. */
  static async forget(): Promise<void> {
    try {
      await workerClient.forget();
    } catch (err) {
      const error = EdgeRerankError.from('worker', err);
      warnOnce(error.toJSON());
      throw error;
    }
    forgetExperiment();
    // Other tabs hear it from the worker client; this one does not wait for the broadcast.
    for (const element of connected) element.#historyForgotten();
    await Promise.all([...connected].map((element) => element.rerankComplete));
  }

  /** Everything stored about this shopper, as plain JSON they can download
   *  (with `experiment.draw` when an experiment drew one). */
  static async exportHistory(): Promise<HistoryExport & { experiment?: { draw: number } }> {
    let stored: HistoryExport;
    try {
      stored = await workerClient.exportHistory();
    } catch (err) {
      const error = EdgeRerankError.from('worker', err);
      warnOnce(error.toJSON());
      throw error;
    }
    const draw = storedExperimentDraw();
    return draw === undefined ? stored : { ...stored, experiment: { draw } };
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
    this.#noteListChange();
    this.#rerankDue = true;
    this.requestUpdate();
  }

  #noteListChange(): void {
    this.#list.changed();
    this.#listAppearedAt = this.#guardFrom = performance.now();
  }

  /** A list changed in the same task as this update (a new query and its
   *  results, set together) is read by the rerank starting now: left to the
   *  observer, its records would start a second, identical one. */
  #takeListChanges(): void {
    const records = this.#observer?.takeRecords() ?? [];
    if (changesTheList(records, this.#options.itemSelector)) this.#noteListChange();
  }

  /** History was erased (here or in another tab): no personalized order or
   *  badge may stay, not even mid-interaction; then rank again (server order). */
  #historyForgotten(): void {
    ++this.#generation; // a rerank in flight used the old history
    this.#rankingId = undefined;
    this.#list.restore(this.#options.itemSelector);
    this.#observer?.takeRecords(); // our own moves are not a list change
    this.#listAppearedAt = this.#guardFrom = performance.now();
    this.#rerankDue = true;
    this.requestUpdate();
  }

  readonly #onClick = (event: MouseEvent): void => {
    const options = this.#options;
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

  /** The worker's ranking, or the problem that stopped it. In the
   *  experiment's control group the worker ranks with strength 0: the
   *  server's order, and no model loads, but the history size is still known. */
  async #askWorker(candidates: WireCandidate[], options: EdgeRerankOptions, variant: Variant): Promise<RerankResponse | Problem> {
    const request: RerankRequest = {
      query: options.query,
      candidates,
      model: this.#resolve(options.model, true),
      index: options.index ? this.#resolve(options.index, false) : null,
      device: options.device,
      strength: variant === 'control' ? 0 : options.strength,
      maxDisplacement: options.maxDisplacement,
    };
    this.#waiting++;
    try {
      const response = await workerClient.rerank(request, { stallMs: options.stallTimeout });
      for (const problem of response.problems) this.#report(problem);
      return response;
    } catch (err) {
      return EdgeRerankError.problem('worker', err);
    } finally {
      this.#waiting--;
    }
  }

  /** Reasons arrive as data; the text is made here, with the shop's strings. */
  #reasons(response: RerankResponse, options: EdgeRerankOptions): { reasons: Record<string, string>; reasonDetails: Reason[] } {
    const reasonDetails = response.order.flatMap((id) => (Object.hasOwn(response.reasons, id) ? [response.reasons[id]!] : []));
    const reasons = Object.fromEntries(reasonDetails.map((reason) => [reason.itemId, reasonText(reason, options.strings)]));
    return { reasons, reasonDetails };
  }

  async #run(generation: number): Promise<RerankOutcome> {
    const started = performance.now();
    const options = this.#options;
    if (options.consent === 'denied') {
      this.#rankingId = undefined;
      this.#list.restore(options.itemSelector); // consent withdrawn after a rerank: undo it
      this.#observer?.takeRecords();
      return { status: 'skipped', reason: 'consent denied' };
    }
    let collected;
    try {
      collected = this.#list.read(options.itemSelector, options.maxCandidates);
    } catch {
      this.#report({ code: 'input', message: `attribute item-selector="${options.itemSelector}" is not a valid CSS selector` });
      return { status: 'skipped', reason: 'invalid item-selector' };
    }
    for (const message of collected.problems) this.#report({ code: 'input', message });
    const readDom = elapsed(started);
    if (collected.candidates.length === 0) return { status: 'skipped', reason: 'no items' };

    const variant = experimentVariant(options.experiment);
    const response = await this.#askWorker(collected.candidates, options, variant);
    if (generation !== this.#generation) return { status: 'skipped', reason: 'superseded by a newer rerank' };
    if ('code' in response) {
      this.#report(response);
      return { status: 'failed', problem: response };
    }

    const { reasons, reasonDetails } = this.#reasons(response, options);
    const applyStarted = performance.now();
    // A late order is applied only if the shopper has not touched the page since the list appeared.
    const applied = applyStarted - this.#listAppearedAt <= options.budget || !interactedSince(this.#guardFrom);
    this.#rankingId = applied ? response.rankingId : undefined;
    if (applied) {
      this.#list.apply(options.itemSelector, collected, response.order, new Map(options.explain ? Object.entries(reasons) : []));
      this.#observer?.takeRecords(); // our own moves are not a list change
    }
    const detail: RerankedDetail = {
      order: response.order,
      scores: response.scores,
      reasons,
      reasonDetails,
      backend: response.backend,
      situation: response.situation,
      usedEncoder: response.usedEncoder,
      historySize: response.historySize,
      embedded: response.embedded,
      applied,
      variant,
      timings: { ...response.timings, readDom, apply: elapsed(applyStarted), endToEnd: elapsed(started) },
    };
    if (!this.#ready) {
      this.#ready = true;
      emit(this, READY_EVENT, { backend: response.backend });
    }
    emit(this, RERANKED_EVENT, detail);
    return { status: 'reranked', detail };
  }

  /** Folder URLs are resolved against the page; a bare hub id ("org/name") stays as it is. */
  #resolve(value: string, mayBeHubId: boolean): string {
    if (mayBeHubId && /^[\w.-]+\/[\w.-]+$/.test(value) && !value.startsWith('.')) return value;
    return new URL(value, this.ownerDocument.baseURI).href;
  }
}
