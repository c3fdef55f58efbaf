import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { en } from '../messages/en';

/**
 * A screen's heading: it names the document (the browser tab, the screen reader's page title) and takes focus when
 * the screen opens, so a keyboard or screen-reader user starts at the new screen rather than at the old link.
 */
export function Title({ text, children }: { readonly text: string; readonly children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${en.app.title}`;
    heading.current?.focus({ preventScroll: true });
  }, [text]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
