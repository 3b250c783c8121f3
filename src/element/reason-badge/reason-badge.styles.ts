// The badge's look, as a constructable stylesheet (Lit's `static styles`):
// adopted by the shadow root, never an inline <style>, so a page whose
// Content-Security-Policy says `style-src 'self'` still styles it. Every
// value can be overridden with the custom property it reads.
import { css } from 'lit';

export const reasonBadgeStyles = css`
  :host {
    display: inline-block;
  }
  [part='badge'] {
    font: var(--edge-rerank-reason-font, 0.8em/1.4 system-ui, sans-serif);
    color: var(--edge-rerank-reason-color, #1f4d2b);
    background: var(--edge-rerank-reason-background, #e3f4e6);
    border-radius: var(--edge-rerank-reason-radius, 0.6em);
    padding: var(--edge-rerank-reason-padding, 0.1em 0.5em);
  }
`;
