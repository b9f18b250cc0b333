/**
 * An instant's ISO 8601 text, as Date.prototype.toISOString gives it, remembered for the
 * instants seen lately. A pushed batch prints the same instants many times over (an event's
 * occurredAt in its hash and its row, again in the folded state and in the clocks it starts),
 * and V8 formats each call anew through printf: some 0.4 µs, a few thousand times a batch.
 */
const recent = new Map<number, string>();
const KEEP = 50_000;

export function isoText(d: Date): string {
  const t = d.getTime();
  let text = recent.get(t);
  if (text === undefined) {
    text = d.toISOString(); // an invalid Date throws here, as toISOString does, and is not kept
    if (recent.size >= KEEP) recent.clear();
    recent.set(t, text);
  }
  return text;
}
