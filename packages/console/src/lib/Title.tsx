import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { en } from '../messages/en';

/** Whether a screen has been shown yet: the first one, on page load, leaves focus where the browser puts it. */
let shownBefore = false;

/**
 * A screen's heading: it names the document (the browser tab, the screen reader's page title) and, when the member
 * navigates to a screen, takes focus, so a keyboard or screen-reader user starts at the new screen rather than at the
 * old link. On page load it does not: the first Tab still reaches the skip link.
 */
export function Title({ text, children }: { readonly text: string; readonly children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${en.app.title}`;
  }, [text]);
  useEffect(() => {
    if (shownBefore) heading.current?.focus({ preventScroll: true });
    shownBefore = true;
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
