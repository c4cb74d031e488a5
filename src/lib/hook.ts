/**
 * A hook one service calls and another service, built after it, answers: the composition root
 * creates it before both, hands `call` to the caller and connects the answering function once
 * both exist (src/container.ts). Used where two modules need each other (handling's steps feed
 * exchange's status feedback, and exchange's recalls withdraw through handling), so neither has to
 * reach for a service that is not built yet.
 */
export type Hook<F extends (...args: never[]) => Promise<unknown>> = {
  /** Calls the connected function; throws when nothing is connected (a wiring mistake, not a runtime state). */
  call: F;
  /** Connects the answering function; once. */
  connect(fn: F): void;
};

export function createHook<F extends (...args: never[]) => Promise<unknown>>(name: string): Hook<F> {
  let target: F | undefined;
  const call = ((...args: Parameters<F>) => {
    if (!target) throw new Error(`hook ${name} is not connected`);
    return target(...args);
  }) as F;
  return {
    call,
    connect(fn) {
      if (target) throw new Error(`hook ${name} is already connected`);
      target = fn;
    },
  };
}
