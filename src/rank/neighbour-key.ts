// How the index names a behavioural neighbour: a 32-bit hash of its id, 4
// bytes instead of the id's string. The device hashes its own history ids the
// same way and matches them against a candidate's neighbours, so no id and no
// history ever has to be looked up anywhere. Two ids of one catalog share a
// key with probability ~n²/2³³ (the builder reports any it finds); a shared
// key only mixes those two items' co-purchase pushes.
import { fnv1a32 } from './fnv1a32.ts';

export function neighbourKey(id: string): number {
  return fnv1a32(id);
}
