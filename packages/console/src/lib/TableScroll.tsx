import type { ComponentChildren } from 'preact';

/**
 * A table's box, scrolling sideways on a narrow screen (360 px) rather than the page. It can take focus, so a
 * keyboard user can scroll it too (axe: scrollable-region-focusable), and it is named after its table.
 */
export function TableScroll({ label, children }: { readonly label: string; readonly children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
