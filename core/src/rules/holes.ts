// The rules on a file whose reading stopped at a finding (a bad duration, a missing key): its model with `unread`
// in each hole (core/src/parse/reader.ts). Each rule sees the model through a view that notes whether it read a
// hole; a rule that did may have judged a value the file does not hold, so only the rules that read none report.
// So a bad duration no longer hides a bad endpoint name, and no rule speaks of the value it could not read.
// A rule over a list (alarms, steps, checks) judges entry by entry: `judgeEntries` keeps what it says of each
// entry whose judging read no hole, and `readableEntries` gives the entries that hold none, for rules that
// compare entries; either way one unread entry no longer silences the rule on the others.
import { unread } from '../parse/reader.js';

/** What a view stands for: its object, and the watch it notes hole reads in. */
interface ViewOf {
  readonly target: object;
  readonly watch: { read: boolean };
}

/** Every view's object and watch, so that the list helpers below can look at a list without reading its holes. */
const views = new WeakMap<object, ViewOf>();

/** A view of a partial model that notes whether anything read a hole through it. */
export interface HoleWatch<T> {
  readonly view: T;
  /** Whether a read through the view met a hole, since the watch began. */
  readonly readHole: () => boolean;
  /** Notes a hole read outside the view (a value the caller took from the model before). */
  readonly noteHole: () => void;
}

/**
 * A view of `model`: every object and list in it is seen through a proxy, where a hole reads as undefined and is
 * noted. Spreading or iterating an object reads each of its values, so it notes any hole among them.
 *
 *   watchHoles({ strategy: { size: …, bakeSeconds: unread } }).view.strategy.bakeSeconds → undefined, readHole() true
 */
export function watchHoles<T extends object>(model: T): HoleWatch<T> {
  const watch = { read: false };
  const known = new WeakMap<object, object>();
  const viewOf = <V extends object>(target: V): V => {
    const seen = known.get(target);
    if (seen !== undefined) return seen as V;
    const view = new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (value === unread) {
          watch.read = true;
          return undefined;
        }
        if (typeof value !== 'object' || value === null) return value;
        // A proxy must give a frozen property's own value; the reader's objects are never frozen, so none holds a hole.
        const own = Reflect.getOwnPropertyDescriptor(object, key);
        return own !== undefined && !own.configurable && !own.writable ? value : viewOf(value);
      },
      has(object, key) {
        if (Reflect.get(object, key) === unread) watch.read = true;
        return Reflect.has(object, key);
      },
    });
    known.set(target, view);
    views.set(view, { target, watch });
    return view;
  };
  return {
    view: viewOf(model),
    readHole: () => watch.read,
    noteHole: () => {
      watch.read = true;
    },
  };
}

/**
 * What `judge` says of each entry of a list, kept for the entries whose judging read no hole: an entry that did not
 * read at all is skipped, and one with a hole where the judge looks (`max: abc` to a judge of max and min) says
 * nothing, while the judge's words on every other entry stand and the rule is not counted as having read a hole.
 * `judge` sees one entry (and may read others through the view: a hole met there drops that entry's words too); it
 * must keep no state from one entry to the next, which a hole read as undefined could have set. A throw after a
 * hole was read is that entry's silence; any other throw is the rule's (`internal`). On a model without holes it
 * is a plain flatMap.
 *
 *   judgeEntries(view of [{ max: unread, min: 5 }, { max: 1, min: 5 }], c => c.min >= c.max ? ['min ≥ max'] : [])
 *     → ['min ≥ max'] (of the second check), no hole read
 */
export function judgeEntries<T, R>(
  list: readonly T[],
  judge: (entry: T, index: number) => readonly R[],
): R[] {
  const of = views.get(list);
  if (of === undefined) return list.flatMap((entry, i) => judge(entry, i));
  const target = of.target as readonly T[];
  const found: R[] = [];
  target.forEach((raw, i) => {
    if (raw === unread) return;
    const before = of.watch.read;
    of.watch.read = false;
    try {
      const said = judge(list[i] as T, i);
      if (!of.watch.read) found.push(...said);
    } catch (error) {
      if (!of.watch.read) throw error;
    } finally {
      of.watch.read = before;
    }
  });
  return found;
}

/**
 * The entries of a list that hold no hole at any depth, each in its place, and undefined in the place of one that
 * does, for a rule that compares entries (an order, duplicates, a count). Looking does not count as reading a hole.
 * Such a rule must ask what an unread entry could be, and say only what no reading of it would change. Lists in the
 * model never hold undefined, so undefined means a hole.
 *
 *   readableEntries(view of ['a', unread, 'a']) → ['a', undefined, 'a'], no hole read
 *   readableEntries(view of [{ max: unread }, { max: 1 }]) → [undefined, { max: 1 }]
 */
export function readableEntries<T>(list: readonly T[]): readonly (T | undefined)[] {
  const target = (views.get(list)?.target ?? list) as readonly T[];
  // The entries that read are taken through the view, to stay in it; none holds a hole, so none is noted.
  return target.map((entry, i) => (holdsHole(entry) ? undefined : list[i]));
}

/** Whether `value` is a hole or holds one, looked at directly (never through a view). */
function holdsHole(value: unknown): boolean {
  if (value === unread) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(views.get(value)?.target ?? value).some(holdsHole);
}
