import { StoreError, type Store, type StoreErrorCode } from '../../store/store.js';

/** A Store wrapper that fails every call with `code` (E_STORE_UNAVAILABLE unless said) while `down` is true. */
export function flakyStore(inner: Store): {
  store: Store;
  setDown(down: boolean, code?: StoreErrorCode): void;
} {
  let down = false;
  let code: StoreErrorCode = 'E_STORE_UNAVAILABLE';
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'close') return v;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new StoreError(code, 'store is down (test)'));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    setDown: (d, c = 'E_STORE_UNAVAILABLE') => {
      down = d;
      code = c;
    },
  };
}
