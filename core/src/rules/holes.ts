// The rules on a file whose reading stopped at a finding (a bad duration, a missing key): its model with `unread`
// in each hole (core/src/parse/reader.ts). Each rule sees the model through a view that notes whether it read a
// hole; a rule that did may have judged a value the file does not hold, so only the rules that read none report.
// So a bad duration no longer hides a bad endpoint name, and no rule speaks of the value it could not read.
import { unread } from '../parse/reader.js';

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
  let read = false;
  const views = new WeakMap<object, object>();
  const viewOf = <V extends object>(target: V): V => {
    const known = views.get(target);
    if (known !== undefined) return known as V;
    const view = new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (value === unread) {
          read = true;
          return undefined;
        }
        if (typeof value !== 'object' || value === null) return value;
        // A proxy must give a frozen property's own value; the reader's objects are never frozen, so none holds a hole.
        const own = Reflect.getOwnPropertyDescriptor(object, key);
        return own !== undefined && !own.configurable && !own.writable ? value : viewOf(value);
      },
      has(object, key) {
        if (Reflect.get(object, key) === unread) read = true;
        return Reflect.has(object, key);
      },
    });
    views.set(target, view);
    return view;
  };
  return {
    view: viewOf(model),
    readHole: () => read,
    noteHole: () => {
      read = true;
    },
  };
}
