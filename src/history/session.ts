// A shopping session is a run of events with no gap longer than SESSION_GAP_MS.
// Deriving it from the last stored event (not from the tab) keeps tabs and the
// worker agreeing on one session without talking to each other.

export const SESSION_GAP_MS = 30 * 60 * 1000;

/** The session id for an event at `time`, given the latest stored event. */
export function sessionFor(time: number, last: { time: number; session: string } | undefined, gapMs: number = SESSION_GAP_MS): string {
  if (last && time >= last.time && time - last.time <= gapMs) return last.session;
  return `s${Math.floor(time).toString(36)}`;
}
