import { el } from './format';

/**
 * A scrolling list that puts only the rows in view (and a few around them) into the DOM, so that 20,000 rows
 * cost what 40 do. Rows have one fixed height, which makes every position arithmetic: no measuring, no layout
 * thrash. Renders at most once per animation frame, whatever the number of updates in between.
 */
export class VirtualList<T> {
  static readonly OVERSCAN = 8;

  private items: T[] = [];
  private readonly spacer = el('div', { class: 'vl-spacer' });
  private readonly window = el('div', { class: 'vl-window' });
  private frame = 0;

  constructor(private readonly viewport: HTMLElement, private readonly rowHeight: number,
              private readonly renderRow: (item: T, index: number) => HTMLElement,
              private readonly onNearEnd: () => void) {
    viewport.classList.add('vl-viewport');
    viewport.append(this.spacer, this.window);
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  setItems(items: T[]): void {
    this.items = items;
    this.schedule();
  }

  /** Renders the visible rows again at the next frame (e.g. for durations that tick). */
  schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private render(): void {
    const count = this.items.length;
    this.spacer.style.height = count * this.rowHeight + 'px';
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - VirtualList.OVERSCAN);
    const last = Math.min(count, Math.ceil((top + height) / this.rowHeight) + VirtualList.OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      rows.push(this.renderRow(this.items[i], i));
    }
    this.window.style.transform = `translateY(${first * this.rowHeight}px)`;
    this.window.replaceChildren(...rows);
    if (last >= count - VirtualList.OVERSCAN * 4) {
      this.onNearEnd();
    }
  }
}
