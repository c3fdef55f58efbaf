import type { Place } from '../lib/router';
import { Title } from '../lib/Title';
import { en } from '../messages/en';

export function Enrollments(_props: { readonly place: Place }) {
  return <section><Title text={en.enrollments.title} /></section>;
}
