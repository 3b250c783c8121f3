// The shop's own result list inside <edge-rerank>: which nodes are items, the
// server's order (captured when the list appears), and moving those nodes
// and their badges. Nothing is re-rendered or re-created.
import { collectCandidates, type CollectedCandidates } from './candidates.ts';
import { applyNodeOrder } from './node-order.ts';
import { showReasons } from './reason-badge/reason-badge.ts';

export class ResultList {
  readonly #host: Element;
  /** The item nodes in the server's order, captured when the list appears. */
  #serverNodes: Element[] | null = null;

  constructor(host: Element) {
    this.#host = host;
  }

  /** The shop replaced its list: the next read captures the server order anew. */
  changed(): void {
    this.#serverNodes = null;
  }

  /** Items in DOM order; throws a SyntaxError for a selector that is not CSS. */
  #items(selector: string): Element[] {
    return [...this.#host.querySelectorAll(selector)];
  }

  /** The candidates in the server's order. Later reads (a new query, forget())
   *  rank from the server's order, not from our own. */
  read(selector: string, maxCandidates: number): CollectedCandidates<Element> {
    const items = this.#items(selector);
    const known = this.#serverNodes ? new Set(this.#serverNodes) : null;
    const same = known !== null && known.size === items.length && items.every((node) => known.has(node));
    if (!same) this.#serverNodes = items;
    return collectCandidates(this.#serverNodes ?? items, maxCandidates);
  }

  /** Moves `nodes` (candidates, by id) into `order` within the slots they hold,
   *  and shows `badges`. Returns false (nothing moved) unless `order` is a
   *  permutation of the ids. */
  apply(selector: string, collected: CollectedCandidates<Element>, order: readonly string[], badges: ReadonlyMap<string, string>): boolean {
    const byId = new Map(collected.candidates.map((c, i) => [c.id, collected.nodes[i] as Element]));
    const ordered = order.map((id) => byId.get(id)).filter((node): node is Element => node !== undefined);
    if (ordered.length !== collected.nodes.length || new Set(ordered).size !== ordered.length) return false;
    const moving = new Set(collected.nodes);
    applyNodeOrder(
      this.#items(selector).filter((node) => moving.has(node)),
      ordered,
    );
    const shown = new Map<Element, string>();
    for (const [id, text] of badges) if (byId.has(id)) shown.set(byId.get(id)!, text);
    showReasons(this.#host, shown);
    return true;
  }

  /** Puts the server's order back and drops every badge (consent withdrawn, history forgotten). */
  restore(selector: string): void {
    showReasons(this.#host, new Map());
    const server = this.#serverNodes;
    let items: Element[];
    try {
      items = this.#items(selector);
    } catch {
      return; // a bad selector moved nothing
    }
    if (!server || server.length !== items.length) return;
    const known = new Set(server);
    if (items.every((node) => known.has(node))) applyNodeOrder(items, server);
  }
}
