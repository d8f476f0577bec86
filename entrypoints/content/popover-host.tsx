/**
 * Hosts the Popover in a shadow root on the page: the page's CSS cannot reach
 * in, our keystrokes do not leak out, and the host is removed on close. It is
 * positioned with floating-ui next to the mention's range.
 */
import { render } from 'preact';
import { computePosition, flip, offset, shift, size, autoUpdate } from '@floating-ui/dom';
import { Popover, type Correction, type Notice, type PopoverProps, type SaveState } from '@/components/Popover';
import { POPOVER_CSS } from '@/components/popover-styles';
import { OWN_UI_ATTR } from '@/utils/dom/segments';
import type { EntityView } from '@/utils/messages';

export interface OpenArgs {
  range: Range;
  mention: PopoverProps['mention'];
  loadView: () => Promise<EntityView | null>;
  save: () => Promise<void>;
  onClosed: () => void;
  site: string;
  /** The reader corrected this match; resolves once the page is marked anew. */
  correct: (c: Correction) => Promise<void>;
  /** Shown at once (a correction just made, with its undo). */
  notice?: Notice;
}

function applyStyles(shadow: ShadowRoot): void {
  // Constructed sheets are not subject to the page's CSP; fall back to <style>.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(POPOVER_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch { /* fall through */ }
  const style = document.createElement('style');
  style.textContent = POPOVER_CSS;
  shadow.appendChild(style);
}

export class PopoverHost {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private mount: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private current: OpenArgs | null = null;
  private previousFocus: Element | null = null;
  private view: EntityView | null | undefined = undefined;
  private saveState: SaveState = 'idle';
  private error: string | undefined;
  private reposition: (() => void) | null = null;
  private notice: Notice | undefined;

  get isOpen(): boolean {
    return this.current !== null;
  }

  contains(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node));
  }

  open(args: OpenArgs): void {
    this.close(false);
    this.previousFocus = document.activeElement;
    this.current = args;
    this.view = undefined;
    this.saveState = 'idle';
    this.error = undefined;
    this.notice = args.notice;
    const host = document.createElement('dossier-popover');
    host.setAttribute(OWN_UI_ATTR, '');
    // A fixed, zero-size host outside <body>'s flow: no layout change for the page.
    host.style.cssText = 'position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647;margin:0;padding:0;border:0;';
    const shadow = host.attachShadow({ mode: 'open' });
    applyStyles(shadow);
    const mount = document.createElement('div');
    mount.style.cssText = 'position:fixed;top:0;left:0;';
    shadow.appendChild(mount);
    // Only the reader acts in the card: events a page script makes up (el.click(), dispatchEvent)
    // stop at the shadow root before any of our handlers, so a page can't save itself to the
    // library or add corrections through an open card.
    for (const type of ['click', 'auxclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit', 'toggle']) {
      shadow.addEventListener(type, (e) => { if (!e.isTrusted) { e.stopImmediatePropagation(); e.preventDefault(); } }, true);
    }
    // Keys typed in the popover are ours, not the page's shortcuts.
    for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
    document.documentElement.appendChild(host);
    this.host = host; this.shadow = shadow; this.mount = mount;
    this.renderNow();
    const reference = { getBoundingClientRect: () => args.range.getBoundingClientRect(), getClientRects: () => args.range.getClientRects() };
    const place = () => {
      void computePosition(reference, mount, { strategy: 'fixed', placement: 'bottom-start', middleware: [
        offset(6), flip({ padding: 8 }), shift({ padding: 8 }),
        // Never taller than the room left on screen: a card running off the bottom would hide its
        // own buttons from the reader (the card scrolls inside instead).
        size({ padding: 8, apply: ({ availableHeight }) => { mount.style.setProperty('--dossier-room', `${Math.max(120, Math.floor(availableHeight))}px`); } }),
      ] }).then(({ x, y }) => {
        mount.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    };
    this.reposition = place;
    this.stopAutoUpdate = autoUpdate(reference, mount, place, { animationFrame: false, elementResize: false });
    args.loadView().then(
      (view) => { if (this.current === args) { this.view = view; this.renderNow(); } },
      (err: unknown) => { if (this.current === args) { this.view = null; this.error = String(err); this.renderNow(); } },
    );
  }

  private renderNow(): void {
    const args = this.current;
    if (!args || !this.mount) return;
    render(
      <Popover
        mention={args.mention}
        view={this.view}
        saveState={this.saveState}
        error={this.error}
        site={args.site}
        notice={this.notice}
        onClose={() => this.close(true)}
        onCorrect={(c) => {
          args.correct(c).catch((err: unknown) => {
            if (this.current !== args) return;
            this.saveState = 'error';
            this.error = err instanceof Error ? err.message : String(err);
            this.renderNow();
          });
        }}
        onSave={() => {
          this.saveState = 'saving';
          this.renderNow();
          args.save().then(
            () => { this.saveState = 'saved'; this.renderNow(); },
            (err: unknown) => { this.saveState = 'error'; this.error = err instanceof Error ? err.message : String(err); this.renderNow(); },
          );
        }}
      />,
      this.mount,
    );
    // The card grows when the record arrives: place it again so it flips or shifts to fit.
    this.reposition?.();
  }

  /** Shows a notice (a correction made, with its undo) in the open card. */
  setNotice(notice: Notice | undefined): void {
    if (!this.current) return;
    this.notice = notice;
    this.renderNow();
    // The menu the focus was in is gone: keep the focus in the card.
    this.shadow?.querySelector<HTMLElement>('.card')?.focus({ preventScroll: true });
  }

  /** Closes the popover; restores focus to where the reader was when asked. */
  close(restoreFocus = true): void {
    if (!this.current) return;
    const args = this.current;
    this.current = null;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.reposition = null;
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = this.shadow = this.mount = null;
    if (restoreFocus && this.previousFocus instanceof HTMLElement && this.previousFocus.isConnected) {
      this.previousFocus.focus({ preventScroll: true });
    }
    this.previousFocus = null;
    args.onClosed();
  }
}
