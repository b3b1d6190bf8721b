/** A minimal typed event emitter; a throwing listener never reaches the SDK or the page. */
import { safe } from './safe.ts';

/** Subscribe / notify over the event map `M`. */
export function createEmitter<M>() {
  const listeners: { [K in keyof M]?: ((data: M[K]) => void)[] } = {};
  return {
    on<K extends keyof M>(name: K, listener: (data: M[K]) => void): () => void {
      const list = listeners[name] || [];
      listeners[name] = list;
      const wrapped = safe(listener);
      list.push(wrapped);
      return () => {
        list.splice(list.indexOf(wrapped) >>> 0, 1);
      };
    },
    emit<K extends keyof M>(name: K, data: M[K]): void {
      for (const listener of listeners[name] || []) listener(data);
    },
  };
}
