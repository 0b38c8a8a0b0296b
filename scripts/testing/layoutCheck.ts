/**
 * The layout rules every screen must keep, checked in the page itself (passed to `page.evaluate`):
 * - no text element holding more than three characters is narrower than two characters (a collapsed column);
 * - nothing sticks out of its card, nor out of the viewport sideways (the page never scrolls sideways);
 * - no two tappable elements overlap;
 * - no image is clipped by a container that hides overflow;
 * - with `minTapHeight`, every tappable element is at least that high (44 px at the largest text size).
 * Returns one line per problem, naming the element by its text.
 */
export interface LayoutOptions {
  minTapHeight?: number;
}

export function checkLayout(options: LayoutOptions): string[] {
  const problems: string[] = [];
  const TAPPABLE = 'button, taro-button-core, a[href], input, textarea, taro-input-core, taro-textarea-core, taro-picker-core, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [aria-pressed], .weui-tabbar__item, .dot, .chip, .option';
  const visible = (el: Element) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return !(r.width === 0 && r.height === 0) && (el as HTMLElement).closest('[aria-hidden="true"]') === null;
  };
  const shown = (el: Element) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
    }
    return true;
  };
  const name = (el: Element) => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
    const tag = el.tagName.toLowerCase();
    const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 2).join('.');
    return `${tag}${cls ? `.${cls}` : ''}「${text}」`;
  };
  // Only what is on the current page (Taro H5 keeps earlier pages of the stack in the DOM, hidden).
  const root = [...document.querySelectorAll('.taro_page')].filter((p) => shown(p)).pop() ?? document.body;
  const inScope = (el: Element) => root.contains(el) || el.closest('.weui-tabbar') !== null || el.closest('.taro__modal, .taro__toast, .taro__actionSheet') !== null;
  const all = [...document.body.querySelectorAll('*')].filter((el) => inScope(el) && shown(el));
  const width = window.innerWidth;

  // 1. Text columns that collapsed.
  for (const el of all) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
    if ([...own].length <= 3) continue;
    const r = el.getBoundingClientRect();
    const font = parseFloat(getComputedStyle(el).fontSize) || 16;
    if (r.width < 2 * font - 0.5) problems.push(`text narrower than two characters (${Math.round(r.width)} px, font ${Math.round(font)} px): ${name(el)}`);
  }

  // 2. Sideways overflow: the page, and every element against its card.
  const scrollWidth = document.scrollingElement?.scrollWidth ?? document.documentElement.scrollWidth;
  if (scrollWidth > width + 1) problems.push(`the page scrolls sideways (${scrollWidth} px wide in a ${width} px viewport)`);
  for (const card of all.filter((el) => el.classList.contains('card') && visible(el))) {
    const c = card.getBoundingClientRect();
    for (const el of card.querySelectorAll('*')) {
      if (!visible(el) || !shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > c.right + 1 || r.left < c.left - 1) {
        problems.push(`sticks out of its card by ${Math.round(Math.max(r.right - c.right, c.left - r.left))} px: ${name(el)} in ${name(card)}`);
        break;
      }
    }
  }
  for (const el of all) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
      problems.push(`sticks out of the screen by ${Math.round(r.right - width)} px: ${name(el)}`);
      break;
    }
  }

  // 3. Tappable elements on top of each other (an element and what it contains are one target), as far as they
  // can be seen: what a scrolling page hides under the tab bar is not on top of the tab bar.
  const taps = all.filter((el) => el.matches(TAPPABLE) && visible(el)).filter((el, _i, list) => !list.some((o) => o !== el && o.contains(el)));
  // The H5 tab bar sits over the bottom of the scrolling page; what is under it scrolls out (not an overlap).
  const overlapping = taps.filter((el) => el.closest('.weui-tabbar') === null);
  const seen = (el: Element) => {
    const r = el.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    return box;
  };
  const rects = overlapping.map(seen);
  for (let i = 0; i < overlapping.length; i++) {
    for (let j = i + 1; j < overlapping.length; j++) {
      const a = rects[i];
      const b = rects[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 4 && h > 4) problems.push(`tappable elements overlap (${Math.round(w)}×${Math.round(h)} px): ${name(overlapping[i])} and ${name(overlapping[j])}`);
    }
  }

  // 4. Images cut off by a container that hides what overflows it.
  for (const img of all.filter((el) => el.tagName === 'IMG' && visible(el))) {
    const r = img.getBoundingClientRect();
    // Up to the page: the page itself scrolls (what is below the fold is not cut off).
    for (let p = img.parentElement; p && p !== document.body && !p.matches('.taro_page, .taro-tabbar__panel, .taro-tabbar__container'); p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflow === 'visible' && s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      const cut = Math.max(c.left - r.left, r.right - c.right, c.top - r.top, r.bottom - c.bottom);
      // A scrolling container may hold more than it shows; only a clipping one cuts the image off.
      const scrolls = /(auto|scroll)/.test(`${s.overflowX} ${s.overflowY}`);
      if (cut > 1 && !scrolls) {
        problems.push(`image clipped by ${Math.round(cut)} px: ${name(img)} in ${name(p)}`);
        break;
      }
    }
  }

  // 5. Touch targets.
  if (options.minTapHeight) {
    for (const el of taps) {
      const r = el.getBoundingClientRect();
      if (r.height < options.minTapHeight - 0.5) problems.push(`tappable element only ${Math.round(r.height)} px high: ${name(el)}`);
    }
  }
  return problems;
}
