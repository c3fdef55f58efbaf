import { Title } from '../lib/Title';

export function Enrollment({ enrollmentId }: { readonly enrollmentId: string }) {
  return <section><Title text={enrollmentId} /></section>;
}
