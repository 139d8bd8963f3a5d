import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stylesheetLifecycles } from './stylesheet';

const HREF = 'http://localhost:8082/mf-exam/0.1.0/mf-exam.css';

// Keep the <link> out of happy-dom's loader: the tests decide whether it loads or fails.
let added: HTMLLinkElement[] = [];
beforeEach(() => {
  added = [];
  vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
    added.push(node as unknown as HTMLLinkElement);
    return node;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('stylesheetLifecycles', () => {
  it('adds the stylesheet on mount, resolves once it has loaded, removes it on unmount', async () => {
    const css = stylesheetLifecycles(HREF);
    let mounted = false;
    const mounting = css.mount().then(() => {
      mounted = true;
    });
    expect(added).toHaveLength(1);
    expect(added[0]!.rel).toBe('stylesheet');
    expect(added[0]!.href).toBe(HREF);
    await Promise.resolve();
    expect(mounted).toBe(false);
    added[0]!.dispatchEvent(new Event('load'));
    await mounting;
    expect(mounted).toBe(true);
    const remove = vi.spyOn(added[0]!, 'remove');
    await css.unmount();
    expect(remove).toHaveBeenCalled();
  });

  it('rejects the mount when the stylesheet cannot load (the app then shows its error card)', async () => {
    const css = stylesheetLifecycles(HREF);
    const mounting = css.mount();
    added[0]!.dispatchEvent(new Event('error'));
    await expect(mounting).rejects.toThrow(/stylesheet failed to load/);
    // a later mount tries again with a fresh link
    void css.mount().catch(() => {});
    expect(added).toHaveLength(2);
  });
});
