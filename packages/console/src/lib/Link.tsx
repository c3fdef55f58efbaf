import type { ComponentChildren } from 'preact';
import { followLink, href } from './router';

interface LinkProps {
  /** A console path, e.g. `/enrollments/abc`. */
  readonly to: string;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly current?: boolean;
  readonly id?: string;
}

/** An ordinary `<a href>` (so it opens in a new tab and reads as a link) that navigates in place on a plain click. */
export function Link({ to, children, current, ...rest }: LinkProps) {
  return (
    <a href={href(to)} onClick={(event) => followLink(event, to)} aria-current={current === true ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
