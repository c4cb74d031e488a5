import { describe, expect, it } from 'vitest';
import { createHook } from '../../../src/lib/hook.js';

describe('createHook (a hook connected after both services exist)', () => {
  it('forwards every call to the connected function, with its arguments and result', async () => {
    const hook = createHook<(a: number, b: string) => Promise<string>>('test.hook');
    hook.connect(async (a, b) => `${b}${a}`);
    await expect(hook.call(1, 'x')).resolves.toBe('x1');
  });

  it('throws, naming the hook, when called before anything is connected (a wiring mistake)', () => {
    const hook = createHook<() => Promise<void>>('test.unwired');
    expect(() => hook.call()).toThrow('hook test.unwired is not connected');
  });

  it('refuses a second connection', () => {
    const hook = createHook<() => Promise<void>>('test.twice');
    hook.connect(async () => {});
    expect(() => hook.connect(async () => {})).toThrow('hook test.twice is already connected');
  });
});
